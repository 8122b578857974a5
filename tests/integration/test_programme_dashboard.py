"""The programme lead's page: its figures from known sessions, bookings, attendance, practice
and answers; who has not booked, by unit and by name; and the reminder to book, once a day."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import event, select

from eia.domain import BookingStatus, Role, SessionKind
from eia.extensions import db
from eia.models.notifications import Notification
from eia.models.types import utcnow
from eia.services import accounts
from eia.services.training import bookings, dashboard
from eia.services.training.dashboard import NO_UNIT, ReminderRefused
from tests.conftest import sign_in_client
from tests.factories import (
    UnitFactory,
    UserFactory,
    past_session,
    practice_attempt,
    programme,
    training_session,
)
from tests.integration.feedback_helpers import answered, trainees, with_lead_signed_in
from tests.pages import banner_text, parse


@pytest.fixture(scope="module")
def built(module_transaction):
    """A programme with a target of 10, built once for the module (see `known`).

    Two delegate sessions run: the first full (4 of 4 places; three attended, one did not
    come), the second with 2 of 12 (one of them came to the first too): four delegates
    trained, 6 of 16 places taken. A rehearsal run, with someone who has booked nothing else.
    One upcoming session of one place: taken, with two waiting. One delegate is competent in
    practice; so is someone who is not a delegate. Finance has three people who have not
    booked and one disabled; Estates one who has not booked and one booked. The administrator,
    who has no unit, has not booked either.
    """
    lead = UserFactory(roles={Role.FACILITATOR}, name="Lee Lead")
    admin = UserFactory(roles={Role.ADMIN})
    finance, estates = UnitFactory(name="Finance"), UnitFactory(name="Estates")
    plan = programme(lead, target_delegates=10)
    first_four = trainees(4)
    delegates = first_four[:3]
    first = past_session(plan, attendees=delegates, no_shows=first_four[3:], capacity=4)
    later = trainees(1)
    past_session(plan, attendees=[delegates[0], *later], capacity=12)
    rehearsal_only = trainees(1)
    past_session(plan, attendees=rehearsal_only, kind=SessionKind.REHEARSAL)
    upcoming = training_session(plan, capacity=1)
    booked = UserFactory(roles={Role.AUTHOR}, unit_id=estates.id)
    bookings.book(booked, upcoming)
    waiting = [UserFactory(roles={Role.AUTHOR}, unit_id=finance.id) for _ in range(2)]
    assert all(bookings.book(p, upcoming).status == BookingStatus.WAITLISTED for p in waiting)
    finance_people = [UserFactory(roles={Role.AUTHOR}, unit_id=finance.id, name=f"F{n}")
                      for n in range(3)]
    gone = UserFactory(roles={Role.AUTHOR}, unit_id=finance.id)
    accounts.disable_user(admin, gone)
    estates_person = UserFactory(roles={Role.AUTHOR}, unit_id=estates.id)
    practice_attempt("accepted", person=delegates[0])
    practice_attempt("accepted", person=booked)
    answered(first, delegates)
    return {"programme": plan, "lead_user": lead, "finance": finance,
            "estates": estates, "finance_people": finance_people, "admin": admin,
            "estates_person": estates_person, "no_unit": rehearsal_only[0]}


@pytest.fixture
def known(built, app, app_context):
    """The programme in this test's session, with the lead signed in (`lead`)."""
    return with_lead_signed_in(app, built)


def test_the_figures_come_from_the_programme(known):
    page = dashboard.dashboard(known["programme"])
    assert page.delegates_trained == 4 and page.target == 10 and page.target_percent == 40
    assert (page.sessions_run, page.sessions_planned) == (2, 1)
    assert (page.places_taken, page.places_offered, page.fill_rate) == (6, 16, 38)
    assert page.waiting == 2
    assert page.competent == 1
    assert page.feedback.answers == 3 and not page.feedback.shown
    assert [(unit.name, unit.people) for unit in page.not_booked] == [
        ("Estates", 1), ("Finance", 3), ("No unit", 2)]  # the administrator has no unit


def test_the_page_shows_them_and_lists_who_has_not_booked(known):
    client, plan = known["lead"], known["programme"]
    text = client.get_page("training.view_dashboard", programme_id=plan.id).get_text(
        " ", strip=True)
    assert "4 of a target of 10 (40%)" in text
    assert "2 run, 1 planned" in text and "38% (6 of 16 places" in text
    assert "2 people waiting" in text and "1 of 4 delegates" in text
    assert "Fewer than five answers: not shown" in text
    page = client.get_page("training.list_not_booked", programme_id=plan.id,
                           unit_id=known["finance"].id)
    names = [row.td.get_text(" ", strip=True).split(" ")[0]
             for row in page.select("tbody tr")]
    assert names == ["F0", "F1", "F2"]
    assert "Not yet reminded" in page.get_text()
    page = client.get_page("training.list_not_booked", programme_id=plan.id, unit_id=NO_UNIT)
    assert known["no_unit"].name in page.get_text()


