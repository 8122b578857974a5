"""Moving a session (its start, length, place or link, capacity) and cancelling it, telling
everyone booked or waiting, each with the calendar invitation that updates or removes it.

Both are edits of the session, so both are refused when made from an older copy of the page
(`TrainingSession.revision`), and both bump the revision, which is also the calendar's
SEQUENCE. A move never lowers the capacity below the places taken; raising it gives the new
places to the waiting list, first in line first.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from eia import audit
from eia.domain import BookableBy, BookingStatus, DomainError, SessionFormat, SessionKind
from eia.extensions import db
from eia.formatting import format_datetime
from eia.models.programme import TrainingSession
from eia.models.types import utcnow
from eia.models.users import User
from eia.permissions import runs_training
from eia.services.mail import deliver_pending
from eia.services.notifications import notify
from eia.services.training.bookings import locked_session, promote_first, session_path
from eia.services.training.calendar import invitation
from eia.services.training.sessions import (
    SchedulingRefused,
    SessionDetails,
    is_facilitating,
    problems_by_field,
)
from eia.services.transaction import after_commit, unit_of_work

MAX_REASON = 2_000


class SessionChangedMeanwhile(DomainError):
    def __init__(self):
        super().__init__("Someone changed this session after you opened the page. Nothing was "
                         "saved: check the session as it is now, and make your change again.")


@dataclass(frozen=True)
class Move:
    """What a move may change."""

    starts_at: datetime
    duration_minutes: int
    capacity: int
    place: str = ""
    link: str = ""


def details_of(session: TrainingSession) -> SessionDetails:
    """The session as it stands, in the form scheduling checks."""
    return SessionDetails(
        title=session.title, starts_at=session.starts_at,
        duration_minutes=session.duration_minutes, capacity=session.capacity,
        facilitators=[row.user for row in session.facilitators],
        kind=SessionKind(session.kind), format=SessionFormat(session.format),
        place=session.place, link=session.link, audience=BookableBy(session.audience),
        audience_unit=session.audience_unit,
        scenarios=[scenario.key for scenario in session.scenarios],
        description=session.description)


def move_problems(session: TrainingSession, move: Move, *,
                  now: datetime | None = None) -> dict[str, list[str]]:
    """Every reason the move cannot be made, each under the detail it is about (as
    `sessions.problems_by_field` names them)."""
    details = replace(details_of(session), starts_at=move.starts_at,
                      duration_minutes=move.duration_minutes, capacity=move.capacity,
                      place=move.place, link=move.link)
    found = problems_by_field(session.programme, details)
    if move.starts_at.tzinfo is not None and move.starts_at <= (now or utcnow()):
        found.setdefault("starts_at", []).insert(0, "The session must start in the future")
    if move.capacity < session.booked_count:
        found.setdefault("capacity", []).append(
            f"The capacity cannot be less than the {session.booked_count} places already "
            "taken")
    return found


def _check_may_change(actor: User, session: TrainingSession, revision: int) -> None:
    if not (runs_training(actor) or is_facilitating(actor, session)):
        raise SchedulingRefused("Only facilitators can change sessions")
    if session.cancelled:
        raise SchedulingRefused("This session has been cancelled")
    if revision != session.revision:
        raise SessionChangedMeanwhile()


def people_told(session: TrainingSession) -> list[User]:
    """Everyone holding a place or waiting for one."""
    return [b.person for b in session.bookings if b.status != BookingStatus.CANCELLED]


def move_session(actor: User, session: TrainingSession, move: Move, *, revision: int,
                 now: datetime | None = None) -> TrainingSession:
    """Move the session and tell everyone booked or waiting, with the updated invitation."""
    now = now or utcnow()
    with unit_of_work():
        session = locked_session(session)
        _check_may_change(actor, session, revision)
        problems = move_problems(session, move, now=now)
        if problems:
            raise SchedulingRefused(next(iter(problems.values()))[0])
        before = {"starts_at": session.starts_at.isoformat(),
                  "duration_minutes": session.duration_minutes, "capacity": session.capacity,
                  "place": session.place, "link": session.link}
        session.starts_at, session.duration_minutes = move.starts_at, move.duration_minutes
        session.capacity = move.capacity
        in_person = session.format == SessionFormat.IN_PERSON
        session.place = move.place.strip() if in_person else ""
        session.link = "" if in_person else move.link.strip()
        session.revision += 1
        db.session.flush()
        while session.places_left > 0 and promote_first(session, now) is not None:
            pass
        if session.announced_at is not None:
            notify(people_told(session), "session_moved",
                   f"“{session.title}” has changed: it is now on "
                   f"{format_datetime(session.starts_at)}, for {session.duration_minutes} "
                   f"minutes. The calendar invitation is updated.", session_path(session),
                   attachments=[invitation(session)])
        audit.record("session_moved", actor=actor, object_type="training_session",
                     object_id=session.id, details={"before": before})
        after_commit(deliver_pending)
    return session


def cancel_session(actor: User, session: TrainingSession, reason: str, *, revision: int,
                   now: datetime | None = None) -> TrainingSession:
    """Cancel the session, saying why, and tell everyone booked or waiting (the invitation
    sent removes it from their calendars). Their bookings are kept, as a record."""
    reason = reason.strip()
    if not reason:
        raise SchedulingRefused("Say why the session is cancelled")
    if len(reason) > MAX_REASON:
        raise SchedulingRefused(f"The reason must be {MAX_REASON:,} characters or fewer")
    with unit_of_work():
        session = locked_session(session)
        _check_may_change(actor, session, revision)
        session.cancelled_at, session.cancel_reason = now or utcnow(), reason
        session.revision += 1
        db.session.flush()
        notify(people_told(session), "session_cancelled",
               f"“{session.title}” on {format_datetime(session.starts_at)} has been "
               f"cancelled: {reason}", session_path(session),
               attachments=[invitation(session)])
        audit.record("session_cancelled", actor=actor, object_type="training_session",
                     object_id=session.id, details={"reason": reason})
        after_commit(deliver_pending)
    return session
