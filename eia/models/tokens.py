"""Personal API tokens: how another system acts as a user through the JSON API.

Only a SHA-256 hash of the secret is kept; the secret is shown once, when the token is made.
`prefix` (the first characters of the secret) is kept in clear so that people can tell their
tokens apart. A token acts as its user, with the user's roles, and never more: `scope` only
narrows it (read, or read and write).
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from eia.extensions import db
from eia.models.types import UTCDateTime, utcnow
from eia.models.users import User


class TokenScope(StrEnum):
    READ = "read"
    WRITE = "write"

    @property
    def label(self) -> str:
        return {"read": "Read only", "write": "Read and write"}[self.value]


class ApiToken(db.Model):
    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    prefix: Mapped[str] = mapped_column(String(16))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    scope: Mapped[str] = mapped_column(String(10))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    user: Mapped[User] = relationship()

    @property
    def can_write(self) -> bool:
        return self.scope == TokenScope.WRITE

    @property
    def scope_label(self) -> str:
        return TokenScope(self.scope).label

    def is_usable(self, now: datetime) -> bool:
        return self.revoked_at is None and self.expires_at > now and self.user.active
