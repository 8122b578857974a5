"""Reading a batch of documents: files as uploaded or found in a folder, and .zip archives.

`read_files` turns (file name, bytes) pairs into `SourceFile`s, each holding the canonical
document or the reason it could not be read; a .zip is opened and each document in it read
the same way. Readers are chosen by file suffix from `READERS`: a JSON document is taken as it
is; a Word document is read (`eia.archive.reader`) into a record of the past, and its
`SourceFile` also keeps the original file and where each passage went, so that a person can
correct that mapping (`remap`) before anything is imported. Nothing here checks what a
document says (`eia.document.schema` does) or writes anything.
"""

from __future__ import annotations

import base64
import io
import json
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath

from eia.archive.reader import ReadResult, apply_mapping, read_docx
from eia.domain import DomainError
from eia.framework import Framework

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
    # A Word document's: the template it was read with, the target of each of its passages
    # in order (eia.archive.targets), and the file itself (base64), to read it again.
    template: str | None = None
    targets: list[str] | None = None
    original: str | None = None

    @property
    def is_word(self) -> bool:
        return self.original is not None


def read_json(filename: str, content: bytes, framework: Framework) -> SourceFile:
    try:
        return SourceFile(filename, document=json.loads(content.decode("utf-8")))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as error:
        raise UnreadableFile(f"Is not a JSON document: {error}") from error


def read_word(filename: str, content: bytes, framework: Framework) -> SourceFile:
    try:
        result = read_docx(content, framework, filename=PurePosixPath(filename).name)
    except DomainError as error:  # not a Word document, too large, no usable template
        raise UnreadableFile(str(error)) from error
    return _word_file(filename, content, result)


READERS: dict[str, Callable[[str, bytes, Framework], SourceFile]] = {
    ".json": read_json, ".docx": read_word}


def readable_suffixes() -> list[str]:
    return [*READERS, ".zip"]


def read_files(files: Iterable[tuple[str, bytes]], framework: Framework) -> list[SourceFile]:
    """Every document in `files`, in the order given (a .zip's documents in name order), Word
    documents read against `framework`."""
    found: list[SourceFile] = []
    for filename, content in files:
        if _suffix(filename) == ".zip":
            found.extend(_read_zip(filename, content, framework))
        else:
            found.append(_read_one(filename, content, framework))
    return found


# --- A Word document's mapping --------------------------------------------------------------


def mapping_of(file: SourceFile, framework: Framework) -> ReadResult:
    """A Word document read again as its `targets` place it: the mapping for a page to show."""
    result = _read_again(file, framework)
    return apply_mapping(result.source, list(enumerate(file.targets or [])), framework)


def remap(file: SourceFile, targets: Sequence[str], framework: Framework) -> SourceFile:
    """The Word document read again with each passage where `targets` says (one per passage,
    in order). Raises UnknownTarget for a target `framework` lacks, ValueError for a list the
    wrong length."""
    result = _read_again(file, framework)
    if len(targets) != len(result.source.passages):
        raise ValueError(f"{len(targets)} targets for {len(result.source.passages)} passages.")
    corrected = apply_mapping(result.source, list(enumerate(targets)), framework)
    return _word_file(file.filename, base64.b64decode(file.original), corrected)


def _read_again(file: SourceFile, framework: Framework) -> ReadResult:
    return read_docx(base64.b64decode(file.original), framework,
                     filename=PurePosixPath(file.filename).name)


def _word_file(filename: str, content: bytes, result: ReadResult) -> SourceFile:
    return SourceFile(filename, document=result.document, template=result.template_name,
                      targets=[entry.target for entry in result.mapping],
                      original=base64.b64encode(content).decode("ascii"))


def _suffix(filename: str) -> str:
    return PurePosixPath(filename).suffix.lower()


def _read_one(filename: str, content: bytes, framework: Framework) -> SourceFile:
    reader = READERS.get(_suffix(filename))
    if reader is None:
        kinds = ", ".join(readable_suffixes())
        return SourceFile(filename, problem=f"Cannot be read: choose a file ending {kinds}.")
    try:
        return reader(filename, content, framework)
    except UnreadableFile as error:
        return SourceFile(filename, problem=str(error))


def _read_zip(filename: str, content: bytes, framework: Framework) -> list[SourceFile]:
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
                found.append(_read_one(name, archive.read(info), framework))
            except (zipfile.BadZipFile, NotImplementedError, RuntimeError) as error:
                found.append(SourceFile(name, problem=f"Cannot be unpacked: {error}"))
        return found


def _is_document(info: zipfile.ZipInfo) -> bool:
    # Folders, and the metadata macOS adds to archives, are not documents.
    parts = PurePosixPath(info.filename).parts
    return not info.is_dir() and "__MACOSX" not in parts and not parts[-1].startswith(".")
