"""Outgoing email, kept until it has been sent so that a mail-server outage loses nothing, with
the files it carries."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from eia.extensions import db
from eia.models.types import UTCDateTime, utcnow


class OutboundEmail(db.Model):
    __tablename__ = "outbound_emails"

    id: Mapped[int] = mapped_column(primary_key=True)
    recipient: Mapped[str] = mapped_column(String(320))
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    last_error: Mapped[str] = mapped_column(Text, default="")
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)

    attachments: Mapped[list[EmailAttachment]] = relationship(
        cascade="all, delete-orphan", order_by="EmailAttachment.id")


class EmailAttachment(db.Model):
    """A text file sent with an email, such as a calendar invitation (.ics)."""

    __tablename__ = "outbound_email_attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    email_id: Mapped[int] = mapped_column(
        ForeignKey("outbound_emails.id", ondelete="CASCADE"), index=True)
    filename: Mapped[str] = mapped_column(String(200))
    # The MIME type with its parameters, as sent: "text/calendar; method=REQUEST".
    content_type: Mapped[str] = mapped_column(String(200))
    content: Mapped[str] = mapped_column(Text)
