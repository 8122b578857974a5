"""The blueprint the `review` modules register their routes on."""

from flask import Blueprint

bp = Blueprint("review", __name__, url_prefix="/review")
