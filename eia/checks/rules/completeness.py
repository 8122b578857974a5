"""Rules about what is missing or contradicts itself: sections, groups, screening, actions, the
review date.

Audits find assessments with gaps, groups skipped or silently treated as neutral, and
screenings that call a proposal "not relevant" after saying it cuts a service.
"""

from __future__ import annotations

from eia.checks.context import Context
from eia.checks.findings import Location
from eia.checks.rules.helpers import Found, action_location, action_name, listed, who
from eia.domain import Relevance
from eia.formatting import format_date
from eia.framework import is_blank

SCREENING = "screening"
RELEVANCE_QUESTION = "group_relevance"
# Answers to the screening that say the proposal touches who can use a service or how.
_CHANGES_THAT_MATTER = ("reduction", "removal")
_RELEVANCE_QUESTIONS = ("relevant_eliminate_discrimination", "relevant_advance_equality",
                        "relevant_good_relations")


def section_incomplete(ctx: Context) -> Found:
    """A section that applies is unfinished, or a required question in it has no answer.

    An assessment submitted with gaps cannot show that regard was paid in substance; the
    short form still needs its screening reason and review date.
    """
    for section in ctx.framework.sections_for(short_form=ctx.short_form):
        row = ctx.version.section(section.id)
        unanswered = section.unanswered(ctx.answers(section.id)) if section.pages else ()
        if unanswered:
            yield (f"Answer ‘{unanswered[0].label}’ in {section.title}",
                   ctx.question_location(section.id, unanswered[0].id))
        elif row is None or not row.completed:
            yield (f"Finish ‘{section.title}’ and mark the section as complete",
                   Location(section.id))


def group_relevance_incomplete(ctx: Context) -> Found:
    """A group without a screened relevance, or without the reason for it. The depth of the
    analysis follows the screening, so each group's answer must be there and explained."""
    table = ctx.relevance
    missing = [g for g in ctx.groups
               if not (table.get(g.id) or {}).get("relevance")
               or is_blank((table.get(g.id) or {}).get("reason"))]
    if missing:
        yield (f"Say how relevant the proposal is to {listed(missing)}, and why",
               ctx.question_location(SCREENING, RELEVANCE_QUESTION))


def screening_contradicted(ctx: Context) -> Found:
    """"Not relevant" after answers that say the proposal reduces or removes something, could
    affect discrimination, access or good relations, or matters to a group. A screening that
    contradicts itself cannot support skipping the analysis."""
    if not ctx.short_form:
        return
    answers = ctx.answers(SCREENING)
    reasons = []
    if answers.get("change_nature") in _CHANGES_THAT_MATTER:
        reasons.append("the change is a reduction or a removal")
    if any(answers.get(q) == "yes" for q in _RELEVANCE_QUESTIONS):
        reasons.append("you said it could affect one of the aims of the equality duty")
    relevant = [g for g in ctx.groups if (ctx.relevance.get(g.id) or {}).get("relevance")
                in (Relevance.HIGH, Relevance.MEDIUM)]
    if relevant:
        reasons.append(f"you found it relevant to {listed(relevant)}")
    if reasons:
        yield ("The screening says the proposal is not relevant to equality, but "
               f"{' and '.join(reasons)}. Choose a full analysis, or correct the answers",
               ctx.question_location(SCREENING, "screening_decision"))


def impact_missing(ctx: Context) -> Found:
    """A group has no impact answer. Audits find groups skipped or silently treated as
    neutral; here no group defaults to anything. A group the screening found not relevant,
    with a reason, needs no impact row: that is proportionate, and it is itself reviewed."""
    for group in ctx.groups:
        if ctx.version.impact_for(group.id) is None and not ctx.screened_not_relevant(group):
            yield f"Say what the impact is on {who(group)}", ctx.group_location(group)


def action_owner_missing(ctx: Context) -> Found:
    """An action with no owner. An action nobody owns rarely happens."""
    for action in ctx.version.actions:
        if is_blank(action.owner):
            yield f"Name an owner for the action {action_name(action)}", action_location(action)


def action_due_date_missing(ctx: Context) -> Found:
    """An action with no due date, so nobody can tell whether it is late."""
    for action in ctx.version.actions:
        if action.due_date is None:
            yield (f"Set a due date for the action {action_name(action)}",
                   action_location(action))


def review_date_missing(ctx: Context) -> Found:
    """No review date. Audits find monitoring weak; the duty continues after the decision."""
    if ctx.version.review_date is None:
        yield ("Set a date to review this assessment",
               ctx.question_location("monitoring_and_review", "review_date"))


def review_date_not_in_future(ctx: Context) -> Found:
    """A review date that is today or already past, so the review could never be planned."""
    review = ctx.version.review_date
    if review is not None and review <= ctx.today:
        yield (f"The review date, {format_date(review)}, is not in the future: choose a later "
               "date", ctx.question_location("monitoring_and_review", "review_date"))
