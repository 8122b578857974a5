"""The review conversation: the reviewer's verdicts, checklist and actions, the authors' answers.

The moves themselves (start, request changes, recommend) are in `eia.services.workflow`; these
are the writes made between them. Only the reviewer of the round under way writes the round's
points and checklist; the authors and the version's reviewers reply; the authors mark points
resolved while changes are requested. Each function audits and commits once.
"""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError

from eia import audit, queries
from eia.domain import CLOSED_STATES, ActionStatus, DomainError, Verdict, VersionStatus
from eia.extensions import db
from eia.models.assessments import Action, AssessmentVersion
from eia.models.review import CHECKLIST, PointReply, Review, ReviewPoint
from eia.models.types import utcnow
from eia.models.users import User
from eia.permissions import is_editor, may_reply, may_resolve
from eia.progress import applicable_sections
from eia.services.transaction import use_case
from eia.workflow import MoveRefused, current_review, is_current_reviewer

__all__ = ["COMMENT_REQUIRED", "point_to_action", "record_checklist", "record_point", "reply",
           "resolve"]

COMMENT_REQUIRED = "Enter a comment saying what should change"


def _round_of(reviewer: User, version: AssessmentVersion) -> Review:
    """The round under way, when `reviewer` is its reviewer; MoveRefused otherwise."""
    review = current_review(version) if version.status == VersionStatus.IN_REVIEW else None
    if review is None:
        raise MoveRefused("This assessment is not being reviewed at the moment")
    if not is_current_reviewer(reviewer, version, review):
        raise MoveRefused(f"{review.reviewer.name} is reviewing this assessment")
    return review


def record_point(reviewer: User, version: AssessmentVersion, section_id: str, verdict: str,
                 comment: str) -> ReviewPoint:
    """Save the reviewer's verdict and comment on one section, for the round under way."""
    review = _round_of(reviewer, version)
    if section_id not in {s.id for s in applicable_sections(version, version.framework)}:
        raise DomainError("This assessment has no such section")
    verdict = Verdict(verdict)
    comment = comment.strip()
    if verdict != Verdict.ACCEPTABLE and not comment:
        raise DomainError(COMMENT_REQUIRED)
    try:
        return _save_point(reviewer, version, review, section_id, verdict, comment)
    except IntegrityError:
        # The same form sent twice at once: the first insert won, so this one updates it.
        db.session.rollback()
        return _save_point(reviewer, version, _round_of(reviewer, version), section_id, verdict,
                           comment)


@use_case
def _save_point(reviewer: User, version: AssessmentVersion, review: Review, section_id: str,
                verdict: Verdict, comment: str) -> ReviewPoint:
    """Write the point, audit it and commit."""
    point = review.point_for(section_id)
    if point is None:
        point = ReviewPoint(review=review, section_id=section_id)
        db.session.add(point)
    point.verdict = verdict.value
    point.comment = comment
    db.session.flush()
    audit.record_for_version("review.point_recorded", reviewer, version, round=review.round,
                             section=section_id, verdict=verdict.value)
    return point


@use_case
def record_checklist(reviewer: User, version: AssessmentVersion, ticked: set[str]) -> None:
    """Record which checklist items the reviewer found met; unknown keys are ignored."""
    review = _round_of(reviewer, version)
    review.checklist = {key: key in ticked for key, _ in CHECKLIST}
    audit.record_for_version("review.checklist_recorded", reviewer, version, round=review.round,
                             met=sorted(key for key, _ in CHECKLIST if key in ticked))


@use_case
def point_to_action(reviewer: User, version: AssessmentVersion, point: ReviewPoint) -> Action:
    """Turn an "improvable" point into an action in the plan, described by its comment.

    Allowed while the version is in review: the action is the reviewer's suggestion, and the
    authors give it an owner and a due date (the checks insist) before they resubmit.
    """
    review = _round_of(reviewer, version)
    if point.review_id != review.id:
        raise DomainError("Only points of the review under way can become actions")
    if point.verdict != Verdict.IMPROVABLE:
        raise DomainError("Only points marked ‘improvable’ can become actions")
    if point.action_id is not None:
        raise DomainError("This point is already an action in the plan")
    action = Action(version=version, description=point.comment, status=ActionStatus.PLANNED.value)
    action.groups = []
    db.session.add(action)
    db.session.flush()
    point.action_id = action.id
    audit.record_for_version("review.point_to_action", reviewer, version, round=review.round,
                             section=point.section_id, action_id=action.id)
    return action


@use_case
def reply(person: User, version: AssessmentVersion, point: ReviewPoint, body: str) -> PointReply:
    """Add an answer to a point: by one of the authors, or by a reviewer of this version."""
    if version.status in CLOSED_STATES:
        raise DomainError("This assessment is no longer under review, so its comments are "
                          "closed")
    if not may_reply(person, version, queries.reviews_of(version)):
        raise DomainError("Only the authors and the reviewer can answer review comments")
    body = body.strip()
    if not body:
        raise DomainError("Enter your reply")
    answer = PointReply(point=point, author_id=person.id, body=body)
    db.session.add(answer)
    db.session.flush()
    audit.record_for_version("review.point_replied", person, version, section=point.section_id,
                             point=point.id)
    return answer


@use_case
def resolve(editor: User, version: AssessmentVersion, point: ReviewPoint) -> None:
    """Mark a point dealt with. Only the authors, and only while changes are requested."""
    if not is_editor(editor, version):
        raise DomainError("Only the lead officer and contributors can mark comments resolved")
    if not may_resolve(editor, version):
        raise DomainError("Comments can be marked resolved only while changes are requested")
    if point.resolved_at is not None:
        return  # already resolved, perhaps by a double click: nothing more to do
    if point.verdict == Verdict.ACCEPTABLE:
        raise DomainError("This section was found acceptable: there is nothing to resolve")
    point.resolved_at = utcnow()
    point.resolved_by_id = editor.id
    audit.record_for_version("review.point_resolved", editor, version, section=point.section_id,
                             point=point.id)
