"""Evidence uploads: check a file is the kind it claims to be, and name it safely.

Pure functions, no Flask and no database. The extension says what kind of file the author
claims to have attached; the bytes must agree, or the upload is refused with a message fit to
show next to the file field. The browser's own Content-Type is never trusted: the type we
store and serve is the canonical one for the kind we detected.

The size cap is the MAX_UPLOAD_BYTES setting, passed in by the caller. Here it is a second
line: the request itself is capped (MAX_CONTENT_LENGTH) before the body is read.
"""

from __future__ import annotations

import hashlib
import io
import re
import struct
import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote

MAX_FILENAME_CHARS = 255
# A real Word or Excel file has tens or hundreds of parts; far more is a sign of mischief.
MAX_ZIP_ENTRIES = 10_000
FALLBACK_STEM = "evidence"

# What forms say they take, and the refusal of anything else; a unit test holds it to the
# kinds below.
KINDS_IN_WORDS = "PDF, Word, Excel, PowerPoint, CSV, PNG or JPEG"

MESSAGE_NO_FILE = "Select a file"
MESSAGE_WRONG_TYPE = f"The selected file must be a {KINDS_IN_WORDS}"
MESSAGE_EMPTY = "The selected file is empty"
MESSAGE_NOT_REAL = "The selected file is not a real {label}"


@dataclass(frozen=True)
class CheckedFile:
    filename: str  # safe display name, never empty
    content_type: str  # canonical MIME type of the detected kind
    extension: str  # lower case, with the dot: ".pdf"
    size: int
    sha256: str  # hex digest of the content


class UploadRejected(ValueError):
    """The upload is refused; str() is the message to show the user.

    `reason` is a stable code for logs and tests: "no_file", "type", "empty", "too_big" or
    "content".
    """

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.message = message
        self.reason = reason


# --- What each kind looks like ------------------------------------------------------------

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_OLE2_HEADER_BYTES = 512
_UTF8_BOM = b"\xef\xbb\xbf"
# Windows (MZ), Linux (ELF), scripts (#!), and Mach-O / fat binaries.
_EXECUTABLE_SIGNATURES = (
    b"MZ",
    b"\x7fELF",
    b"#!",
    b"\xfe\xed\xfa\xce",
    b"\xfe\xed\xfa\xcf",
    b"\xce\xfa\xed\xfe",
    b"\xcf\xfa\xed\xfe",
    b"\xca\xfe\xba\xbe",
)
# Control characters that do not belong in a text file (tab, LF, FF and CR do).
_NOT_TEXT = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
# Markup a browser or viewer might render: <html, <script, <svg, <!DOCTYPE, <?xml, </x ...
_MARKUP_START = re.compile(r"\s*<[A-Za-z!?/]")
# What zipfile may raise on a damaged or hostile archive.
_BROKEN_ZIP = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    EOFError,
    OSError,
    ValueError,
    struct.error,
    NotImplementedError,
    IndexError,
    KeyError,
)


def _is_pdf(content: bytes) -> bool:
    return re.match(rb"%PDF-\d\.\d", content) is not None


def _is_png(content: bytes) -> bool:
    # The signature, then the IHDR chunk, which is always first and always 13 bytes long.
    return content.startswith(_PNG_SIGNATURE) and content[8:16] == b"\x00\x00\x00\x0dIHDR"


def _is_jpeg(content: bytes) -> bool:
    return content.startswith(b"\xff\xd8\xff")


def _is_ole2(content: bytes) -> bool:
    """A legacy Office (compound file) document, judged by its header only."""
    return (
        len(content) >= _OLE2_HEADER_BYTES
        and content.startswith(_OLE2_SIGNATURE)
        and content[28:30] == b"\xfe\xff"  # byte order mark, always little-endian
    )


def _is_ooxml(content: bytes, main_part: str) -> bool:
    """An Office Open XML package holding `main_part`. Reads the directory, extracts nothing."""
    # Must start as a ZIP, not merely end as one (self-extracting archives and polyglots).
    if not content.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            entries = archive.infolist()
    except _BROKEN_ZIP:
        return False
    if len(entries) > MAX_ZIP_ENTRIES:
        return False
    # Directory entries end in "/" (ZipInfo.is_dir() fails on an empty name).
    names = {entry.filename for entry in entries if not entry.filename.endswith("/")}
    if "[Content_Types].xml" not in names or main_part not in names:
        return False
    # Macros make it a .docm or .xlsm, which Word and Excel refuse to open under this name.
    return not any(name.lower().endswith("vbaproject.bin") for name in names)


def _is_docx(content: bytes) -> bool:
    return _is_ooxml(content, "word/document.xml")


def _is_xlsx(content: bytes) -> bool:
    return _is_ooxml(content, "xl/workbook.xml")


def _is_pptx(content: bytes) -> bool:
    return _is_ooxml(content, "ppt/presentation.xml")


def _decode_text(content: bytes) -> str | None:
    if b"\x00" in content:
        return None
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def _is_csv(content: bytes) -> bool:
    text = _decode_text(content)
    if text is None or _NOT_TEXT.search(text):
        return False
    return _MARKUP_START.match(text) is None


def _is_executable(content: bytes) -> bool:
    body = content.removeprefix(_UTF8_BOM)
    return body.startswith(_EXECUTABLE_SIGNATURES)


@dataclass(frozen=True)
class _Kind:
    label: str  # completes "The selected file is not a real …"
    content_type: str
    matches: Callable[[bytes], bool]


