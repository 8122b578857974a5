"""The facilitators' question board: questions and replies, marked answered by the asker or
the lead, new posts in the other facilitators' notifications, and a daily email digest for
those who chose it, sent once a day by the reminders command to the loopback SMTP server."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from eia.cli import eia_cli
from eia.domain import PathwayStage, Role
from eia.extensions import db
from eia.models.mail import OutboundEmail
from eia.models.notifications import Notification
from eia.models.users import User
from eia.services.mail import deliver_pending
from eia.services.training import board, pathway
from tests.factories import UserFactory, programme
from tests.pages import parse


@pytest.fixture
def course(tomasz, ana):
    """Tomasz leads; Ana is on the pathway, so she is one of the programme's facilitators."""
    made = programme(tomasz)
    pathway.record_stage(tomasz, made, ana, stage=PathwayStage.OBSERVED)
    deliver_pending()
    return made


def notifications_of(person: User) -> list[str]:
    return list(db.session.scalars(select(Notification.message).where(
        Notification.user_id == person.id, Notification.kind == board.NOTIFICATION_KIND)
        .order_by(Notification.id)))


def emails() -> int:
    return db.session.scalar(select(func.count()).select_from(OutboundEmail))


def test_a_question_and_its_replies_tell_the_other_facilitators_in_the_application(
        tomasz_client, ana_client, tomasz, ana, course):
    bystander = UserFactory(roles={Role.FACILITATOR}, name="Not on this programme")
    before = emails()
    response = ana_client.post_form("training.ask_question", {
        "title": "What if a delegate is upset by a scenario?", "body": "It happened today."},
        programme_id=course.id, follow=True)
    page = parse(response)
    assert page.h1.get_text() == "What if a delegate is upset by a scenario?"
    question = board.list_questions(course)[0]
    assert notifications_of(tomasz) == [
        f"Ana Costa asked on the {course.name} board: What if a delegate is upset by a "
        "scenario?"]
    assert notifications_of(ana) == [] and notifications_of(bystander) == []

    tomasz_client.post_form("training.reply_to_question",
                            {"body": "Pause, and offer a break."},
                            programme_id=course.id, question_id=question.id)
    assert notifications_of(ana) == [
        f"Tomasz Nowak replied to ‘{question.title}’ on the {course.name} board"]
    assert emails() == before, "board posts are emailed only as the daily digest"
    thread = ana_client.get_page("training.view_question", programme_id=course.id,
                                 question_id=question.id)
    assert "Pause, and offer a break." in thread.select_one(".govuk-inset-text").get_text()


def test_the_asker_or_the_lead_marks_a_question_answered(client_as, tomasz_client,
                                                         ana_client, tomasz, ana, course):
    question = board.ask(ana, course, title="Where are the slides?", body="")
    other = client_as(Role.FACILITATOR, name="Sam Reid")
    page = other.get_page("training.view_question", programme_id=course.id,
                          question_id=question.id)
    assert "Mark as answered" not in page.get_text()
    other.post_form("training.mark_question_answered", programme_id=course.id,
                    question_id=question.id)
    db.session.expire_all()
    assert not question.answered

    tomasz_client.post_form("training.mark_question_answered", programme_id=course.id,
                            question_id=question.id)
    db.session.expire_all()
    assert question.answered and question.answered_by.name == "Tomasz Nowak"
    listing = ana_client.get_page("training.view_board", programme_id=course.id)
    assert "Answered" in listing.select_one(".app-board li").get_text()


def test_an_empty_question_is_refused_with_a_message(ana_client, course):
    response = ana_client.post_form("training.ask_question", {"title": "", "body": "Detail"},
                                    programme_id=course.id)
    page = parse(response)
    assert "Enter your question" in page.select_one(".govuk-error-summary").get_text()
    assert page.select_one("#body").get_text() == "Detail"


def run_reminders(app, today: date) -> str:
    result = app.test_cli_runner().invoke(eia_cli, ["send-reminders", "--today",
                                                    today.isoformat()])
    assert result.exit_code == 0, result.output
    return result.output


def test_the_daily_digest_goes_once_a_day_to_those_who_chose_it(app, ana_client, tomasz, ana,
                                                                course, outbox):
    ana_client.post_form("training.choose_board_digest", {"wanted": "y"},
                         programme_id=course.id)
    assert board.wants_digest(ana, course)
    question = board.ask(tomasz, course, title="Shall we shorten the session?", body="")
    board.reply(tomasz, question, body="Ninety minutes worked in March.")
    outbox.clear()

    today = date.today()
    output = run_reminders(app, today)
    assert "Question board digests: 1." in output
    [digest] = outbox.wait_for(1)
    assert digest["To"] == ana.email
    body = digest.get_content()
    assert "Tomasz Nowak asked: Shall we shorten the session?" in body
    assert "Tomasz Nowak replied: Shall we shorten the session?" in body
    assert f"/training/programmes/{course.id}/board/{question.id}" in body

    run_reminders(app, today)
    board.reply(tomasz, question, body="Another thought the same day.")
    run_reminders(app, today)
    assert len(outbox.messages) == 1, "one digest a day, however often the command runs"

    run_reminders(app, today + timedelta(days=1))
    [_, next_day] = outbox.wait_for(2)
    # The next day's digest has the reply posted after the first, and nothing sent before.
    assert next_day.get_content().count("Tomasz Nowak replied") == 1
    assert "Tomasz Nowak asked" not in next_day.get_content()
    run_reminders(app, today + timedelta(days=2))
    assert len(outbox.messages) == 2, "no digest when nothing is new"


def test_nobody_gets_a_digest_of_their_own_posts_or_without_choosing_it(app, tomasz_client,
                                                                        tomasz, ana, course,
                                                                        outbox):
    tomasz_client.post_form("training.choose_board_digest", {"wanted": "y"},
                            programme_id=course.id)
    board.ask(tomasz, course, title="My own question", body="")
    outbox.clear()
    run_reminders(app, date.today())
    assert outbox.messages == []

    tomasz_client.post_form("training.choose_board_digest", {}, programme_id=course.id)
    assert not board.wants_digest(tomasz, course)
    board.ask(ana, course, title="Ana's question", body="")
    run_reminders(app, date.today() + timedelta(days=1))
    assert outbox.messages == []
