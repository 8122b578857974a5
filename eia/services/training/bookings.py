"""Booking a place, the waiting list, cancelling, and attendance.

Capacity is held by the database, never by reading a count and deciding in Python: every use
case that takes or frees a place first locks the session's row (`SELECT ... FOR UPDATE` on
PostgreSQL; on SQLite every writing transaction already holds the database's write lock), and
the place is then taken by a conditional update that cannot go past capacity. A check
constraint on the table is the last guard. So when fifty people book the last place at once,
one gets it and the others join the waiting list in the order they asked; when someone cancels,
the first in line is promoted, once, in the same transaction, and told.
"""

from __future__ import annotations

from datetime import datetime

from flask import current_app
from sqlalchemy import select, update
from sqlalchemy.orm import selectinload

from eia import audit
from eia.domain import Attendance, BookingStatus, DomainError
from eia.extensions import db
from eia.models.programme import Booking, TrainingSession
from eia.models.types import utcnow
from eia.models.users import User
from eia.permissions import runs_training
from eia.services.mail import deliver_pending, queue_email
from eia.services.notifications import notify
from eia.services.training.calendar import invitation
from eia.services.training.sessions import is_facilitating, may_book
from eia.services.transaction import after_commit, unit_of_work

MAX_ACCESS_NEEDS = 2_000


class BookingRefused(DomainError):
    pass


def session_path(session: TrainingSession) -> str:
    return f"/training/sessions/{session.id}"


def session_link(session: TrainingSession) -> str:
    return current_app.config.get("PUBLIC_URL", "").rstrip("/") + session_path(session)


def _confirm(booking: Booking) -> None:
    """Email the person their place (with the calendar invitation) or their place in line."""
    session = booking.session
    queue_email(booking.person.email, "session_booked", booking=booking, session=session,
                link=session_link(session),
                attachments=[invitation(session)] if booking.holds_place else [])


def locked_session(session: TrainingSession) -> TrainingSession:
    """The session re-read under a row lock, so its places are current and held until commit."""
    return db.session.scalars(select(TrainingSession).where(TrainingSession.id == session.id)
                              .with_for_update().execution_options(populate_existing=True)
                              ).one()


def _take_place(session: TrainingSession) -> bool:
    """Take one place if one is left; True when taken."""
    taken = db.session.execute(
        update(TrainingSession)
        .where(TrainingSession.id == session.id,
               TrainingSession.booked_count < TrainingSession.capacity)
        .values(booked_count=TrainingSession.booked_count + 1)
        .execution_options(synchronize_session=False)).rowcount
    db.session.refresh(session)
    return taken == 1


def _free_place(session: TrainingSession) -> None:
    db.session.execute(update(TrainingSession).where(TrainingSession.id == session.id)
                       .values(booked_count=TrainingSession.booked_count - 1)
                       .execution_options(synchronize_session=False))
    db.session.refresh(session)


def booking_of(person: User, session: TrainingSession) -> Booking | None:
    return db.session.scalar(select(Booking).where(Booking.session_id == session.id,
                                                   Booking.person_id == person.id))


def _check_bookable(person: User, session: TrainingSession, now: datetime) -> None:
    if session.cancelled:
        raise BookingRefused("This session has been cancelled")
    if session.announced_at is None:
        raise BookingRefused("This session is not open for booking yet")
    if session.starts_at <= now:
        raise BookingRefused("This session has already started")
    if not may_book(person, session):
        raise BookingRefused("This session is not offered to you")
    if is_facilitating(person, session):
        raise BookingRefused("You are facilitating this session")


def book(person: User, session: TrainingSession, access_needs: str = "", *,
         now: datetime | None = None) -> Booking:
    """A place for `person`, or a place on the waiting list when the session is full.

    Booking again while booked or waiting changes nothing and returns the same booking.
    `now` is the moment of booking (the present, unless past bookings are being recorded).
    """
    now = now or utcnow()
    if len(access_needs) > MAX_ACCESS_NEEDS:
        raise BookingRefused(f"Access needs must be {MAX_ACCESS_NEEDS:,} characters or fewer")
    with unit_of_work():
        session = locked_session(session)
        _check_bookable(person, session, now)
        booking = booking_of(person, session)
        if booking is not None and booking.status != BookingStatus.CANCELLED:
            return booking
        if booking is None:
            booking = Booking(session=session, person=person)
            db.session.add(booking)
        booking.access_needs = access_needs.strip()
        booking.booked_at, booking.cancelled_at, booking.promoted_at = now, None, None
        if _take_place(session):
            booking.status, booking.queued_at = BookingStatus.BOOKED.value, None
        else:
            booking.status, booking.queued_at = BookingStatus.WAITLISTED.value, now
        db.session.flush()
        # A booking recorded after the session began (a programme's history) has nothing
        # left to confirm.
        if session.starts_at > utcnow():
            _confirm(booking)
        audit.record("session_booked", actor=person, object_type="training_session",
                     object_id=session.id, details={"status": booking.status})
        after_commit(deliver_pending)
    return booking


