"""Training: practising on scenarios, feedback, and the facilitators' library, reviews,
cohorts and records; sessions, booking, attendance and importing delegates.

The practice attempt itself is written on the assessment pages (`eia.views.assessments`) and
reviewed on the review pages (`eia.views.review`), like a live assessment; these pages are what
surrounds it.
"""

from eia.views.training import (  # noqa: F401  (they register their routes on bp)
    attendance,
    bookings,
    delegates,
    facilitation,
    feedback,
    library,
    practice,
    sessions,
)
from eia.views.training.blueprint import bp

__all__ = ["bp"]
