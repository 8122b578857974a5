"""The order of an assessment's dates: the equality work comes before the decision.

Decided once here for the details form, the service that saves the dates, the quality checks
and the sign-off guard (the Brown principles: due regard before and at the time of the
decision, never after it).
"""

from __future__ import annotations

from datetime import date

DECISION_BEFORE_WORK = ("The expected decision date must be on or after the date the equality "
                        "work started: regard must be paid before the decision is made")


def decision_before_work(work_started_on: date | None, decision_date: date | None) -> bool:
    """The decision is dated before the equality work started."""
    return bool(work_started_on and decision_date and decision_date < work_started_on)
