"""Sessions and bookings of a programme for the train-the-trainer tests.

The pathway's evidence and the hand-over pack read sessions, their facilitators, scenarios and
bookings; the scheduling and booking services are not part of these pages, so these helpers
save the rows as those services leave them (a booked place counted in `booked_count`).
"""

from __future__ import annotations

from datetime import timedelta

from eia.domain import Attendance, Audience, BookingStatus, SessionKind
from eia.extensions import db
from eia.models.programme import Booking, SessionFacilitator, TrainingSession
from eia.models.types import utcnow
from eia.models.users import User
from eia.services.training import library


def schedule(programme, *, title: str, facilitators: list[User],
             kind: SessionKind = SessionKind.DELEGATE, days_ago: int = 7, capacity: int = 20,
             scenario_keys: tuple[str, ...] = ()) -> TrainingSession:
    session = TrainingSession(
        programme_id=programme.id, title=title, kind=kind.value,
        starts_at=utcnow() - timedelta(days=days_ago), duration_minutes=120,
        capacity=capacity, audience=Audience.ALL_STAFF.value,
        created_by_id=(facilitators[0] if facilitators else programme.lead).id,
        facilitators=[SessionFacilitator(user_id=person.id, position=position)
                      for position, person in enumerate(facilitators)],
        scenarios=[library.stored_version(library.get_entry(key)).scenario
                   for key in scenario_keys])
    db.session.add(session)
    db.session.commit()
    return session


def book(session: TrainingSession, person: User,
         attendance: Attendance | None = None) -> Booking:
    booking = Booking(session_id=session.id, person_id=person.id,
                      status=BookingStatus.BOOKED.value,
                      attendance=attendance.value if attendance else None)
    session.booked_count += 1
    db.session.add(booking)
    db.session.commit()
    return booking
