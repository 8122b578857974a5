"""Marking a trainee's attempt against a scenario's model answer.

`mark(attempt, scenario)` is a pure function: the same attempt and scenario always give the
same `Feedback`, and nothing is read or written apart from the framework's group names. It
compares the screening decision, each group's impact level (with the evidence behind it), each
marking point and the outcome, and lists the negative impacts the attempt leaves unaddressed.
`model_attempt(scenario)` is the attempt that copies the model answer, which every scenario
marks as complete (the checker refuses one that does not).

The attempt's shape (`Attempt`, `AttemptImpact`, `AttemptAction`) is defined in
`eia.training.attempt` and the feedback's in `eia.training.feedback`; both are re-exported here.
"""

from __future__ import annotations

from collections.abc import Mapping

from eia.framework import Framework, default_framework
from eia.training.attempt import (
    Attempt,
    AttemptAction,
    AttemptImpact,
    model_attempt,
    unmet_keyword_groups,
)
from eia.training.feedback import (
    ADJACENT,
    MATCHED,
    MISSED,
    DecisionFeedback,
    EvidenceRef,
    Feedback,
    GroupFeedback,
    PointFeedback,
    Progress,
    UnaddressedImpact,
    verdict,
)
from eia.training.scenario_model import (
    ACTIONS_FIELD,
    CLAIMED_LEVELS,
    FIELD_SHORTHAND_LABELS,
    IMPACT_FIELDS,
    TEXT_FIELDS,
    MarkingPoint,
    ModelImpact,
    Scenario,
)

__all__ = [
    "Attempt",
    "AttemptAction",
    "AttemptImpact",
    "Feedback",
    "Progress",
    "look_in_label",
    "mark",
    "model_attempt",
]


def mark(attempt: Attempt, scenario: Scenario, framework: Framework | None = None) -> Feedback:
    """Compare an attempt with the scenario's model answer.

    `framework` supplies the groups' names (the default framework unless given); the groups
    themselves are the scenario's.
    """
    names = {g.id: g.name for g in (framework or default_framework()).groups}
    model = scenario.model_answer
    screening, outcome = model.screening, model.outcome
    return Feedback(
        scenario_id=scenario.id,
        scenario_version=scenario.version,
        screening=DecisionFeedback(
            expected=screening.decision, acceptable=screening.acceptable,
            given=attempt.screening_decision,
            verdict=verdict(screening.decision, screening.acceptable,
                            attempt.screening_decision),
            tag=screening.tag, explanation=screening.explanation),
        groups=tuple(_group(model.impact_for(group), attempt, scenario, names)
                     for group in scenario.group_ids),
        points=tuple(_point(point, attempt, names) for point in model.points),
        outcome=DecisionFeedback(
            expected=outcome.expected, acceptable=outcome.acceptable, given=attempt.outcome,
            verdict=verdict(outcome.expected, outcome.acceptable, attempt.outcome),
            tag=outcome.tag, explanation=outcome.explanation),
        unaddressed=_unaddressed(attempt, scenario, names),
    )


def _group(model: ModelImpact, attempt: Attempt, scenario: Scenario,
           names: Mapping[str, str]) -> GroupFeedback:
    given = attempt.impacts.get(model.group)
    level = given.level if given else None
    used: tuple[EvidenceRef, ...] = ()
    if given:
        used = (*(_pack_source(key, scenario) for key in given.evidence),
                *(EvidenceRef(None, title) for title in given.own_evidence))
    screened_out = given is None and attempt.screened_out(model.group)
    return GroupFeedback(
        group_id=model.group, group_name=names.get(model.group, model.group), tag=model.tag,
        expected_level=model.level, acceptable_levels=model.acceptable, given_level=level,
        verdict=_screened_out_verdict(model) if screened_out
        else verdict(model.level, model.acceptable, level),
        screened_out=screened_out, model_screened_out=model.screened_out,
        unsupported=bool(given and given.level in CLAIMED_LEVELS and not given.has_evidence),
        evidence_that_matters=tuple(_pack_source(key, scenario) for key in model.evidence),
        evidence_used=used, explanation=model.explanation)


def _screened_out_verdict(model: ModelImpact) -> str:
    """Screening a group out (not relevant, with a reason) instead of answering its impact:
    right where the model answer does the same, close where it finds no difference for the
    group, and a miss where the proposal affects it."""
    if model.screened_out:
        return MATCHED
    return ADJACENT if "neutral" in (model.level, *model.acceptable) else MISSED


def _pack_source(key: str, scenario: Scenario) -> EvidenceRef:
    # A key the pack does not have is shown as it is rather than hidden.
    title = scenario.evidence_item(key).title if scenario.has_evidence(key) else key
    return EvidenceRef(key, title)


def _point(point: MarkingPoint, attempt: Attempt, names: Mapping[str, str]) -> PointFeedback:
    return PointFeedback(
        point_id=point.id, tag=point.tag, summary=point.summary, explanation=point.explanation,
        looked_in=tuple(look_in_label(look_in, names) for look_in in point.look_in),
        found=not unmet_keyword_groups(point, attempt))


def look_in_label(look_in: str, names: Mapping[str, str]) -> str:
    """What a trainee calls the place a point is looked for, e.g. "Mitigation (Disability)"."""
    kind, _, group = look_in.partition(":")
    if kind in IMPACT_FIELDS:
        return f"{IMPACT_FIELDS[kind]} ({names.get(group, group) if group else 'any group'})"
    if kind == ACTIONS_FIELD:
        return "Action plan"
    return FIELD_SHORTHAND_LABELS.get(kind) or TEXT_FIELDS.get(kind, kind)


def _unaddressed(attempt: Attempt, scenario: Scenario,
                 names: Mapping[str, str]) -> tuple[UnaddressedImpact, ...]:
    acted_on = {group for action in attempt.actions for group in action.groups}
    found = []
    for group in scenario.group_ids:
        model = scenario.model_answer.impact_for(group)
        given = attempt.impacts.get(group)
        mitigated = bool(given and given.mitigation.strip())
        if model.is_negative and not mitigated and group not in acted_on:
            found.append(UnaddressedImpact(group, names.get(group, group), model.level,
                                           model.mitigation))
    return tuple(found)
