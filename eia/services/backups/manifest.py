"""The manifest written beside each backup (`<file>.json`): what the copy holds, so that a later
check can tell whether the file is still the one that was taken.

It records when the copy was taken, from which kind of database, at which migration, the size
and SHA-256 of the file, and the audit chain's length and head as they are *in the copy*.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from sqlalchemy import inspect, text
from sqlalchemy.orm import Session

from eia.audit import ChainHead, chain_head
from eia.domain import DomainError

MANIFEST_FORMAT = 1


class ManifestUnreadable(DomainError):
    """The manifest beside a backup is missing or is not one this version wrote."""


@dataclass(frozen=True)
class Contents:
    """What a database (live, or a backup's copy) holds, as far as a manifest records it."""

    alembic_revision: str | None
    audit: ChainHead


@dataclass(frozen=True)
class FileFacts:
    size: int
    sha256: str


@dataclass(frozen=True)
class Manifest:
    taken_at: str
    database: str
    file: FileFacts
    contents: Contents

    def as_json(self) -> str:
        return json.dumps({"format": MANIFEST_FORMAT, **asdict(self)}, indent=2) + "\n"


def manifest_path(backup: Path) -> Path:
    return backup.with_name(backup.name + ".json")


def describe_contents(session: Session) -> Contents:
    """The migration and the audit chain's head of the database `session` reads."""
    revision = None
    if inspect(session.connection()).has_table("alembic_version"):
        revision = session.scalar(text("SELECT version_num FROM alembic_version"))
    return Contents(revision, chain_head(session))


def file_facts(path: Path) -> FileFacts:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return FileFacts(path.stat().st_size, digest.hexdigest())


def write_manifest(backup: Path, manifest: Manifest) -> Path:
    """Write the manifest beside `backup`, whole or not at all."""
    target = manifest_path(backup)
    partial = target.with_name(f".{target.name}.partial")
    with open(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w",
              encoding="utf-8") as stream:
        stream.write(manifest.as_json())
    os.replace(partial, target)
    return target


def read_manifest(backup: Path) -> Manifest:
    path = manifest_path(backup)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ManifestUnreadable(f"there is no manifest beside the backup ({path})") from None
    except (OSError, ValueError) as error:
        raise ManifestUnreadable(f"the manifest {path} cannot be read: {error}") from None
    try:
        if data["format"] != MANIFEST_FORMAT:
            raise ManifestUnreadable(f"the manifest {path} is format {data['format']!r}; "
                                     f"this version reads format {MANIFEST_FORMAT}")
        contents = data["contents"]
        return Manifest(taken_at=data["taken_at"], database=data["database"],
                        file=FileFacts(**data["file"]),
                        contents=Contents(contents["alembic_revision"],
                                          ChainHead(**contents["audit"])))
    except (KeyError, TypeError) as error:
        raise ManifestUnreadable(f"the manifest {path} lacks {error}") from None
