"""Calendar invitations: the .ics a person downloads or receives by email puts the session at
the right UK time, replaces itself when the session moves, and removes itself when it is
cancelled."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from eia.domain import Role
from eia.models.types import utcnow
from eia.services.mail import deliver_pending
from eia.services.training import bookings, rescheduling
from eia.services.training.calendar import calendar_text
from tests.factories import UserFactory, programme, training_session
from tests.support.ical import calendar_attachment, event, properties

# 10am in London in summer is 9am UTC; in winter the two agree.
SUMMER = datetime(2030, 7, 2, 9, 0, tzinfo=UTC)
WINTER = datetime(2030, 12, 3, 10, 0, tzinfo=UTC)


def _session_at(moment: datetime, **overrides):
    return training_session(programme(), starts_in=moment - utcnow(), **overrides)


def test_the_invitation_is_in_uk_time_on_both_sides_of_the_clock_change(app_context):
    for moment in (SUMMER, WINTER):
        session = _session_at(moment, duration_minutes=90, title="EIA essentials; part 1, day")
        props = event(calendar_text(session))
        assert props["DTSTART"].params == {"TZID": "Europe/London"}
        assert props["DTSTART"].value == f"{moment:%Y%m%d}T100000"
        assert props["DTEND"].value == f"{moment:%Y%m%d}T113000"
        assert props["TZID"].value == "Europe/London"
        assert props["METHOD"].value == "REQUEST"
        assert props["SUMMARY"].value == "EIA essentials\\; part 1\\, day"
        names = [p.name for p in properties(calendar_text(session))]
        assert names.count("BEGIN") == names.count("END")


def test_long_lines_are_folded_at_75_octets(app_context):
    session = _session_at(WINTER, description="Bring the learning booklet. " * 20)
    for line in calendar_text(session).split("\r\n"):
        assert len(line.encode()) <= 75


def test_the_booking_confirmation_carries_the_invitation(app_context, outbox):
    session = _session_at(SUMMER, title="Equality impact assessments: the essentials")
    person = UserFactory(roles={Role.TRAINEE})
    outbox.clear()
    bookings.book(person, session)
    deliver_pending()
    message = next(m for m in outbox.messages if m["To"] == person.email)
    assert "You have a place" in message.get_body(("plain",)).get_content()
    props = event(calendar_attachment(message))
    assert props["DTSTART"].value == "20300702T100000"
    assert props["DTSTART"].params["TZID"] == "Europe/London"
    assert props["UID"].value == f"training-session-{session.id}@due-regard"


def test_a_move_sends_the_same_event_with_a_higher_sequence_and_a_cancellation_cancels_it(
        app_context, outbox):
    session = _session_at(WINTER)
    person = UserFactory(roles={Role.TRAINEE})
    bookings.book(person, session)
    deliver_pending()
    first = event(calendar_attachment(next(m for m in outbox.messages
                                           if m["To"] == person.email)))
    outbox.clear()
    facilitator = session.facilitators[0].user
    rescheduling.move_session(facilitator, session, rescheduling.Move(
        starts_at=WINTER + timedelta(days=1), duration_minutes=150, capacity=12,
        place="Room 5"), revision=session.revision)
    deliver_pending()
    moved = event(calendar_attachment(outbox.messages[-1]))
    assert moved["UID"].value == first["UID"].value
    assert int(moved["SEQUENCE"].value) > int(first["SEQUENCE"].value)
    assert moved["DTSTART"].value == "20301204T100000"
    assert moved["LOCATION"].value == "Room 5"
    outbox.clear()
    rescheduling.cancel_session(facilitator, session, "The trainer is ill",
                                revision=session.revision)
    deliver_pending()
    message = outbox.messages[-1]
    cancelled = event(calendar_attachment(message))
    assert cancelled["METHOD"].value == "CANCEL"
    assert cancelled["STATUS"].value == "CANCELLED"
    assert cancelled["UID"].value == first["UID"].value
    assert int(cancelled["SEQUENCE"].value) > int(moved["SEQUENCE"].value)
    calendar_part = next(message.iter_attachments())
    assert calendar_part.get_param("method") == "CANCEL"


def test_anyone_offered_the_session_downloads_its_calendar_file(client_as, app_context):
    session = _session_at(SUMMER)
    client = client_as(Role.AUTHOR)
    response = client.get(f"/training/sessions/{session.id}/calendar.ics")
    assert response.status_code == 200
    assert response.mimetype == "text/calendar"
    assert "attachment" in response.headers["Content-Disposition"]
    assert event(response.get_data(as_text=True))["DTSTART"].value == "20300702T100000"
