"""`flask eia send-reminders`: actions due or overdue, review dates near, each sent once.

Email goes to the real SMTP server on loopback. `--today` moves the calendar instead of the
data: the demo assessment's actions fall due 30 to 180 days from when it is loaded.
"""

from __future__ import annotations

import threading
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from eia.cli import eia_cli
from eia.demo import physiotherapy
from eia.domain import ActionStatus, Role, VersionStatus
from eia.extensions import db
from eia.models.assessments import AssessmentVersion
from eia.models.mail import OutboundEmail
from eia.models.notifications import Notification, SentReminder
from eia.models.types import utcnow
from eia.models.users import User
from eia.services import reminders, transfer
from eia.services import workflow as moves
from eia.services.mail import deliver_pending
from tests.conftest import make_test_app
from tests.factories import UserFactory
from tests.integration.sign_off_helpers import complete_draft, signed_off
from tests.support.ports import free_port

TODAY = date.today()
# 40 days on, the staff action (due on day 30, in progress) is overdue and the interpreters
# action (due on day 45) falls due within 7 days; the others (60, 75, 180) are not yet due.
LATER = TODAY + timedelta(days=40)


def run(app, today: date) -> str:
    result = app.test_cli_runner().invoke(eia_cli, ["send-reminders", "--today",
                                                    today.isoformat()])
    assert result.exit_code == 0, result.output
    return result.output


def reminders_of(kind: str) -> list[Notification]:
    return list(db.session.scalars(select(Notification).where(Notification.kind == kind)
                                   .order_by(Notification.id)))


@pytest.fixture
def draft(app_context):
    lead = UserFactory(name="Priya Shah", roles={Role.AUTHOR})
    version = complete_draft(lead)
    version.contributors = [UserFactory(name="Tom Evans", roles={Role.AUTHOR})]
    db.session.commit()
    deliver_pending()
    return version


def test_run_twice_each_reminder_is_emailed_once(app, draft, outbox):
    outbox.clear()
    first = run(app, LATER)
    assert first.strip() == ("Sent 2 reminders (1 actions due soon, 1 actions overdue, 0 reviews "
                             "due, 0 training surveys); 0 already sent before; emails: 4 sent, "
                             "0 to retry.")
    received = outbox.wait_for(4)
    editors = {draft.lead_officer.email, draft.contributors[0].email}
    assert sorted(m["To"] for m in received) == sorted([*editors, *editors])
    bodies = [m.get_content() for m in received]
    assert sum("is due on" in b and "Book interpreters automatically" in b for b in bodies) == 2
    assert sum("is not marked done" in b and "Agree flexible working" in b for b in bodies) == 2
    assert all(f"http://localhost/assessments/{draft.reference}" in b for b in bodies)

    second = run(app, LATER)
    assert second.startswith("Sent 0 reminders") and "2 already sent before" in second
    assert len(outbox.messages) == 4
    assert len(reminders_of("action_due")) == len(reminders_of("action_overdue")) == 2
    due = next(a for a in draft.actions if a.description.startswith("Book interpreters"))
    assert db.session.scalar(select(SentReminder.key).where(
        SentReminder.key.like("action_due:%"))) == f"action_due:{due.id}:{due.due_date}"


def test_an_action_due_soon_is_reminded_again_when_it_becomes_overdue(app, draft, outbox):
    run(app, TODAY + timedelta(days=40))
    run(app, TODAY + timedelta(days=46))  # interpreters (day 45) now overdue too
    overdue = [n.message for n in reminders_of("action_overdue")]
    assert sum("Book interpreters" in m for m in overdue) == 2  # lead and contributor
    # A changed due date is a new reminder; done actions and other versions are left alone.
    action = next(a for a in draft.actions if a.description.startswith("Book interpreters"))
    action.due_date = TODAY + timedelta(days=50)
    for other in draft.actions:
        if other is not action:
            other.status = ActionStatus.DONE.value
    db.session.commit()
    assert [r.key.split(":")[0] for r in reminders.due_reminders(TODAY + timedelta(days=46))] \
        == ["action_due"]


def test_withdrawn_assessments_get_no_reminders(app, draft):
    moves.withdraw(draft.lead_officer, draft, "The service change was dropped")
    assert reminders.due_reminders(LATER) == []


