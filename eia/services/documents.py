"""An assessment version as a PDF: the records it prints gathered, then the pure builder run."""

from __future__ import annotations

from datetime import datetime

from flask import current_app, has_app_context

from eia import queries
from eia.domain import ReviewDecision
from eia.models.assessments import AssessmentVersion
from eia.pdf import Approval, PdfRecords, SignOffRecord, build_pdf
from eia.pdf.fingerprint import VERIFY_PATH


def assessment_pdf(version: AssessmentVersion, *, public: bool = False,
                   generated_at: datetime | None = None) -> bytes:
    """The PDF of `version`, against the framework it was written with (see `build_pdf`)."""
    records = PdfRecords(sign_off=sign_off_record(version),
                         events=queries.workflow_events_of(version),
                         verify_address=_verify_address(),
                         decision=queries.decision_of(version))
    return build_pdf(version, version.framework, records, generated_at=generated_at,
                     public=public)


def pdf_filename(version: AssessmentVersion) -> str:
    """`EIA-2026-0042-v2.pdf`."""
    return f"{version.reference}-v{version.number}.pdf"


def sign_off_record(version: AssessmentVersion) -> SignOffRecord | None:
    """The review and sign-off of `version`, or None while neither has happened."""
    recommended = [r for r in queries.reviews_of(version)
                   if r.decision == ReviewDecision.RECOMMENDED]
    signed = queries.sign_off_of(version)
    if not recommended and signed is None:
        return None
    review = recommended[-1] if recommended else None
    return SignOffRecord(
        reviewer=Approval(review.reviewer.name, review.reviewer.job_title or "",
                          review.decided_at) if review else None,
        signatory=Approval(signed.approver_name, signed.approver_job_title, signed.signed_at)
        if signed else None,
        fingerprint=signed.fingerprint if signed else None,
    )


def _verify_address() -> str | None:
    """The verification page's public address; None where the installation has not set one
    (the export command can run without it)."""
    base = current_app.config.get("PUBLIC_URL") if has_app_context() else None
    return f"{base.rstrip('/')}{VERIFY_PATH}" if base else None
