"""Backups of the database and checks that a backup can be trusted.

`take_backup` copies the live database while the application keeps running (SQLite: the online
backup API; PostgreSQL: `pg_dump` in its custom format) and writes a manifest beside the copy
(`manifest.py`). `check_backup` opens a copy without touching the live database and checks its
pages or restore, its foreign keys, its audit chain, and that it still matches its manifest.

A backup is written under a hidden temporary name and renamed only once it is whole, so a file
with a backup's name is never half a backup. Backups hold personal data: the file is readable
by its owner alone.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from flask import current_app
from sqlalchemy.exc import SQLAlchemyError

from eia.domain import DomainError
from eia.extensions import db
from eia.services.backups import postgresql, sqlite
from eia.services.backups.manifest import (
    Contents,
    Manifest,
    ManifestUnreadable,
    file_facts,
    manifest_path,
    read_manifest,
    write_manifest,
)
from eia.services.backups.report import CheckReport

SUFFIXES = {"sqlite": ".db", "postgresql": ".dump"}


class BackupFailed(DomainError):
    """No backup was written; the message says why."""


@dataclass(frozen=True)
class Backup:
    path: Path
    manifest_path: Path
    manifest: Manifest


def take_backup(destination: Path | None = None) -> Backup:
    """Copy the live database to `destination` (a new file, or a folder for a file named by
    the time), or to BACKUP_DIR; write its manifest beside it. Raises BackupFailed."""
    kind = db.engine.dialect.name
    if kind not in SUFFIXES:
        raise BackupFailed(f"Backups are made of SQLite and PostgreSQL databases, not {kind}.")
    taken_at = datetime.now(UTC)
    target = _target(destination, kind, taken_at)
    partial = target.with_name(f".{target.name}.partial")
    try:
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        raise BackupFailed(f"{partial} exists: another backup to {target} is under way, or one "
                           "was cut short (then remove it).") from None
    except OSError as error:
        raise BackupFailed(f"Cannot write the backup at {target}: {error.strerror}.") from None
    try:
        contents = _copy(kind, partial)
        _flush_to_disk(partial)
        manifest = Manifest(taken_at=taken_at.isoformat(timespec="seconds"), database=kind,
                            file=file_facts(partial), contents=contents)
        os.replace(partial, target)
        return Backup(target, write_manifest(target, manifest), manifest)
    except OSError as error:
        raise BackupFailed(f"Cannot write the backup at {target}: {error.strerror}.") from None
    finally:
        partial.unlink(missing_ok=True)


def _target(destination: Path | None, kind: str, taken_at: datetime) -> Path:
    name = f"due-regard-{taken_at:%Y%m%dT%H%M%SZ}{SUFFIXES[kind]}"
    if destination is None:
        target = Path(current_app.config["BACKUP_DIR"]) / name
    elif destination.is_dir():
        target = destination / name
    else:
        target = destination
    in_the_way = next((folder for folder in (target.parent, *target.parent.parents)
                       if folder.exists() and not folder.is_dir()), None)
    if in_the_way is not None:
        raise BackupFailed(f"Cannot write the backup at {target}: {in_the_way} is a file, "
                           "not a folder.")
    for existing in (target, manifest_path(target)):
        if existing.exists():
            raise BackupFailed(f"{existing} already exists; a backup never overwrites a file. "
                               "Choose another name.")
    return target


def _copy(kind: str, partial: Path) -> Contents:
    try:
        if kind == "sqlite":
            return sqlite.copy_database(db.engine, partial)
        return postgresql.dump_database(db.engine, partial)
    except (sqlite3.Error, SQLAlchemyError) as error:
        raise BackupFailed(f"The database could not be copied: {error}") from None
    except DomainError as error:
        raise BackupFailed(str(error)) from None


def _flush_to_disk(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def check_backup(path: Path, into: str | None = None) -> CheckReport:
    """Check the backup at `path` without touching the live database. A PostgreSQL dump is
    restored into the empty scratch database `into`. Raises DomainError when the check
    cannot be made as asked; everything found wrong with the backup is in the report."""
    if not path.is_file():
        raise DomainError(f"There is no backup file at {path}.")
    report = CheckReport()
    try:
        manifest = read_manifest(path)
        report.add("manifest", True, f"a {manifest.database} backup taken {manifest.taken_at}")
    except ManifestUnreadable as error:
        manifest = None
        report.add("manifest", False, str(error))
    kind = _kind(path, manifest)
    scratch = _scratch_database(into) if kind == "postgresql" else None
    if manifest is not None:
        _check_file(report, path, manifest)
    if kind == "sqlite":
        checks, contents = sqlite.check_copy(path)
    else:
        checks, contents = postgresql.restore_into(path, scratch)
    report.checks.extend(checks)
    if manifest is not None and contents is not None:
        _compare(report, manifest.contents, contents)
    return report


def _kind(path: Path, manifest: Manifest | None) -> str:
    try:
        with path.open("rb") as stream:
            head = stream.read(16)
    except OSError as error:
        raise DomainError(f"Cannot read {path}: {error.strerror}.") from None
    if head.startswith(sqlite.HEADER):
        return "sqlite"
    if head.startswith(postgresql.HEADER):
        return "postgresql"
    if manifest is not None and manifest.database in SUFFIXES:
        return manifest.database  # its first bytes are damaged: the checks will say how
    raise DomainError(f"{path} is neither a SQLite database nor a PostgreSQL custom-format "
                      "dump, and there is no manifest saying which it should be.")


def _scratch_database(into: str | None):
    if into is None:
        raise DomainError("A PostgreSQL backup is checked by restoring it: give --into URL, "
                          "an empty scratch database (never the live one).")
    scratch = postgresql.sqlalchemy_url(into)
    if db.engine.dialect.name == "postgresql" and postgresql.same_database(scratch,
                                                                           db.engine.url):
        raise DomainError("--into names the live database; give an empty scratch database.")
    return scratch


def _check_file(report: CheckReport, path: Path, manifest: Manifest) -> None:
    facts = file_facts(path)
    if facts == manifest.file:
        report.add("file", True, f"{facts.size:,} bytes, SHA-256 as the manifest records")
        return
    report.add("file", False, f"the file is {facts.size:,} bytes with SHA-256 "
               f"{facts.sha256[:12]}…; the manifest records {manifest.file.size:,} bytes with "
               f"{manifest.file.sha256[:12]}…: it was truncated or changed after the backup")


def _compare(report: CheckReport, recorded: Contents, found: Contents) -> None:
    def head(contents: Contents) -> str:
        audit = contents.audit
        ending = (f" ending at row {audit.last_id} ({audit.last_hash[:12]}…)"
                  if audit.last_id is not None else "")
        return f"migration {contents.alembic_revision}, {audit.rows} audit rows{ending}"

    if recorded == found:
        report.add("audit head", True, f"as the manifest records: {head(found)}")
    else:
        report.add("audit head", False, f"the manifest records {head(recorded)}; the copy "
                   f"holds {head(found)}")
