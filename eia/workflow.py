"""The workflow of an assessment version: one table of moves, and the one function that makes them.

    draft ──submit──▶ in_review ──request_changes──▶ changes_requested ──resubmit──▶ in_review
    in_review ──recommend──▶ awaiting_sign_off ──sign_off──▶ signed_off ──publish──▶ (published)
    awaiting_sign_off ──return──▶ changes_requested
    draft | changes_requested ──withdraw──▶ withdrawn
    signed_off ──revise──▶ (a new version in draft); signed_off ──supersede──▶ superseded

An imported record of a past assessment (`version.imported`) is held as signed off, but it was
signed off before Due Regard: no move is ever made on it.

A practice attempt (purpose "training") has its own rows, so that trainees meet the review
loop before they meet it for real, and nothing live can happen to it:

    draft ──submit──▶ in_review ──request_changes──▶ changes_requested ──resubmit──▶ in_review
    in_review ──accept──▶ accepted

Its authors (a trainee, or an author practising) submit it whatever the checks find, because
the feedback shows what would have blocked a live submission; a facilitator reviews it.

Each row of `TRANSITIONS` says which roles may make the move and which guards must pass.
Guards are where separation of duties lives, so no role, admin included, gets round it.
`apply_action` checks the row, moves the version, and adds a workflow event and an audit entry
to the caller's transaction; it never commits. The services do what a move implies beyond the
status (a review round, a sign-off record, a new version) in the same transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from sqlalchemy.orm.attributes import flag_modified
from sqlalchemy.orm.exc import StaleDataError

from eia import audit, queries
from eia.checks.dates import decision_before_work
from eia.domain import DomainError, Purpose, Role, Verdict, VersionStatus
from eia.extensions import db
from eia.formatting import format_date
from eia.models.assessments import AssessmentVersion
from eia.models.review import CHECKLIST, Review, WorkflowEvent
from eia.models.users import User
from eia.permissions import PRACTISING_ROLES, TRAINING_REVIEWERS, is_editor
from eia.progress import applicable_sections


class Action(StrEnum):
    SUBMIT = "submit"
    START_REVIEW = "start_review"
    REQUEST_CHANGES = "request_changes"
    RESUBMIT = "resubmit"
    RECOMMEND = "recommend"
    SIGN_OFF = "sign_off"
    RETURN = "return"
    WITHDRAW = "withdraw"
    REVISE = "revise"
    SUPERSEDE = "supersede"
    PUBLISH = "publish"
    UNPUBLISH = "unpublish"
    ACCEPT = "accept"  # a facilitator's final move on a practice attempt

    @property
    def label(self) -> str:
        return self.value.replace("_", " ")


class MoveRefused(DomainError):
    """The move is not possible; the message says why, in words the user can act on."""


# A record of the past was signed off before Due Regard: it is kept as it was, and a new
# assessment (not a new version of the record) takes its work forward.
IMPORTED_RECORD = ("This is an imported record of a past assessment: it is kept as it was, so "
                   "it cannot be moved through the workflow. Start a new assessment to review "
                   "it.")

MOVED_BY_SOMEONE_ELSE = ("Someone else has just moved this assessment on. Check its status "
                         "below.")


@dataclass
class Move:
    """A request to make `action` on `version`, with the facts the guards need."""

    version: AssessmentVersion
    action: Action
    actor: User
    reason: str = ""
    # The day the move is made: the decision date is checked against it.
    today: date = field(default_factory=date.today)
    # Found by the quality checks (eia.checks); only submit and resubmit look at them.
    blocking_problems: tuple[str, ...] = ()
    declaration_accepted: bool = False
    summary: str = ""
    details: dict = field(default_factory=dict)
    # What the guards look up, loaded once per move (and, in `available_actions`, shared by
    # every move considered), so several guards never query the same thing twice.
    lookups: dict = field(default_factory=dict, repr=False, compare=False)

    def _lookup(self, key: str, load: Callable[[AssessmentVersion], object]):
        if key not in self.lookups:
            self.lookups[key] = load(self.version)
        return self.lookups[key]

    @property
    def reviews(self) -> list[Review]:
        return self._lookup("reviews", queries.reviews_of)

    @property
    def review(self) -> Review | None:
        """The round under way, if any (see `current_review`)."""
        return _under_way(self.reviews[-1] if self.reviews else None)

    @property
    def publication(self):
        return self._lookup("publication", queries.live_publication)


Guard = Callable[[Move], str | None]  # a refusal message, or None when the guard passes


def _under_way(review: Review | None) -> Review | None:
    return review if review is not None and review.decision is None else None


def current_review(version: AssessmentVersion) -> Review | None:
    """The round under way (started, not yet decided), if any."""
    return _under_way(queries.latest_review(version))


def is_current_reviewer(user: User, version: AssessmentVersion,
                        review: Review | None = None) -> bool:
    """Whether `user` is reviewing `version` now (the reviewer of the round under way).

    `review` saves a query where the caller already has the round under way.
    """
    review = review if review is not None else current_review(version)
    return review is not None and review.reviewer_id == user.id


def _is_editor(move: Move) -> str | None:
    if not is_editor(move.actor, move.version):
        return "Only the lead officer and contributors can do this"
    return None


def _passes_checks(move: Move) -> str | None:
    if move.blocking_problems:
        count = len(move.blocking_problems)
        return (f"The assessment cannot be submitted while {count} "
                f"problem{'' if count == 1 else 's'} found by the checks remain")
    return None


def _not_own_work(move: Move) -> str | None:
    if is_editor(move.actor, move.version):
        return "You cannot review or sign off an assessment you wrote or contributed to"
    return None


def _not_the_reviewer(move: Move) -> str | None:
    if any(review.reviewer_id == move.actor.id for review in move.reviews):
        return "The person who reviewed this version cannot also sign it off"
    return None


def _review_not_taken(move: Move) -> str | None:
    review = move.review
    if review is not None:
        return f"{review.reviewer.name} is already reviewing this assessment"
    return None


def _is_current_reviewer(move: Move) -> str | None:
    review = move.review
    if review is None:
        return "Start the review first"
    if not is_current_reviewer(move.actor, move.version, review):
        return f"{review.reviewer.name} is reviewing this assessment"
    return None


def _every_section_reviewed(move: Move) -> str | None:

    review = move.review
    sections = applicable_sections(move.version, move.version.framework)
    if review is None or any(review.point_for(s.id) is None for s in sections):
        return "Give a verdict on every section first"
    return None


def _nothing_to_correct(move: Move) -> str | None:
    review = move.review
    if review and any(p.verdict == Verdict.TO_CORRECT for p in review.points):
        doing = "accept the attempt" if move.action is Action.ACCEPT else "recommend sign-off"
        return f"You cannot {doing} while any section is marked ‘to correct’"
    return None


def _checklist_complete(move: Move) -> str | None:
    review = move.review
    ticked = review.checklist if review else {}
    if not all(ticked.get(key) for key, _ in CHECKLIST):
        return ("Complete the checklist first: confirm each point, or ask for changes where "
                "the assessment falls short")
    return None


def _before_the_decision(move: Move) -> str | None:
    decided = move.version.decision_date
    if decided is not None and move.today > decided:
        return (f"The decision date, {format_date(decided)}, has passed. Regard must be paid "
                "before the decision: return the assessment so that its authors can correct "
                "the date, or record what happened")
    return None


def _work_started_before_the_decision(move: Move) -> str | None:
    started, decided = move.version.work_started_on, move.version.decision_date
    if decision_before_work(started, decided):
        return (f"The equality work started on {format_date(started)}, after the decision "
                f"date of {format_date(decided)}")
    return None


def _reason_given(move: Move) -> str | None:
    return None if move.reason.strip() else "Give a reason"


def _declaration_accepted(move: Move) -> str | None:
    return None if move.declaration_accepted else "Confirm the declaration to sign off"


def _summary_given(move: Move) -> str | None:
    return None if move.summary.strip() else "Write a plain-English summary for the public"


def _not_yet_revised(move: Move) -> str | None:
    newer = [v for v in move.version.assessment.versions if v.number > move.version.number]
    if newer:
        return f"Version {newer[-1].number} has already been started"
    return None


def _newer_version_signed_off(move: Move) -> str | None:
    newer = [v for v in move.version.assessment.versions if v.number > move.version.number
             and v.status == VersionStatus.SIGNED_OFF]
    return None if newer else "Only a newer signed-off version replaces this one"


def _not_published(move: Move) -> str | None:
    return "This version is already published" if move.publication else None


def _published(move: Move) -> str | None:
    return None if move.publication else "This version is not published"


@dataclass(frozen=True)
class Transition:
    source: VersionStatus
    action: Action
    target: VersionStatus
    roles: frozenset[Role]
    guards: tuple[Guard, ...] = ()
    purpose: Purpose = Purpose.LIVE


def _t(source, action, target, roles, *guards, purpose=Purpose.LIVE) -> Transition:
    return Transition(VersionStatus(source), Action(action), VersionStatus(target),
                      frozenset(roles), tuple(guards), Purpose(purpose))


S = VersionStatus
A = Action
AUTHOR, REVIEWER, APPROVER, ADMIN = Role.AUTHOR, Role.REVIEWER, Role.APPROVER, Role.ADMIN
PRACTICE = Purpose.TRAINING

TRANSITIONS: tuple[Transition, ...] = (
    _t(S.DRAFT, A.SUBMIT, S.IN_REVIEW, {AUTHOR}, _is_editor, _passes_checks),
    _t(S.IN_REVIEW, A.START_REVIEW, S.IN_REVIEW, {REVIEWER}, _not_own_work, _review_not_taken),
    _t(S.IN_REVIEW, A.REQUEST_CHANGES, S.CHANGES_REQUESTED, {REVIEWER}, _not_own_work,
       _is_current_reviewer, _every_section_reviewed, _reason_given),
    _t(S.IN_REVIEW, A.RECOMMEND, S.AWAITING_SIGN_OFF, {REVIEWER}, _not_own_work,
       _is_current_reviewer, _every_section_reviewed, _nothing_to_correct, _checklist_complete),
    _t(S.CHANGES_REQUESTED, A.RESUBMIT, S.IN_REVIEW, {AUTHOR}, _is_editor, _passes_checks),
    _t(S.AWAITING_SIGN_OFF, A.SIGN_OFF, S.SIGNED_OFF, {APPROVER}, _not_own_work,
       _not_the_reviewer, _before_the_decision, _work_started_before_the_decision,
       _declaration_accepted),
    _t(S.AWAITING_SIGN_OFF, A.RETURN, S.CHANGES_REQUESTED, {APPROVER}, _not_own_work,
       _not_the_reviewer, _reason_given),
    _t(S.DRAFT, A.WITHDRAW, S.WITHDRAWN, {AUTHOR}, _is_editor, _reason_given),
    _t(S.CHANGES_REQUESTED, A.WITHDRAW, S.WITHDRAWN, {AUTHOR}, _is_editor, _reason_given),
    _t(S.SIGNED_OFF, A.REVISE, S.SIGNED_OFF, {AUTHOR}, _is_editor, _not_yet_revised),
    _t(S.SIGNED_OFF, A.SUPERSEDE, S.SUPERSEDED, {APPROVER}, _newer_version_signed_off),
    _t(S.SIGNED_OFF, A.PUBLISH, S.SIGNED_OFF, {APPROVER, ADMIN}, _not_published,
       _summary_given),
    _t(S.SIGNED_OFF, A.UNPUBLISH, S.SIGNED_OFF, {APPROVER, ADMIN}, _published, _reason_given),
    _t(S.SUPERSEDED, A.UNPUBLISH, S.SUPERSEDED, {APPROVER, ADMIN}, _published, _reason_given),
    # Practice attempts: the review loop, and nothing that would make one live.
    _t(S.DRAFT, A.SUBMIT, S.IN_REVIEW, PRACTISING_ROLES, _is_editor, purpose=PRACTICE),
    _t(S.IN_REVIEW, A.START_REVIEW, S.IN_REVIEW, TRAINING_REVIEWERS, _not_own_work,
       _review_not_taken, purpose=PRACTICE),
    _t(S.IN_REVIEW, A.REQUEST_CHANGES, S.CHANGES_REQUESTED, TRAINING_REVIEWERS, _not_own_work,
       _is_current_reviewer, _every_section_reviewed, _reason_given, purpose=PRACTICE),
    _t(S.IN_REVIEW, A.ACCEPT, S.ACCEPTED, TRAINING_REVIEWERS, _not_own_work,
       _is_current_reviewer, _every_section_reviewed, _nothing_to_correct, purpose=PRACTICE),
    _t(S.CHANGES_REQUESTED, A.RESUBMIT, S.IN_REVIEW, PRACTISING_ROLES, _is_editor,
       purpose=PRACTICE),
)

_BY_KEY = {(t.purpose, t.source, t.action): t for t in TRANSITIONS}


def transition_for(status: str, action: Action,
                   purpose: Purpose = Purpose.LIVE) -> Transition | None:
    return _BY_KEY.get((Purpose(purpose), VersionStatus(status), action))


def purpose_of(version: AssessmentVersion) -> Purpose:
    return Purpose(version.assessment.purpose)


# Guards about what the person is still to type (a reason, the declaration, a summary): a page
# that offers the move asks for it, so whether to offer the move leaves them aside.
_INPUT_GUARDS = frozenset({_reason_given, _declaration_accepted, _summary_given})


def refusal(move: Move, *, ignoring_input: bool = False) -> str | None:
    """Why `move` cannot be made, or None when it can.

    With `ignoring_input`, the guards on what the person has yet to type are left aside.
    """
    if move.version.imported:
        return IMPORTED_RECORD
    status = VersionStatus(move.version.status)
    purpose = purpose_of(move.version)
    transition = transition_for(status, move.action, purpose)
    if transition is None:
        done = _PAST_TENSE.get(move.action, move.action.label)
        if purpose is Purpose.TRAINING and any(t.action is move.action for t in TRANSITIONS
                                               if t.purpose is Purpose.LIVE):
            return f"A practice attempt cannot be {done}: it stays practice"
        return f"An assessment that is {status.label.lower()} cannot be {done}"
    if not (transition.roles & move.actor.roles):
        return "You do not have a role that allows this"
    for guard in transition.guards:
        if ignoring_input and guard in _INPUT_GUARDS:
            continue
        message = guard(move)
        if message:
            return message
    return None


def why_not(version: AssessmentVersion, action: Action, actor: User, **facts) -> str | None:
    """Why `actor` could not make `action` on `version` now, or None when they could, leaving
    aside what they have yet to type: the question a page asks before it offers the move."""
    return refusal(Move(version, action, actor, **facts), ignoring_input=True)


def available_actions(version: AssessmentVersion, actor: User, **facts) -> list[Action]:
    """The moves `actor` could make now (see `why_not`)."""
    facts.setdefault("lookups", {})  # shared, so the guards look each thing up once
    purpose = purpose_of(version)
    return [t.action for t in TRANSITIONS if t.source == version.status and t.purpose is purpose
            and why_not(version, t.action, actor, **facts) is None]


def apply_action(move: Move) -> WorkflowEvent:
    """Make the move, or raise MoveRefused. Adds the event and audit entry; never commits."""
    message = refusal(move)
    if message:
        raise MoveRefused(message)
    transition = transition_for(move.version.status, move.action, purpose_of(move.version))
    source = move.version.status
    move.version.status = transition.target.value
    # Always UPDATE the row, even when the status stays the same (publish, start review), so
    # its lock column turns a concurrent second move into a refused one.
    flag_modified(move.version, "status")
    try:
        db.session.flush()
    except StaleDataError as error:
        db.session.rollback()
        raise MoveRefused(MOVED_BY_SOMEONE_ELSE) from error
    event = WorkflowEvent(version=move.version, action=move.action.value, from_status=source,
                          to_status=transition.target.value, actor_id=move.actor.id,
                          reason=move.reason.strip())
    db.session.add(event)
    audit.record_for_version(f"workflow.{move.action.value}", move.actor, move.version,
                             **{"from": source, "to": transition.target.value, **move.details})
    return event


_PAST_TENSE = {
    Action.SUBMIT: "submitted", Action.START_REVIEW: "taken for review",
    Action.REQUEST_CHANGES: "sent back for changes", Action.RESUBMIT: "resubmitted",
    Action.RECOMMEND: "recommended for sign-off", Action.SIGN_OFF: "signed off",
    Action.RETURN: "returned", Action.WITHDRAW: "withdrawn", Action.REVISE: "revised",
    Action.SUPERSEDE: "superseded", Action.PUBLISH: "published", Action.UNPUBLISH: "unpublished",
    Action.ACCEPT: "accepted",
}


def describe() -> list[tuple[str, str, str, str, str, str]]:
    """The table in words, for `flask eia workflow`: for, from, action, to, roles, guards."""
    return [(t.purpose.value, t.source.value, t.action.value, t.target.value,
             ", ".join(sorted(r.value for r in t.roles)),
             ", ".join(g.__name__.strip("_").replace("_", " ") for g in t.guards))
            for t in TRANSITIONS]


__all__ = ["TRANSITIONS", "Action", "Move", "MoveRefused", "Transition", "apply_action",
           "available_actions", "current_review", "describe", "is_current_reviewer", "purpose_of",
           "refusal", "transition_for", "why_not"]