def test_the_lead_reminds_people_once_a_day_by_email_and_in_the_application(known, outbox):
    client, plan, finance = known["lead"], known["programme"], known["finance"]
    outbox.clear()
    response = client.post_form("training.remind_to_book", {"unit": str(finance.id)},
                                programme_id=plan.id, follow=True)
    assert "Reminded 3 people to book" in response.get_data(as_text=True)
    mail = outbox.wait_for(3)
    assert sorted(m["To"] for m in mail) == sorted(p.email for p in known["finance_people"])
    assert all(m["Subject"].endswith("Book your EIA training") for m in mail)
    assert db.session.scalar(select(db.func.count()).select_from(Notification).where(
        Notification.kind == "booking_reminder")) == 3

    response = client.post_form("training.remind_to_book", {"unit": str(finance.id)},
                                programme_id=plan.id, follow=True)
    assert "Nobody was reminded. 3 had already been reminded today" in response.get_data(
        as_text=True)
    page = client.get_page("training.list_not_booked", programme_id=plan.id,
                           unit_id=finance.id)
    assert "Not yet reminded" not in page.get_text()

    # Everyone, the next time: only the three not yet reminded today.
    response = client.post_form("training.remind_to_book", {"unit": ""}, programme_id=plan.id,
                                follow=True)
    assert "Reminded 3 people" in banner_text(parse(response))
    assert {m["To"] for m in outbox.wait_for(6)[3:]} == {
        known["estates_person"].email, known["no_unit"].email, known["admin"].email}
    # The next day, they may be reminded again.
    later = dashboard.remind_not_booked(known["lead_user"], plan, unit_id=finance.id,
                                        now=_tomorrow())
    assert later.sent == 3


def _tomorrow():
    return utcnow() + timedelta(days=1)


def test_only_the_lead_or_an_administrator_reminds(known):
    facilitator = UserFactory(roles={Role.FACILITATOR})
    with pytest.raises(ReminderRefused, match="Only the programme's lead"):
        dashboard.remind_not_booked(facilitator, known["programme"])
    assert dashboard.remind_not_booked(known["admin"], known["programme"]).sent == 6


def test_who_may_read_the_page(known, client_as, app):
    plan = known["programme"]
    page = known["lead"].get_page("training.view_dashboard", programme_id=plan.id)
    assert "Remind all 6 to book" in _buttons(page)
    trainee = client_as(Role.TRAINEE)
    assert trainee.get(trainee.url("training.view_dashboard", programme_id=plan.id)
                       ).status_code == 403
    outsider = client_as(Role.FACILITATOR)
    assert outsider.get(outsider.url("training.view_dashboard", programme_id=plan.id)
                        ).status_code == 404
    # A facilitator of one of its sessions reads it, without the button.
    session_facilitator = sign_in_client(app, plan.sessions[0].facilitators[0].user)
    page = session_facilitator.get_page("training.view_dashboard", programme_id=plan.id)
    assert "4 of a target of 10" in page.get_text() and not _buttons(page)


def _buttons(page) -> list[str]:
    return [button.get_text(" ", strip=True) for button in page.select("main button")]


def _statements(work) -> int:
    """How many SQL statements `work()` sends."""
    sent = []

    def count(*_args):
        sent.append(1)

    engine = db.session.get_bind()
    event.listen(engine, "before_cursor_execute", count)
    try:
        work()
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return len(sent)


def test_the_page_costs_the_same_few_queries_however_many_people_and_sessions(app_context):
    plan = programme()
    UnitFactory(name="Housing")  # the module's world (`built`) has a Finance already
    past_session(plan, attendees=trainees(2))
    few = _statements(lambda: dashboard.dashboard(plan))
    for _ in range(3):
        past_session(plan, attendees=trainees(6), no_shows=trainees(2))
    units = [UnitFactory(name=f"Unit {n}") for n in range(4)]
    for unit in units:
        UserFactory(roles={Role.AUTHOR}, unit_id=unit.id)
    db.session.expire_all()
    many = _statements(lambda: dashboard.dashboard(plan))
    assert many == few <= 15
