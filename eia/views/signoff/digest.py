"""What a decision-maker or the public reads first: the outcome, the impact on each group."""

from __future__ import annotations

from dataclasses import dataclass

from eia.framework import Framework, Group
from eia.models.assessments import AssessmentVersion, GroupImpact

OUTCOME_SECTION = "outcome"


@dataclass(frozen=True)
class Outcome:
    label: str
    reason: str


@dataclass(frozen=True)
class GroupRow:
    group: Group
    impact: GroupImpact | None


def outcome_of(version: AssessmentVersion, framework: Framework) -> Outcome:
    """The chosen outcome in words, with the author's reason; screened-out says so."""
    if version.screened_out:
        screening = version.section("screening")
        return Outcome("Not relevant to equality (screened out)",
                       screening.answers.get("not_relevant_reason", "") if screening else "")
    row = version.section(OUTCOME_SECTION)
    answers = row.answers if row else {}
    value = answers.get("outcome")
    if not value:
        return Outcome("Not given", "")
    label = framework.section(OUTCOME_SECTION).question("outcome").option_label(value)
    return Outcome(label, answers.get("outcome_summary", ""))


def group_rows(version: AssessmentVersion, framework: Framework) -> list[GroupRow]:
    """Every group the assessment covers, protected characteristics first, with its impact."""
    groups = framework.groups_for(version.enabled_extra_groups)
    return [GroupRow(group, version.impact_for(group.id)) for group in groups]


def negative_rows(version: AssessmentVersion, framework: Framework) -> list[GroupRow]:
    return [row for row in group_rows(version, framework)
            if row.impact is not None and row.impact.level.is_negative]
