"""Reading a batch of documents: files as uploaded or found in a folder, and .zip archives.

`read_files` turns (file name, bytes) pairs into `SourceFile`s, each holding the parsed
document or the reason it could not be read; a .zip is opened and each document in it read
the same way. Nothing here checks what a document says (`eia.document.schema` does) or writes
anything. Readers are chosen by file suffix from `READERS`, so another format (a Word reader)
is one more entry that returns the same canonical document.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import PurePosixPath

# Limits on what a .zip may unpack to, so that a small archive cannot fill the memory.
MAX_FILES_IN_ZIP = 500
MAX_UNPACKED_BYTES = 200 * 1024 * 1024


class UnreadableFile(Exception):
    """The file cannot be turned into a document; the message says why."""


@dataclass(frozen=True)
class SourceFile:
    filename: str
    document: object | None = None
    problem: str | None = None


def read_json(content: bytes) -> object:
    try:
        return json.loads(content.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as error:
        raise UnreadableFile(f"Is not a JSON document: {error}") from error


READERS: dict[str, Callable[[bytes], object]] = {".json": read_json}


def readable_suffixes() -> list[str]:
    return [*READERS, ".zip"]


def read_files(files: Iterable[tuple[str, bytes]]) -> list[SourceFile]:
    """Every document in `files`, in the order given (a .zip's documents in name order)."""
    found: list[SourceFile] = []
    for filename, content in files:
        if _suffix(filename) == ".zip":
            found.extend(_read_zip(filename, content))
        else:
            found.append(_read_one(filename, content))
    return found


def _suffix(filename: str) -> str:
    return PurePosixPath(filename).suffix.lower()


def _read_one(filename: str, content: bytes) -> SourceFile:
    reader = READERS.get(_suffix(filename))
    if reader is None:
        kinds = ", ".join(readable_suffixes())
        return SourceFile(filename, problem=f"Cannot be read: choose a file ending {kinds}.")
    try:
        return SourceFile(filename, document=reader(content))
    except UnreadableFile as error:
        return SourceFile(filename, problem=str(error))


def _read_zip(filename: str, content: bytes) -> list[SourceFile]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except zipfile.BadZipFile:
        return [SourceFile(filename, problem="Is not a .zip archive that can be opened.")]
    with archive:
        entries = sorted((info for info in archive.infolist() if _is_document(info)),
                         key=lambda info: info.filename)
        if len(entries) > MAX_FILES_IN_ZIP:
            return [SourceFile(filename, problem=f"Holds {len(entries):,} files: a .zip may "
                               f"hold at most {MAX_FILES_IN_ZIP:,}.")]
        if sum(info.file_size for info in entries) > MAX_UNPACKED_BYTES:
            return [SourceFile(filename, problem="Unpacks to more than "
                               f"{MAX_UNPACKED_BYTES // (1024 * 1024)} MB.")]
        found = []
        for info in entries:
            name = f"{filename}/{info.filename}"
            try:
                found.append(_read_one(name, archive.read(info)))
            except (zipfile.BadZipFile, NotImplementedError, RuntimeError) as error:
                found.append(SourceFile(name, problem=f"Cannot be unpacked: {error}"))
        return found


def _is_document(info: zipfile.ZipInfo) -> bool:
    # Folders, and the metadata macOS adds to archives, are not documents.
    parts = PurePosixPath(info.filename).parts
    return not info.is_dir() and "__MACOSX" not in parts and not parts[-1].startswith(".")
