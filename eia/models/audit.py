"""The audit log: an append-only, hash-chained record of who did what, when, from where.

Each row's hash covers its own content and the hash of the row before it, so changing,
deleting or reordering any row breaks the chain from that row on. Database triggers (see the
migration) refuse UPDATE and DELETE, and `verify_chain` finds tampering that went around them.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from eia.extensions import db
from eia.models.types import UTCDateTime, utcnow

GENESIS_HASH = "0" * 64


class AuditEvent(db.Model):
    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="RESTRICT"), index=True
    )
    # Kept as text too, so the record still says who it was if the account is renamed.
    actor_email: Mapped[str] = mapped_column(String(320), default="")
    action: Mapped[str] = mapped_column(String(60), index=True)
    object_type: Mapped[str] = mapped_column(String(40), default="")
    object_id: Mapped[str] = mapped_column(String(64), default="")
    ip_address: Mapped[str] = mapped_column(String(64), default="")
    details: Mapped[str] = mapped_column(Text, default="{}")  # canonical JSON
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)

    @property
    def details_dict(self) -> dict:
        return json.loads(self.details)

    def content_hash(self) -> str:
        """The hash this row should carry, given its content and `prev_hash`."""
        payload = json.dumps(
            [
                self.prev_hash,
                self.created_at.isoformat(timespec="microseconds"),
                self.actor_id,
                self.actor_email,
                self.action,
                self.object_type,
                self.object_id,
                self.ip_address,
                self.details,
            ],
            ensure_ascii=False,
            separators=(",", ":"),
        )
        return hashlib.sha256(payload.encode()).hexdigest()


def canonical_json(data: dict) -> str:
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
