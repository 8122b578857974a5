"""The rules of the quality checks, in the order they run.

Each rule is a small function that yields (message, location) pairs for what it finds; `RULES`
registers it with its stable id and whether it blocks submission. Each docstring says what the
rule catches and which audit finding it answers (EIA-DOMAIN.md, "What goes wrong in real
assessments"). To add a rule, write the function and add it to `RULES`.
"""

# Messages quote names and labels with typographic quotes, as GOV.UK style does.

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from eia.checks.context import Context
from eia.checks.findings import CONTROL, Location
from eia.checks.impacts import CONTINUE, mitigation_missing
from eia.domain import ImpactLevel, VersionStatus
from eia.framework import JUSTIFICATION_QUESTIONS, Group, is_blank
from eia.models.assessments import Action

# Below this many words a description is rarely specific enough to show regard in substance.
MIN_WORDS = 25
# Versions whose analysis has been signed off; a decision date in the past is expected there.
SIGNED_OFF_STATES = frozenset({VersionStatus.SIGNED_OFF, VersionStatus.SUPERSEDED})

Found = Iterator[tuple[str, Location]]


@dataclass(frozen=True)
class Rule:
    id: str
    blocking: bool
    check: Callable[[Context], Iterable[tuple[str, Location]]]
    # Impact, outcome and action rules do not apply to a short-form ("not relevant") screening.
    full_form_only: bool = False


# Helpers ------------------------------------------------------------------------------------


def _who(group: Group) -> str:
    if group.is_protected:
        return f"people who share the protected characteristic of {group.name.lower()}"
    return f"‘{group.name}’"


def _names(groups: list[Group]) -> str:
    names = [g.name.lower() if g.is_protected else g.name for g in groups]
    if len(names) > 3:
        names = [*names[:2], f"{len(names) - 2} other groups"]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _words(text: str | None) -> int:
    return len((text or "").split())


