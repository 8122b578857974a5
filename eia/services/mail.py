"""Sending email through an outbox.

`queue_email` stores the message in the caller's transaction, so it exists exactly when the
change that caused it is committed. `deliver_pending` then sends what is due; a message the
server refuses stays in the outbox and is tried again later with growing pauses, and delivery
never raises into the request that caused it. Without MAIL_SERVER, messages go to the log.
"""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from email.message import EmailMessage
from email.utils import make_msgid

from flask import current_app, render_template
from sqlalchemy import select

from eia.extensions import db
from eia.models.mail import EmailAttachment, OutboundEmail
from eia.models.types import utcnow
from eia.services.transaction import unit_of_work

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 10


@dataclass(frozen=True)
class Attachment:
    """A text file to send with an email: `content_type` with its parameters, such as
    "text/calendar; method=REQUEST"."""

    filename: str
    content_type: str
    content: str


def queue_email(recipient: str, template: str, *, attachments: Sequence[Attachment] = (),
                **context) -> OutboundEmail:
    """Render `templates/email/<template>.txt` (first line "Subject: ...") and keep it to send,
    with its `attachments`."""
    rendered = render_template(f"email/{template}.txt", **context).lstrip()
    subject_line, _, body = rendered.partition("\n")
    message = OutboundEmail(
        recipient=recipient,
        subject=subject_line.removeprefix("Subject:").strip(),
        body=body.strip() + "\n",
        attachments=[EmailAttachment(filename=file.filename, content_type=file.content_type,
                                     content=file.content) for file in attachments],
    )
    db.session.add(message)
    return message


def _retry_delay(attempts: int) -> timedelta:
    return timedelta(minutes=min(2**attempts, 12 * 60))


def deliver_pending(limit: int = 50) -> tuple[int, int]:
    """Send due messages; return (sent, failed). Never raises: a failure is kept for later.
    The messages of one call share a connection to the mail server (see `_Connection`)."""
    sent = failed = 0
    connection = _Connection()
    try:
        for _ in range(limit):
            with unit_of_work():  # each message is claimed, sent and recorded on its own
                message = _claim_next()
                if message is None:
                    break
                try:
                    _send(message, connection)
                    message.sent_at = utcnow()
                    sent += 1
                except (OSError, smtplib.SMTPException) as error:
                    message.attempts += 1
                    message.last_error = f"{type(error).__name__}: {error}"[:1000]
                    message.next_attempt_at = utcnow() + _retry_delay(message.attempts)
                    failed += 1
                    log.warning("Email %s to %s not sent: %s", message.id, message.recipient,
                                error)
    except Exception:  # the caller's request has already succeeded: never break it
        log.exception("Email delivery stopped early; unsent messages stay in the outbox")
    finally:
        connection.close()
    return sent, failed


def deliver_all_due(batch: int = 50) -> tuple[int, int]:
    """Send every message that is due, `batch` at a time; return (sent, failed). Stops when
    the outbox has none left, or when a batch sent nothing (the mail server is down: what
    failed waits for its retry)."""
    sent = failed = 0
    while True:
        batch_sent, batch_failed = deliver_pending(limit=batch)
        sent, failed = sent + batch_sent, failed + batch_failed
        if batch_sent == 0 or batch_sent + batch_failed < batch:
            return sent, failed


def _claim_next() -> OutboundEmail | None:
    """The next due message, locked until this transaction ends.

    On PostgreSQL two senders running at once (cron and a request) skip each other's locked
    row, so no message goes twice; on SQLite the write transaction already excludes the other.
    """
    return db.session.scalars(
        select(OutboundEmail)
        .where(OutboundEmail.sent_at.is_(None), OutboundEmail.attempts < MAX_ATTEMPTS)
        .where(OutboundEmail.next_attempt_at <= utcnow())
        .order_by(OutboundEmail.id)
        .limit(1)
        .with_for_update(skip_locked=True)
    ).first()


class _Connection:
    """One connection to the mail server for a round of delivery: opened for the first message,
    used for the next ones, and opened anew after a message fails, since the failure may have
    been the connection's. A round of a thousand reminders is then one connection, not a
    thousand, each with its greeting and, where configured, its TLS handshake and login."""

    def __init__(self):
        self._smtp: smtplib.SMTP | None = None

    def send(self, email: EmailMessage) -> None:
        reused = self._smtp is not None
        try:
            self._send_once(email)
        except OSError as error:  # smtplib's errors included
            if not (reused and _connection_ended(error)):
                raise
            # A connection that carried earlier messages may have been closed or limited by
            # the server meanwhile (many servers take only so many messages a connection):
            # the message goes once more, on a new one, before it counts as failed.
            self._send_once(email)

    def _send_once(self, email: EmailMessage) -> None:
        if self._smtp is None:
            self._smtp = self._open()
        try:
            self._smtp.send_message(email)
        except BaseException:
            self.close()
            raise

    @staticmethod
    def _open() -> smtplib.SMTP:
        config = current_app.config
        smtp = smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"],
                            timeout=config["MAIL_TIMEOUT_SECONDS"])
        try:
            if config["MAIL_USE_TLS"]:
                smtp.starttls()
            if config["MAIL_USERNAME"]:
                smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"] or "")
        except BaseException:
            smtp.close()
            raise
        return smtp

    def close(self) -> None:
        smtp, self._smtp = self._smtp, None
        if smtp is None:
            return
        try:
            smtp.quit()
        except (OSError, smtplib.SMTPException):  # every message it carried has been answered
            smtp.close()


def _connection_ended(error: OSError) -> bool:
    """Whether `error` says the connection ended, not that the server refused the message: a
    refusal (a full mailbox, "try again later") would be refused again on a new connection,
    and waits in the outbox for its retry instead."""
    if isinstance(error, smtplib.SMTPResponseException):
        return error.smtp_code == 421  # the server is closing the connection
    return not isinstance(error, smtplib.SMTPRecipientsRefused)


def _send(message: OutboundEmail, connection: _Connection) -> None:
    config = current_app.config
    if not config["MAIL_SERVER"]:
        log.info("Email not sent (MAIL_SERVER is not set)\nTo: %s\nSubject: %s\n\n%s",
                 message.recipient, message.subject, message.body)
        return
    email = EmailMessage()
    email["From"] = config["MAIL_FROM"]
    email["To"] = message.recipient
    email["Subject"] = message.subject
    email["Message-ID"] = make_msgid(domain="due-regard")
    email.set_content(message.body)
    for file in message.attachments:
        _attach(email, file)
    connection.send(email)


def _attach(email: EmailMessage, file: EmailAttachment) -> None:
    """Add a stored text attachment, its MIME parameters (a calendar's method) kept."""
    kind, *parameters = (part.strip() for part in file.content_type.split(";"))
    maintype, _, subtype = kind.partition("/")
    if maintype != "text":
        raise ValueError(f"only text attachments are sent, not {kind}")
    params = dict(part.split("=", 1) for part in parameters if "=" in part)
    email.add_attachment(file.content, subtype=subtype, filename=file.filename, params=params)
