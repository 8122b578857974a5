"""Scheduling, announcing, moving and cancelling sessions on the facilitators' pages, as the
facilitators and the people booked would notice."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select

from eia.domain import Role
from eia.extensions import db
from eia.models.programme import TrainingSession
from eia.models.types import utcnow
from eia.services.mail import deliver_pending
from eia.services.training import bookings, sessions
from tests.factories import PRACTICE_SCENARIO, UserFactory, programme, training_session
from tests.integration.conftest import date_parts
from tests.pages import error_summary, parse
from tests.support.ical import calendar_attachment, event

NEXT_SUMMER = date(utcnow().year + 1, 7, 2)


def _schedule_form(facilitators, **overrides) -> dict:
    return {"title": "EIA essentials", "kind": "delegate", "starts_on": date_parts(NEXT_SUMMER),
            "start_time": "9:30am", "duration_minutes": "150", "capacity": "20",
            "format": "in_person", "place": "Room 2, Civic Centre", "link": "",
            "facilitators": [str(person.id) for person in facilitators],
            "scenarios": [PRACTICE_SCENARIO], "audience": "all_staff", "audience_unit": "",
            "description": "Bring the learning booklet.", **overrides}


def test_a_facilitator_schedules_a_session_at_the_uk_time_they_typed(client_as, app_context):
    client = client_as(Role.FACILITATOR)
    me = db.session.get(sessions.User, client.user_id)
    partner = UserFactory(roles={Role.FACILITATOR}, name="Ines Duarte")
    training = programme(lead=me)
    response = client.post_form("training.schedule_session", _schedule_form([me, partner]),
                                programme_id=training.id)
    assert response.status_code == 302
    session = db.session.scalars(select(TrainingSession).where(
        TrainingSession.programme_id == training.id)).one()
    # 9:30am British Summer Time is 8:30 UTC.
    assert session.starts_at == datetime.combine(NEXT_SUMMER, datetime.min.time(),
                                                 UTC).replace(hour=8, minute=30)
    assert [s.key for s in session.scenarios] == [PRACTICE_SCENARIO]
    page = parse(client.get(response.location))
    assert "is scheduled" in page.get_text() and "Announce the session" in page.get_text()
    listing = client.get_page("training.list_programme_sessions", programme_id=training.id)
    assert "Not announced" in listing.get_text() and "0 of 20 places taken" in " ".join(
        listing.get_text().split())


def test_every_problem_is_shown_at_once_and_nothing_typed_is_lost(client_as, app_context):
    client = client_as(Role.FACILITATOR)
    training = programme()
    form = _schedule_form([], title="", start_time="25 o'clock", capacity="0",
                          duration_minutes="five", format="online", place="",
                          link="http://insecure.example", audience="unit",
                          description="Keep this text")
    response = client.post_form("training.schedule_session", form, programme_id=training.id)
    assert response.status_code == 200
    page = parse(response)
    problems = error_summary(page)
    assert "Enter the session's title" in problems
    assert "Enter the start time like 9:30am or 14:30" in problems
    assert "The length must be a whole number, like 12" in problems
    assert "The capacity must be from 1 to 500" in problems
    assert "Enter the link to join the session, starting https://" in problems
    assert "Choose the unit whose people may book" in problems
    assert "Choose from one to 3 facilitators" in problems
    assert page.title.get_text().startswith("Error:")
    assert page.select_one("textarea[name=description]").get_text() == "Keep this text"
    assert page.select_one("input[name=link]")["value"] == "http://insecure.example"
    assert page.select_one("input[name=start_time]")["value"] == "25 o'clock"
    assert db.session.scalar(select(TrainingSession).where(
        TrainingSession.programme_id == training.id)) is None


def test_a_session_in_the_past_is_refused(client_as, app_context):
    client = client_as(Role.FACILITATOR)
    me = db.session.get(sessions.User, client.user_id)
    form = _schedule_form([me, UserFactory(roles={Role.FACILITATOR})],
                          starts_on=date_parts(date.today() - timedelta(days=2)))
    page = parse(client.post_form("training.schedule_session", form,
                                  programme_id=programme().id))
    assert "The session must start in the future" in error_summary(page)


def test_trainees_and_authors_cannot_schedule_announce_or_move(client_as, app_context):
    session = training_session(programme(), announce=False)
    for role in (Role.TRAINEE, Role.AUTHOR):
        client = client_as(role)
        assert client.get(client.url("training.schedule_session",
                                     programme_id=session.programme_id)).status_code == 403
        assert client.post_form("training.announce_session",
                                session_id=session.id).status_code == 403
        assert client.get(client.url("training.move_session",
                                     session_id=session.id)).status_code == 403
    assert session.announced_at is None


def test_announcing_from_the_session_page_tells_everyone(client_as, app_context):
    client = client_as(Role.FACILITATOR)
    me = db.session.get(sessions.User, client.user_id)
    session = training_session(programme(), facilitators=[me, UserFactory(
        roles={Role.FACILITATOR})], announce=False)
    UserFactory(roles={Role.TRAINEE})
    page = parse(client.post_form("training.announce_session", session_id=session.id,
                                  follow=True))
    assert "Announced:" in page.get_text()
    db.session.refresh(session)
    assert session.announced_at is not None


def _booked_session(client_as, capacity=2):
    client = client_as(Role.FACILITATOR)
    me = db.session.get(sessions.User, client.user_id)
    session = training_session(programme(), capacity=capacity, facilitators=[
        me, UserFactory(roles={Role.FACILITATOR})])
    people = [UserFactory(roles={Role.TRAINEE}) for _ in range(capacity + 1)]
    for person in people:
        bookings.book(person, session)
    return client, session, people


def test_moving_a_session_tells_everyone_booked_or_waiting_with_the_new_time(client_as,
                                                                          app_context,
                                                                          outbox):
    client, session, people = _booked_session(client_as)
    deliver_pending()
    outbox.clear()
    page = client.get_page("training.move_session", session_id=session.id)
    revision = page.select_one("input[name=revision]")["value"]
    new_day = date.today() + timedelta(days=20)
    response = client.post_form("training.move_session", {
        "revision": revision, "starts_on": date_parts(new_day), "start_time": "14:00",
        "duration_minutes": "90", "capacity": "3", "place": "Council Chamber"},
        session_id=session.id)
    assert response.status_code == 302
    deliver_pending()
    told = {m["To"]: m for m in outbox.messages}
    assert {person.email for person in people} <= told.keys()
    props = event(calendar_attachment(told[people[0].email]))
    assert props["DTSTART"].value == f"{new_day:%Y%m%d}T140000"
    assert props["LOCATION"].value == "Council Chamber"
    # A third place: the first in line is promoted into it.
    assert bookings.booking_of(people[2], session).holds_place


def test_a_move_cannot_leave_fewer_places_than_are_taken_and_keeps_what_was_typed(client_as,
                                                                               app_context):
    client, session, _ = _booked_session(client_as)
    page = client.get_page("training.move_session", session_id=session.id)
    response = client.post_form("training.move_session", {
        "revision": page.select_one("input[name=revision]")["value"],
        "starts_on": date_parts(date.today() + timedelta(days=9)), "start_time": "10:00",
        "duration_minutes": "120", "capacity": "1", "place": "Room 9"}, session_id=session.id)
    page = parse(response)
    assert "The capacity cannot be less than the 2 places already taken" in error_summary(page)
    assert page.select_one("input[name=place]")["value"] == "Room 9"
    db.session.refresh(session)
    assert session.capacity == 2


def test_a_move_from_an_older_copy_of_the_page_is_refused(client_as, app_context):
    client, session, _ = _booked_session(client_as)
    page = client.get_page("training.move_session", session_id=session.id)
    stale = page.select_one("input[name=revision]")["value"]
    form = {"starts_on": date_parts(date.today() + timedelta(days=9)), "start_time": "10:00",
            "duration_minutes": "120", "capacity": "5", "place": "Room 9"}
    assert client.post_form("training.move_session", {**form, "revision": stale},
                            session_id=session.id).status_code == 302
    again = client.post_form("training.move_session", {**form, "capacity": "8",
                                                       "revision": stale},
                             session_id=session.id)
    assert any("Someone changed this session" in p for p in error_summary(parse(again)))
    db.session.refresh(session)
    assert session.capacity == 5


def test_cancelling_needs_a_reason_and_tells_everyone_with_a_cancellation(client_as,
                                                                         app_context, outbox):
    client, session, people = _booked_session(client_as)
    page = client.get_page("training.cancel_session", session_id=session.id)
    revision = page.select_one("input[name=revision]")["value"]
    blank = parse(client.post_form("training.cancel_session", {"revision": revision,
                                                                "reason": ""},
                                   session_id=session.id))
    assert "Say why the session is cancelled" in error_summary(blank)
    deliver_pending()
    outbox.clear()
    response = client.post_form("training.cancel_session", {
        "revision": revision, "reason": "The room is flooded"}, session_id=session.id)
    assert response.status_code == 302
    deliver_pending()
    told = {m["To"]: m for m in outbox.messages}
    assert {person.email for person in people} <= told.keys()
    message = told[people[-1].email]  # the one waiting is told too
    assert "The room is flooded" in message.get_body(("plain",)).get_content()
    assert event(calendar_attachment(message))["METHOD"].value == "CANCEL"
    trainee_page = parse(client.get(client.url("training.view_session", session_id=session.id)))
    assert "This session has been cancelled: The room is flooded" in trainee_page.get_text()
