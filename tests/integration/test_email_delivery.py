"""Email goes through the outbox: a mail-server failure loses nothing and breaks no request."""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace

from eia.cli import eia_cli
from eia.domain import Role
from eia.extensions import db
from eia.models.mail import OutboundEmail
from eia.models.types import utcnow
from eia.services.mail import deliver_pending, queue_email


def test_refused_message_is_kept_and_sent_on_retry(app, client_as, outbox, app_context):
    admin = client_as(Role.ADMIN)
    outbox.clear()
    outbox.fail_next(1)
    response = admin.post_form("admin.create_user", {
        "email": "kept@example.org", "name": "Kept Message", "job_title": "Officer",
        "unit_id": "", "roles": ["author"]})
    assert response.status_code == 302  # the request succeeded regardless
    message = db.session.scalar(db.select(OutboundEmail)
                                .where(OutboundEmail.recipient == "kept@example.org"))
    assert message.sent_at is None and message.attempts == 1
    assert "451" in message.last_error

    message.next_attempt_at = utcnow()  # as if the back-off pause has passed
    db.session.commit()
    result = app.test_cli_runner().invoke(eia_cli, ["send-mail"])
    assert result.exit_code == 0, result.output
    [received] = outbox.wait_for(1)
    assert received["To"] == "kept@example.org"
    db.session.refresh(message)
    assert message.sent_at is not None


def test_unreachable_mail_server_does_not_break_the_request(app, client_as, smtp, app_context):
    admin = client_as(Role.ADMIN)
    smtp.stop()
    try:
        response = admin.post_form("admin.create_user", {
            "email": "offline@example.org", "name": "Offline", "job_title": "Officer",
            "unit_id": "", "roles": ["author"]})
    finally:
        smtp.start()
    assert response.status_code == 302
    message = db.session.scalar(db.select(OutboundEmail)
                                .where(OutboundEmail.recipient == "offline@example.org"))
    assert message.sent_at is None and message.attempts == 1


def test_a_message_is_not_retried_before_its_pause_is_over(app_context, outbox):
    message = queue_email("later@example.org", "password_reset",
                          user=SimpleNamespace(name="Later"), link="http://x/", expires="1 hour")
    message.attempts = 1
    message.next_attempt_at = utcnow() + timedelta(minutes=5)
    db.session.commit()
    assert deliver_pending() == (0, 0)
    assert outbox.messages == []


def _queued_for_readers(count: int) -> list[str]:
    """`count` messages queued and committed; their recipients, in order."""
    recipients = [f"reader{number}@example.org" for number in range(count)]
    for recipient in recipients:
        queue_email(recipient, "password_reset", user=SimpleNamespace(name="Reader"),
                    link="http://x/", expires="1 hour")
    db.session.commit()
    return recipients


def _received(outbox) -> list[str]:
    return [message["To"] for message in outbox.messages]


def test_one_round_of_delivery_sends_its_messages_over_one_connection(app_context, outbox):
    recipients = _queued_for_readers(5)
    assert deliver_pending() == (5, 0)
    assert _received(outbox) == recipients
    assert len(set(outbox.senders)) == 1


def test_a_refused_message_ends_its_connection_and_the_next_goes_on_a_new_one(app_context,
                                                                               outbox):
    first, *others = _queued_for_readers(3)
    outbox.fail_next(1)
    assert deliver_pending() == (2, 1)
    assert _received(outbox) == others
    refused = db.session.scalar(db.select(OutboundEmail)
                                .where(OutboundEmail.recipient == first))
    assert refused.sent_at is None and "451" in refused.last_error
    # The two sent after it share a connection, a new one: not the refused message's.
    assert len(set(outbox.senders)) == 1
    assert outbox.refused_senders and outbox.refused_senders[0] not in outbox.senders


def test_a_connection_the_server_stops_taking_messages_on_is_replaced_and_nothing_waits(
        app_context, outbox):
    """A server that takes two messages a connection: the third goes again on a new one at
    once, rather than waiting in the outbox for the next round."""
    outbox.messages_per_connection = 2
    recipients = _queued_for_readers(5)
    assert deliver_pending() == (5, 0)
    assert _received(outbox) == recipients
    assert len(set(outbox.senders)) == 3


def test_a_message_refused_on_a_connection_that_carried_others_is_not_sent_again_at_once(
        app_context, outbox):
    """Only a connection that ended is replaced for a second try: a message the server
    refused waits in the outbox for its retry, as it would on a fresh connection."""
    first, refused_one, last = _queued_for_readers(3)
    outbox.fail_next(1, after=1)
    assert deliver_pending() == (2, 1)
    assert _received(outbox) == [first, last]
    assert len(outbox.refused_senders) == 1
    refused = db.session.scalar(db.select(OutboundEmail)
                                .where(OutboundEmail.recipient == refused_one))
    assert refused.sent_at is None and "451" in refused.last_error
