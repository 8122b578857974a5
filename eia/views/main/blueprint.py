"""The blueprint the `main` modules register their routes on."""

from flask import Blueprint

bp = Blueprint("main", __name__)
