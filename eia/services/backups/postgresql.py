"""Backing up and checking a PostgreSQL database with its own tools, `pg_dump` and `pg_restore`.

The dump is in pg_dump's custom format. To describe exactly what the dump holds, this module
opens a repeatable-read transaction, exports its snapshot, reads the migration and the audit
chain's head in it, and has pg_dump dump that same snapshot: the manifest and the dump agree
however many saves the application makes meanwhile.

A dump is checked by restoring it, whole or not at all, into an empty scratch database that
the operator names; PostgreSQL checks every foreign key as the restore adds it, and the audit
chain is then verified in the scratch database.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from sqlalchemy import URL, Engine, create_engine, inspect, make_url, text
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from sqlalchemy.orm import Session

from eia.audit import verify_chain
from eia.domain import DomainError
from eia.services.backups.manifest import Contents, describe_contents
from eia.services.backups.report import Check, chain_check

HEADER = b"PGDMP"


class ToolMissing(DomainError):
    """pg_dump or pg_restore is not installed where this process can run it."""


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise ToolMissing(f"{name} was not found on PATH. Install PostgreSQL's client programs "
                          f"(Debian: postgresql-client) of the server's major version or newer, "
                          f"or put the folder holding {name} on PATH.")
    return found


def _run(command: list[str], url: URL) -> subprocess.CompletedProcess:
    """Run a PostgreSQL tool against `url`, its password passed in the environment rather than
    on the command line, where any user of the machine could read it."""
    environment = dict(os.environ)
    if url.password:
        environment["PGPASSWORD"] = url.password
    return subprocess.run(  # noqa: S603  (a tool found on PATH, arguments as a list)
        command, capture_output=True, text=True, check=False, env=environment)


def libpq_url(url: URL) -> str:
    """The URL in libpq's words (no SQLAlchemy driver name), without its password."""
    return url.set(drivername="postgresql", password=None).render_as_string(hide_password=False)


def sqlalchemy_url(url: str) -> URL:
    """An operator's URL (`postgresql://`, `postgres://` or with a driver) for psycopg 3."""
    try:
        parsed = make_url(url.replace("postgres://", "postgresql://", 1)
                          if url.startswith("postgres://") else url)
    except ArgumentError:
        raise DomainError(f"--into {url!r} is not a database URL; write it as "
                          "postgresql://user@host/dbname") from None
    if parsed.get_backend_name() != "postgresql":
        raise DomainError(f"--into needs a PostgreSQL database URL, not {parsed.drivername}://")
    return parsed.set(drivername="postgresql+psycopg")


def dump_database(engine: Engine, destination: Path) -> Contents:
    """Dump the database behind `engine` into `destination` and describe what the dump holds."""
    pg_dump = _tool("pg_dump")
    with engine.connect() as connection:
        connection = connection.execution_options(isolation_level="REPEATABLE READ")
        with connection.begin():
            snapshot = connection.scalar(text("SELECT pg_export_snapshot()"))
            with Session(bind=connection) as session:
                contents = describe_contents(session)
            result = _run([pg_dump, "--format=custom", f"--snapshot={snapshot}",
                           f"--file={destination}", "--no-password",
                           f"--dbname={libpq_url(engine.url)}"], engine.url)
    if result.returncode != 0:
        raise DomainError(f"pg_dump failed: {result.stderr.strip()}")
    return contents


def restore_into(dump: Path, scratch: URL) -> tuple[list[Check], Contents | None]:
    """Restore `dump` into the empty database `scratch`; check what was restored."""
    pg_restore = _tool("pg_restore")
    engine = create_engine(scratch)
    try:
        try:
            tables = inspect(engine).get_table_names()
        except SQLAlchemyError as error:
            raise DomainError(f"Cannot open the scratch database {scratch.database}: "
                              f"{getattr(error, 'orig', None) or error}") from None
        if tables:
            raise DomainError(f"the scratch database {scratch.database} already has tables; "
                              "give the URL of an empty one (createdb NAME)")
        result = _run([pg_restore, f"--dbname={libpq_url(scratch)}", "--no-owner",
                       "--no-privileges", "--exit-on-error", "--single-transaction",
                       "--no-password", str(dump)], scratch)
        if result.returncode != 0:
            return [Check("restore", False, f"pg_restore failed: {_reason(result.stderr)}")], None
        checks = [Check("restore", True, f"restored whole into {scratch.database}"),
                  Check("foreign keys", True, "PostgreSQL checked each one as the restore "
                        "added it")]
        with Session(engine) as session:
            contents = describe_contents(session)
            checked, broken = verify_chain(session)
    finally:
        engine.dispose()
    checks.append(chain_check(checked, broken))
    return checks, contents


def _reason(stderr: str) -> str:
    """What went wrong, from a PostgreSQL tool's messages: its errors and their details."""
    lines = [line.strip() for line in stderr.splitlines()]
    telling = [line for line in lines if "error:" in line.lower() or line.startswith("DETAIL:")]
    return " ".join((telling or lines)[:4])


def same_database(one: URL, other: URL) -> bool:
    return ((one.host or "localhost", one.port or 5432, one.database)
            == (other.host or "localhost", other.port or 5432, other.database))
