"""The blueprint the staff register's modules register their routes on."""

from flask import Blueprint

bp = Blueprint("staff_register", __name__, url_prefix="/all-assessments")
