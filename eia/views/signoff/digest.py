"""What a decision-maker or the public reads first: the outcome, the impact on each group."""

from __future__ import annotations

from dataclasses import dataclass

from eia.domain import ImpactLevel
from eia.formatting import answer_text
from eia.framework import AIMS, JUSTIFICATION_QUESTIONS, Framework, Group, is_blank
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


def rows_to_weigh(version: AssessmentVersion, framework: Framework) -> list[GroupRow]:
    """Every group a decision-maker must weigh: negative impacts, and those not yet known."""
    return [row for row in group_rows(version, framework) if row.impact is not None
            and (row.impact.level.is_negative or row.impact.level is ImpactLevel.NOT_KNOWN)]


def answered(version: AssessmentVersion, framework: Framework, section_id: str,
             question_ids: tuple[str, ...]) -> list[tuple[str, str]]:
    """(question, answer in words) for those of `question_ids` the version answered."""
    if not framework.has_section(section_id):
        return []
    section, answers = framework.section(section_id), version.answers_to(section_id)
    asked = {q.id: q for q in section.shown_questions(answers)}
    return [(asked[q].label, answer_text(asked[q], answers[q], framework.group_names))
            for q in question_ids if q in asked and not is_blank(answers.get(q))]


def three_aims(version: AssessmentVersion, framework: Framework) -> list[tuple[str, str]]:
    return answered(version, framework, "three_aims", tuple(f"aim_{aim}" for aim in AIMS))


def justification(version: AssessmentVersion, framework: Framework) -> list[tuple[str, str]]:
    """The reasoning for going ahead despite harm: the justification, what cannot be
    justified, and why any remaining impact is proportionate."""
    return answered(version, framework, OUTCOME_SECTION, (
        "cannot_be_justified", *JUSTIFICATION_QUESTIONS, "remaining_impact_proportionality"))
