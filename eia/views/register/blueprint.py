"""The blueprint the `register` modules register their routes on."""

from flask import Blueprint

bp = Blueprint("register", __name__, url_prefix="/register")
