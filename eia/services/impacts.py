"""Recording the impact of a proposal on one protected characteristic or extra group.

One `GroupImpact` row per group; no row means the group has not been answered, so a row is
only written once the answer meets the rules in `problems`. Any change sends the section the
group belongs to back to "in progress".
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.exc import IntegrityError

from eia import audit
from eia.checks.impacts import answer_problems, continuing_justified
from eia.domain import DomainError, ImpactLevel
from eia.extensions import db
from eia.framework import Group, Section
from eia.models.assessments import AssessmentVersion, GroupImpact
from eia.models.users import User
from eia.services import sections
from eia.services.editing import StaleEdit, check_lock, committing, ensure_editable


@dataclass
class ImpactAnswer:
    impact: ImpactLevel | None  # None until the user chooses; never saved that way
    effect: str = ""
    evidence_ids: list[int] = field(default_factory=list)
    no_evidence_reason: str = ""
    mitigation: str = ""
    harm_remains: bool | None = None  # asked of negative impacts only
    residual_impact: str = ""


class IncompleteImpact(DomainError):
    """The answer breaks a rule; `problems` maps each field to what the user must do."""

    def __init__(self, problems: dict[str, str]):
        self.problems = problems
        super().__init__(next(iter(problems.values())))


def problems(version: AssessmentVersion, answer: ImpactAnswer) -> dict[str, str]:
    """What is missing from `answer` before it can be saved (see `eia.checks.impacts`)."""
    return answer_problems(answer.impact, answer.effect, bool(answer.evidence_ids),
                           answer.no_evidence_reason, answer.mitigation, answer.harm_remains,
                           justified=continuing_justified(version.answers_to("outcome")))


def save_impact(editor: User, version: AssessmentVersion, section: Section, group: Group,
                answer: ImpactAnswer, *, expected_lock: int) -> GroupImpact:
    """Record the impact on `group`, which `section` asks about.

    Raises IncompleteImpact when `problems` finds anything, NotEditable once the version has
    left its authors, and StaleEdit when the row was saved after the page was loaded at
    `expected_lock` (NEW_ROW_LOCK for a page opened before any answer existed).
    """
    ensure_editable(version)
    found = problems(version, answer)
    if found:
        raise IncompleteImpact(found)
    existing = version.impact_for(group.id)
    mine = _answer_dict(version, answer)

    def theirs() -> dict:
        return _row_dict(version.impact_for(group.id))

    check_lock(existing, expected_lock, mine, theirs)
    try:
        with committing(mine, theirs):
            row = existing or _new_row(version, group)
            _apply(row, version, answer)
            sections.reopen_section(editor, version, section.id)
            audit.record_for_version("assessment.impact_saved", editor, version,
                                     section=section.id, group=group.id,
                                     impact=answer.impact.value)
    except IntegrityError as error:
        # Someone else saved the first answer for this group between our check and our insert.
        db.session.rollback()
        raise StaleEdit(mine, theirs()) from error
    return row


def _new_row(version: AssessmentVersion, group: Group) -> GroupImpact:
    row = GroupImpact(version=version, group_id=group.id)
    db.session.add(row)
    return row


def _apply(row: GroupImpact, version: AssessmentVersion, answer: ImpactAnswer) -> None:
    row.impact = answer.impact.value
    row.effect = answer.effect.strip()
    row.no_evidence_reason = answer.no_evidence_reason.strip()
    row.mitigation = answer.mitigation.strip()
    row.harm_remains = answer.harm_remains if answer.impact.is_negative else None
    row.residual_impact = answer.residual_impact.strip()
    chosen = set(answer.evidence_ids)
    # Only this version's sources: an id from another assessment is ignored, never linked.
    row.evidence = [source for source in version.evidence if source.id in chosen]


def _answer_dict(version: AssessmentVersion, answer: ImpactAnswer) -> dict:
    chosen = set(answer.evidence_ids)
    return {
        "impact": answer.impact.label,
        "effect": answer.effect,
        "evidence": [s.title for s in version.evidence if s.id in chosen],
        "no_evidence_reason": answer.no_evidence_reason,
        "mitigation": answer.mitigation,
        "harm_remains": _yes_no(answer.harm_remains),
        "residual_impact": answer.residual_impact,
    }


def _row_dict(row: GroupImpact | None) -> dict:
    if row is None:
        return {}
    return {
        "impact": row.level.label,
        "effect": row.effect,
        "evidence": [source.title for source in row.evidence],
        "no_evidence_reason": row.no_evidence_reason,
        "mitigation": row.mitigation,
        "harm_remains": _yes_no(row.harm_remains),
        "residual_impact": row.residual_impact,
    }


def _yes_no(value: bool | None) -> str:
    return "" if value is None else ("Yes" if value else "No")
