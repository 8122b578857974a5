"""Writing to and verifying the hash-chained audit log.

`record` adds a row to the caller's transaction and never commits: the audit entry and the
change it describes are saved together or not at all.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import has_request_context, request
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from eia.database import is_postgresql
from eia.extensions import db
from eia.models.audit import GENESIS_HASH, AuditEvent, canonical_json
from eia.models.types import utcnow

# Any fixed number: the PostgreSQL advisory lock that serialises appends to the chain.
_CHAIN_LOCK_KEY = 7_014_022_026


def record(
    action: str,
    *,
    actor=None,
    actor_email: str | None = None,
    object_type: str = "",
    object_id: object = "",
    details: dict | None = None,
) -> AuditEvent:
    """Append an audit event for `action` to the current transaction (no commit)."""
    if is_postgresql():
        # Two transactions appending at once would both chain to the same row.
        # (SQLite needs nothing: writers already hold the database lock from BEGIN IMMEDIATE.)
        db.session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _CHAIN_LOCK_KEY})
    previous = db.session.scalar(select(AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1))
    event = AuditEvent(
        created_at=utcnow(),
        actor_id=getattr(actor, "id", None),
        actor_email=actor_email if actor_email is not None else getattr(actor, "email", ""),
        action=action,
        object_type=object_type,
        object_id=str(object_id) if object_id not in (None, "") else "",
        ip_address=_client_address(),
        details=canonical_json(details or {}),
        prev_hash=previous or GENESIS_HASH,
    )
    event.hash = event.content_hash()
    db.session.add(event)
    db.session.flush()
    return event


def record_for_version(action: str, actor, version, /, **details) -> AuditEvent:
    """Audit `action` on one version of an assessment: logged against the assessment's
    reference, with the version number in the details alongside `details`."""
    return record(action, actor=actor, object_type="assessment", object_id=version.reference,
                  details={"version": version.number, **details})


def _client_address() -> str:
    # The one place outside views that reads the request: "from where" belongs in every entry.
    return (request.remote_addr or "") if has_request_context() else "cli"


@dataclass(frozen=True)
class ChainBreak:
    event_id: int
    reason: str


@dataclass(frozen=True)
class ChainHead:
    """How long the chain is and where it ends: enough to tell later whether a copy of the
    log holds the same rows (`last_id` and `last_hash` are None for an empty log)."""

    rows: int
    last_id: int | None
    last_hash: str | None


def chain_head(session: Session | None = None) -> ChainHead:
    """The number of audit rows and the last one's id and hash, read in `session` (the
    application's by default; a backup's copy is read in a session of its own)."""
    session = session or db.session
    rows = session.scalar(select(func.count()).select_from(AuditEvent))
    last = session.execute(select(AuditEvent.id, AuditEvent.hash)
                           .order_by(AuditEvent.id.desc()).limit(1)).first()
    return ChainHead(rows, *(last or (None, None)))


def verify_chain(session: Session | None = None) -> tuple[int, ChainBreak | None]:
    """Check every row in order; return how many were checked and the first break, if any.

    Reads the application's database unless given the `session` of another (a backup's)."""
    session = session or db.session
    expected_prev = GENESIS_HASH
    checked = 0
    rows = session.scalars(select(AuditEvent).order_by(AuditEvent.id).execution_options(
        yield_per=1000))
    for event in rows:
        checked += 1
        if event.prev_hash != expected_prev:
            return checked, ChainBreak(event.id, "does not follow the row before it "
                                       "(a row was removed, inserted or changed)")
        if event.hash != event.content_hash():
            return checked, ChainBreak(event.id, "its content does not match its hash")
        expected_prev = event.hash
    return checked, None
