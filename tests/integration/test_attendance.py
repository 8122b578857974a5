"""Marking attendance in the room: everyone booked, their access needs, one choice each and
one save; for the session's facilitators only."""

from __future__ import annotations

from datetime import timedelta

from eia.domain import Role
from eia.extensions import db
from eia.models.types import utcnow
from eia.services.training import bookings, sessions
from tests.factories import UserFactory, programme, training_session
from tests.pages import error_summary, parse

NOW = utcnow()


def _started_session(facilitator, people):
    """A session that started an hour ago, booked by `people` the week before."""
    week_ago = NOW - timedelta(days=7)
    session = training_session(programme(), facilitators=[
        facilitator, UserFactory(roles={Role.FACILITATOR})],
        starts_in=timedelta(days=7) - timedelta(hours=1), now=week_ago)
    for person, needs in people:
        bookings.book(person, session, needs, now=week_ago)
    return session


def test_a_facilitator_marks_everyone_at_once_on_a_page_made_for_a_tablet(client_as,
                                                                         app_context):
    client = client_as(Role.FACILITATOR)
    came = UserFactory(roles={Role.TRAINEE}, name="Bea Came")
    missed = UserFactory(roles={Role.TRAINEE}, name="Cal Missed")
    session = _started_session(db.session.get(sessions.User, client.user_id),
                               [(came, "Step-free access"), (missed, "")])
    page = client.get_page("training.mark_attendance", session_id=session.id)
    assert "Step-free access" in page.get_text()
    # One group of radios per person, each labelled, and no table to squeeze on a narrow
    # screen.
    assert page.find("table") is None
    assert [legend.get_text(strip=True) for legend in page.select("legend")] == [
        "Bea Came", "Cal Missed"]
    places = {b.person_id: b for b in bookings.booked(session)}
    response = client.post_form("training.mark_attendance", {
        f"attendance-{places[came.id].id}": "attended",
        f"attendance-{places[missed.id].id}": "no_show"}, session_id=session.id)
    assert response.status_code == 302
    page = parse(client.get(response.location))
    assert "Attendance saved (2 changed)" in page.get_text()
    assert page.select_one(f"#attendance-{places[came.id].id}-attended").has_attr("checked")
    assert page.select_one(f"#attendance-{places[missed.id].id}-no_show").has_attr("checked")
    db.session.refresh(places[came.id])
    assert places[came.id].attended


def test_attendance_waits_until_the_session_has_started(client_as, app_context):
    client = client_as(Role.FACILITATOR)
    me = db.session.get(sessions.User, client.user_id)
    session = training_session(programme(), facilitators=[me, UserFactory(
        roles={Role.FACILITATOR})])
    person = UserFactory(roles={Role.TRAINEE})
    booking = bookings.book(person, session)
    page = parse(client.post_form("training.mark_attendance",
                                  {f"attendance-{booking.id}": "attended"},
                                  session_id=session.id))
    assert "Attendance can be marked once the session has started" in error_summary(page)
    # What was chosen is still chosen.
    assert page.select_one(f"#attendance-{booking.id}-attended").has_attr("checked")
    db.session.refresh(booking)
    assert booking.attendance is None


def test_trainees_cannot_mark_attendance(client_as, app_context):
    trainee = client_as(Role.TRAINEE)
    person = db.session.get(sessions.User, trainee.user_id)
    session = _started_session(UserFactory(roles={Role.FACILITATOR}), [(person, "")])
    booking = bookings.booking_of(person, session)
    assert trainee.get(trainee.url("training.mark_attendance",
                                   session_id=session.id)).status_code == 403
    assert trainee.post_form("training.mark_attendance", {
        f"attendance-{booking.id}": "attended"}, session_id=session.id).status_code == 403
    db.session.refresh(booking)
    assert booking.attendance is None
