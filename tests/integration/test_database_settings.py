"""Every connection the application opens has its database's settings: SQLite's write-ahead
log and foreign keys, PostgreSQL without JIT compilation (which cost short queries more time
than it saved)."""

from __future__ import annotations

from sqlalchemy import text

from eia.extensions import db


def test_each_connection_has_its_databases_settings(app_context):
    connection = db.session.connection()
    if db.engine.dialect.name == "postgresql":
        assert connection.execute(text("SHOW jit")).scalar() == "off"
    else:
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
