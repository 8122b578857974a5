"""Scheduling, announcing and booking sessions: places, the waiting list, cancelling and
attendance, as the people involved would notice them."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from eia.domain import Attendance, BookableBy, BookingStatus, Role, SessionKind
from eia.extensions import db
from eia.models.notifications import Notification
from eia.models.types import utcnow
from eia.services.mail import deliver_pending
from eia.services.training import bookings, sessions
from eia.services.training.bookings import BookingRefused
from eia.services.training.sessions import SchedulingRefused, SessionDetails
from tests.factories import UnitFactory, UserFactory, programme, training_session


def _details(facilitators, **overrides) -> SessionDetails:
    fields = {"title": "EIA essentials", "starts_at": utcnow() + timedelta(days=3),
              "duration_minutes": 120, "capacity": 10, "facilitators": facilitators,
              "place": "Room 1", **overrides}
    return SessionDetails(**fields)


def test_a_new_facilitator_cannot_run_a_delegate_session_alone(app_context):
    newcomer = UserFactory(roles={Role.FACILITATOR}, name="Nia Rees")
    with pytest.raises(SchedulingRefused, match="Nia Rees has not yet reached"):
        sessions.schedule_session(newcomer, programme(), _details([newcomer]))
    # A rehearsal, or a delegate session beside someone else, is allowed.
    rehearsal = sessions.schedule_session(newcomer, programme(), _details(
        [newcomer], kind=SessionKind.REHEARSAL))
    assert rehearsal.id is not None


@pytest.mark.parametrize("overrides, message", [
    ({"title": " "}, "Enter the session's title"),
    ({"capacity": 0}, "capacity must be from 1"),
    ({"duration_minutes": 5}, "lasts from 15 minutes"),
    ({"place": ""}, "Enter where the session takes place"),
    ({"audience": BookableBy.UNIT}, "Choose the unit"),
    ({"starts_at": utcnow() - timedelta(hours=1)}, "must start in the future"),
])
def test_scheduling_refuses_what_cannot_run(app_context, overrides, message):
    pair = [UserFactory(roles={Role.FACILITATOR}) for _ in range(2)]
    with pytest.raises(SchedulingRefused, match=message):
        sessions.schedule_session(pair[0], programme(), _details(pair, **overrides))


def test_announcing_tells_everyone_who_may_book_in_the_application_and_by_email(app_context,
                                                                               outbox):
    staff = [UserFactory(roles={Role.AUTHOR}) for _ in range(3)]
    session = training_session(programme(), announce=False)
    told = sessions.announce_session(session.facilitators[0].user, session)
    assert told >= 3
    for person in staff:
        notes = db.session.scalars(select(Notification).where(
            Notification.user_id == person.id, Notification.kind == "session_announced")).all()
        assert len(notes) == 1 and session.title in notes[0].message
    deliver_pending()
    recipients = {message["To"] for message in outbox.messages}
    assert {person.email for person in staff} <= recipients
    body = next(m for m in outbox.messages if m["To"] == staff[0].email).get_body()
    assert "because you take part in EIA training" in body.get_content()
    # The facilitators are not invited to their own session.
    assert not {row.user.email for row in session.facilitators} & recipients


def test_a_session_for_one_unit_is_offered_to_that_unit_and_its_teams_only(app_context):
    directorate = UnitFactory(name="Adult Social Care")
    team = UnitFactory(name="Day Services", parent_id=directorate.id)
    elsewhere = UnitFactory(name="Estates")
    session = training_session(programme(), audience=BookableBy.UNIT,
                               audience_unit=directorate)
    inside = UserFactory(roles={Role.AUTHOR}, unit_id=team.id)
    outside = UserFactory(roles={Role.AUTHOR}, unit_id=elsewhere.id)
    assert bookings.book(inside, session).status == BookingStatus.BOOKED
    with pytest.raises(BookingRefused, match="not offered to you"):
        bookings.book(outside, session)


def test_a_full_session_puts_people_on_the_waiting_list_and_a_cancellation_promotes_the_first(
        app_context, outbox):
    session = training_session(programme(), capacity=2)
    first, second, third, fourth = (UserFactory(roles={Role.TRAINEE}) for _ in range(4))
    assert bookings.book(first, session, "Step-free access").status == BookingStatus.BOOKED
    assert bookings.book(second, session).status == BookingStatus.BOOKED
    assert bookings.book(third, session).status == BookingStatus.WAITLISTED
    assert bookings.book(fourth, session).status == BookingStatus.WAITLISTED
    assert [b.person for b in bookings.waiting_list(session)] == [third, fourth]
    # Booking twice changes nothing.
    assert bookings.book(third, session).status == BookingStatus.WAITLISTED

    outbox.clear()
    promoted = bookings.cancel_booking(first, bookings.booking_of(first, session))
    assert promoted.person == third and promoted.status == BookingStatus.BOOKED
    assert session.booked_count == 2
    assert [b.person for b in bookings.waiting_list(session)] == [fourth]
    deliver_pending()
    assert [m["To"] for m in outbox.messages] == [third.email]
    assert "You have a place" in outbox.messages[0]["Subject"]
    # Leaving the waiting list frees no place and promotes nobody.
    assert bookings.cancel_booking(fourth, bookings.booking_of(fourth, session)) is None
    assert session.booked_count == 2


def test_only_the_person_or_a_facilitator_cancels_a_booking(app_context):
    session = training_session(programme())
    person, other = UserFactory(roles={Role.TRAINEE}), UserFactory(roles={Role.AUTHOR})
    booking = bookings.book(person, session)
    with pytest.raises(BookingRefused, match="only cancel your own"):
        bookings.cancel_booking(other, booking)
    bookings.cancel_booking(session.facilitators[0].user, booking)
    assert booking.status == BookingStatus.CANCELLED and session.booked_count == 0
    # Booking again after cancelling takes a place again.
    assert bookings.book(person, session).status == BookingStatus.BOOKED


def test_unannounced_cancelled_and_started_sessions_cannot_be_booked(app_context):
    person = UserFactory(roles={Role.TRAINEE})
    with pytest.raises(BookingRefused, match="not open for booking"):
        bookings.book(person, training_session(programme(), announce=False))
    started = training_session(programme(), now=utcnow() - timedelta(days=8))
    with pytest.raises(BookingRefused, match="already started"):
        bookings.book(person, started)


def test_attendance_is_marked_for_people_holding_a_place_once_the_session_has_begun(
        app_context):
    earlier = utcnow() - timedelta(days=10)
    session = training_session(programme(), now=earlier, capacity=2)
    present, absent, waiting = (UserFactory(roles={Role.TRAINEE}) for _ in range(3))
    places = [bookings.book(person, session, now=earlier) for person in (present, absent)]
    queued = bookings.book(waiting, session, now=earlier)
    facilitator = session.facilitators[0].user
    with pytest.raises(BookingRefused, match="not booked"):
        bookings.mark_attendance(facilitator, session, {queued.id: Attendance.ATTENDED})
    assert bookings.mark_attendance(facilitator, session, {
        places[0].id: Attendance.ATTENDED, places[1].id: Attendance.NO_SHOW}) == 2
    assert places[0].attended and places[1].attendance == Attendance.NO_SHOW
    # Marking the same again changes nothing.
    assert bookings.mark_attendance(facilitator, session,
                                    {places[0].id: Attendance.ATTENDED}) == 0

    upcoming = training_session(programme())
    booking = bookings.book(present, upcoming)
    with pytest.raises(BookingRefused, match="once the session has started"):
        bookings.mark_attendance(facilitator, upcoming, {booking.id: Attendance.ATTENDED})
    with pytest.raises(BookingRefused, match="facilitators can mark"):
        bookings.mark_attendance(absent, session, {places[0].id: None})
