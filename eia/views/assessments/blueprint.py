"""The blueprint the `assessments` modules register their routes on."""

from flask import Blueprint

bp = Blueprint("assessments", __name__, url_prefix="/assessments")
