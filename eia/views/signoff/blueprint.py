"""The blueprint the `signoff` modules register their routes on."""

from flask import Blueprint

bp = Blueprint("signoff", __name__, url_prefix="/sign-off")
