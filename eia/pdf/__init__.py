"""The PDF of an assessment version: a pure builder (a version in, bytes out) on reportlab.

`build_pdf` does the work; `pdf_of` and `pdf_filename` are what the download route and the
export command use. The modules: `fonts` (the embedded typeface), `styles` (geometry,
colours, paragraph styles), `text` (escaping user text into Paragraph markup), `layout` (page
templates, header, footer, page count, bookmarks), `marks` (DRAFT and SUPERSEDED), `reading`
(the version's answers in words), and one module per part of the document: `cover`,
`sections`, `impacts`, `collections`, `signoff`.
"""

from __future__ import annotations

from eia.models.assessments import AssessmentVersion
from eia.pdf.builder import build_pdf


def pdf_of(version: AssessmentVersion, *, public: bool = False) -> bytes:
    """The PDF of `version`, against the framework it was written with (see `build_pdf`)."""
    from eia.services.frameworks import framework_of

    return build_pdf(version, framework_of(version), public=public)


def pdf_filename(version: AssessmentVersion) -> str:
    """`EIA-2026-0042-v2.pdf`."""
    return f"{version.reference}-v{version.number}.pdf"


__all__ = ["build_pdf", "pdf_filename", "pdf_of"]
