"""The public register of published assessments: no sign-in needed."""

from flask import Blueprint

bp = Blueprint("register", __name__, url_prefix="/register")

from eia.views.register import pages, verify  # noqa: E402  (they register their routes)

__all__ = ["bp", "pages", "verify"]
