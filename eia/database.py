"""Database engine behaviour that the models do not express: SQLite pragmas and write locking,
and PostgreSQL without JIT compilation.

SQLite is the pilot database. Under concurrent requests a deferred transaction that later
writes can fail at once with "database is locked", whatever the busy timeout. So every
transaction that may write starts with BEGIN IMMEDIATE, which waits its turn for the one write
lock instead. A request reads in a plain deferred transaction, which in WAL mode never blocks a
writer; only its use case (`eia.services.transaction.unit_of_work`) takes the write lock, through
`writing()`, and holds it until the use case commits. A save therefore holds the lock for its
writes alone, not for signing the user in, checking the form and rendering a page: under a room
of people saving at once, the lock was otherwise held for as long as a busy worker took to serve
the whole request, and the saves queued behind it.
"""

from __future__ import annotations

import contextvars
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlalchemy import Engine, event

from eia.extensions import db

BUSY_TIMEOUT_MS = 15_000

# True while the current unit of work may write; consulted when a transaction begins.
_write_intent: contextvars.ContextVar[bool] = contextvars.ContextVar("write_intent", default=True)


def set_write_intent(may_write: bool) -> None:
    _write_intent.set(may_write)


@contextmanager
def writing() -> Iterator[None]:
    """Run a write from a request that has been reading (a use case, auditing a refused GET).

    On SQLite, ends the current read transaction (what it loaded is read again, inside the
    write transaction) so that the write begins with the lock, and reads again afterwards.
    Where writing was intended from the start (the command line, background jobs, tests) or
    the database locks rows itself (PostgreSQL), there is nothing to change.
    """
    if _write_intent.get() or db.engine.dialect.name != "sqlite":
        yield
        return
    db.session.rollback()
    token = _write_intent.set(True)
    try:
        yield
    finally:
        _write_intent.reset(token)


def configure_engine(engine: Engine, *, page_limit: Callable[[], int] | None = None) -> None:
    """Install the connection rules on `engine`: SQLite's pragmas and locking; on PostgreSQL,
    no JIT compilation.

    `page_limit`, when given, caps the SQLite file at that many pages as each transaction
    begins: a database on a full disk, for tests. Read afresh each time, so that raising it
    makes room at once, as freeing space on a disk does.
    """
    if engine.dialect.name == "postgresql":
        event.listen(engine, "connect", _without_jit)
        return
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        # Let SQLAlchemy, not the driver, decide when transactions begin.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        if page_limit is not None:
            connection.exec_driver_sql(f"PRAGMA max_page_count={int(page_limit())}")
        connection.exec_driver_sql("BEGIN IMMEDIATE" if _write_intent.get() else "BEGIN")


def _without_jit(dbapi_connection, _record) -> None:
    # PostgreSQL compiles a plan to machine code once its estimated cost is high, which takes
    # tens to hundreds of milliseconds and pays back only on long analytic queries. Every
    # query here is short, but a register's capped count is estimated costly enough to set it
    # off: with 100,000 assessments that doubled the public register's time.
    with dbapi_connection.cursor() as cursor:
        cursor.execute("SET jit = off")
    dbapi_connection.commit()


def is_postgresql() -> bool:
    return db.engine.dialect.name == "postgresql"
