"""Moving assessments through review and sign-off: one function per move a person makes.

Each function makes its move through `eia.workflow.apply_action` (which checks the table and
the guards), does what the move implies (a review round, a sign-off record, a new version),
tells the people concerned, and commits once. Two people making the same move at once (a
double-click, or two approvers) produce one move: the version's lock column makes the second
UPDATE fail, and that person is told what happened instead.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

from sqlalchemy.orm.exc import StaleDataError

from eia import queries
from eia.checks import check_assessment
from eia.domain import ReviewDecision, Role, VersionStatus
from eia.extensions import db
from eia.models.assessments import AssessmentVersion
from eia.models.review import DECLARATION, Publication, Review, SignOff
from eia.models.types import utcnow
from eia.models.users import User
from eia.services import notifications, versions
from eia.services.mail import deliver_pending
from eia.services.transaction import after_commit, unit_of_work
from eia.services.transfer import document_fingerprint
from eia.workflow import (
    MOVED_BY_SOMEONE_ELSE,
    Action,
    Move,
    MoveRefused,
    apply_action,
    current_review,
)

__all__ = ["MoveRefused", "accept", "publish", "recommend", "request_changes",
           "return_for_changes", "revise", "sign_off", "start_review", "submit", "unpublish",
           "withdraw"]


@contextmanager
def _moving() -> Iterator[None]:
    """One move as one unit of work; someone else's move that landed first is MoveRefused.

    The move's emails are sent once it is saved: a mail server that is down leaves them in the
    outbox for `flask eia send-mail`, and never undoes or blocks the move.
    """
    try:
        with unit_of_work():
            after_commit(deliver_pending)
            yield
    except StaleDataError as error:
        raise MoveRefused(MOVED_BY_SOMEONE_ELSE) from error


def _review_path(version: AssessmentVersion) -> str:
    return f"/review/{version.reference}"


def _sign_off_path(version: AssessmentVersion) -> str:
    return f"/sign-off/{version.reference}"


def _others_with_role(role: Role, version: AssessmentVersion, *exclude: User) -> list[User]:
    """Everyone holding `role` who may act on `version`: never its own authors."""
    excluded = {u.id for u in (*version.editors, *exclude) if u is not None}
    return [u for u in queries.active_users_with_role(role) if u.id not in excluded]


def _tell(version: AssessmentVersion, people, kind: str, message: str, path: str) -> None:
    notifications.notify(people, kind, message, path, reference=version.reference)


def blocking_problems(version: AssessmentVersion, today: date | None = None) -> tuple[str, ...]:
    findings = check_assessment(version, version.framework, today=today or date.today())
    return tuple(f.message for f in findings if f.blocking)


def submit(author: User, version: AssessmentVersion, *, today: date | None = None) -> None:
    """Send a draft (or a returned assessment) to the reviewers."""
    with _moving():
        action = Action.RESUBMIT if version.status == VersionStatus.CHANGES_REQUESTED \
            else Action.SUBMIT
        apply_action(Move(version, action, author,
                          blocking_problems=blocking_problems(version, today)))
        review = queries.latest_review(version)
        if action is Action.RESUBMIT and review is not None:
            # The reviewer who asked for the changes sees the answers first.
            recipients = [review.reviewer]
            message = f"{version.reference} ‘{version.title}’ has been changed and resubmitted"
        elif version.is_training:
            recipients = _others_with_role(Role.FACILITATOR, version)
            message = (f"{version.reference} ‘{version.title}’, a practice attempt, is waiting "
                       "for a facilitator")
        else:
            recipients = _others_with_role(Role.REVIEWER, version)
            message = f"{version.reference} ‘{version.title}’ is waiting for review"
        _tell(version, recipients, "submitted", message, _review_path(version))


def start_review(reviewer: User, version: AssessmentVersion) -> Review:
    with _moving():
        apply_action(Move(version, Action.START_REVIEW, reviewer))
        rounds = queries.reviews_of(version)
        review = Review(version=version, round=len(rounds) + 1, reviewer=reviewer)
        if rounds:
            review.checklist = rounds[-1].checklist
        db.session.add(review)
        _tell(version, version.editors, "review_started",
              f"{reviewer.name} has started reviewing {version.reference} "
              f"‘{version.title}’", notifications.task_list_path(version))
    return review


def _decide(review: Review, decision: ReviewDecision, reason: str = "") -> None:
    review.decision = decision.value
    review.decided_at = utcnow()
    review.reason = reason.strip()


def request_changes(reviewer: User, version: AssessmentVersion, reason: str) -> None:
    with _moving():
        review = current_review(version)
        apply_action(Move(version, Action.REQUEST_CHANGES, reviewer, reason=reason))
        _decide(review, ReviewDecision.CHANGES_REQUESTED, reason)
        _tell(version, version.editors, "changes_requested",
              f"{reviewer.name} has asked for changes to {version.reference} "
              f"‘{version.title}’", f"{notifications.task_list_path(version)}/comments")


def recommend(reviewer: User, version: AssessmentVersion) -> None:
    with _moving():
        review = current_review(version)
        apply_action(Move(version, Action.RECOMMEND, reviewer))
        _decide(review, ReviewDecision.RECOMMENDED)
        _tell(version, _others_with_role(Role.APPROVER, version, reviewer), "recommended",
              f"{version.reference} ‘{version.title}’ is recommended for sign-off",
              _sign_off_path(version))


def accept(facilitator: User, version: AssessmentVersion) -> None:
    """A facilitator's final move on a practice attempt (see `eia.services.training`, which
    records the result in the same transaction)."""
    with _moving():
        review = current_review(version)
        apply_action(Move(version, Action.ACCEPT, facilitator))
        _decide(review, ReviewDecision.ACCEPTED)
        _tell(version, version.editors, "accepted",
              f"{facilitator.name} has accepted your practice attempt {version.reference} "
              f"‘{version.title}’", f"/training/attempts/{version.reference}/feedback")


def _authors_and_reviewers(version: AssessmentVersion) -> list[User]:
    return [*version.editors, *(r.reviewer for r in queries.reviews_of(version))]


def sign_off(approver: User, version: AssessmentVersion, *, declaration_accepted: bool) -> SignOff:
    """Sign off with the declaration; older signed-off versions become superseded."""
    with _moving():
        fingerprint = document_fingerprint(version)
        apply_action(Move(version, Action.SIGN_OFF, approver,
                          declaration_accepted=declaration_accepted,
                          details={"fingerprint": fingerprint}))
        record = SignOff(version=version, approver_id=approver.id, approver_name=approver.name,
                         approver_job_title=approver.job_title or "", declaration=DECLARATION,
                         fingerprint=fingerprint)
        db.session.add(record)
        for older in version.assessment.versions:
            if older.number < version.number and older.status == VersionStatus.SIGNED_OFF:
                apply_action(Move(older, Action.SUPERSEDE, approver,
                                  details={"superseded_by": version.number}))
        _tell(version, _authors_and_reviewers(version), "signed_off",
              f"{approver.name} has signed off {version.reference} "
              f"‘{version.title}’", notifications.task_list_path(version))
    return record


def return_for_changes(approver: User, version: AssessmentVersion, reason: str) -> None:
    with _moving():
        apply_action(Move(version, Action.RETURN, approver, reason=reason))
        _tell(version, _authors_and_reviewers(version), "returned",
              f"{approver.name} has returned {version.reference} "
              f"‘{version.title}’ without signing it off", notifications.task_list_path(version))


def withdraw(author: User, version: AssessmentVersion, reason: str) -> None:
    with _moving():
        apply_action(Move(version, Action.WITHDRAW, author, reason=reason))


def revise(author: User, version: AssessmentVersion) -> AssessmentVersion:
    """Start version N+1 as a draft with N's content; N stays signed off until N+1 is."""
    with _moving():
        apply_action(Move(version, Action.REVISE, author))
        new = versions.copy_version(version, author)
    return new


def publish(actor: User, version: AssessmentVersion, summary: str) -> Publication:
    with _moving():
        apply_action(Move(version, Action.PUBLISH, actor, summary=summary))
        publication = queries.publication_of(version)  # kept from an earlier unpublishing
        if publication is None:
            publication = Publication(version=version)
            db.session.add(publication)
        publication.summary = summary.strip()
        publication.published_by_id = actor.id
        publication.published_at = utcnow()
        publication.unpublished_at = publication.unpublished_by_id = None
        publication.unpublish_reason = ""
    return publication


def unpublish(actor: User, version: AssessmentVersion, reason: str) -> None:
    with _moving():
        publication = queries.live_publication(version)
        apply_action(Move(version, Action.UNPUBLISH, actor, reason=reason))
        publication.unpublished_at = utcnow()
        publication.unpublished_by_id = actor.id
        publication.unpublish_reason = reason.strip()
