"""The blueprint the insights modules register their routes on."""

from flask import Blueprint

bp = Blueprint("insights", __name__, url_prefix="/insights")
