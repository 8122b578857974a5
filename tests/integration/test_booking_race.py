"""Fifty people booking the last place at the same moment, and people cancelling at once:
never more bookings than places, the waiting list in the order people asked, and each place
that comes free given to exactly one person.

Each booking runs in its own thread, application context and database connection, against a
database of its own (committed, not rolled back), as concurrent web requests would.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from sqlalchemy import func, select

from eia.domain import BookingStatus, Role
from eia.extensions import db
from eia.models.programme import Booking, TrainingSession
from eia.models.users import User
from eia.services.training import bookings
from tests.conftest import make_test_app
from tests.factories import UserFactory, programme, training_session
from tests.support.migrated import migrated_database_url

pytestmark = pytest.mark.own_app

PEOPLE = 50


@pytest.fixture
def race_app(new_database_url, postgres, smtp):
    url = migrated_database_url(new_database_url, postgres, smtp, "race")
    app = make_test_app(url, smtp)
    yield app
    with app.app_context():
        db.engine.dispose()


def at_once(app, tasks: list[Callable[[], object]]) -> list[object]:
    """Run every task in its own thread, released together; returns what each returned or
    raised."""
    barrier = threading.Barrier(len(tasks))
    results: list[object] = [None] * len(tasks)

    def run(index: int) -> None:
        with app.app_context():
            barrier.wait()
            try:
                results[index] = tasks[index]()
            except Exception as error:  # each outcome is asserted by the test
                results[index] = error
            finally:
                db.session.remove()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(tasks))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def _booker(session_id: int, person_id: int) -> Callable[[], str]:
    def book() -> str:
        session = db.session.get(TrainingSession, session_id)
        return bookings.book(db.session.get(User, person_id), session).status
    return book


def _canceller(session_id: int, person_id: int) -> Callable[[], object]:
    def cancel() -> object:
        session = db.session.get(TrainingSession, session_id)
        person = db.session.get(User, person_id)
        promoted = bookings.cancel_booking(person, bookings.booking_of(person, session))
        return promoted.person_id if promoted else None
    return cancel


def test_fifty_people_booking_the_last_place_at_once(race_app):
    with race_app.app_context():
        session = training_session(programme(), capacity=3)
        early = [UserFactory(roles={Role.TRAINEE}) for _ in range(2)]
        for person in early:
            bookings.book(person, session)
        crowd = [UserFactory(roles={Role.TRAINEE}).id for _ in range(PEOPLE)]
        session_id, early_ids = session.id, [person.id for person in early]

    outcomes = at_once(race_app, [_booker(session_id, person_id) for person_id in crowd])

    assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
    assert outcomes.count(BookingStatus.BOOKED) == 1
    assert outcomes.count(BookingStatus.WAITLISTED) == PEOPLE - 1
    with race_app.app_context():
        session = db.session.get(TrainingSession, session_id)
        assert session.booked_count == session.capacity == 3
        held = db.session.scalar(select(func.count()).select_from(Booking).where(
            Booking.session_id == session_id, Booking.status == BookingStatus.BOOKED.value))
        assert held == 3
        waiting = bookings.waiting_list(session)
        assert len(waiting) == PEOPLE - 1

    # Two of the three holding places cancel at the same moment: the first two in line, in
    # order, are each promoted once, and the session stays exactly full.
    expected = [b.person_id for b in waiting[:2]]
    promoted = at_once(race_app, [_canceller(session_id, person_id) for person_id in early_ids])
    assert not [p for p in promoted if isinstance(p, Exception)], promoted
    assert sorted(promoted) == sorted(expected)
    with race_app.app_context():
        session = db.session.get(TrainingSession, session_id)
        assert session.booked_count == 3
        statuses = {b.person_id: b.status for b in session.bookings}
        assert all(statuses[person_id] == BookingStatus.BOOKED for person_id in expected)
        assert len(bookings.waiting_list(session)) == PEOPLE - 3
