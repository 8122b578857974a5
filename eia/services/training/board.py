"""The facilitators' question board of a programme: questions, replies, marked answered.

A new post tells the programme's other facilitators in the application at once. Email comes
only as a daily digest, to those who chose it on the board: `send_digests`, run by the
reminders command, sends each of them at most one a day listing the posts since their last.
The day's digest is recorded under a `SentReminder` key in the same transaction as its email,
so running the command twice (or twice at once) sends it once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from flask import current_app
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from eia import audit
from eia.domain import DomainError
from eia.extensions import db
from eia.models.notifications import Notification, SentReminder
from eia.models.programme import TrainingProgramme
from eia.models.programme_shared import BoardDigestChoice, BoardQuestion, BoardReply
from eia.models.types import utcnow
from eia.models.users import User
from eia.permissions import leads_programme, runs_training
from eia.services.mail import queue_email
from eia.services.training.programmes import team_of
from eia.services.transaction import unit_of_work

MAX_TITLE = 200
MAX_BODY = 10_000
NOTIFICATION_KIND = "board_post"


class BoardRefused(DomainError):
    pass


def board_path(programme: TrainingProgramme) -> str:
    return f"/training/programmes/{programme.id}/board"


def question_path(question: BoardQuestion) -> str:
    return f"/training/programmes/{question.programme_id}/board/{question.id}"


def list_questions(programme: TrainingProgramme) -> list[BoardQuestion]:
    """Unanswered questions first, then the newest."""
    return list(db.session.scalars(
        select(BoardQuestion).where(BoardQuestion.programme_id == programme.id)
        .options(selectinload(BoardQuestion.replies))
        .order_by(BoardQuestion.answered_at.is_not(None), BoardQuestion.posted_at.desc(),
                  BoardQuestion.id.desc())))


def get_question(programme: TrainingProgramme, question_id: int) -> BoardQuestion | None:
    question = db.session.get(BoardQuestion, question_id)
    return question if question is not None and question.programme_id == programme.id else None


def _readers(programme: TrainingProgramme) -> list[User]:
    """Who hears of new posts: the programme's facilitators and whoever chose its digest."""
    choosers = db.session.scalars(select(User).join(
        BoardDigestChoice, BoardDigestChoice.user_id == User.id).where(
        BoardDigestChoice.programme_id == programme.id, User.active.is_(True)))
    people = {p.id: p for p in [*team_of(programme), *choosers]}
    return [p for p in people.values() if runs_training(p)]


def _tell_others(actor: User, programme: TrainingProgramme, message: str, path: str) -> None:
    # In the application only: email about the board goes out as the daily digest, to those
    # who chose it, so `notifications.notify` (which emails every time) is not used here.
    for person in _readers(programme):
        if person.id != actor.id:
            db.session.add(Notification(user_id=person.id, kind=NOTIFICATION_KIND,
                                        message=message, url=path))


def _check_text(actor: User, body: str) -> None:
    if not runs_training(actor):
        raise BoardRefused("Only facilitators and administrators can post on the board")
    if not body:
        raise BoardRefused("Enter your message")
    if len(body) > MAX_BODY:
        raise BoardRefused(f"The message must be {MAX_BODY:,} characters or fewer")


def ask(actor: User, programme: TrainingProgramme, *, title: str, body: str) -> BoardQuestion:
    title, body = title.strip(), body.strip()
    if not title:
        raise BoardRefused("Enter your question")
    if len(title) > MAX_TITLE:
        raise BoardRefused(f"The question must be {MAX_TITLE} characters or fewer")
    _check_text(actor, body or title)
    with unit_of_work():
        question = BoardQuestion(programme_id=programme.id, title=title, body=body,
                                 author=actor)
        db.session.add(question)
        db.session.flush()
        _tell_others(actor, programme, f"{actor.name} asked on the {programme.name} board: "
                                       f"{title}", question_path(question))
        audit.record("board_question_asked", actor=actor, object_type="programme",
                     object_id=programme.id, details={"question": question.id})
    return question


def reply(actor: User, question: BoardQuestion, *, body: str) -> BoardReply:
    body = body.strip()
    _check_text(actor, body)
    programme = db.session.get(TrainingProgramme, question.programme_id)
    with unit_of_work():
        answer = BoardReply(question=question, body=body, author=actor)
        db.session.add(answer)
        db.session.flush()
        _tell_others(actor, programme, f"{actor.name} replied to ‘{question.title}’ on the "
                                       f"{programme.name} board", question_path(question))
        audit.record("board_reply_posted", actor=actor, object_type="programme",
                     object_id=programme.id, details={"question": question.id})
    return answer


