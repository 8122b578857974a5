"""Anonymous polls during a session: opened and closed by its facilitators, answered once by the
people booked on it, and the results shown to the room only once five have answered."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect, select

from eia.domain import Role
from eia.extensions import db
from eia.models.feedback import PollAnswer, PollKind
from eia.models.users import User
from eia.services.training import bookings, polls
from eia.services.training.polls import PollRefused
from tests.factories import UserFactory, programme, training_session
from tests.integration.feedback_helpers import trainees
from tests.pages import error_summary, parse


@pytest.fixture
def session(app_context):
    return training_session(programme(), capacity=20)


def _booked(session, count):
    people = trainees(count)
    for person in people:
        bookings.book(person, session)
    return people


def _choice(session, **overrides):
    fields = {"question": "Which duty is hardest to show?", "kind": PollKind.CHOICE,
              "options": ["Eliminate discrimination", "Advance equality", "Foster relations"],
              **overrides}
    return polls.open_poll(session.facilitators[0].user, session, **fields)


def test_each_person_booked_answers_once_and_the_results_wait_for_five(session):
    people = _booked(session, 6)
    poll = _choice(session)
    for person, value in zip(people[:4], [0, 1, 1, 2], strict=True):
        polls.answer_poll(person, poll, value)
    with pytest.raises(PollRefused, match="already answered"):
        polls.answer_poll(people[0], poll, 2)
    results = polls.results(poll)
    assert results.answers == 4 and not results.shown
    assert "4 answers so far" in results.status

    polls.answer_poll(people[4], poll, 1)
    results = polls.results(poll)
    assert results.shown
    assert results.counts == (("Eliminate discrimination", 1), ("Advance equality", 3),
                              ("Foster relations", 1))


def test_a_closed_poll_refuses_answers_and_keeps_its_results(session):
    people = _booked(session, 2)
    poll = polls.open_poll(session.facilitators[0].user, session,
                           question="How ready do you feel?", kind=PollKind.SCALE)
    polls.answer_poll(people[0], poll, 5)
    polls.close_poll(session.facilitators[1].user, poll)
    with pytest.raises(PollRefused, match="closed"):
        polls.answer_poll(people[1], poll, 4)
    assert polls.results(poll).answers == 1
    with pytest.raises(PollRefused, match="Choose one"):
        polls.answer_poll(people[1], polls.open_poll(session.facilitators[0].user, session,
                                                     question="Again?", kind=PollKind.SCALE), 6)


def test_people_not_booked_and_trainees_cannot_answer_or_open(session):
    booked, outsider = _booked(session, 1)[0], trainees(1)[0]
    poll = _choice(session)
    with pytest.raises(PollRefused, match="booked on the session"):
        polls.answer_poll(outsider, poll, 0)
    with pytest.raises(PollRefused, match="facilitators can open"):
        polls.open_poll(booked, session, question="Mine?", kind=PollKind.SCALE)
    with pytest.raises(PollRefused, match="from 2 to 6 options"):
        _choice(session, options=["Only one"])


def test_answers_have_no_person(app_context):
    columns = {c["name"] for c in inspect(db.session.connection()).get_columns("poll_answers")}
    assert columns == {"id", "poll_id", "value"}


def test_the_room_answers_from_its_own_devices_without_javascript(client_as, app_context):
    facilitator_client = client_as(Role.FACILITATOR)
    facilitator = db.session.get(User, facilitator_client.user_id)
    session = training_session(programme(), facilitators=[
        facilitator, UserFactory(roles={Role.FACILITATOR})])
    clients = [client_as(Role.TRAINEE) for _ in range(5)]
    for client in clients:
        bookings.book(db.session.get(User, client.user_id), session)

    response = facilitator_client.post_form("training.open_poll", {
        "question": "", "kind": "choice", "options": "Yes"}, session_id=session.id)
    page = parse(response)
    assert "Enter the question" in error_summary(page)
    assert page.select_one("textarea[name=options]").get_text().strip() == "Yes"
    response = facilitator_client.post_form("training.open_poll", {
        "question": "Ready to start?", "kind": "choice", "options": "Yes\nNot yet\n"},
        session_id=session.id)
    poll_id = int(response.location.rstrip("/").rsplit("/", 1)[1])
    page = facilitator_client.get_page("training.list_polls", session_id=session.id)
    link = f"/training/sessions/{session.id}/polls/{poll_id}"
    assert f"Link for the room: http://localhost{link}" in page.get_text(" ", strip=True)

    for index, client in enumerate(clients[:4]):
        page = client.get_page("training.view_poll", session_id=session.id, poll_id=poll_id)
        assert page.select_one("input[name=answer]") is not None
        client.post_form("training.answer_poll", {"answer": str(index % 2)},
                         session_id=session.id, poll_id=poll_id)
    page = facilitator_client.get_page("training.view_poll", session_id=session.id,
                                       poll_id=poll_id)
    assert "4 answers so far" in page.select_one("[role=status]").get_text()
    assert page.select_one("svg") is None
    assert page.find("a", string="Refresh results") is not None

    clients[4].post_form("training.answer_poll", {"answer": "0"}, session_id=session.id,
                         poll_id=poll_id)
    page = clients[4].get_page("training.view_poll", session_id=session.id, poll_id=poll_id)
    assert "You have answered this poll" in page.get_text()
    assert page.select_one("input[name=answer]") is None
    table = [[cell.get_text(strip=True) for cell in row.find_all(["th", "td"])]
             for row in page.select("figure table tbody tr")]
    assert table == [["Yes", "3"], ["Not yet", "2"]]

    live = clients[0].get(clients[0].url("training.poll_results", session_id=session.id,
                                         poll_id=poll_id)).get_json()
    assert live["answers"] == 5 and live["open"] and "<svg" in live["html"]

    facilitator_client.post_form("training.close_poll", session_id=session.id,
                                 poll_id=poll_id)
    response = clients[1].post_form("training.answer_poll", {"answer": "1"},
                                    session_id=session.id, poll_id=poll_id, follow=True)
    assert "This poll has closed" in response.get_data(as_text=True)
    assert db.session.scalar(select(db.func.count()).select_from(PollAnswer)) == 5


def test_someone_not_booked_cannot_see_or_answer_a_poll(client_as, app_context):
    """SECURITY.md (Access): Objects checked too: who may not see an assessment gets 404, not
    its title (IDOR), pages and API."""
    session = training_session(programme())
    poll = _choice(session)
    outsider = client_as(Role.AUTHOR)
    assert outsider.get(outsider.url("training.view_poll", session_id=session.id,
                                     poll_id=poll.id)).status_code == 404
    assert outsider.post_form("training.answer_poll", {"answer": "0"}, session_id=session.id,
                              poll_id=poll.id).status_code == 404
    trainee = client_as(Role.TRAINEE)
    assert trainee.get(trainee.url("training.list_polls", session_id=session.id)
                       ).status_code == 403



def test_the_close_button_names_the_poll_as_typed(client_as, app_context):
    """SECURITY.md (Output encoding): markup in a poll's question is shown as typed, and the
    button's own markup stays markup: a screen reader hears which poll it closes."""
    facilitator_client = client_as(Role.FACILITATOR)
    facilitator = db.session.get(User, facilitator_client.user_id)
    session = training_session(programme(), facilitators=[
        facilitator, UserFactory(roles={Role.FACILITATOR})])
    polls.open_poll(facilitator, session, question="<b>Ready</b> & set?",
                    kind=PollKind.CHOICE, options=["Yes", "No"])
    page = facilitator_client.get_page("training.list_polls", session_id=session.id)
    button = page.select_one("form button.govuk-button--secondary")
    assert button.get_text() == "Close the poll “<b>Ready</b> & set?”"
    assert button.select_one("span.govuk-visually-hidden").get_text() == (
        " the poll “<b>Ready</b> & set?”")
    assert button.find("b") is None
