"""Booking on the pages: the sessions offered to me, booking in one step with access needs
that only the facilitators see, cancelling and leaving the waiting list, a place coming free,
the reminder the day before, and practising a session's scenario."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from eia.domain import BookableBy, Role
from eia.extensions import db
from eia.formatting import LOCAL_ZONE
from eia.models.training import PracticeAttempt
from eia.models.types import utcnow
from eia.services.mail import deliver_pending
from eia.services.reminders import send_reminders
from eia.services.training import bookings, sessions
from tests.factories import (
    PRACTICE_SCENARIO,
    UnitFactory,
    UserFactory,
    programme,
    training_session,
)
from tests.pages import error_summary, parse
from tests.support.ical import calendar_attachment, event


def _me(client):
    return db.session.get(sessions.User, client.user_id)


def test_my_sessions_show_places_left_the_waiting_list_and_my_place_in_line(client_as,
                                                                         app_context):
    open_session = training_session(programme(), title="Open session", capacity=5)
    full = training_session(programme(), title="Full session", capacity=1)
    bookings.book(UserFactory(roles={Role.TRAINEE}), full)
    bookings.book(UserFactory(roles={Role.TRAINEE}), full)
    client = client_as(Role.TRAINEE)
    page = client.get_page("training.list_sessions")
    text = " ".join(page.get_text().split())
    assert "Open session" in text and "5 places left" in text
    assert "Full: join the waiting list" in text
    bookings.book(_me(client), full)
    text = " ".join(client.get_page("training.list_sessions").get_text().split())
    assert "On the waiting list number 2 in line" in text
    assert open_session.title in text


def test_booking_in_one_step_with_access_needs_seen_by_the_facilitators_only(client_as,
                                                                            app_context,
                                                                            outbox):
    facilitator_client = client_as(Role.FACILITATOR)
    session = training_session(programme(), facilitators=[
        _me(facilitator_client), UserFactory(roles={Role.FACILITATOR})])
    client = client_as(Role.TRAINEE, name="Aisha Rahman")
    outbox.clear()
    response = client.post_form("training.view_session", {"access_needs": "A hearing loop"},
                                session_id=session.id)
    assert response.status_code == 302
    page = parse(client.get(response.location))
    assert "You are booked" in page.get_text()
    assert "Cancel my booking" in page.get_text()
    deliver_pending()
    message = next(m for m in outbox.messages if m["To"] == client.user_email)
    assert event(calendar_attachment(message))["SUMMARY"].value == session.title
    # The facilitator sees the need; another trainee does not.
    facilitator_page = facilitator_client.get_page("training.view_session",
                                                   session_id=session.id)
    assert "A hearing loop" in facilitator_page.get_text()
    assert "Aisha Rahman" in facilitator_page.get_text()
    other = client_as(Role.TRAINEE).get_page("training.view_session", session_id=session.id)
    assert "A hearing loop" not in other.get_text()
    assert "Aisha Rahman" not in other.get_text()


def test_access_needs_that_are_too_long_are_refused_and_kept(client_as, app_context):
    session = training_session(programme())
    client = client_as(Role.TRAINEE)
    needs = "x" * 2_001
    page = parse(client.post_form("training.view_session", {"access_needs": needs},
                                  session_id=session.id))
    assert "Access needs must be 2,000 characters or fewer" in error_summary(page)
    assert page.select_one("textarea[name=access_needs]").get_text() == needs
    assert bookings.booking_of(_me(client), session) is None


def test_cancelling_gives_the_place_to_the_first_in_line_who_gets_the_invitation(
        client_as, app_context, outbox):
    session = training_session(programme(), capacity=1)
    client = client_as(Role.TRAINEE)
    bookings.book(_me(client), session)
    waiting = UserFactory(roles={Role.TRAINEE})
    bookings.book(waiting, session)
    deliver_pending()
    outbox.clear()
    page = parse(client.post_form("training.cancel_booking", session_id=session.id,
                                  follow=True))
    assert "Your booking is cancelled" in page.get_text()
    deliver_pending()
    message = next(m for m in outbox.messages if m["To"] == waiting.email)
    assert "A place came free" in message.get_body(("plain",)).get_content()
    assert event(calendar_attachment(message))["METHOD"].value == "REQUEST"
    assert bookings.booking_of(waiting, session).holds_place


def test_leaving_the_waiting_list(client_as, app_context):
    session = training_session(programme(), capacity=1)
    bookings.book(UserFactory(roles={Role.TRAINEE}), session)
    client = client_as(Role.TRAINEE)
    bookings.book(_me(client), session)
    page = client.get_page("training.view_session", session_id=session.id)
    assert "number 1 in line" in page.get_text()
    page = parse(client.post_form("training.cancel_booking", session_id=session.id,
                                  follow=True))
    assert "You have left the waiting list" in page.get_text()
    assert bookings.waiting_list(session) == []


def test_people_outside_a_unit_neither_see_nor_book_its_session(client_as, app_context):
    unit, elsewhere = UnitFactory(name="Adult Social Care"), UnitFactory(name="Estates")
    session = training_session(programme(), audience=BookableBy.UNIT, audience_unit=unit)
    outsider = client_as(Role.TRAINEE, unit_id=elsewhere.id)
    assert session.title not in outsider.get_page("training.list_sessions").get_text()
    assert outsider.get(outsider.url("training.view_session",
                                     session_id=session.id)).status_code == 404
    assert outsider.post_form("training.view_session", {"access_needs": ""},
                              session_id=session.id).status_code == 404
    assert session.booked_count == 0
    insider = client_as(Role.TRAINEE, unit_id=unit.id)
    assert insider.post_form("training.view_session", {"access_needs": ""},
                             session_id=session.id).status_code == 302


def test_a_session_not_yet_announced_is_hidden_from_staff(client_as, app_context):
    session = training_session(programme(), announce=False)
    client = client_as(Role.AUTHOR)
    assert client.get(client.url("training.view_session",
                                 session_id=session.id)).status_code == 404


def test_the_reminder_goes_the_day_before_once_only(client_as, app_context, outbox):
    tomorrow = date.today() + timedelta(days=1)
    start = (utcnow().astimezone(LOCAL_ZONE).replace(
        year=tomorrow.year, month=tomorrow.month, day=tomorrow.day, hour=10, minute=0,
        second=0, microsecond=0))
    session = training_session(programme(), starts_in=start - utcnow(), title="EIA tomorrow")
    person = UserFactory(roles={Role.TRAINEE})
    bookings.book(person, session)
    later = training_session(programme(), starts_in=timedelta(days=5))
    bookings.book(person, later)  # not tomorrow: no reminder yet
    deliver_pending()
    outbox.clear()
    first = send_reminders(date.today())
    assert first.sent["session_tomorrow"] == 1
    assert "1 training sessions tomorrow" in first.line()
    second = send_reminders(date.today())
    assert second.sent["session_tomorrow"] == 0
    reminders = [m for m in outbox.messages if m["To"] == person.email]
    assert len(reminders) == 1
    assert "is tomorrow" in reminders[0].get_body(("plain",)).get_content()


def test_a_booked_trainee_practises_the_sessions_scenario_and_the_attempt_records_it(
        client_as, app_context):
    facilitator = UserFactory(roles={Role.FACILITATOR})
    session = training_session(programme(), facilitators=[
        facilitator, UserFactory(roles={Role.FACILITATOR})],
        scenarios=[PRACTICE_SCENARIO])
    client = client_as(Role.TRAINEE)
    refused = parse(client.post_form("training.practise_in_session",
                                     {"scenario": PRACTICE_SCENARIO}, session_id=session.id,
                                     follow=True))
    assert "Book a place on the session to practise in it" in error_summary(refused)
    bookings.book(_me(client), session)
    page = client.get_page("training.view_session", session_id=session.id)
    assert page.find("input", {"name": "scenario", "value": PRACTICE_SCENARIO})
    response = client.post_form("training.practise_in_session",
                                {"scenario": PRACTICE_SCENARIO}, session_id=session.id)
    assert response.status_code == 302 and "/assessments/TRN-" in response.location
    attempt = db.session.scalars(select(PracticeAttempt).where(
        PracticeAttempt.trainee_id == client.user_id)).one()
    assert attempt.session_id == session.id