def may_mark_answered(actor: User, question: BoardQuestion) -> bool:
    """The person who asked, or the programme's lead (or an administrator)."""
    programme = db.session.get(TrainingProgramme, question.programme_id)
    return runs_training(actor) and (question.author_id == actor.id
                                     or leads_programme(actor, programme))


def mark_answered(actor: User, question: BoardQuestion) -> None:
    if not may_mark_answered(actor, question):
        raise BoardRefused("Only the person who asked or the programme’s lead can mark a "
                           "question answered")
    if question.answered:
        return
    with unit_of_work():
        question.answered_at = utcnow()
        question.answered_by = actor
        audit.record("board_question_answered", actor=actor, object_type="programme",
                     object_id=question.programme_id, details={"question": question.id})


# The daily digest --------------------------------------------------------------------------


def wants_digest(person: User, programme: TrainingProgramme) -> bool:
    return db.session.get(BoardDigestChoice, (programme.id, person.id)) is not None


def choose_digest(actor: User, programme: TrainingProgramme, *, wanted: bool) -> None:
    """Start or stop the daily email of new posts on this board for `actor`."""
    if not runs_training(actor):
        raise BoardRefused("Only facilitators and administrators can follow the board")
    with unit_of_work():
        if not wanted:
            db.session.execute(delete(BoardDigestChoice).where(
                BoardDigestChoice.programme_id == programme.id,
                BoardDigestChoice.user_id == actor.id))
        elif not wants_digest(actor, programme):
            db.session.add(BoardDigestChoice(programme_id=programme.id, user_id=actor.id))
        audit.record("board_digest_chosen" if wanted else "board_digest_stopped", actor=actor,
                     object_type="programme", object_id=programme.id)


@dataclass(frozen=True)
class DigestLine:
    programme: str
    question: str
    author: str
    what: str  # "asked" or "replied"
    posted_at: datetime
    path: str


def _new_posts(choice: BoardDigestChoice, until: datetime) -> list[DigestLine]:
    programme = choice.programme
    window = (choice.covered_until, until)
    questions = db.session.scalars(select(BoardQuestion).where(
        BoardQuestion.programme_id == programme.id, BoardQuestion.author_id != choice.user_id,
        BoardQuestion.posted_at > window[0], BoardQuestion.posted_at <= window[1]))
    replies = db.session.scalars(select(BoardReply).join(BoardQuestion).where(
        BoardQuestion.programme_id == programme.id, BoardReply.author_id != choice.user_id,
        BoardReply.posted_at > window[0], BoardReply.posted_at <= window[1]))
    lines = [DigestLine(programme.name, q.title, q.author.name, "asked", q.posted_at,
                        question_path(q)) for q in questions]
    lines += [DigestLine(programme.name, r.question.title, r.author.name, "replied",
                         r.posted_at, question_path(r.question)) for r in replies]
    return sorted(lines, key=lambda line: line.posted_at)


def _digest_key(person: User, today: date) -> str:
    return f"board_digest:{person.id}:{today.isoformat()}"


def _send_digest(person: User, choices: Iterable[BoardDigestChoice], today: date) -> bool:
    """One person's digest for `today`, if there is anything new and none was sent today.
    The key, the email and the new `covered_until` are saved together or not at all."""
    now = utcnow()
    try:
        with unit_of_work():
            if db.session.scalar(select(SentReminder.id).where(
                    SentReminder.key == _digest_key(person, today))) is not None:
                return False
            lines = [line for choice in choices for line in _new_posts(choice, now)]
            if not lines:
                return False
            db.session.add(SentReminder(key=_digest_key(person, today)))
            db.session.flush()
            for choice in choices:
                choice.covered_until = now
            base = current_app.config.get("PUBLIC_URL", "").rstrip("/")
            queue_email(person.email, "board_digest", name=person.name, lines=lines,
                        base=base)
    except IntegrityError:  # another run sent today's digest at the same moment
        return False
    return True


def send_digests(today: date) -> int:
    """Send each person who chose it their digest for `today`; the number sent."""
    choices = list(db.session.scalars(
        select(BoardDigestChoice).join(User, BoardDigestChoice.user_id == User.id)
        .where(User.active.is_(True)).order_by(BoardDigestChoice.user_id)))
    by_person: dict[int, list[BoardDigestChoice]] = {}
    for choice in choices:
        by_person.setdefault(choice.user_id, []).append(choice)
    sent = 0
    for person_choices in by_person.values():
        person = person_choices[0].user
        if runs_training(person) and _send_digest(person, person_choices, today):
            sent += 1
    return sent
