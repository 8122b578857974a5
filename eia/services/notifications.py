"""Telling people: an in-application notification and an email, saved with the change itself.

`notify` adds both to the caller's transaction, so people hear of a move exactly when it is
committed. Email goes through the outbox (`eia.services.mail`): a mail server that is down
delays the email and never blocks or undoes the move.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from flask import current_app
from sqlalchemy import func, select, update

from eia.extensions import db
from eia.models.notifications import Notification
from eia.models.types import utcnow
from eia.models.users import User
from eia.services.mail import Attachment, queue_email
from eia.services.transaction import use_case

# Short email subjects that say what happened, whatever the length of the title.
SUBJECTS = {
    "submitted": "An assessment is waiting for review",
    "review_started": "Your assessment is being reviewed",
    "changes_requested": "Changes are requested to your assessment",
    "recommended": "An assessment is recommended for sign-off",
    "returned": "An assessment was returned without sign-off",
    "signed_off": "An assessment has been signed off",
    "action_due": "An action is due within 7 days",
    "action_overdue": "An action is overdue",
    "review_due": "An assessment is due for review",
    "accepted": "Your practice attempt has been accepted",
    "session_announced": "A new EIA training session is open for booking",
    "booking_promoted": "You have a place on an EIA training session",
    "survey_invitation": "How was your EIA training session?",
    "booking_reminder": "Book your EIA training",
    "session_moved": "An EIA training session you booked has changed",
    "session_cancelled": "An EIA training session you booked has been cancelled",
    "session_tomorrow": "Your EIA training session is tomorrow",
}


def task_list_path(version) -> str:
    """Where authors act on an assessment: notifications and reminders link here."""
    return f"/assessments/{version.reference}"


def notify(people: Iterable[User], kind: str, message: str, path: str, *,
           reference: str = "", attachments: Sequence[Attachment] = ()) -> None:
    """Tell each active person once: `message` in the application, linking to `path`.

    The email's subject says what happened and which assessment (`reference`) it is about;
    it carries `attachments` (a calendar invitation, say).
    """
    base = current_app.config.get("PUBLIC_URL", "").rstrip("/")
    seen: set[int] = set()
    for person in people:
        if person is None or person.id in seen or not person.active:
            continue
        seen.add(person.id)
        db.session.add(Notification(user_id=person.id, kind=kind, message=message, url=path))
        queue_email(person.email, "notification", name=person.name, message=message,
                    subject=": ".join(filter(None, [
                        SUBJECTS.get(kind, "An update on an assessment"), reference])),
                    link=f"{base}{path}", attachments=attachments,
                    about_training=path.startswith("/training/"))


def unread_count(user: User) -> int:
    return db.session.scalar(select(func.count()).select_from(Notification).where(
        Notification.user_id == user.id, Notification.read_at.is_(None))) or 0


def list_for(user: User, limit: int = 100) -> list[Notification]:
    return list(db.session.scalars(select(Notification).where(Notification.user_id == user.id)
                                   .order_by(Notification.id.desc()).limit(limit)))


@use_case
def mark_all_read(user: User) -> None:
    db.session.execute(update(Notification).where(
        Notification.user_id == user.id, Notification.read_at.is_(None)).values(read_at=utcnow()))
