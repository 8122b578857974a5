"""The signed-in home page: what each role should do next."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from flask import render_template
from flask_login import current_user

from eia import progress, queries
from eia.domain import EDITABLE_STATES, Role, SectionStatus, VersionStatus
from eia.models.assessments import AssessmentVersion
from eia.permissions import PRACTISING_ROLES, is_editor
from eia.services.training import records
from eia.views.main.blueprint import bp
from eia.views.shared import me


@dataclass(frozen=True)
class AssessmentSummary:
    version: AssessmentVersion
    last_change: datetime | None
    next_step: str


def _next_step(version: AssessmentVersion) -> str:
    status = VersionStatus(version.status)
    if status in EDITABLE_STATES:
        tasks = progress.task_list(version, version.framework)
        left = sum(1 for t in tasks if t.status != SectionStatus.COMPLETED)
        if left:
            return f"Complete {left} more {'section' if left == 1 else 'sections'}"
        return "Check your answers"
    return {
        VersionStatus.IN_REVIEW: "Waiting for the equality reviewer",
        VersionStatus.AWAITING_SIGN_OFF: "Waiting for sign-off",
        VersionStatus.SIGNED_OFF: "Signed off: monitor the actions",
        VersionStatus.WITHDRAWN: "Withdrawn: nothing to do",
        VersionStatus.SUPERSEDED: "Replaced by a newer version",
    }[status]


def _your_assessments() -> list[AssessmentSummary]:
    versions = queries.list_assessments_for_editor(current_user.id)
    changed = queries.last_changes_of([v.reference for v in versions])
    return [AssessmentSummary(v, changed.get(v.reference), _next_step(v)) for v in versions]


@bp.get("/")
def home():
    roles = current_user.roles
    return render_template(
        "main/home.html", roles=roles, Role=Role,
        assessments=_your_assessments() if Role.AUTHOR in roles else [],
        reviews_due=queries.list_versions_due_for_review(date.today(), current_user.id)
        if Role.AUTHOR in roles else [],
        to_review=_not_own_work(queries.versions_in_status("in_review"))
        if Role.REVIEWER in roles else [],
        to_sign_off=_not_own_work(queries.versions_in_status("awaiting_sign_off"))
        if Role.APPROVER in roles else [],
        practice=records.record_of(me()) if roles & PRACTISING_ROLES else None,
        attempts_to_review=records.attempts_to_review(me())
        if Role.FACILITATOR in roles else [],
    )


def _not_own_work(versions: list) -> list:
    """Nobody is asked to review or sign off what they wrote."""
    return [v for v in versions if not is_editor(current_user, v)]
