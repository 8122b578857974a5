"""The equality reviewer's work: the queue, reviewing section by section, the decision."""

from flask import Blueprint

bp = Blueprint("review", __name__, url_prefix="/review")

from eia.views.review import decisions, queue, sections  # noqa: E402  (they register routes on bp)

__all__ = ["bp", "decisions", "queue", "sections"]
