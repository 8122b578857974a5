"""Backing up and checking a SQLite database.

The copy is made with SQLite's online backup API in a single step, which reads one snapshot of
the database: in WAL mode writers carry on meanwhile, and the copy holds every transaction
committed before the step began and none after. The copy is switched out of WAL mode so it is
one self-contained file.

A copy is checked opened read-only, so a check can never change the copy (or anything else).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import Engine, create_engine
from sqlalchemy.orm import Session

from eia.audit import verify_chain
from eia.services.backups.manifest import Contents, describe_contents
from eia.services.backups.report import Check, chain_check

HEADER = b"SQLite format 3\x00"


def copy_database(engine: Engine, destination: Path) -> Contents:
    """Copy the database behind `engine` into `destination` (an empty file) and describe the
    copy."""
    source = engine.raw_connection()
    try:
        with closing(sqlite3.connect(destination)) as target:
            source.driver_connection.backup(target)  # pages=-1: all of it, from one snapshot
            target.execute("PRAGMA journal_mode=DELETE")
    finally:
        source.close()
    with _read_only_session(destination) as session:
        return describe_contents(session)


def check_copy(path: Path) -> tuple[list[Check], Contents | None]:
    """Check a copy's pages, its foreign keys and its audit chain; describe it if it can be
    read at all."""
    checks: list[Check] = []
    try:
        with closing(sqlite3.connect(_read_only_uri(path), uri=True)) as connection:
            problems = [row[0] for row in connection.execute("PRAGMA integrity_check")]
            checks.append(Check("integrity", problems == ["ok"], "PRAGMA integrity_check: "
                                + "; ".join(problems[:5])))
            orphans = connection.execute("PRAGMA foreign_key_check").fetchall()
            checks.append(Check("foreign keys", not orphans, _orphans(orphans)))
        with _read_only_session(path) as session:
            contents = describe_contents(session)
            checked, broken = verify_chain(session)
    except Exception as error:  # any failure to read the copy is the finding itself
        checks.append(Check("readable", False, f"the copy cannot be read as a SQLite "
                            f"database: {error}"))
        return checks, None
    checks.append(chain_check(checked, broken))
    return checks, contents


def _orphans(rows) -> str:
    if not rows:
        return "PRAGMA foreign_key_check: none missing"
    shown = ", ".join(f"{table} row {rowid} → {parent}" for table, rowid, parent, _ in rows[:5])
    points = "row points at a row" if len(rows) == 1 else "rows point at rows"
    return f"{len(rows)} {points} that {'is' if len(rows) == 1 else 'are'} not there: {shown}"


def _read_only_uri(path: Path) -> str:
    return f"file:{quote(str(path.resolve()))}?mode=ro"


@contextmanager
def _read_only_session(path: Path) -> Iterator[Session]:
    engine = create_engine(f"sqlite:///{_read_only_uri(path)}&uri=true")
    try:
        with Session(engine) as session:
            yield session
    finally:
        engine.dispose()


def is_sqlite_file(head: bytes) -> bool:
    return head.startswith(HEADER)
