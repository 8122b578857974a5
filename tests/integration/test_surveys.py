"""The survey after a session: who is invited and who may answer, answering once, and the
anonymity of what is kept and shown."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import inspect, select

from eia.domain import Role
from eia.extensions import db
from eia.models.feedback import (
    LengthAnswer,
    PaceAnswer,
    PollKind,
    SurveyReceipt,
    SurveyResponse,
)
from eia.models.notifications import Notification
from eia.models.users import User
from eia.services import reminders
from eia.services.training import polls, surveys
from eia.services.training.surveys import SurveyRefused
from tests.factories import past_session, programme, training_session
from tests.integration.feedback_helpers import answered, answers, trainees
from tests.pages import error_summary, parse


def test_each_attendee_is_invited_once_and_no_shows_and_others_never(app_context, outbox):
    came, stayed_away, elsewhere = trainees(2), trainees(1), trainees(1)
    session = past_session(programme(), attendees=came, no_shows=stayed_away)
    past_session(session.programme, attendees=[], no_shows=[])  # nobody to invite
    training_session(session.programme)  # upcoming: nobody to invite yet

    first = reminders.send_reminders(date.today())
    assert first.sent["survey_invitation"] == 2
    invited = set(db.session.scalars(select(Notification.user_id).where(
        Notification.kind == "survey_invitation")))
    assert invited == {person.id for person in came}
    mail = [m for m in outbox.messages if "How was your EIA training" in m["Subject"]]
    assert sorted(m["To"] for m in mail) == sorted(p.email for p in came)
    assert f"/training/sessions/{session.id}/survey" in mail[0].get_content()
    assert elsewhere[0].id not in invited

    second = reminders.send_reminders(date.today())
    assert second.sent["survey_invitation"] == 0
    assert len([m for m in outbox.messages if "How was your EIA training" in m["Subject"]]) == 2


def test_someone_who_has_answered_is_not_invited(app_context):
    came = trainees(2)
    session = past_session(programme(), attendees=came)
    answered(session, came[:1])
    due = surveys.invitations_due(session.ends_at)
    assert [invitation.person for invitation in due] == came[1:]


def test_only_attendees_answer_once_the_session_has_ended_and_only_once(app_context):
    came, absent = trainees(1), trainees(1)
    session = past_session(programme(), attendees=came, no_shows=absent)
    with pytest.raises(SurveyRefused, match="for the people who attended"):
        surveys.answer_survey(absent[0], session, answers())
    surveys.answer_survey(came[0], session, answers())
    with pytest.raises(SurveyRefused, match="already answered"):
        surveys.answer_survey(came[0], session, answers(satisfaction=1))
    assert db.session.scalar(select(db.func.count()).select_from(SurveyResponse)) == 1

    upcoming = training_session(programme())
    with pytest.raises(SurveyRefused, match="for the people who attended"):
        surveys.answer_survey(came[0], upcoming, answers())


def test_answers_cannot_be_traced_to_a_person(app_context):
    columns = {column["name"] for column in inspect(db.session.connection())
               .get_columns("survey_responses")}
    assert columns == {"id", "session_id", "satisfaction", "length", "pace",
                       "confidence_before", "confidence_after", "most_useful", "to_change"}
    foreign = {fk["referred_table"] for fk in inspect(db.session.connection())
               .get_foreign_keys("survey_responses")}
    assert foreign == {"training_sessions"}

    came = trainees(6)
    session = past_session(programme(), attendees=came)
    answered(session, came, [answers(satisfaction=1 + index % 5) for index in range(6)])
    # The ids are random, so their order is not the order of answering.
    in_id_order = [r.satisfaction for r in db.session.scalars(
        select(SurveyResponse).order_by(SurveyResponse.id))]
    assert sorted(in_id_order) == [1, 1, 2, 3, 4, 5]
    ids = db.session.scalars(select(SurveyResponse.id)).all()
    assert all(len(value) == 32 and not value.isdigit() for value in ids)
    receipts = db.session.scalars(select(SurveyReceipt.person_id)).all()
    assert sorted(receipts) == sorted(p.id for p in came)


def _survey_client(client_as):
    client = client_as(Role.TRAINEE)
    return client, db.session.get(User, client.user_id)


def test_the_survey_page_collects_the_answers_and_keeps_what_was_typed_on_an_error(
        client_as, app_context):
    client, person = _survey_client(client_as)
    session = past_session(programme(), attendees=[person])
    page = client.get_page("training.answer_survey", session_id=session.id)
    assert "Your answers are anonymous" in page.get_text()

    response = client.post_form("training.answer_survey", {
        "length": "too_long", "most_useful": "The case study"}, session_id=session.id)
    page = parse(response)
    assert "Choose how satisfied you are" in error_summary(page)
    assert page.select_one("textarea[name=most_useful]").get_text() == "The case study"
    assert page.select_one("input[name=length][value=too_long]").has_attr("checked")

    response = client.post_form("training.answer_survey", {
        "satisfaction": "5", "length": "too_long", "pace": "too_fast",
        "confidence_before": "2", "confidence_after": "4", "most_useful": "The case study",
        "to_change": ""}, session_id=session.id, follow=True)
    assert "your answers have been sent" in response.get_data(as_text=True)
    saved = db.session.scalars(select(SurveyResponse)).one()
    assert (saved.satisfaction, saved.length, saved.pace, saved.confidence_before,
            saved.confidence_after, saved.most_useful) == (
        5, LengthAnswer.TOO_LONG, PaceAnswer.TOO_FAST, 2, 4, "The case study")
    page = client.get_page("training.answer_survey", session_id=session.id)
    assert "You have answered this survey" in page.get_text()
    assert page.select_one("form[method=post] input[name=satisfaction]") is None


def test_a_person_who_did_not_attend_cannot_reach_the_survey(client_as, app_context):
    client, person = _survey_client(client_as)
    session = past_session(programme(), no_shows=[person])
    assert client.get(client.url("training.answer_survey", session_id=session.id)
                      ).status_code == 404
    response = client.post_form("training.answer_survey", {
        "satisfaction": "5", "length": "too_long", "pace": "too_fast",
        "confidence_before": "2", "confidence_after": "4"}, session_id=session.id)
    assert response.status_code == 404
    assert db.session.scalar(select(db.func.count()).select_from(SurveyResponse)) == 0


def test_the_session_page_leads_an_attendee_to_its_survey_and_open_polls(client_as,
                                                                          app_context):
    client = client_as(Role.TRAINEE, name="Ola Nowak")
    person = db.session.get(User, client.user_id)
    session = past_session(programme(), attendees=[person])
    path = f"/training/sessions/{session.id}"
    links = [a["href"] for a in parse(client.get(path)).select("main a")]
    assert f"{path}/survey" in links
    poll = polls.open_poll(session.facilitators[0].user, session, question="Ready to start?",
                           kind=PollKind.SCALE)
    surveys.answer_survey(person, session, answers())
    links = [a["href"] for a in parse(client.get(path)).select("main a")]
    assert f"{path}/survey" not in links  # answered: nothing more to do
    assert f"{path}/polls/{poll.id}" in links
