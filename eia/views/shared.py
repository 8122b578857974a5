"""What views of several blueprints share: the signed-in person, and finding the version a
request is about with the object-level checks, so every view starts from a version it may use.
"""

from __future__ import annotations

from flask import abort, url_for
from flask_login import current_user

from eia import queries
from eia.extensions import db
from eia.framework import Framework, Section
from eia.models.assessments import AssessmentVersion
from eia.models.review import ReviewPoint
from eia.models.users import User
from eia.permissions import may_edit_assessment, may_review, may_view_assessment
from eia.services.editing import ensure_editable


def me() -> User:
    """The signed-in user (the object itself, not Flask-Login's proxy)."""
    return current_user._get_current_object()


def _found(version: AssessmentVersion | None) -> AssessmentVersion:
    if version is None:
        abort(404)
    return version


def latest_live_version(reference: str) -> AssessmentVersion:
    """The latest version of the live assessment `reference`, or 404 (a practice attempt is
    not found); callers apply their own access rules."""
    return _found(queries.latest_version(reference, live_only=True))


def readable_version(reference: str) -> AssessmentVersion:
    """The latest version of `reference`, or 404 for anyone who may not see it."""
    version = _found(queries.latest_version(reference))
    if not may_view_assessment(current_user, version):
        abort(404)
    return version


def reviewable_version(reference: str) -> AssessmentVersion:
    """The latest version, for the people who review its kind: equality reviewers for a live
    assessment, facilitators for a practice attempt; 404 for anyone else."""
    version = _found(queries.latest_version(reference))
    if not may_review(current_user, version):
        abort(404)
    return version


def editable_version(reference: str) -> AssessmentVersion:
    """The latest version, for its editors while it can be changed.

    404 for people who may not see it; 403 for readers who may not change it; a version that
    is no longer editable raises NotEditable, which sends the user back to the task list.
    """
    version = readable_version(reference)
    ensure_editable(version)
    if not may_edit_assessment(current_user, version):
        abort(403)
    return version


def live_version_or_404(reference: str, number: int) -> AssessmentVersion:
    """Version `number` of the live assessment `reference`, or 404; callers apply their own
    access rules."""
    assessment = queries.get_live_assessment(reference)
    version = queries.get_version_of(assessment, number) if assessment else None
    if version is None:
        abort(404)
    return version


def point_or_404(version: AssessmentVersion, point_id: int) -> ReviewPoint:
    """A review comment on `version`; one on any other version is not found."""
    point = db.session.get(ReviewPoint, point_id)
    if point is None or point.review.version_id != version.id:
        abort(404)
    return point


def section_or_404(framework: Framework, section_id: str) -> Section:
    try:
        return framework.section(section_id)
    except KeyError:
        abort(404)


def staff_link_to(assessment) -> str | None:
    """The address of a linked assessment's record, when the person reading may open it."""
    if not may_view_assessment(current_user, assessment.latest):
        return None
    return url_for("assessments.view_task_list", reference=assessment.reference)
