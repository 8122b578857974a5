"""Starting assessments and changing their control details.

An assessment gets its reference (EIA-2026-0001, counting up within each year) the moment it
is started, together with version 1 in draft, written against the current framework. A
practice attempt is started here too, with its own numbering (TRN-2026-0001) and the scenario's
extra groups (`eia.services.training.attempts`). An administrator may require a competent
practice attempt before anyone starts a live assessment.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import func, select, text

from eia import audit, queries
from eia.checks.dates import DECISION_BEFORE_WORK, decision_before_work
from eia.database import is_postgresql
from eia.domain import AssessmentType, DomainError, Purpose
from eia.extensions import db
from eia.models.assessments import Assessment, AssessmentVersion
from eia.models.types import utcnow
from eia.models.users import User
from eia.services import frameworks, settings
from eia.services.editing import check_lock, committing, ensure_editable
from eia.services.transaction import unit_of_work

_REFERENCE_LOCK_KEY = 7_014_022_027


class DatesOutOfOrder(DomainError):
    def __init__(self) -> None:
        super().__init__(DECISION_BEFORE_WORK)


@dataclass
class ControlDetails:
    title: str
    assessment_type: AssessmentType
    unit_id: int | None
    lead_officer_id: int
    contributor_ids: list[int]
    decision_maker: str
    decision_forum: str
    decision_date: date | None
    work_started_on: date | None
    strategic_decision: bool = False


PRACTICE_FIRST = ("Before you start a live assessment, a training facilitator must accept one "
                  "of your practice attempts as competent. Practise on a scenario first.")


class PracticeRequired(DomainError):
    """The organisation requires a competent practice attempt before a live assessment."""


def _next_reference(year: int, purpose: Purpose) -> tuple[int, str]:
    if is_postgresql():
        # Two people starting assessments at once must not get the same number.
        db.session.execute(text("SELECT pg_advisory_xact_lock(:key)"),
                           {"key": _REFERENCE_LOCK_KEY})
    last = db.session.scalar(select(func.max(Assessment.sequence)).where(
        Assessment.year == year, Assessment.purpose == purpose.value))
    sequence = (last or 0) + 1
    return sequence, f"{purpose.reference_prefix}-{year}-{sequence:04d}"


def why_not_start_live(author: User) -> str | None:
    """Why `author` may not start a live assessment yet, or None when they may."""
    if settings.practice_required() and not queries.has_competent_practice(author.id):
        return PRACTICE_FIRST
    return None


def _apply_control_details(version: AssessmentVersion, details: ControlDetails) -> None:
    if decision_before_work(details.work_started_on, details.decision_date):
        raise DatesOutOfOrder()
    _set_control_details(version, replace(
        details, title=details.title.strip(), decision_maker=details.decision_maker.strip(),
        decision_forum=details.decision_forum.strip()))


def _set_control_details(version: AssessmentVersion, details: ControlDetails) -> None:
    version.title = details.title
    version.assessment_type = AssessmentType(details.assessment_type).value
    version.unit_id = details.unit_id
    version.lead_officer_id = details.lead_officer_id
    version.decision_maker = details.decision_maker
    version.decision_forum = details.decision_forum
    version.decision_date = details.decision_date
    version.work_started_on = details.work_started_on
    version.strategic_decision = details.strategic_decision
    ids = [i for i in dict.fromkeys(details.contributor_ids) if i != details.lead_officer_id]
    version.contributors = list(db.session.scalars(select(User).where(User.id.in_(ids)))) if ids \
        else []


def start_assessment(author: User, details: ControlDetails, *,
                     purpose: Purpose = Purpose.LIVE,
                     extra_groups: tuple[str, ...] | None = None) -> Assessment:
    """Create an assessment with its reference and a first draft version.

    `extra_groups` replaces the organisation's choice (a practice scenario names its own).
    A live assessment raises PracticeRequired when the organisation requires practice first
    and `author` has no competent attempt.
    """
    purpose = Purpose(purpose)
    if purpose is Purpose.LIVE:
        refusal = why_not_start_live(author)
        if refusal:
            raise PracticeRequired(refusal)
    with unit_of_work():
        assessment = _new_assessment(author, purpose, extra_groups)
        _apply_control_details(assessment.latest, details)
        db.session.add(assessment)
        db.session.flush()
        audit.record("assessment.started", actor=author, object_type="assessment",
                     object_id=assessment.reference,
                     details={"title": assessment.latest.title, "purpose": purpose.value})
    return assessment


def start_record(importer: User, details: ControlDetails) -> AssessmentVersion:
    """A new live assessment (its reference and version 1) holding a record of the past, its
    control details exactly as the source gives them: a past record is what it is, so neither
    the practice requirement nor the order of its dates applies. Not audited here: the import
    that calls it records what it brought in."""
    with unit_of_work():
        assessment = _new_assessment(importer, Purpose.LIVE, None)
        _set_control_details(assessment.latest, details)
        db.session.add(assessment)
        db.session.flush()
    return assessment.latest


def _new_assessment(author: User, purpose: Purpose,
                    extra_groups: tuple[str, ...] | None) -> Assessment:
    year = utcnow().year
    sequence, reference = _next_reference(year, purpose)
    assessment = Assessment(reference=reference, year=year, sequence=sequence,
                            purpose=purpose.value, created_by=author)
    # Not added to the session yet: its control details are not set.
    AssessmentVersion(
        assessment=assessment,
        number=1,
        framework_snapshot=frameworks.current_snapshot(),
        extra_groups=frameworks.enabled_extra_groups_json() if extra_groups is None
        else json.dumps(list(extra_groups)),
        updated_by=author,
    )
    return assessment


def update_control_details(editor: User, version: AssessmentVersion, details: ControlDetails,
                           *, expected_lock: int) -> None:
    """Change the control details, refusing a save based on an out-of-date page."""
    ensure_editable(version)
    mine = _details_dict(details)
    check_lock(version, expected_lock, mine, lambda: _version_dict(version))
    before = _dates(version)
    with committing(mine, lambda: _version_dict(version)):
        _apply_control_details(version, details)
        version.updated_by = editor
        # Moving the dates is part of the due-regard trail: the reviewer sees every move.
        moved = {name: {"from": old, "to": new} for (name, old), new
                 in zip(before.items(), _dates(version).values(), strict=True) if old != new}
        audit.record_for_version("assessment.details_changed", editor, version,
                                 **({"dates_moved": moved} if moved else {}))


def _dates(version: AssessmentVersion) -> dict[str, str | None]:
    return {"decision_date": _iso(version.decision_date),
            "work_started_on": _iso(version.work_started_on)}


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _details_dict(details: ControlDetails) -> dict:
    return {"title": details.title, "decision_maker": details.decision_maker,
            "decision_forum": details.decision_forum}


def _version_dict(version: AssessmentVersion) -> dict:
    return {"title": version.title, "decision_maker": version.decision_maker,
            "decision_forum": version.decision_forum}
