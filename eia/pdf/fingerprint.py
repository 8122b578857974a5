"""The fingerprint a signed-off PDF carries, and reading it back out of an uploaded PDF.

A signed-off PDF prints its fingerprint in the sign-off block and also names it, with the
reference, in the document's keywords. `printed_fingerprint` reads the keywords first and falls
back to the printed text, so PDFs made before the keywords carried the fingerprint, or saved
again by a program that dropped them, can still be checked.

The uploaded file comes from anyone on the internet: it is size-capped, parsed only in memory,
only its last pages are read, and any failure of the parser becomes `UnreadablePdf`.
"""

from __future__ import annotations

import io
import logging
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from eia.uploads import MESSAGE_EMPTY, too_big_message

if TYPE_CHECKING:
    from pypdf import PdfReader

VERIFY_PATH = "/verify"  # printed on every signed-off PDF, so it must not move
# The sign-off block sits just before the appendix, so the last pages are the ones to read.
MAX_PAGES_READ = 30

FINGERPRINT_KEYWORD = "Fingerprint"
_REFERENCE = re.compile(r"\b([A-Z]{2,10}-\d{4}-\d{4,})\b")
_FINGERPRINT_KEYWORD = re.compile(rf"^{FINGERPRINT_KEYWORD} ([0-9a-f]{{64}})$")
_PRINTED_FINGERPRINT = re.compile(
    r"Fingerprint of this version\s*((?:[0-9a-f]\s*){64})(?![0-9a-f])")

MESSAGE_NOT_PDF = "The selected file must be a PDF"
MESSAGE_UNREADABLE = "The selected PDF could not be read. It may be damaged"
MESSAGE_ENCRYPTED = "The selected PDF is password-protected. Upload the PDF as it was sent to you"
MESSAGE_NO_FINGERPRINT = ("The selected PDF has no fingerprint. Only a signed-off assessment has "
                          "one, in its sign-off section")

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PrintedFingerprint:
    reference: str
    fingerprint: str  # 64 lower-case hex characters


class UnreadablePdf(ValueError):
    """The upload cannot be checked; str() is the message to show next to the file field."""


def fingerprint_keyword(fingerprint: str) -> str:
    """The keyword a signed-off PDF carries in its metadata."""
    return f"{FINGERPRINT_KEYWORD} {fingerprint}"


def printed_fingerprint(content: bytes, *, max_bytes: int) -> PrintedFingerprint:
    """The reference and fingerprint in the PDF `content`; raise UnreadablePdf if there are none.

    `max_bytes` is the MAX_UPLOAD_BYTES setting: the same cap and messages as an evidence
    upload, one limit for every file we accept.
    """
    if not content:
        raise UnreadablePdf(MESSAGE_EMPTY)
    if len(content) > max_bytes:
        raise UnreadablePdf(too_big_message(max_bytes))
    if not content.startswith(b"%PDF-"):
        raise UnreadablePdf(MESSAGE_NOT_PDF)
    # pypdf (and fontTools, which it imports) is loaded only when a PDF is checked: imported at
    # the top, the two added about a fifth of a second to the start of every process.
    from pypdf import PdfReader

    # A hostile or damaged file can make the parser raise almost anything (KeyError,
    # RecursionError, zlib.error...): every failure means the same thing to the user.
    try:
        reader = PdfReader(io.BytesIO(content))
        # A PDF restricted only against changes opens with an empty password, as in any viewer.
        if reader.is_encrypted and not reader.decrypt(""):
            raise UnreadablePdf(MESSAGE_ENCRYPTED)
        found = _from_keywords(reader) or _from_text(reader)
    except UnreadablePdf:
        raise
    except Exception as error:
        log.info("Uploaded PDF could not be read: %s", type(error).__name__)
        raise UnreadablePdf(MESSAGE_UNREADABLE) from error
    if found is None:
        raise UnreadablePdf(MESSAGE_NO_FINGERPRINT)
    return found


def _from_keywords(reader: PdfReader) -> PrintedFingerprint | None:
    metadata = reader.metadata
    keywords = str(metadata.get("/Keywords") or "") if metadata else ""
    entries = [entry.strip() for entry in keywords.split(",")]
    fingerprints = [m.group(1) for m in map(_FINGERPRINT_KEYWORD.match, entries) if m]
    references = [m.group(1) for m in map(_REFERENCE.fullmatch, entries) if m]
    if len(fingerprints) != 1 or len(references) != 1:
        return None
    return PrintedFingerprint(references[0], fingerprints[0])


def _from_text(reader: PdfReader) -> PrintedFingerprint | None:
    pages = reader.pages
    last = range(len(pages) - 1, max(len(pages) - 1 - MAX_PAGES_READ, -1), -1)
    for number in last:
        text = pages[number].extract_text() or ""
        printed = _PRINTED_FINGERPRINT.search(text)
        reference = _REFERENCE.search(text)  # every page's header starts with it
        if printed and reference:
            return PrintedFingerprint(reference.group(1), "".join(printed.group(1).split()))
    return None
