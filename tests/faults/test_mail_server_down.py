"""Mail server down during reminders: `flask eia send-reminders` runs, in a process of its own,
while nothing answers on the mail server's port; `flask eia send-mail` runs once it is back.
(Workflow moves with the server down: tests/integration/test_reminders.py and
tests/integration/test_email_delivery.py.)"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta

import pytest
from sqlalchemy import select, update

from eia.extensions import db
from eia.models.mail import OutboundEmail
from eia.models.notifications import Notification
from eia.models.types import utcnow
from tests.faults.records import make_draft
from tests.support.served import flask_command
from tests.support.smtp import LoopbackSMTP

pytestmark = pytest.mark.own_app

# 40 days on, one of the draft's actions is overdue and another falls due within 7 days.
LATER = (date.today() + timedelta(days=40)).isoformat()


def _outbox(app, email: str) -> list[OutboundEmail]:
    with app.app_context():
        return list(db.session.scalars(select(OutboundEmail)
                                       .where(OutboundEmail.recipient == email)))


def test_reminders_wait_in_the_outbox_while_the_mail_server_is_down_and_go_once(own_database):
    """Mail server down during reminders: the reminders are recorded, their email waits in the
    outbox, and when the server returns `flask eia send-mail` delivers each message once."""
    app, url = own_database
    draft = make_draft(app)
    mail = LoopbackSMTP()
    mail.start()
    mail.stop()  # the mail server is down: nothing answers on its port
    settings = {"MAIL_SERVER": mail.host, "MAIL_PORT": str(mail.port)}
    try:
        down = flask_command(url, "send-reminders", "--today", LATER, **settings)
        assert down.returncode == 0, down.stderr
        assert down.stdout.startswith("Sent 2 reminders")
        assert "emails: 0 sent, 2 to retry" in down.stdout
        with app.app_context():
            recorded = db.session.scalars(select(Notification.kind)).all()
        assert sorted(recorded) == ["action_due", "action_overdue"]
        waiting = _outbox(app, draft.author_email)
        assert len(waiting) == 2 and all(m.sent_at is None for m in waiting)

        with app.app_context():  # as if the back-off pause has passed
            db.session.execute(update(OutboundEmail).values(next_attempt_at=utcnow()))
            db.session.commit()
        mail.start()  # the mail server is back, on the same port
        delivered = flask_command(url, "send-mail", **settings)
        assert delivered.returncode == 0, delivered.stderr
        assert delivered.stdout.startswith("Sent 2 messages; 0 failed")
        with ThreadPoolExecutor() as running:  # both again, at once, as cron may run them
            again = list(running.map(lambda arguments: flask_command(url, *arguments, **settings),
                                     [("send-mail",), ("send-reminders", "--today", LATER)]))
        assert [run.returncode for run in again] == [0, 0]
        assert again[0].stdout.startswith("Sent 0 messages")
        assert again[1].stdout.startswith("Sent 0 reminders")
        # Every command has ended, and the server keeps each message before it acknowledges
        # it: whatever was sent, a duplicate too, is here already.
        received = list(mail.messages)
        assert len(received) == 2
    finally:
        mail.stop()
    assert [m["To"] for m in received] == [draft.author_email] * 2
    bodies = [m.get_content() for m in received]
    assert sum("is due on" in body for body in bodies) == 1
    assert sum("is not marked done" in body for body in bodies) == 1
    assert all(m.sent_at is not None for m in _outbox(app, draft.author_email))
