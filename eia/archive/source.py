"""A Word document's body as plain blocks: headings, paragraphs and tables, in reading order.

This is the only module that touches python-docx. It refuses, with a `DocumentUnreadable` the
user can read, anything that is not a Word document small enough to open: the library's own
exceptions never leave it. What it reads is the body: paragraphs and tables, wherever content
controls put them, with the words Word shows (tracked insertions and text boxes included,
deleted text and field codes not). Headers, footers and comments are not part of an
assessment's content and are not read.

A paragraph is a heading when its style is a heading or the title, or when it is a short line
set wholly in bold (many templates make headings that way).
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

import docx
from docx.opc.exceptions import OpcError
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.text.paragraph import Paragraph as DocxParagraph
from docx.text.run import Run
from lxml.etree import LxmlError

from eia.domain import DomainError
from eia.uploads import MAX_ZIP_ENTRIES, CheckedFile, UploadRejected, check_upload

# The largest .docx accepted, and the most its parts may expand to once unzipped: a real
# assessment is a few hundred kilobytes, and a file that inflates a thousandfold is a bomb.
DEFAULT_MAX_BYTES = 10 * 2**20
MAX_UNZIPPED_BYTES = 100 * 2**20
# A bold line longer than this is emphasis in a paragraph, not a heading; and a paragraph in a
# heading style longer than the other is text set in the wrong style, whose words must count.
_MAX_BOLD_HEADING_WORDS = 12
_MAX_HEADING_WORDS = 30
_HEADING_STYLE = re.compile(r"heading\s*(\d)", re.IGNORECASE)
_WORD = re.compile(r"\w+")
_P, _R, _T, _TBL, _TR, _TC = (qn(f"w:{tag}") for tag in ("p", "r", "t", "tbl", "tr", "tc"))
_SDT, _SDT_CONTENT = qn("w:sdt"), qn("w:sdtContent")
# Content controls and custom XML wrap paragraphs, tables, rows and cells.
_WRAPPERS = frozenset({_SDT, qn("w:customXml")})
_SPECIAL_CHARACTERS = {qn("w:tab"): "\t", qn("w:br"): "\n", qn("w:cr"): "\n",
                       qn("w:noBreakHyphen"): "-"}
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


# What python-docx, lxml and zipfile raise when a package's parts are damaged.
_DAMAGED = (OpcError, LxmlError, zipfile.BadZipFile, zlib.error, struct.error, EOFError, OSError,
            KeyError, IndexError, ValueError, TypeError, AttributeError, NotImplementedError,
            RecursionError)


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
        body = document.element.body
        blocks = tuple(_blocks(body, lambda p: DocxParagraph(p, document._body)))
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


def _blocks(container: BaseOxmlElement, paragraph_of) -> Iterator[Block]:
    """The blocks of the body or of a table cell, looking inside content controls."""
    for element in container:
        if element.tag == _P:
            yield _paragraph_block(paragraph_of(element))
        elif element.tag == _TBL:
            rows = tuple(row for row in _rows(element, paragraph_of) if row)
            if rows:  # a table without a cell holds nothing to read
                yield Table(rows=rows)
        elif element.tag in _WRAPPERS:
            yield from _blocks(_content(element), paragraph_of)


def _content(wrapper: BaseOxmlElement) -> BaseOxmlElement:
    """A content control's content, or a custom XML element itself."""
    return next(iter(wrapper.iterchildren(_SDT_CONTENT)), wrapper) if wrapper.tag == _SDT \
        else wrapper


def _paragraph_block(paragraph: DocxParagraph) -> Block:
    written = _text(paragraph._p)
    text = written.strip()
    if count_words(text) > _MAX_HEADING_WORDS:
        return Paragraph(written)
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    if text and style.lower() == "title":
        return Heading(text, 0)
    level = _HEADING_STYLE.match(style)
    if text and level:
        return Heading(text, int(level.group(1)))
    if _is_bold_line(paragraph, text):
        return Heading(text, 9)
    return Paragraph(written)


def _text(element: BaseOxmlElement) -> str:
    """The words of a paragraph as Word shows them: its runs wherever they sit (links, content
    controls, tracked insertions, text boxes), deleted text and field codes apart."""
    parts: list[str] = []
    for child in element:
        if child.tag == _T:
            parts.append(child.text or "")
        elif child.tag in _SPECIAL_CHARACTERS:
            parts.append(_SPECIAL_CHARACTERS[child.tag])
        elif child.tag == _P:  # a paragraph of a text box
            parts.append(f"\n{_text(child)}\n")
        elif child.tag != _FALLBACK:  # a fallback repeats the text box for older readers
            parts.append(_text(child))
    return "".join(parts)


def _is_bold_line(paragraph: DocxParagraph, text: str) -> bool:
    runs = [Run(r, paragraph) for r in paragraph._p.iter(_R)]
    runs = [run for run in runs if _text(run._r).strip()]
    return (bool(runs) and all(run.bold for run in runs)
            and count_words(text) <= _MAX_BOLD_HEADING_WORDS and not text.endswith("."))


def _rows(table: BaseOxmlElement, paragraph_of) -> Iterator[tuple[str, ...]]:
    for row in _unwrapped(table, _TR):
        # A merged cell is one w:tc, so each is read once whatever it spans.
        yield tuple(_cell_text(cell, paragraph_of) for cell in _unwrapped(row, _TC))


def _unwrapped(element: BaseOxmlElement, tag: str) -> Iterator[BaseOxmlElement]:
    for child in element:
        if child.tag == tag:
            yield child
        elif child.tag in _WRAPPERS:
            yield from _unwrapped(_content(child), tag)


def _cell_text(cell: BaseOxmlElement, paragraph_of) -> str:
    parts = [block.text for block in _blocks(cell, paragraph_of)]
    return "\n".join(part for part in parts if part.strip())
