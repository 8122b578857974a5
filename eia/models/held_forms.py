"""Forms kept when they could not be saved because the session they were sent in had ended."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from eia.extensions import db
from eia.models.types import UTCDateTime, utcnow


class HeldForm(db.Model):
    """What a form carried when its session had timed out, or its CSRF token no longer
    matched a session, so that its author can send it again once signed in. Kept on the
    server, never in the cookie (a long answer would not fit, and the cookie is not private
    to the server); found by a random token that only the browser that sent it holds."""

    __tablename__ = "held_forms"

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    # Who was signed in when it was sent; None when nobody was (a page left open overnight).
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                                index=True)
    path: Mapped[str] = mapped_column(String(2000))
    fields: Mapped[str] = mapped_column(Text)  # JSON: [[name, value], ...] in the order sent
    had_files: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