_PDF = _Kind("PDF", "application/pdf", _is_pdf)
_DOCX = _Kind(
    "Word document",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    _is_docx,
)
_DOC = _Kind("Word document", "application/msword", _is_ole2)
_XLSX = _Kind(
    "Excel spreadsheet",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    _is_xlsx,
)
_XLS = _Kind("Excel spreadsheet", "application/vnd.ms-excel", _is_ole2)
_PPTX = _Kind(
    "PowerPoint presentation",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    _is_pptx,
)
_CSV = _Kind("CSV", "text/csv", _is_csv)
_PNG = _Kind("PNG", "image/png", _is_png)
_JPEG = _Kind("JPEG", "image/jpeg", _is_jpeg)

_KINDS: dict[str, _Kind] = {
    ".pdf": _PDF,
    ".docx": _DOCX,
    ".doc": _DOC,
    ".xlsx": _XLSX,
    ".xls": _XLS,
    ".pptx": _PPTX,
    ".csv": _CSV,
    ".png": _PNG,
    ".jpg": _JPEG,
    ".jpeg": _JPEG,
}
# For the file input's `accept` attribute: ",".join(ALLOWED_EXTENSIONS).
ALLOWED_EXTENSIONS: tuple[str, ...] = tuple(_KINDS)


# --- Names -------------------------------------------------------------------------------

# Format, surrogate, private-use and line/paragraph-separator characters go, along with the
# control characters: they hide text (U+202E turns "fdp.exe" round) or break headers.
_REMOVED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Zl", "Zp"})
# Characters that look like path separators.
_SEPARATOR_LOOKALIKES = frozenset("\u2044\u2215\u2216\u29f8\u29f9\ufe68\uff0f\uff3c")
_EDGE_JUNK = re.compile(r"^[\s.]+|[\s.]+$")
_MAX_EXTENSION_CHARS = 16


def _base_name(raw: str | None) -> str:
    """The last path component, NFC-normalised, stripped of hidden characters and edge junk."""
    base = re.split(r"[/\\]", raw or "")[-1]
    base = unicodedata.normalize("NFC", base)
    base = "".join(
        ch for ch in base
        if unicodedata.category(ch) not in _REMOVED_CATEGORIES and ch not in _SEPARATOR_LOOKALIKES
    )
    # Windows drops trailing dots and spaces, so "x.pdf. " is "x.pdf".
    return re.sub(r"[\s.]+$", "", base.strip())


def _split(base: str) -> tuple[str, str]:
    stem, dot, extension = base.rpartition(".")
    if not dot or len(extension) + 1 > _MAX_EXTENSION_CHARS:
        return base, ""
    return stem, dot + extension


def _join(stem: str, extension: str) -> str:
    stem = _EDGE_JUNK.sub("", stem)
    room = MAX_FILENAME_CHARS - len(extension)
    if len(stem) > room:
        cut = room
        # Don't strand a combining accent from its letter.
        while cut > 0 and unicodedata.combining(stem[cut]):
            cut -= 1
        stem = _EDGE_JUNK.sub("", stem[:cut])
    return (stem or FALLBACK_STEM) + extension


def safe_filename(filename: str | None) -> str:
    """A name fit to display: basename only, no control characters or path separators, at
    most MAX_FILENAME_CHARS characters, never empty (FALLBACK_STEM plus the extension)."""
    return _join(*_split(_base_name(filename)))


def content_disposition(filename: str | None) -> str:
    """A Content-Disposition value that downloads `filename` as an attachment.

    Carries an ASCII-only `filename` for old clients and the full name as RFC 5987/6266
    `filename*`. Neither can carry a quote, CR, LF, semicolon or backslash through.
    """
    name = safe_filename(filename)
    stem, extension = _split(name)
    fallback = _join(_ascii(stem), _ascii(extension))
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


def _ascii(text: str) -> str:
    # "ŵ" becomes "w"; what has no ASCII form is dropped; risky punctuation becomes "_".
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^A-Za-z0-9 ._()\-]", "_", text)


# --- The check ---------------------------------------------------------------------------


def too_big_message(max_bytes: int) -> str:
    return f"The selected file must be smaller than {megabytes(max_bytes)}"


def megabytes(size: int) -> str:
    """A size limit in words: '10 MB'."""
    return f"{size / 2**20:g} MB"


def check_upload(filename: str, content: bytes, *, max_bytes: int) -> CheckedFile:
    """Check an uploaded file against the kind its extension claims, and against `max_bytes`
    (the MAX_UPLOAD_BYTES setting); raise UploadRejected."""
    content = bytes(content or b"")
    base = _base_name(filename)
    if not base and not content:
        raise UploadRejected(MESSAGE_NO_FILE, "no_file")
    stem, extension = _split(base)
    kind = _KINDS.get(extension.lower())
    if kind is None:
        raise UploadRejected(MESSAGE_WRONG_TYPE, "type")
    size = len(content)
    if size == 0:
        raise UploadRejected(MESSAGE_EMPTY, "empty")
    if size > max_bytes:
        raise UploadRejected(too_big_message(max_bytes), "too_big")
    if kind is _CSV and not content.removeprefix(_UTF8_BOM).strip():
        raise UploadRejected(MESSAGE_EMPTY, "empty")
    if _is_executable(content) or not kind.matches(content):
        raise UploadRejected(MESSAGE_NOT_REAL.format(label=kind.label), "content")
    return CheckedFile(
        filename=_join(stem, extension),
        content_type=kind.content_type,
        extension=extension.lower(),
        size=size,
        sha256=hashlib.sha256(content).hexdigest(),
    )
