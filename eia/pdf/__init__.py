"""The PDF of an assessment version: a pure builder (a version and its records in, bytes out).

`build_pdf` does the work; `eia.services.documents` gathers what it prints. The modules:
`fonts` (the embedded typeface), `styles` (geometry, colours, paragraph styles), `text`
(escaping user text into Paragraph markup), `layout` (page templates, header, footer, page
count, bookmarks), `marks` (DRAFT and SUPERSEDED), `reading` (the version's answers in words),
and one module per part of the document: `cover`, `sections`, `impacts`, `collections`,
`signoff`.
"""

from __future__ import annotations

from eia.pdf.builder import PdfRecords, build_pdf
from eia.pdf.signoff import Approval, SignOffRecord

__all__ = ["Approval", "PdfRecords", "SignOffRecord", "build_pdf"]
