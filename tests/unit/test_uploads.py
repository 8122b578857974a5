"""Evidence uploads: the bytes must match the claimed type; names are safe to show and serve.

Sample files are built here, not committed: real minimal DOCX/XLSX packages, a minimal PDF,
a real 1x1 PNG, a JPEG header, and an OLE2 compound-file header.
"""

from __future__ import annotations

import functools
import hashlib
import io
import random
import re
import struct
import zipfile
import zlib
from email.message import Message
from urllib.parse import unquote

import pytest

from eia import uploads
from eia.uploads import (
    ALLOWED_EXTENSIONS,
    KINDS_IN_WORDS,
    CheckedFile,
    UploadRejected,
    content_disposition,
    safe_filename,
)

# The default MAX_UPLOAD_MB setting; the limit is passed to every check.
MAX_UPLOAD_BYTES = 10 * 2**20
check_upload = functools.partial(uploads.check_upload, max_bytes=MAX_UPLOAD_BYTES)

WRONG_TYPE = "The selected file must be a PDF, Word, Excel, PowerPoint, CSV, PNG or JPEG"
TOO_BIG = "The selected file must be smaller than 10 MB"
EMPTY = "The selected file is empty"
NOT_PDF = "The selected file is not a real PDF"
NOT_WORD = "The selected file is not a real Word document"
NOT_POWERPOINT = "The selected file is not a real PowerPoint presentation"
NOT_EXCEL = "The selected file is not a real Excel spreadsheet"
NOT_CSV = "The selected file is not a real CSV"
NOT_PNG = "The selected file is not a real PNG"
NOT_JPEG = "The selected file is not a real JPEG"

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# --- Sample files ------------------------------------------------------------------------

PDF = (
    b"%PDF-1.4\n"
    b"1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
    b"trailer << /Root 1 0 R >>\n"
    b"%%EOF\n"
)


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


PNG = (
    b"\x89PNG\r\n\x1a\n"
    + _png_chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
    + _png_chunk(b"IDAT", zlib.compress(b"\x00\x00"))
    + _png_chunk(b"IEND", b"")
)

JPEG = (
    b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    + b"\x00" * 32
    + b"\xff\xd9"
)


def _ole2() -> bytes:
    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # signature
        + b"\x00" * 16  # CLSID
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)  # versions, byte order, sector sizes
    )
    return header.ljust(512, b"\x00") + b"\xff" * 512


OLE2 = _ole2()

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/></Types>'
)


