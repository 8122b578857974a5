"""Rules about when: the work before the decision, the decision date, engagement in time.

The Brown principles require due regard before and at the time of the decision, never after
it; audits find analysis done after the decision, and consultation that could no longer change
anything (Gunning: consult while the proposal is at a formative stage).
"""

from __future__ import annotations

from eia.checks.context import Context
from eia.checks.dates import decision_before_work
from eia.checks.findings import CONTROL, Location
from eia.checks.rules.helpers import Found
from eia.domain import SIGNED_OFF_STATES
from eia.formatting import format_date


def work_started_after_decision(ctx: Context) -> Found:
    """Equality work that started after the decision date."""
    started, decided = ctx.version.work_started_on, ctx.version.decision_date
    if decision_before_work(started, decided):
        yield (f"The equality work started on {format_date(started)}, after the decision date "
               f"of {format_date(decided)}. Regard must be paid before the decision is made",
               Location(CONTROL, question_id="work_started_on"))


def decision_date_passed(ctx: Context) -> Found:
    """The decision date has passed and the analysis is not signed off: sign-off must come
    first. (Without a decision date there is nothing to compare: `decision_date_missing`
    advises instead.)"""
    decided = ctx.version.decision_date
    if decided and decided < ctx.today and ctx.version.status not in SIGNED_OFF_STATES:
        yield (f"The decision date, {format_date(decided)}, has passed without sign-off. The "
               "analysis must be signed off before the decision: if the date has moved, update "
               "it", Location(CONTROL, question_id="decision_date"))


def decision_date_missing(ctx: Context) -> Found:
    """No decision date, so nobody can check that the analysis comes before the decision."""
    if ctx.version.decision_date is None:
        yield ("Add the expected decision date, so reviewers can check the analysis comes "
               "before the decision", Location(CONTROL, question_id="decision_date"))


def engagement_after_decision(ctx: Context) -> Found:
    """Engagement that starts on or after the decision date cannot inform the decision."""
    decided = ctx.version.decision_date
    for number, item in enumerate(ctx.version.engagements, start=1):
        if decided and item.started_on and item.started_on >= decided:
            yield (f"Engagement {number} starts on {format_date(item.started_on)}, on or after "
                   f"the decision date of {format_date(decided)}: engage while the proposal can "
                   "still change, or move the decision", Location("engagement"))


def engagement_ends_after_decision(ctx: Context) -> Found:
    """Engagement still running at the decision date: what it finds after then cannot be taken
    into account (Gunning's fourth principle)."""
    decided = ctx.version.decision_date
    if decided is None:
        return
    for number, item in enumerate(ctx.version.engagements, start=1):
        started_before = item.started_on is None or item.started_on < decided
        if started_before and item.ended_on and item.ended_on >= decided:
            yield (f"Engagement {number} runs until {format_date(item.ended_on)}, after the "
                   "decision date: its results must be in before the decision is made",
                   Location("engagement"))


def engagement_dated_missing(ctx: Context) -> Found:
    """Engagement with no start date, so nobody can check it came before the decision."""
    for number, item in enumerate(ctx.version.engagements, start=1):
        if item.started_on is None:
            yield (f"Give the date engagement {number} started, so reviewers can check it came "
                   "before the decision", Location("engagement"))
