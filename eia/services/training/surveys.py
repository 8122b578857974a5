"""The survey after a session: who is asked, answering it once, and the invitations.

Everyone marked as having attended is asked, once the session has ended; nobody else may
answer. Answering writes two rows in one transaction: a receipt saying that the person has
answered (its primary key is what makes a second answer fail, however the requests race) and
the answers, with nothing that leads back to the person (`eia.models.feedback`). The
invitations go out through the reminders command (`eia.services.reminders`), once each.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import exists, select
from sqlalchemy.exc import IntegrityError

from eia import audit
from eia.domain import MAX_COMMENT_LENGTH, Attendance, BookingStatus, DomainError
from eia.extensions import db
from eia.models.feedback import LengthAnswer, PaceAnswer, SurveyReceipt, SurveyResponse
from eia.models.programme import Booking, TrainingSession
from eia.models.types import utcnow
from eia.models.users import User
from eia.services.transaction import unit_of_work

# Invitations go to the attendees of sessions that ended within this many days: a session
# older than that was surveyed already, or too long ago to remember well.
INVITE_WITHIN_DAYS = 14
SCALE = range(1, 6)


class SurveyRefused(DomainError):
    pass


@dataclass(frozen=True)
class SurveyAnswers:
    satisfaction: int  # 1 (very dissatisfied) to 5 (very satisfied)
    length: LengthAnswer
    pace: PaceAnswer
    confidence_before: int  # 1 (not at all confident) to 5 (very confident)
    confidence_after: int
    most_useful: str = ""
    to_change: str = ""


def survey_path(session: TrainingSession) -> str:
    return f"/training/sessions/{session.id}/survey"


def attended(person: User, session: TrainingSession) -> bool:
    return db.session.scalar(select(exists().where(
        Booking.session_id == session.id, Booking.person_id == person.id,
        Booking.status == BookingStatus.BOOKED.value,
        Booking.attendance == Attendance.ATTENDED.value))) or False


def has_answered(person: User, session: TrainingSession) -> bool:
    return db.session.get(SurveyReceipt, (session.id, person.id)) is not None


def is_open(session: TrainingSession, now: datetime | None = None) -> bool:
    """A session's survey opens when the session ends (a cancelled one has none)."""
    return not session.cancelled and session.ends_at <= (now or utcnow())


def _problems(answers: SurveyAnswers) -> list[str]:
    found = []
    for value, what in ((answers.satisfaction, "satisfaction"),
                        (answers.confidence_before, "confidence before the session"),
                        (answers.confidence_after, "confidence after the session")):
        if value not in SCALE:
            found.append(f"Choose your {what} from 1 to 5")
    for text, what in ((answers.most_useful, "What was most useful"),
                       (answers.to_change, "What to change")):
        if len(text) > MAX_COMMENT_LENGTH:
            found.append(f"{what} must be {MAX_COMMENT_LENGTH:,} characters or fewer")
    return found


def answer_survey(person: User, session: TrainingSession, answers: SurveyAnswers, *,
                  now: datetime | None = None) -> None:
    """Record the person's answers, once. Refused to anyone not marked as having attended,
    before the session has ended, and for a second answer."""
    if not attended(person, session):
        raise SurveyRefused("This survey is for the people who attended the session")
    if not is_open(session, now):
        raise SurveyRefused("The survey opens when the session has ended")
    problems = _problems(answers)
    if problems:
        raise SurveyRefused(problems[0])
    try:
        with unit_of_work():
            db.session.add(SurveyReceipt(session_id=session.id, person_id=person.id))
            db.session.flush()
            db.session.add(SurveyResponse(
                session_id=session.id, satisfaction=answers.satisfaction,
                length=LengthAnswer(answers.length).value, pace=PaceAnswer(answers.pace).value,
                confidence_before=answers.confidence_before,
                confidence_after=answers.confidence_after,
                most_useful=answers.most_useful.strip(), to_change=answers.to_change.strip()))
            # Who answered is already in the receipt; the audit says no more than that.
            audit.record("survey_answered", actor=person, object_type="training_session",
                         object_id=session.id)
    except IntegrityError as error:
        raise SurveyRefused("You have already answered this survey: thank you") from error


@dataclass(frozen=True)
class Invitation:
    session: TrainingSession
    person: User


def invitations_due(until: datetime) -> list[Invitation]:
    """Every attendee of a session that ended by `until` (and within INVITE_WITHIN_DAYS of it)
    who has not answered its survey; the reminders command sends each invitation once."""
    candidates = db.session.execute(
        select(TrainingSession, User)
        .join(Booking, Booking.session_id == TrainingSession.id)
        .join(User, User.id == Booking.person_id)
        .where(TrainingSession.cancelled_at.is_(None),
               TrainingSession.starts_at <= until,
               # A session lasts at most a working day, so this finds every one that ended.
               TrainingSession.starts_at >= until - timedelta(days=INVITE_WITHIN_DAYS, hours=9),
               Booking.status == BookingStatus.BOOKED.value,
               Booking.attendance == Attendance.ATTENDED.value,
               User.active.is_(True),
               ~exists().where(SurveyReceipt.session_id == TrainingSession.id,
                               SurveyReceipt.person_id == User.id))
        .order_by(TrainingSession.starts_at, TrainingSession.id, User.id)).all()
    return [Invitation(session, person) for session, person in candidates
            if session.ends_at <= until
            and session.ends_at >= until - timedelta(days=INVITE_WITHIN_DAYS)]