def _day(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def _action_name(action: Action) -> str:
    text = " ".join((action.description or "").split())
    if len(text) <= 60:
        return f"‘{text}’"
    # Cut at the last whole word within 60 characters (a space just after counts).
    return f"‘{text[:61].rsplit(' ', 1)[0]}…’"


def _action_location(action: Action) -> Location:
    return Location("action_plan", action_id=action.id)


# Blocking rules -----------------------------------------------------------------------------


def _section_incomplete(ctx: Context) -> Found:
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


def _impact_missing(ctx: Context) -> Found:
    """A group has no impact answer. Audits find groups skipped or silently treated as
    neutral; here no group defaults to anything."""
    for group in ctx.groups:
        if ctx.version.impact_for(group.id) is None:
            yield f"Say what the impact is on {_who(group)}", ctx.group_location(group)


def _negative_impact_without_evidence(ctx: Context) -> Found:
    """A negative impact rests on no evidence, so its extent cannot be weighed (the Brown
    principles require the risk and extent of adverse impact to be assessed)."""
    for group, impact in ctx.answered_groups():
        if impact.level.is_negative and not impact.evidence:
            yield (f"Link evidence to the negative impact on {_who(group)}",
                   ctx.group_location(group))


def _no_evidence_reason_missing(ctx: Context) -> Found:
    """An impact with no evidence and no reason why. Audits find impacts asserted without
    evidence; a gap is acceptable only when it is explained. Negative impacts are left to
    `_negative_impact_without_evidence`, which needs evidence whatever the reason."""
    for group, impact in ctx.answered_groups():
        if (not impact.level.is_negative and not impact.evidence
                and is_blank(impact.no_evidence_reason)):
            yield (f"Link evidence to the impact on {_who(group)}, or say why there is none",
                   ctx.group_location(group))


def _negative_impact_unaddressed(ctx: Context) -> Found:
    """A negative impact with neither a mitigation nor a full justification for going ahead.
    Audits find adverse impacts recorded and then left as they are."""
    for group, impact in ctx.answered_groups():
        if mitigation_missing(impact.level, impact.mitigation, justified=ctx.justified):
            yield (f"Say how the negative impact on {_who(group)} will be removed or reduced",
                   ctx.group_location(group))


def _outcome_contradicts_findings(ctx: Context) -> Found:
    """"No major change" while a group is negatively affected: the outcome does not fit the
    findings, so the decision-maker would be told there is nothing to weigh."""
    negative = ctx.negative_groups()
    if ctx.outcome != "no_major_change" or not negative:
        return
    question = ctx.framework.question("outcome")
    yield (f"‘{question.option_label('no_major_change')}’ does not fit the negative impact on "
           f"{_names(negative)}. Choose ‘{question.option_label('adjust')}’ or "
           f"‘{question.option_label(CONTINUE)}’ with a justification, or revisit the impact",
           ctx.question_location("outcome", "outcome"))


def _justification_incomplete(ctx: Context) -> Found:
    """"Continue despite adverse impact" without the full justification: legitimate aim,
    necessity, alternatives, proportionality. Audits find this outcome chosen unjustified."""
    if ctx.outcome != CONTINUE:
        return
    answers = ctx.answers("outcome")
    blank = [q for q in JUSTIFICATION_QUESTIONS if is_blank(answers.get(q))]
    if blank:
        first = ctx.framework.question(blank[0])
        more = f" and {len(blank) - 1} more" if len(blank) > 1 else ""
        yield (f"Justify continuing despite adverse impact: answer ‘{first.label}’{more}",
               ctx.question_location("outcome", blank[0]))


def _action_owner_missing(ctx: Context) -> Found:
    """An action with no owner. An action nobody owns rarely happens."""
    for action in ctx.version.actions:
        if is_blank(action.owner):
            yield f"Name an owner for the action {_action_name(action)}", _action_location(action)


def _action_due_date_missing(ctx: Context) -> Found:
    """An action with no due date, so nobody can tell whether it is late."""
    for action in ctx.version.actions:
        if action.due_date is None:
            yield (f"Set a due date for the action {_action_name(action)}",
                   _action_location(action))


def _review_date_missing(ctx: Context) -> Found:
    """No review date. Audits find monitoring weak; the duty continues after the decision."""
    if ctx.version.review_date is None:
        yield ("Set a date to review this assessment",
               ctx.question_location("monitoring_and_review", "review_date"))


def _review_date_not_in_future(ctx: Context) -> Found:
    """A review date that is today or already past, so the review could never be planned."""
    review = ctx.version.review_date
    if review is not None and review <= ctx.today:
        yield (f"The review date, {_day(review)}, is not in the future: choose a later date",
               ctx.question_location("monitoring_and_review", "review_date"))


def _work_started_after_decision(ctx: Context) -> Found:
    """Equality work that started after the decision date. The Brown principles require
    due regard before and at the time of the decision, never after it."""
    started, decided = ctx.version.work_started_on, ctx.version.decision_date
    if started and decided and started > decided:
        yield (f"The equality work started on {_day(started)}, after the decision date of "
               f"{_day(decided)}. Regard must be paid before the decision is made",
               Location(CONTROL, question_id="work_started_on"))


def _decision_date_passed(ctx: Context) -> Found:
    """The decision date has passed and the analysis is not signed off. Audits find analysis
    done after the decision; sign-off must come first. (Without a decision date there is
    nothing to compare: `_decision_date_missing` advises instead.)"""
    decided = ctx.version.decision_date
    if decided and decided < ctx.today and ctx.version.status not in SIGNED_OFF_STATES:
        yield (f"The decision date, {_day(decided)}, has passed without sign-off. The analysis "
               "must be signed off before the decision: if the date has moved, update it",
               Location(CONTROL, question_id="decision_date"))


# Advice -------------------------------------------------------------------------------------


def _impact_description_generic(ctx: Context) -> Found:
    """A positive or negative impact described in a few words. Audits find impacts described
    generically; a decision-maker needs to know what changes in people's lives."""
    for group, impact in ctx.answered_groups():
        if (impact.level in (ImpactLevel.POSITIVE, ImpactLevel.NEGATIVE, ImpactLevel.BOTH)
                and _words(impact.effect) < MIN_WORDS):
            yield (f"Describe what would change in practice for {_who(group)}: for example "
                   "how far they travel, what they pay or what they can still use",
                   ctx.group_location(group))


def _negative_impact_without_action(ctx: Context) -> Found:
    """A negative impact that no action addresses: a mitigation not in the action plan
    has no owner or date, so it may never happen."""
    covered = {g for a in ctx.version.actions for g in json.loads(a.groups_json or "[]")}
    for group in ctx.negative_groups():
        if group.id not in covered:
            yield (f"Add an action for the negative impact on {_who(group)}",
                   Location("action_plan"))


def _no_engagement(ctx: Context) -> Found:
    """No engagement recorded. Talking to the people affected is how an analysis avoids
    guessing, and how consultation shapes a proposal while it can still change."""
    if not ctx.version.engagements:
        yield ("No engagement is recorded. Record who you involved and what changed as a "
               "result, or explain why none was needed", Location("engagement"))


def _intersectional_thin(ctx: Context) -> Found:
    """A brief intersectional answer. Audits find intersectional effects rarely analysed;
    the people worst affected often share more than one characteristic. (A blank answer is
    left to `_section_incomplete`.)"""
    answer = ctx.answers("intersectional_and_cumulative").get("intersectional_impact")
    if not is_blank(answer) and _words(answer) < MIN_WORDS:
        yield ("Say more about combined effects: name the people with more than one "
               "characteristic who could be affected more, such as older disabled women, and how",
               ctx.question_location("intersectional_and_cumulative", "intersectional_impact"))


def _neutral_without_evidence(ctx: Context) -> Found:
    """A neutral impact with no evidence, even with a reason. Audits find groups defaulted
    to neutral; neutral is a finding, and "not yet known" is the honest answer without one."""
    for group, impact in ctx.answered_groups():
        if impact.level is ImpactLevel.NEUTRAL and not impact.evidence:
            yield (f"Check the neutral impact on {_who(group)}: no evidence supports it. If you "
                   "do not know, choose ‘Not yet known’", ctx.group_location(group))


def _decision_date_missing(ctx: Context) -> Found:
    """No decision date, so nobody can check that the analysis comes before the decision."""
    if ctx.version.decision_date is None:
        yield ("Add the expected decision date, so reviewers can check the analysis comes "
               "before the decision", Location(CONTROL, question_id="decision_date"))


RULES: tuple[Rule, ...] = (
    Rule("section_incomplete", True, _section_incomplete),
    Rule("impact_missing", True, _impact_missing, full_form_only=True),
    Rule("negative_impact_without_evidence", True, _negative_impact_without_evidence,
         full_form_only=True),
    Rule("no_evidence_reason_missing", True, _no_evidence_reason_missing, full_form_only=True),
    Rule("negative_impact_unaddressed", True, _negative_impact_unaddressed,
         full_form_only=True),
    Rule("outcome_contradicts_findings", True, _outcome_contradicts_findings,
         full_form_only=True),
    Rule("justification_incomplete", True, _justification_incomplete, full_form_only=True),
    Rule("action_owner_missing", True, _action_owner_missing, full_form_only=True),
    Rule("action_due_date_missing", True, _action_due_date_missing, full_form_only=True),
    Rule("review_date_missing", True, _review_date_missing),
    Rule("review_date_not_in_future", True, _review_date_not_in_future),
    Rule("work_started_after_decision", True, _work_started_after_decision),
    Rule("decision_date_passed", True, _decision_date_passed),
    Rule("impact_description_generic", False, _impact_description_generic,
         full_form_only=True),
    Rule("negative_impact_without_action", False, _negative_impact_without_action,
         full_form_only=True),
    Rule("no_engagement", False, _no_engagement, full_form_only=True),
    Rule("intersectional_thin", False, _intersectional_thin, full_form_only=True),
    Rule("neutral_without_evidence", False, _neutral_without_evidence, full_form_only=True),
    Rule("decision_date_missing", False, _decision_date_missing),
)
