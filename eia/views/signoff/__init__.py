"""The signatory's work: the queue of recommended assessments, sign-off, return, publication."""

from flask import Blueprint

bp = Blueprint("signoff", __name__, url_prefix="/sign-off")

from eia.views.signoff import decisions, publication  # noqa: E402  (they register routes on bp)

__all__ = ["bp", "decisions", "publication"]