def waiting_list(session: TrainingSession) -> list[Booking]:
    """Who is waiting, first in line first."""
    return list(db.session.scalars(
        select(Booking).where(Booking.session_id == session.id,
                              Booking.status == BookingStatus.WAITLISTED.value)
        .order_by(Booking.queued_at, Booking.id).options(selectinload(Booking.person))))


def promote_first(session: TrainingSession, now: datetime) -> Booking | None:
    """Give the place just freed to the first in line, and tell them."""
    waiting = waiting_list(session)
    if not waiting or not _take_place(session):
        return None
    first = waiting[0]
    first.status, first.promoted_at = BookingStatus.BOOKED.value, now
    audit.record("booking_promoted", actor=None, actor_email="", object_type="training_session",
                 object_id=session.id, details={"person": first.person.email})
    notify([first.person], "booking_promoted",
           f"A place came free on “{session.title}”: you are booked.", session_path(session),
           attachments=[invitation(session)])
    return first


def cancel_booking(actor: User, booking: Booking, *,
                   now: datetime | None = None) -> Booking | None:
    """Cancel a booking or leave the waiting list; returns whoever was promoted into the place.

    The person cancels their own; a facilitator of the session may cancel anyone's.
    """
    now = now or utcnow()
    session = booking.session
    if actor.id != booking.person_id and not (runs_training(actor)
                                              or is_facilitating(actor, session)):
        raise BookingRefused("You can only cancel your own booking")
    with unit_of_work():
        session = locked_session(session)
        db.session.refresh(booking)
        if booking.status == BookingStatus.CANCELLED:
            return None
        held_place = booking.status == BookingStatus.BOOKED
        booking.status, booking.cancelled_at = BookingStatus.CANCELLED.value, now
        promoted = None
        if held_place:
            _free_place(session)
            if not session.cancelled and session.starts_at > now:
                promoted = promote_first(session, now)
        audit.record("booking_cancelled", actor=actor, object_type="training_session",
                     object_id=session.id, details={"person": booking.person.email})
        after_commit(deliver_pending)
    return promoted


def booked(session: TrainingSession) -> list[Booking]:
    """Who holds a place, by name; each person read in the same go, not one by one."""
    places = db.session.scalars(
        select(Booking).where(Booking.session_id == session.id,
                              Booking.status == BookingStatus.BOOKED.value)
        .options(selectinload(Booking.person)))
    return sorted(places, key=lambda b: b.person.name.casefold())


def mark_attendance(actor: User, session: TrainingSession,
                    marks: dict[int, Attendance | None], *, now: datetime | None = None) -> int:
    """Record who attended: `marks` maps booking ids to attended, no-show or not yet marked.
    Returns how many bookings changed. Only people holding a place can be marked."""
    if not (is_facilitating(actor, session) or runs_training(actor)):
        raise BookingRefused("Only the session's facilitators can mark attendance")
    now = now or utcnow()
    if session.starts_at > now:
        raise BookingRefused("Attendance can be marked once the session has started")
    places = {b.id: b for b in booked(session)}
    unknown = set(marks) - places.keys()
    if unknown:
        raise BookingRefused("Some of those people are not booked on this session")
    changed = 0
    with unit_of_work():
        for booking_id, mark in marks.items():
            booking = places[booking_id]
            value = mark.value if mark else None
            if booking.attendance == value:
                continue
            booking.attendance = value
            booking.attendance_marked_by_id = actor.id
            booking.attendance_marked_at = now
            changed += 1
        if changed:
            audit.record("attendance_marked", actor=actor, object_type="training_session",
                         object_id=session.id, details={"changed": changed})
    return changed


def bookings_of(person: User) -> list[Booking]:
    """The person's bookings and places in line, not cancelled, soonest session first."""
    rows = db.session.scalars(select(Booking).join(TrainingSession).where(
        Booking.person_id == person.id, Booking.status != BookingStatus.CANCELLED.value)
        .order_by(TrainingSession.starts_at))
    return list(rows)


def place_in_line(booking: Booking) -> int | None:
    """1 for the first in line; None for a booking that is not waiting."""
    if booking.status != BookingStatus.WAITLISTED:
        return None
    return next(index for index, waiting in enumerate(waiting_list(booking.session), start=1)
                if waiting.id == booking.id)