def test_a_review_date_within_30_days_reminds_the_authors_of_a_signed_off_version(
        app, outbox, app_context):
    version = signed_off(review_date=TODAY + timedelta(days=25))
    later_one = signed_off(review_date=TODAY + timedelta(days=45))
    deliver_pending()
    outbox.clear()

    output = run(app, TODAY)
    assert "1 reviews due" in output
    [notice] = reminders_of("review_due")
    assert notice.user_id == version.lead_officer_id
    assert notice.url == f"/assessments/{version.reference}"
    assert "is due for review on" in notice.message
    [message] = outbox.wait_for(1)
    assert message["To"] == version.lead_officer.email
    assert later_one.reference not in message.get_content()

    run(app, TODAY)
    assert len(reminders_of("review_due")) == 1 and len(outbox.messages) == 1


def test_a_version_being_revised_is_still_reminded_of_its_review(app, app_context):
    review_date = TODAY + timedelta(days=20)
    version = signed_off(review_date=review_date)
    moves.revise(version.lead_officer, version)
    later = review_date + timedelta(days=3)
    [reminder] = [r for r in reminders.due_reminders(later) if r.kind == "review_due"]
    assert reminder.key == f"review_due:{version.id}:{review_date}"
    assert "was due for review on" in reminder.message


def test_a_key_inserted_by_another_run_meanwhile_counts_as_already_sent(app, draft,
                                                                        monkeypatch):
    # The race: another run inserts the key between our check and our insert.
    [due, _overdue] = sorted(reminders.due_reminders(LATER), key=lambda r: r.kind)
    db.session.add(SentReminder(key=due.key))
    db.session.commit()
    monkeypatch.setattr(reminders, "_already_sent", lambda keys: set())

    summary = reminders.send_reminders(LATER)

    assert summary.sent == {"action_due": 0, "action_overdue": 1, "review_due": 0,
                            "session_tomorrow": 0, "survey_invitation": 0}
    assert summary.already_sent == 1
    assert reminders_of("action_due") == []  # the loser's notification was rolled back


def test_a_failing_mail_server_blocks_nothing_and_the_email_goes_later(app, draft, outbox):
    closed = free_port()
    working = app.config["MAIL_PORT"]
    app.config["MAIL_PORT"] = closed
    try:
        reviewer = UserFactory(roles={Role.REVIEWER})
        moves.submit(draft.lead_officer, draft)  # the move is made and committed ...
        assert db.session.get(AssessmentVersion, draft.id).status == VersionStatus.IN_REVIEW
        [kept] = db.session.scalars(select(OutboundEmail).where(  # ... its email kept for later
            OutboundEmail.sent_at.is_(None))).all()
        assert kept.attempts == 1 and kept.recipient == reviewer.email
        output = run(app, LATER)  # reminders are recorded, their email kept for later
        assert "emails: 0 sent, 4 to retry" in output
    finally:
        app.config["MAIL_PORT"] = working
    waiting = list(db.session.scalars(select(OutboundEmail)
                                      .where(OutboundEmail.sent_at.is_(None))))
    assert len(waiting) == 5 and all(m.attempts == 1 for m in waiting)
    for message in waiting:
        message.next_attempt_at = utcnow()  # as if the back-off pause has passed
    db.session.commit()

    output = run(app, LATER)
    assert output.startswith("Sent 0 reminders") and "emails: 5 sent, 0 to retry" in output
    received = outbox.wait_for(5)
    assert reviewer.email in [m["To"] for m in received]
    assert len(reminders_of("action_due")) == 2  # retried, not sent anew


# --- Two runs at the same moment --------------------------------------------------------------


@pytest.fixture
def own_app(new_database_url, smtp):
    app = make_test_app(new_database_url("reminders"), smtp)
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.mark.own_app
def test_two_runs_at_once_send_each_reminder_once(own_app):
    with own_app.app_context():
        lead = UserFactory(roles={Role.AUTHOR})
        document = physiotherapy.document(lead.email, TODAY)
        document["details"]["unit"] = None  # this database has no organisational units
        transfer.import_document(lead, document)
        lead_email = lead.email
    barrier = threading.Barrier(3)
    errors: list[BaseException] = []

    def one_run():
        with own_app.app_context():
            barrier.wait()
            try:
                reminders.send_reminders(LATER)
            except BaseException as error:  # reported below, in the test's thread
                errors.append(error)

    threads = [threading.Thread(target=one_run) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    with own_app.app_context():
        assert db.session.scalar(select(func.count()).select_from(SentReminder)) == 2
        assert db.session.scalar(select(func.count()).select_from(Notification)) == 2
        assert db.session.scalar(select(func.count()).select_from(OutboundEmail)) == 2
        assert {n.user_id for n in db.session.scalars(select(Notification))} == {
            db.session.scalar(select(User.id).where(User.email == lead_email))}
