"""A Word document's body as plain blocks: headings, paragraphs and tables, in reading order.

This is the only module that touches python-docx. It refuses, with a `DocumentUnreadable` the
user can read, anything that is not a Word document small enough to open: the library's own
exceptions never leave it. What it reads is the body (paragraphs, tables, tables inside table
cells); headers, footers, comments and text boxes are not part of an assessment's content and
are not read.

A paragraph is a heading when its style is a heading or the title, or when it is a short line
set wholly in bold (many templates make headings that way).
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass

import docx
from docx.opc.exceptions import OpcError
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph
from lxml.etree import LxmlError

from eia.domain import DomainError
from eia.uploads import MAX_ZIP_ENTRIES, CheckedFile, UploadRejected, check_upload

# The largest .docx accepted, and the most its parts may expand to once unzipped: a real
# assessment is a few hundred kilobytes, and a file that inflates a thousandfold is a bomb.
DEFAULT_MAX_BYTES = 10 * 2**20
MAX_UNZIPPED_BYTES = 100 * 2**20
# A bold line longer than this is emphasis in a paragraph, not a heading.
_MAX_BOLD_HEADING_WORDS = 12
_HEADING_STYLE = re.compile(r"heading\s*(\d)", re.IGNORECASE)
_WORD = re.compile(r"\w+")


# What python-docx, lxml and zipfile raise when a package's parts are damaged.
_DAMAGED = (OpcError, LxmlError, zipfile.BadZipFile, zlib.error, struct.error, EOFError, OSError,
            KeyError, IndexError, ValueError, TypeError, AttributeError, NotImplementedError)


class DocumentUnreadable(DomainError):
    """The file is not a Word document this reader can open; the message says why."""


def count_words(text: str) -> int:
    """Words in `text`: runs of letters and digits, so punctuation and layout never count."""
    return len(_WORD.findall(text or ""))


@dataclass(frozen=True)
class Heading:
    text: str
    level: int  # 0 for the title, 1 to 9 for headings; 9 also for a bold line


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Table:
    rows: tuple[tuple[str, ...], ...]  # each row's cells, merged cells once

    @property
    def text(self) -> str:
        return "\n".join(" | ".join(cell for cell in row if cell.strip()) for row in self.rows
                         if any(cell.strip() for cell in row))


Block = Heading | Paragraph | Table


@dataclass(frozen=True)
class OriginalFile:
    """The file as uploaded, to keep as evidence beside what was read from it."""

    checked: CheckedFile  # its safe name, type, size and digest
    content: bytes


@dataclass(frozen=True)
class RawDocument:
    blocks: tuple[Block, ...]
    title: str  # the title in the file's properties, often blank
    original: OriginalFile


def read_blocks(data: bytes, *, filename: str = "document.docx",
                max_bytes: int = DEFAULT_MAX_BYTES) -> RawDocument:
    """The blocks of a .docx file's body; raise DocumentUnreadable for anything else."""
    if not filename.lower().endswith(".docx"):
        raise DocumentUnreadable("The selected file must be a Word document (.docx).")
    try:
        checked = check_upload(filename, data, max_bytes=max_bytes)
    except UploadRejected as rejected:
        raise DocumentUnreadable(f"{rejected.message}.") from None
    _refuse_bombs(data)
    try:
        document = docx.Document(io.BytesIO(data))
        blocks = tuple(_blocks(document))
        title = (document.core_properties.title or "").strip()
    except _DAMAGED as error:
        raise DocumentUnreadable(
            "The selected file could not be read as a Word document: it may be damaged. "
            "Open it in Word, save it again as a .docx file and try again.") from error
    return RawDocument(blocks=blocks, title=title, original=OriginalFile(checked, bytes(data)))


def _refuse_bombs(data: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        entries = archive.infolist()
    if len(entries) > MAX_ZIP_ENTRIES or sum(e.file_size for e in entries) > MAX_UNZIPPED_BYTES:
        raise DocumentUnreadable(
            "The selected file is too large to read once opened: save the assessment without "
            "embedded pictures or attachments and try again.")


def _blocks(container):
    for item in container.iter_inner_content():
        if isinstance(item, DocxParagraph):
            yield _paragraph_block(item)
        elif isinstance(item, DocxTable):
            yield Table(rows=tuple(_rows(item)))


def _paragraph_block(paragraph: DocxParagraph) -> Block:
    text = paragraph.text.strip()
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    if text and style.lower() == "title":
        return Heading(text, 0)
    level = _HEADING_STYLE.match(style)
    if text and level:
        return Heading(text, int(level.group(1)))
    if _is_bold_line(paragraph, text):
        return Heading(text, 9)
    return Paragraph(paragraph.text)


def _is_bold_line(paragraph: DocxParagraph, text: str) -> bool:
    runs = [run for run in paragraph.runs if run.text.strip()]
    return (bool(runs) and all(run.bold for run in runs)
            and count_words(text) <= _MAX_BOLD_HEADING_WORDS and not text.endswith("."))


def _rows(table: DocxTable):
    for row in table.rows:
        cells, seen = [], []
        for cell in row.cells:
            # python-docx gives a merged cell once for each grid column it spans.
            if any(element is cell._tc for element in seen):
                continue
            seen.append(cell._tc)
            cells.append(_cell_text(cell))
        yield tuple(cells)


def _cell_text(cell) -> str:
    parts = [block.text for block in _blocks(cell)]
    return "\n".join(part for part in parts if part.strip())
