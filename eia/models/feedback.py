"""What a programme learns from its sessions: the survey after a session, polls during one, and
the reminders sent to staff who have not yet booked.

Anonymity is built into the tables. Who answered and what was answered are kept apart: a
receipt row says that a person has answered (so they answer once), and the answer row has no
person, no booking, no time and a random id, so neither a column nor the order of the rows
links an answer to a receipt. Reports group answers by session and show nothing for a group of
fewer than five (`eia.services.training.reports`).
"""

from __future__ import annotations

import secrets
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, Date, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from eia.extensions import db
from eia.models.programme import TrainingSession
from eia.models.types import UTCDateTime, utcnow
from eia.models.users import User


def random_id() -> str:
    """An id that says nothing about when its row was written."""
    return secrets.token_hex(16)


class LengthAnswer(StrEnum):
    TOO_SHORT = "too_short"
    ABOUT_RIGHT = "about_right"
    TOO_LONG = "too_long"

    @property
    def label(self) -> str:
        return {"too_short": "Too short", "about_right": "About right",
                "too_long": "Too long"}[self.value]


class PaceAnswer(StrEnum):
    TOO_SLOW = "too_slow"
    ABOUT_RIGHT = "about_right"
    TOO_FAST = "too_fast"

    @property
    def label(self) -> str:
        return {"too_slow": "Too slow", "about_right": "About right",
                "too_fast": "Too fast"}[self.value]


class PollKind(StrEnum):
    CHOICE = "choice"  # one of two to six options
    SCALE = "scale"  # 1 to 5

    @property
    def label(self) -> str:
        return {"choice": "A choice of options", "scale": "A scale from 1 to 5"}[self.value]


class SurveyReceipt(db.Model):
    """That a person has answered a session's survey; what they answered is not here."""

    __tablename__ = "survey_receipts"

    session_id: Mapped[int] = mapped_column(
        ForeignKey("training_sessions.id", ondelete="CASCADE"), primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True, index=True)


class SurveyResponse(db.Model):
    """One anonymous answer to a session's survey."""

    __tablename__ = "survey_responses"
    __table_args__ = (
        CheckConstraint("satisfaction BETWEEN 1 AND 5", name="satisfaction_1_to_5"),
        CheckConstraint("confidence_before BETWEEN 1 AND 5", name="confidence_before_1_to_5"),
        CheckConstraint("confidence_after BETWEEN 1 AND 5", name="confidence_after_1_to_5"),
    )

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=random_id)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("training_sessions.id", ondelete="CASCADE"), index=True)
    satisfaction: Mapped[int]
    length: Mapped[str] = mapped_column(String(20))
    pace: Mapped[str] = mapped_column(String(20))
    confidence_before: Mapped[int]
    confidence_after: Mapped[int]
    most_useful: Mapped[str] = mapped_column(Text, default="")
    to_change: Mapped[str] = mapped_column(Text, default="")

    session: Mapped[TrainingSession] = relationship()


class Poll(db.Model):
    """A question a facilitator puts to the room during a session."""

    __tablename__ = "session_polls"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("training_sessions.id", ondelete="CASCADE"), index=True)
    question: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(20))
    # A choice's options, one a line, in the order shown; empty for a scale.
    options_text: Mapped[str] = mapped_column("options", Text, default="")
    opened_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    session: Mapped[TrainingSession] = relationship()
    opened_by: Mapped[User] = relationship()

    @property
    def options(self) -> list[str]:
        return self.options_text.split("\n") if self.options_text else []

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class PollReceipt(db.Model):
    """That a person has answered a poll; what they answered is not here."""

    __tablename__ = "poll_receipts"

    poll_id: Mapped[int] = mapped_column(ForeignKey("session_polls.id", ondelete="CASCADE"),
                                         primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True, index=True)


class PollAnswer(db.Model):
    """One anonymous answer to a poll: the option's position (from 0), or the scale's 1 to 5."""

    __tablename__ = "poll_answers"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=random_id)
    poll_id: Mapped[int] = mapped_column(ForeignKey("session_polls.id", ondelete="CASCADE"),
                                         index=True)
    value: Mapped[int]


class BookingReminder(db.Model):
    """A reminder to book, sent to someone on the staff who had not booked a programme's
    session. One a day at most: the unique day is what stops a second."""

    __tablename__ = "booking_reminders"
    __table_args__ = (UniqueConstraint("programme_id", "person_id", "reminded_on",
                                       name="uq_booking_reminders_once_a_day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("training_programmes.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    reminded_on: Mapped[date] = mapped_column(Date)  # the day in Europe/London
    reminded_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    reminded_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