def _zip(parts: dict[str, str | bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _docx(**extra: str | bytes) -> bytes:
    return _zip({
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": "<Relationships/>",
        "word/document.xml": "<w:document><w:body><w:p/></w:body></w:document>",
        **extra,
    })


def _xlsx(**extra: str | bytes) -> bytes:
    return _zip({
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": "<Relationships/>",
        "xl/workbook.xml": "<workbook><sheets/></workbook>",
        "xl/worksheets/sheet1.xml": "<worksheet/>",
        **extra,
    })


def _pptx(**extra: str | bytes) -> bytes:
    return _zip({
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": "<Relationships/>",
        "ppt/presentation.xml": "<p:presentation/>",
        "ppt/slides/slide1.xml": "<p:sld/>",
        **extra,
    })


DOCX = _docx()
XLSX = _xlsx()
PPTX = _pptx()
CSV = b"Group,Count\nDisabled people,12\nWelsh speakers (siaradwyr Cymraeg),7\n"


def _rejected(filename: str, content: bytes) -> UploadRejected:
    with pytest.raises(UploadRejected) as caught:
        check_upload(filename, content)
    return caught.value


# --- Accepted kinds ----------------------------------------------------------------------


@pytest.mark.parametrize(("filename", "content", "content_type", "extension"), [
    ("impact.pdf", PDF, "application/pdf", ".pdf"),
    ("PDF-2.PDF", b"%PDF-2.0\n%%EOF\n", "application/pdf", ".pdf"),
    ("minutes.docx", DOCX, DOCX_TYPE, ".docx"),
    ("minutes.doc", OLE2, "application/msword", ".doc"),
    ("figures.xlsx", XLSX, XLSX_TYPE, ".xlsx"),
    ("figures.xls", OLE2, "application/vnd.ms-excel", ".xls"),
    ("slides.pptx", PPTX,
     "application/vnd.openxmlformats-officedocument.presentationml.presentation", ".pptx"),
    ("figures.csv", CSV, "text/csv", ".csv"),
    ("photo.png", PNG, "image/png", ".png"),
    ("photo.jpg", JPEG, "image/jpeg", ".jpg"),
    ("photo.JPEG", JPEG, "image/jpeg", ".jpeg"),
])
def test_each_allowed_kind_is_accepted(filename, content, content_type, extension):
    checked = check_upload(filename, content)
    assert checked == CheckedFile(
        filename=filename,
        content_type=content_type,
        extension=extension,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
    )


def test_the_browsers_claimed_type_plays_no_part():
    """SECURITY.md (Uploads): Content checked against the claimed type (files that lie)."""
    # There is nowhere to pass it: the type comes from the bytes and the extension alone.
    assert check_upload("x.csv", CSV).content_type == "text/csv"


@pytest.mark.parametrize("content", [
    b"\xef\xbb\xbfName,Place\nGwen,Abertawe\n",  # UTF-8 with a BOM, as Excel saves it
    "Enw,Lle\nDafydd,Llanfair-ym-Muallt\nŵyr,ŷd\n".encode(),  # UTF-8, Welsh letters
    "Item,Cost\nRamp,£1,200\n".encode("cp1252"),  # Windows-1252: £ is 0xA3
    b"a\tb\r\nc\td\r\n",  # tabs and CRLF
    b"Age band,Count\n<18,4\n18-64,20\n",  # a cell starting with "<" and a digit is not markup
])
def test_csv_text_in_the_usual_encodings_is_accepted(content):
    assert check_upload("data.csv", content).content_type == "text/csv"


def test_a_file_of_exactly_the_limit_is_accepted():
    content = PDF.ljust(MAX_UPLOAD_BYTES, b" ")
    assert check_upload("big.pdf", content).size == MAX_UPLOAD_BYTES


def test_a_docx_with_pictures_and_other_parts_is_accepted():
    content = _docx(**{"word/media/image1.png": PNG, "docProps/core.xml": "<core/>"})
    assert check_upload("report.docx", content).content_type == DOCX_TYPE


# --- Rejected: type, size ----------------------------------------------------------------


@pytest.mark.parametrize("filename", [
    "setup.exe", "page.html", "page.htm", "logo.svg", "notes.txt", "archive.zip",
    "report.pdf.exe", "report.docm", "report.xlsm", "README", "noextension.", "pdf",
    "report.pdf/", "x.",
])
def test_other_extensions_are_refused(filename):
    error = _rejected(filename, PDF)
    assert str(error) == WRONG_TYPE
    assert error.reason == "type"


def test_no_file_chosen_asks_for_one():
    error = _rejected("", b"")
    assert str(error) == "Select a file"
    assert error.reason == "no_file"


def test_an_empty_file_is_refused():
    error = _rejected("impact.pdf", b"")
    assert str(error) == EMPTY
    assert error.reason == "empty"


@pytest.mark.parametrize("content", [b"\xef\xbb\xbf", b"  \r\n\n\t", b"\xef\xbb\xbf\r\n"])
def test_a_csv_with_nothing_in_it_is_empty(content):
    assert str(_rejected("data.csv", content)) == EMPTY


def test_a_file_over_the_limit_is_refused():
    """SECURITY.md (Uploads): Size cap enforced before the body is read."""
    error = _rejected("big.pdf", PDF.ljust(MAX_UPLOAD_BYTES + 1, b" "))
    assert str(error) == TOO_BIG
    assert error.reason == "too_big"


def test_rejections_are_value_errors():
    assert issubclass(UploadRejected, ValueError)


# --- Rejected: content that does not match ------------------------------------------------


@pytest.mark.parametrize(("filename", "content", "message"), [
    # the wrong kind under an allowed name
    ("impact.pdf", PNG, NOT_PDF),
    ("impact.pdf", b"%PDF", NOT_PDF),
    ("impact.pdf", b" %PDF-1.4\n", NOT_PDF),
    ("photo.png", JPEG, NOT_PNG),
    ("photo.png", b"\x89PNG\r\n\x1a\n", NOT_PNG),
    ("photo.jpg", PNG, NOT_JPEG),
    ("photo.jpeg", b"\xff\xd8", NOT_JPEG),
    ("minutes.docx", XLSX, NOT_WORD),
    ("figures.xlsx", DOCX, NOT_EXCEL),
    ("minutes.docx", OLE2, NOT_WORD),
    ("minutes.doc", DOCX, NOT_WORD),
    ("figures.xls", b"<table><tr><td>1</td></tr></table>", NOT_EXCEL),
    ("figures.xls", OLE2[:100], NOT_EXCEL),  # a header cut short
    ("figures.csv", XLSX, NOT_CSV),
    # ZIPs that are not Office documents
    ("minutes.docx", _zip({"word/document.xml": "<w:document/>"}), NOT_WORD),
    ("minutes.docx", _zip({"[Content_Types].xml": CONTENT_TYPES}), NOT_WORD),
    ("minutes.docx", _zip({"[Content_Types].xml": CONTENT_TYPES, "word/document.xml/": ""}),
     NOT_WORD),
    ("minutes.docx", b"PK\x03\x04" + b"\x00" * 100, NOT_WORD),
    ("minutes.docx", DOCX[: len(DOCX) // 2], NOT_WORD),
    ("minutes.docx", b"MZ" + b"\x00" * 60 + DOCX, NOT_WORD),  # self-extracting: junk then ZIP
    ("figures.xlsx", b"not a zip at all", NOT_EXCEL),
    # macro-enabled documents renamed
    ("minutes.docx", _docx(**{"word/vbaProject.bin": b"\xd0\xcf\x11\xe0"}), NOT_WORD),
    ("figures.xlsx", _xlsx(**{"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0"}), NOT_EXCEL),
    ("slides.pptx", _pptx(**{"ppt/vbaProject.bin": b"\xd0\xcf\x11\xe0"}), NOT_POWERPOINT),
    ("slides.pptx", DOCX, NOT_POWERPOINT),
    # not text
    ("data.csv", b"a,b\n1,\x002\n", NOT_CSV),
    ("data.csv", "a,b\n".encode("utf-16"), NOT_CSV),
    ("data.csv", b"a,b\n\x81\x8d,\x8f\x90\n", NOT_CSV),  # neither UTF-8 nor Windows-1252
    ("data.csv", b"a,b\n\x1b[31m,2\n", NOT_CSV),
    ("data.csv", b"a,b\n1,2\x7f\n", NOT_CSV),
])
def test_content_must_match_the_extension(filename, content, message):
    """SECURITY.md (Uploads): Content checked against the claimed type (files that lie).
    SECURITY.md (Uploads): Office files with macros refused."""
    error = _rejected(filename, content)
    assert str(error) == message
    assert error.reason == "content"


@pytest.mark.parametrize("content", [
    b"<html><body>hi</body></html>",
    b"<HTML>",
    b"<script>alert(1)</script>",
    b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
    b"<!DOCTYPE html><title>x</title>",
    b"<!-- a comment -->",
    b'<?xml version="1.0"?><svg/>',
    b"</p><script>x</script>",
    b"  \r\n\t<html>",
    b"\xef\xbb\xbf<svg/>",
    b"\xef\xbb\xbf \n<script src=x></script>",
])
def test_markup_dressed_as_csv_is_refused(content):
    assert str(_rejected("data.csv", content)) == NOT_CSV


@pytest.mark.parametrize("filename", [
    "x.pdf", "x.docx", "x.doc", "x.xlsx", "x.xls", "x.csv", "x.png", "x.jpg",
])
@pytest.mark.parametrize("content", [
    b"<html><script>alert(1)</script></html>",
    b"<svg onload=alert(1)>",
])
def test_markup_is_refused_under_every_allowed_name(filename, content):
    """SECURITY.md (Uploads): Content checked against the claimed type (files that lie)."""
    assert _rejected(filename, content).reason == "content"


@pytest.mark.parametrize("content", [
    b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 48 + b"PE\x00\x00",
    b"MZ,plain text that is still an MZ header",
    b"\x7fELF\x02\x01\x01" + b"\x00" * 9,
    b"#!/bin/sh\nrm -rf ~\n",
    b"\xef\xbb\xbf#!/usr/bin/env python\n",
    b"\xcf\xfa\xed\xfe\x07\x00\x00\x01",
])
@pytest.mark.parametrize("filename", ["x.csv", "x.pdf", "x.docx", "x.xls", "x.jpg", "x.png"])
def test_executables_are_refused_under_every_allowed_name(filename, content):
    """SECURITY.md (Uploads): Content checked against the claimed type (files that lie)."""
    assert _rejected(filename, content).reason == "content"


def test_a_zip_with_too_many_entries_is_not_opened(monkeypatch):
    """SECURITY.md (Uploads): Zip bombs inside Office files."""
    monkeypatch.setattr(uploads, "MAX_ZIP_ENTRIES", 3)
    assert check_upload("ok.docx", _docx()).extension == ".docx"  # three entries: fine
    crowded = _docx(**{"word/media/image1.png": PNG})
    assert str(_rejected("crowded.docx", crowded)) == NOT_WORD


def test_a_zip_entry_with_an_empty_name_is_refused_not_crashed_on():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo(""), b"x")  # ZipInfo.is_dir() raises on this
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
    assert str(_rejected("x.docx", buffer.getvalue())) == NOT_WORD


def test_damaged_office_files_are_refused_not_crashed_on():
    rng = random.Random(20240601)
    refused = 0
    for original, filename in ((DOCX, "x.docx"), (XLSX, "x.xlsx")):
        for _ in range(300):
            damaged = bytearray(original)
            for _ in range(rng.randint(1, 8)):
                damaged[rng.randrange(len(damaged))] = rng.randrange(256)
            damaged = damaged[: rng.randint(4, len(damaged))]
            try:
                check_upload(filename, bytes(damaged))
            except UploadRejected as error:
                assert error.reason == "content"
                refused += 1
    assert refused > 0, "no damaged file was refused, so the refusal was never tested"


# --- Names -------------------------------------------------------------------------------


@pytest.mark.parametrize(("raw", "expected"), [
    ("../../etc/passwd.pdf", "passwd.pdf"),
    ("C:\\evil\\x.pdf", "x.pdf"),
    ("/var/www/../x.pdf", "x.pdf"),
    ("\\\\server\\share\\x.pdf", "x.pdf"),
    ("report\r\nSet-Cookie: a=b.pdf", "reportSet-Cookie: a=b.pdf"),
    ("line\none\ttwo.pdf", "lineonetwo.pdf"),
    ("nul\x00byte.pdf", "nulbyte.pdf"),
    ("invoice\u202efdp.exe.pdf", "invoicefdp.exe.pdf"),  # right-to-left override removed
    ("a\u2028b.pdf", "ab.pdf"),
    ("a\uff0fb\u2215c.pdf", "abc.pdf"),  # slashes that only look like slashes
    ("Asesiad effaith: ŵyr ac ŷd.pdf", "Asesiad effaith: ŵyr ac ŷd.pdf"),
    ("Ŵyl Ŷd.PDF", "Ŵyl Ŷd.PDF"),
    ("w\u0302yr.pdf", "\u0175yr.pdf"),  # a decomposed ŵ is composed
    ("  spaced out.pdf  ", "spaced out.pdf"),
    ("trailing.pdf. . ", "trailing.pdf"),
    (".hidden.pdf", "hidden.pdf"),
    ("../.pdf", "evidence.pdf"),
    ("\n\t.PDF", "evidence.PDF"),
    ("...pdf", "evidence.pdf"),
])
def test_names_are_made_safe_to_display(raw, expected):
    """SECURITY.md (Uploads): Path-like, enormous and Unicode-trick names (right-to-left
    override)."""
    assert safe_filename(raw) == expected
    assert check_upload(raw, PDF).filename == expected


def test_a_long_name_is_cut_to_255_characters_keeping_the_extension():
    """SECURITY.md (Uploads): Path-like, enormous and Unicode-trick names (right-to-left
    override)."""
    raw = "a" * 400 + ".pdf"
    name = check_upload(raw, PDF).filename
    assert len(name) == 255
    assert name == "a" * 251 + ".pdf"


def test_a_long_welsh_name_is_cut_without_stranding_an_accent():
    raw = "ŵ" * 300 + ".docx"
    name = check_upload(raw, DOCX).filename
    assert name == "ŵ" * 250 + ".docx"
    raw = "a" * 250 + "w\u0302" * 10 + ".pdf"  # composes to ŵ anyway
    assert len(check_upload(raw, PDF).filename) == 255


@pytest.mark.parametrize("raw", [None, "", "/", "..", "\r\n", "\u202e"])
def test_a_name_with_nothing_left_falls_back(raw):
    assert safe_filename(raw) == "evidence"


def test_the_extension_is_case_insensitive_but_the_display_name_is_as_given():
    checked = check_upload("SCAN.JPG", JPEG)
    assert (checked.filename, checked.extension) == ("SCAN.JPG", ".jpg")


# --- Content-Disposition -----------------------------------------------------------------


_TOKEN = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")


def _parse(header: str) -> tuple[str, str, str]:
    """Parse strictly by RFC 6266: (disposition, filename, decoded filename*)."""
    disposition, *params = header.split(";")
    assert _TOKEN.fullmatch(disposition)
    values = {}
    for param in params:
        name, _, value = param.strip().partition("=")
        assert name not in values, f"{name} given twice"
        values[name] = value
    assert set(values) == {"filename", "filename*"}
    assert re.fullmatch(r'"[^"\\\x00-\x1f\x7f]*"', values["filename"])
    charset, language, encoded = values["filename*"].split("'")
    assert (charset, language) == ("UTF-8", "")
    assert _TOKEN.fullmatch(encoded)  # attr-chars and percent escapes only
    return disposition, values["filename"][1:-1], unquote(encoded, errors="strict")


def _stdlib_filename(header: str) -> str | None:
    # The email package reads the first filename it meets: the ASCII fallback.
    message = Message()
    message["Content-Disposition"] = header
    return message.get_filename()


def test_a_plain_name():
    assert content_disposition("impact.pdf") == (
        "attachment; filename=\"impact.pdf\"; filename*=UTF-8''impact.pdf"
    )


def test_a_welsh_name_keeps_its_letters_and_has_an_ascii_fallback():
    header = content_disposition("Asesiad ŵyr.pdf")
    assert header == (
        "attachment; filename=\"Asesiad wyr.pdf\"; "
        "filename*=UTF-8''Asesiad%20%C5%B5yr.pdf"
    )
    assert _parse(header) == ("attachment", "Asesiad wyr.pdf", "Asesiad ŵyr.pdf")


def test_a_name_with_no_ascii_form_falls_back():
    header = content_disposition("日本語.pdf")
    assert _parse(header) == ("attachment", "evidence.pdf", "日本語.pdf")


@pytest.mark.parametrize("hostile", [
    'a"; filename="evil.html',
    'x.pdf"\r\nSet-Cookie: session=stolen',
    "x.pdf\nContent-Type: text/html",
    "a;b;c=d.pdf",
    'back\\"slash.pdf',
    "per%0d%0acent.pdf",
    "\u2028\u2029.pdf",
    "'; filename*=UTF-8''evil.html",
    "../../etc/passwd",
    "",
    "a" * 1000,
])
def test_hostile_names_cannot_break_out_of_the_header(hostile):
    """SECURITY.md (Uploads): Path-like, enormous and Unicode-trick names (right-to-left
    override)."""
    header = content_disposition(hostile)
    assert header.isascii()
    assert not any(ch in header for ch in "\r\n\x00\\")
    assert header.count('"') == 2
    assert header.count(";") == 2
    assert header.startswith('attachment; filename="')
    disposition, fallback, full = _parse(header)
    assert disposition == "attachment"
    assert full == safe_filename(hostile)
    assert fallback and fallback.isascii() and not set(fallback) & set("%;\"'")
    assert _stdlib_filename(header) == fallback


WORD_FOR = {".pdf": "PDF", ".docx": "Word", ".doc": "Word", ".xlsx": "Excel",
            ".xls": "Excel", ".pptx": "PowerPoint", ".csv": "CSV", ".png": "PNG",
            ".jpg": "JPEG", ".jpeg": "JPEG"}


def test_forms_name_every_kind_they_take():
    """The words a form uses for what it takes (`KINDS_IN_WORDS`) name each allowed kind."""
    assert set(WORD_FOR) == set(ALLOWED_EXTENSIONS)
    assert all(word in KINDS_IN_WORDS for word in WORD_FOR.values())
