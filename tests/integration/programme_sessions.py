"""Past sessions of a programme, with bookings and attendance, for the train-the-trainer tests:
scheduled, booked and marked through the sessions and bookings services, as they would have
been at the time."""

from __future__ import annotations

from datetime import timedelta

from eia.domain import Attendance, SessionKind
from eia.models.programme import Booking, TrainingSession
from eia.models.types import utcnow
from eia.models.users import User
from eia.services.training import bookings, library, sessions


def schedule(programme, *, title: str, facilitators: list[User],
             kind: SessionKind = SessionKind.DELEGATE, days_ago: int = 7, capacity: int = 20,
             scenario_keys: tuple[str, ...] = ()) -> TrainingSession:
    """A session that started `days_ago` days ago, scheduled and opened for booking (telling
    nobody) a week before it."""
    starts_at = utcnow() - timedelta(days=days_ago)
    details = sessions.SessionDetails(
        title=title, starts_at=starts_at, duration_minutes=120, capacity=capacity,
        facilitators=facilitators, kind=kind, place="Room 2, Civic Centre",
        scenarios=[library.stored_version(library.get_entry(key)).scenario
                   for key in scenario_keys])
    scheduled_at = starts_at - timedelta(days=7)
    session = sessions.schedule_session(facilitators[0], programme, details, now=scheduled_at)
    sessions.announce_session(facilitators[0], session, now=scheduled_at, quietly=True)
    return session


def book(session: TrainingSession, person: User,
         attendance: Attendance | None = None) -> Booking:
    """`person` booked a day before the session; their attendance marked by its facilitator."""
    booking = bookings.book(person, session, now=session.starts_at - timedelta(days=1))
    if attendance is not None:
        bookings.mark_attendance(session.facilitators[0].user, session,
                                 {booking.id: attendance})
    return booking
