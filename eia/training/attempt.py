"""A trainee's attempt as the marking sees it, and the attempt that copies the model answer.

The training services build an `Attempt` from a practice assessment (its screening decision,
impact rows, outcome, free-text answers and actions); the marking never sees the database.
`texts_in` is the one place that says which text a marking point's `look_in` field means, so
the checker (which tests the model answer against its own points) and the marking agree.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from eia.training.keywords import unmatched_groups
from eia.training.scenario_model import (
    ACTIONS_FIELD,
    FIELD_SHORTHANDS,
    IMPACT_FIELDS,
    MarkingPoint,
    Scenario,
)


@dataclass(frozen=True)
class AttemptImpact:
    """A trainee's row of the impact table for one group.

    `evidence` holds the pack keys of the sources linked to the row. Sources the trainee added
    themselves have no pack key: their titles go in `own_evidence`, so they count as evidence
    (the impact is not unsupported) without matching any source the model answer relies on.
    """

    level: str
    effect: str = ""
    mitigation: str = ""
    residual: str = ""
    evidence: tuple[str, ...] = ()
    own_evidence: tuple[str, ...] = ()
    harm_remains: bool | None = None  # asked of a negative impact only

    @property
    def has_evidence(self) -> bool:
        return bool(self.evidence or self.own_evidence)


@dataclass(frozen=True)
class AttemptAction:
    description: str
    groups: tuple[str, ...] = ()
    owner: str = ""
    due_date: date | None = None


@dataclass(frozen=True)
class GroupRelevance:
    """What the screening says about one group: how relevant the proposal is, and why."""

    relevance: str
    reason: str = ""

    @property
    def screened_out(self) -> bool:
        """Not relevant, with a reason: the group needs no impact answer."""
        return self.relevance == "none" and bool(self.reason.strip())


@dataclass(frozen=True)
class Attempt:
    """What the marking reads from a practice assessment.

    `impacts` is keyed by group id; a group with no row is not answered, unless `relevance`
    (the screening's answer for each group) screened it out. `texts` holds the
    free-text areas keyed as in `scenario_model.TEXT_FIELDS`: "screening" (what is changing,
    the likely impacts and the basis of the decision), "engagement" (activities and the people
    not yet heard from), "outcome" (the summary and the changes made or what happens instead),
    the framework's justification and aim question ids, and the rest by name.
    """

    screening_decision: str | None
    impacts: Mapping[str, AttemptImpact] = field(default_factory=dict)
    outcome: str | None = None
    texts: Mapping[str, str] = field(default_factory=dict)
    actions: tuple[AttemptAction, ...] = ()
    relevance: Mapping[str, GroupRelevance] = field(default_factory=dict)

    def screened_out(self, group: str) -> bool:
        """The screening found the proposal not relevant to `group` and said why."""
        found = self.relevance.get(group)
        return found is not None and found.screened_out


def texts_in(attempt: Attempt, look_in: str) -> list[str]:
    """The attempt's texts that one `look_in` field names (empty where nothing is written)."""
    kind, _, group = look_in.partition(":")
    if kind in IMPACT_FIELDS:
        if group:
            rows = [attempt.impacts[group]] if group in attempt.impacts else []
        else:
            rows = list(attempt.impacts.values())
        return [getattr(row, kind) for row in rows]
    if kind == ACTIONS_FIELD:
        return [action.description for action in attempt.actions]
    return [attempt.texts.get(key, "") for key in FIELD_SHORTHANDS.get(kind, (kind,))]


def unmet_keyword_groups(point: MarkingPoint,
                         attempt: Attempt) -> tuple[tuple[str, ...], ...]:
    """The point's keyword groups that nothing in its fields matches; empty when it is found.

    A group may match in any of the fields the point looks in, not necessarily the same one as
    the other groups: trainees split an idea across fields, and where they put it is not what
    the point is about.
    """
    texts = [text for look_in in point.look_in for text in texts_in(attempt, look_in)]
    return unmatched_groups(point.look_for, texts)


def model_attempt(scenario: Scenario, start: date | None = None) -> Attempt:
    """The attempt a trainee makes by copying the model answer exactly.

    A group the model answer screens out has no impact row, as in the form. Actions fall due
    `due_in_days` after `start` (the day the attempt started); without a start they have no
    due date.
    """
    model = scenario.model_answer
    return Attempt(
        screening_decision=model.screening.decision,
        relevance={i.group: GroupRelevance(i.relevance, i.relevance_reason)
                   for i in model.impacts},
        impacts={i.group: AttemptImpact(level=i.level, effect=i.effect, mitigation=i.mitigation,
                                        residual=i.residual, evidence=i.evidence,
                                        harm_remains=i.harm_remains)
                 for i in model.impacts if not i.screened_out},
        outcome=model.outcome.expected,
        texts=model.texts(),
        actions=tuple(
            AttemptAction(description=a.description, groups=a.groups, owner=a.owner,
                          due_date=start + timedelta(days=a.due_in_days) if start else None)
            for a in model.actions),
    )
