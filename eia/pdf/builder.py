"""Assemble the PDF of one assessment version: cover, summary, sections, sign-off, appendix."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from eia.domain import VersionStatus
from eia.framework import Framework
from eia.models.assessments import AssessmentVersion
from eia.models.review import Decision, WorkflowEvent
from eia.pdf.cover import cover, summary
from eia.pdf.fingerprint import fingerprint_keyword
from eia.pdf.fonts import register_fonts
from eia.pdf.historical import historical_flowables
from eia.pdf.layout import AssessmentDocument, RunningText, TotalPagesCanvas
from eia.pdf.marks import mark_for
from eia.pdf.reading import Reading
from eia.pdf.sections import section_flowables
from eia.pdf.signoff import (
    SignOffRecord,
    appendix_flowables,
    decision_flowables,
    sign_off_flowables,
)
from eia.pdf.text import clean


@dataclass(frozen=True)
class PdfRecords:
    """What the PDF prints beyond the version's own content, gathered by its caller."""

    sign_off: SignOffRecord | None = None
    events: Sequence[WorkflowEvent] = ()
    verify_address: str | None = None  # the public address of the verification page
    decision: Decision | None = None  # what the decision-maker decided, once recorded


def build_pdf(version: AssessmentVersion, framework: Framework,
              records: PdfRecords = PdfRecords(), *, generated_at: datetime | None = None,
              public: bool = False) -> bytes:
    """The PDF of `version`, written against `framework`, as bytes.

    Reads the version, its collections and `records`, and nothing else: no queries of its
    own, no network, no files, no writes. `public` leaves out what only the organisation
    should read: other versions that were never signed off, and the workflow's reasons.
    """
    register_fonts()
    reading = Reading(version, framework)
    mark = mark_for(version)
    running = RunningText(identity=reading.identity, title=version.title, mark=mark,
                          signed_off=version.status == VersionStatus.SIGNED_OFF)
    record = records.sign_off
    # The verification page reads the fingerprint back from here when the PDF is uploaded.
    signed = [fingerprint_keyword(record.fingerprint)] if record and record.fingerprint else []
    buffer = io.BytesIO()
    document = AssessmentDocument(
        buffer, running,
        title=clean(f"{version.reference}: {version.title}"),
        author=clean(version.lead_officer_named),
        subject=clean(f"Equality Impact Analysis {version.reference}, version "
                      f"{version.number} ({reading.status_label})"),
        keywords=["Equality Impact Analysis", version.reference, *signed],
    )
    story = [
        *cover(reading, generated_at or datetime.now(UTC)),
        *summary(reading),
        *section_flowables(reading),
        *(historical_flowables(version) if version.imported
          else sign_off_flowables(record, records.verify_address)),
        *decision_flowables(records.decision, framework.group_names),
        *appendix_flowables(reading, records.events, public=public),
    ]
    document.build(story, canvasmaker=TotalPagesCanvas)
    return buffer.getvalue()
