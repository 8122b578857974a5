"""The audit log is append-only and its hash chain exposes tampering."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DatabaseError

from eia import audit
from eia.cli import eia_cli
from eia.extensions import db
from eia.models.audit import AuditEvent

TRIGGERS = {
    "sqlite": ["DROP TRIGGER audit_events_no_update", "DROP TRIGGER audit_events_no_delete"],
    "postgresql": ["DROP TRIGGER audit_events_append_only ON audit_events"],
}


def write_events(count: int) -> list[AuditEvent]:
    events = [audit.record("test.event", actor_email="tester@example.org",
                           details={"n": n}) for n in range(count)]
    db.session.commit()
    return events


def verify(app):
    return app.test_cli_runner().invoke(eia_cli, ["verify-audit"])


def bypass_triggers():
    """What someone with direct database access could do."""
    for statement in TRIGGERS[db.engine.dialect.name]:
        db.session.execute(text(statement))


def test_intact_chain_verifies(app, app_context):
    write_events(3)
    result = verify(app)
    assert result.exit_code == 0, result.output
    assert "Audit log intact" in result.output


def test_database_refuses_updates_and_deletes(app_context):
    """SECURITY.md (Audit): Audit append-only, hash-chained; the command names the first broken
    row."""
    [event] = write_events(1)
    with pytest.raises(DatabaseError, match="append-only"):
        db.session.execute(text("UPDATE audit_events SET action = 'x' WHERE id = :id"),
                           {"id": event.id})
    db.session.rollback()
    with pytest.raises(DatabaseError, match="append-only"):
        db.session.execute(text("DELETE FROM audit_events WHERE id = :id"), {"id": event.id})
    db.session.rollback()


@pytest.mark.parametrize("column,value", [
    ("action", "sign_in"),
    ("details", '{"n":99}'),
    ("actor_email", "someone.else@example.org"),
    ("created_at", None),  # touched but same value: still intact (control case)
])
def test_changing_any_row_by_hand_is_detected_and_named(app, app_context, column, value):
    """SECURITY.md (Audit): Audit append-only, hash-chained; the command names the first broken
    row."""
    events = write_events(4)
    target = events[1]
    bypass_triggers()
    new_value = ":value" if value is not None else column
    # The column names come from the parameters above, never from input.
    statement = f"UPDATE audit_events SET {column} = {new_value} WHERE id = :id"  # noqa: S608
    db.session.execute(text(statement),
                       {"id": target.id, "value": value})
    db.session.commit()
    result = verify(app)
    if column == "created_at":
        assert result.exit_code == 0, result.output
        return
    assert result.exit_code == 1
    assert f"BROKEN at row {target.id}" in result.output


def test_deleting_a_row_is_detected_at_the_row_after_it(app, app_context):
    """SECURITY.md (Audit): Audit append-only, hash-chained; the command names the first broken
    row."""
    events = write_events(4)
    bypass_triggers()
    db.session.execute(text("DELETE FROM audit_events WHERE id = :id"), {"id": events[1].id})
    db.session.commit()
    result = verify(app)
    assert result.exit_code == 1
    assert f"BROKEN at row {events[2].id}" in result.output


def test_rehashing_a_changed_row_still_breaks_the_chain_after_it(app, app_context):
    events = write_events(3)
    bypass_triggers()
    forged = events[1]
    forged.action = "forged"
    forged.hash = forged.content_hash()
    db.session.commit()
    result = verify(app)
    assert result.exit_code == 1
    assert f"BROKEN at row {events[2].id}" in result.output
