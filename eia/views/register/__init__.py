"""The public register of published assessments: no sign-in needed."""

from flask import Blueprint

bp = Blueprint("register", __name__, url_prefix="/register")

from eia.views.register import pages  # noqa: E402  (it registers its routes on bp)

__all__ = ["bp", "pages"]
