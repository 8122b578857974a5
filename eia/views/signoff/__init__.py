"""The signatory's work: the queue of recommended assessments, sign-off, return, publication."""

from eia.views.signoff import decisions, publication  # noqa: F401  (they register their routes on bp)
from eia.views.signoff.blueprint import bp

__all__ = ["bp"]
