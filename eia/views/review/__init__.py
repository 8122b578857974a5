"""The equality reviewer's work: the queue, reviewing section by section, the decision."""

from eia.views.review import decisions, queue, sections  # noqa: F401  (they register their routes on bp)
from eia.views.review.blueprint import bp

__all__ = ["bp"]
