"""The rules of the quality checks, registered in the order they run.

Each rule is a small function (in the module for its topic) that yields (message, location)
pairs for what it finds; `RULES` registers it with its stable id and whether it blocks
submission. Each function's docstring says what it catches and which audit finding or legal
principle it answers (EIA-DOMAIN.md). To add a rule, write the function and add it here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from eia.checks.context import Context
from eia.checks.findings import Location
from eia.checks.rules import completeness, engagement, impacts, outcome, timing


@dataclass(frozen=True)
class Rule:
    id: str
    blocking: bool
    check: Callable[[Context], Iterable[tuple[str, Location]]]
    # Impact, outcome and action rules do not apply to a short-form ("not relevant") screening.
    full_form_only: bool = False


def _blocks(check, *, full_form_only: bool = True) -> Rule:
    return Rule(check.__name__, True, check, full_form_only)


def _advises(check, *, full_form_only: bool = True) -> Rule:
    return Rule(check.__name__, False, check, full_form_only)


RULES: tuple[Rule, ...] = (
    # Blocking: what a reviewer would send straight back.
    _blocks(completeness.section_incomplete, full_form_only=False),
    _blocks(completeness.group_relevance_incomplete, full_form_only=False),
    _blocks(completeness.screening_contradicted, full_form_only=False),
    _blocks(completeness.impact_missing),
    _blocks(impacts.negative_impact_without_evidence),
    _blocks(impacts.high_relevance_without_evidence),
    _blocks(impacts.no_evidence_reason_missing),
    _blocks(impacts.negative_impact_unaddressed),
    _blocks(impacts.harm_remains_unanswered),
    _blocks(impacts.remaining_harm_unjustified),
    _blocks(impacts.unknown_impact_without_action),
    _blocks(impacts.filler_answer_on_negative_impact),
    _blocks(impacts.copied_effects_on_negative_impact),
    _blocks(impacts.one_source_for_negative_impact),
    _blocks(outcome.outcome_contradicts_findings),
    _blocks(outcome.no_major_change_while_unknown),
    _blocks(outcome.justification_incomplete),
    _blocks(outcome.cannot_be_justified),
    _blocks(completeness.action_owner_missing),
    _blocks(completeness.action_due_date_missing),
    _blocks(completeness.review_date_missing, full_form_only=False),
    _blocks(completeness.review_date_not_in_future, full_form_only=False),
    _blocks(timing.work_started_after_decision, full_form_only=False),
    _blocks(timing.decision_date_passed, full_form_only=False),
    _blocks(timing.engagement_after_decision),
    # Advice: shown on the check page, for the author and the reviewer to weigh.
    _advises(impacts.impact_description_generic),
    _advises(impacts.filler_answer),
    _advises(impacts.copied_effects),
    _advises(impacts.one_source_for_every_group),
    _advises(impacts.mitigation_on_positive_impact),
    _advises(impacts.neutral_without_evidence),
    _advises(outcome.negative_impact_without_action),
    _advises(outcome.cost_alone_as_aim),
    _advises(engagement.no_engagement),
    _advises(engagement.negative_group_not_engaged),
    _advises(engagement.intersectional_thin),
    _advises(engagement.cumulative_thin),
    _advises(timing.engagement_ends_after_decision),
    _advises(timing.engagement_dated_missing),
    _advises(timing.decision_date_missing, full_form_only=False),
)
