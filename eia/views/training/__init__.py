"""Training: practising on scenarios, feedback, and the facilitators' library, reviews,
cohorts and records; sessions, booking, attendance and importing delegates; the survey
after a session, polls during one, the feedback reports and the programme lead's page.

The practice attempt itself is written on the assessment pages (`eia.views.assessments`) and
reviewed on the review pages (`eia.views.review`), like a live assessment; these pages are what
surrounds it.
"""

from eia.views.training import (  # noqa: F401  (they register their routes on bp)
    attendance,
    board,
    bookings,
    dashboard,
    delegates,
    facilitation,
    feedback,
    guide,
    library,
    pathway,
    polls,
    practice,
    programmes,
    reports,
    resources,
    sessions,
    surveys,
)
from eia.views.training.blueprint import bp

__all__ = ["bp"]
