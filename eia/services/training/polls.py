"""Anonymous polls during a session: a facilitator opens a question, the people booked on the
session answer it from their own device, once each, and the room sees the aggregate once five
have answered.

As with the survey, a receipt (who has answered) and the answer (what was chosen) are separate
rows with nothing to join them; the receipt's primary key is what stops a second answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from eia import audit
from eia.domain import BookingStatus, DomainError
from eia.extensions import db
from eia.models.feedback import Poll, PollAnswer, PollKind, PollReceipt
from eia.models.programme import Booking, TrainingSession
from eia.models.types import utcnow
from eia.models.users import User
from eia.permissions import runs_training
from eia.services.training.sessions import is_facilitating
from eia.services.transaction import unit_of_work

# Fewer answers than this and the aggregate is not shown: with fewer, a person's answer could
# be worked out from the figures and who is in the room.
MIN_ANSWERS = 5
MIN_OPTIONS, MAX_OPTIONS = 2, 6
MAX_QUESTION, MAX_OPTION = 300, 100
SCALE = tuple(range(1, 6))


class PollRefused(DomainError):
    pass


def may_run_polls(person: User, session: TrainingSession) -> bool:
    """The session's facilitators (and anyone who runs training) open and close its polls."""
    return is_facilitating(person, session) or runs_training(person)


def may_answer(person: User, session: TrainingSession) -> bool:
    """People holding a place on the session answer its polls."""
    return db.session.scalar(select(func.count()).select_from(Booking).where(
        Booking.session_id == session.id, Booking.person_id == person.id,
        Booking.status == BookingStatus.BOOKED.value)) == 1


def poll_problems(question: str, kind: PollKind, options: list[str]) -> list[str]:
    """Every reason the question cannot be asked, in the order of the form."""
    found = []
    if not question.strip():
        found.append("Enter the question")
    elif len(question.strip()) > MAX_QUESTION:
        found.append(f"The question must be {MAX_QUESTION} characters or fewer")
    if kind is PollKind.CHOICE:
        options = [o.strip() for o in options if o.strip()]
        if not MIN_OPTIONS <= len(options) <= MAX_OPTIONS:
            found.append(f"Give from {MIN_OPTIONS} to {MAX_OPTIONS} options, one a line")
        elif len({o.casefold() for o in options}) != len(options):
            found.append("Give each option once")
        elif any(len(o) > MAX_OPTION for o in options):
            found.append(f"Each option must be {MAX_OPTION} characters or fewer")
    return found


def open_poll(actor: User, session: TrainingSession, *, question: str, kind: PollKind,
              options: list[str] | None = None) -> Poll:
    if not may_run_polls(actor, session):
        raise PollRefused("Only the session's facilitators can open a poll")
    if session.cancelled:
        raise PollRefused("This session has been cancelled")
    options = options or []
    problems = poll_problems(question, kind, options)
    if problems:
        raise PollRefused(problems[0])
    with unit_of_work():
        poll = Poll(session_id=session.id, question=question.strip(), kind=kind.value,
                    opened_by_id=actor.id,
                    options_text="\n".join(o.strip() for o in options if o.strip())
                    if kind is PollKind.CHOICE else "")
        db.session.add(poll)
        db.session.flush()
        audit.record("poll_opened", actor=actor, object_type="training_session",
                     object_id=session.id, details={"poll": poll.id, "question": poll.question})
    return poll


def close_poll(actor: User, poll: Poll, *, now: datetime | None = None) -> None:
    """Stop taking answers; the results stay. Closing a closed poll changes nothing."""
    if not may_run_polls(actor, poll.session):
        raise PollRefused("Only the session's facilitators can close a poll")
    if not poll.is_open:
        return
    with unit_of_work():
        poll.closed_at = now or utcnow()
        audit.record("poll_closed", actor=actor, object_type="training_session",
                     object_id=poll.session_id, details={"poll": poll.id})


def choices_of(poll: Poll) -> list[tuple[int, str]]:
    """What may be answered: (value, label) in the order shown."""
    if poll.kind == PollKind.SCALE:
        return [(value, str(value)) for value in SCALE]
    return list(enumerate(poll.options))


def answer_poll(person: User, poll: Poll, value: int) -> None:
    """Record the person's answer, once, while the poll is open."""
    if not may_answer(person, poll.session):
        raise PollRefused("This poll is for the people booked on the session")
    if not poll.is_open:
        raise PollRefused("This poll has closed")
    if value not in dict(choices_of(poll)):
        raise PollRefused("Choose one of the answers")
    try:
        with unit_of_work():
            db.session.add(PollReceipt(poll_id=poll.id, person_id=person.id))
            db.session.flush()
            db.session.add(PollAnswer(poll_id=poll.id, value=value))
    except IntegrityError as error:
        raise PollRefused("You have already answered this poll: thank you") from error


def has_answered(person: User, poll: Poll) -> bool:
    return db.session.get(PollReceipt, (poll.id, person.id)) is not None


@dataclass(frozen=True)
class PollResults:
    poll: Poll
    answers: int
    counts: tuple[tuple[str, int], ...]  # (label, how many), in the order of the choices

    @property
    def shown(self) -> bool:
        return self.answers >= MIN_ANSWERS

    @property
    def status(self) -> str:
        """One sentence on where the poll stands, for the page and for screen readers."""
        many = f"{self.answers} answer{'' if self.answers == 1 else 's'}"
        state = "Open" if self.poll.is_open else "Closed"
        if self.shown:
            return f"{state}: {many}."
        return (f"{state}: {many} so far. The results are shown once {MIN_ANSWERS} people "
                "have answered, so that nobody’s answer can be picked out.")


def results(poll: Poll) -> PollResults:
    tally = {value: count for value, count in db.session.execute(
        select(PollAnswer.value, func.count()).where(PollAnswer.poll_id == poll.id)
        .group_by(PollAnswer.value))}
    return PollResults(poll, sum(tally.values()),
                       tuple((label, tally.get(value, 0)) for value, label in choices_of(poll)))


def polls_of(session: TrainingSession) -> list[Poll]:
    """The session's polls, the newest first."""
    return list(db.session.scalars(select(Poll).where(Poll.session_id == session.id)
                                   .order_by(Poll.opened_at.desc(), Poll.id.desc())))


def get_poll(session: TrainingSession, poll_id: int) -> Poll | None:
    poll = db.session.get(Poll, poll_id)
    return poll if poll is not None and poll.session_id == session.id else None
