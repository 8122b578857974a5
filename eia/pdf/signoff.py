"""The sign-off block and the appendix: who checked and approved this version, and its history.

The builder is given the record (`SignOffRecord`: the reviewer who recommended this version,
and the signatory with the fingerprint of what was signed) and the workflow events; it never
looks them up itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer

from eia.domain import SIGNED_OFF_STATES, VersionStatus
from eia.formatting import format_date, format_datetime
from eia.models.review import Decision, WorkflowEvent
from eia.pdf import styles
from eia.pdf.blocks import data_table, key_facts, section_heading
from eia.pdf.fingerprint import VERIFY_PATH
from eia.pdf.reading import Reading
from eia.pdf.text import para
from eia.workflow import Action


@dataclass(frozen=True)
class Approval:
    name: str
    job_title: str
    at: datetime


@dataclass(frozen=True)
class SignOffRecord:
    reviewer: Approval | None
    signatory: Approval | None
    fingerprint: str | None  # of the canonical document, as recorded when it was signed


def sign_off_flowables(record: SignOffRecord | None,
                       verify_address: str | None) -> list[Flowable]:
    """The sign-off block for `record`; `verify_address` is where a printed copy is checked."""
    parts: list[Flowable] = [PageBreak()]
    parts += section_heading("Sign-off", "The equality reviewer’s quality check and the "
                                         "signatory’s approval of this version.")
    rows = [
        _approval_row("Equality reviewer", record.reviewer if record else None,
                      "Not yet reviewed"),
        _approval_row("Signatory", record.signatory if record else None, "Not signed off"),
    ]
    parts.append(data_table(["Role", "Name and job title", "Date"], rows, [0.24, 0.46, 0.30]))
    if record and record.fingerprint:
        parts.append(KeepTogether([
            Spacer(1, 6),
            para("Fingerprint of this version", styles.H3),
            para(record.fingerprint, styles.SMALL_DARK),
            para("The SHA-256 fingerprint of the signed-off content. A copy whose content "
                 "gives a different fingerprint is not this signed-off version.", styles.SMALL),
            para(verification_line(verify_address), styles.SMALL_DARK),
        ]))
    return parts


def decision_flowables(decision: Decision | None, group_names: dict[str, str]) -> list[Flowable]:
    """The decision the assessment was for, once recorded: nothing before then."""
    if decision is None:
        return []
    accepted = ", ".join(group_names.get(g, g) for g in decision.accepted_mitigations)
    return [
        para("The decision", styles.H2),
        key_facts([
            ("Decided on", format_date(decision.decided_on)),
            ("Where", decision.forum),
            ("Report or minute", decision.minute_reference or "Not given"),
            ("Assessment before the decision-maker",
             "Yes" if decision.assessment_considered else "No"),
            ("What was decided", decision.what_was_decided or "Not given"),
            ("Mitigations accepted", accepted or "None recorded"),
        ]),
    ]


def verification_line(verify_address: str | None) -> str:
    """Where a reader of a printed copy can check it, as plain text (never a link).

    An installation may not have set its public address: then only the path can be given.
    """
    if verify_address:
        return f"Check this document at {verify_address}"
    return f"Check this document at {VERIFY_PATH} on this organisation’s Due Regard site"


def _approval_row(role: str, approval: Approval | None, missing: str) -> list[Flowable]:
    if approval is None:
        return [para(role, styles.CELL_BOLD), para(missing, styles.CELL), para("", styles.CELL)]
    who = f"{approval.name}, {approval.job_title}" if approval.job_title else approval.name
    return [para(role, styles.CELL_BOLD), para(who, styles.CELL),
            para(format_datetime(approval.at), styles.CELL)]



def appendix_flowables(reading: Reading, events: Sequence[WorkflowEvent], *,
                       public: bool = False) -> list[Flowable]:
    """Version history and workflow events; the public copy lists signed-off versions only
    and leaves out the workflow, whose reasons are the organisation's internal record."""
    version = reading.version
    parts = section_heading("Appendix: version history",
                            "The signed-off versions of this assessment." if public else
                            "Every version of this assessment. Only a signed-off version is "
                            "the organisation’s assessment.")
    rows = []
    for other in version.assessment.versions:
        if public and other.id != version.id and other.status not in SIGNED_OFF_STATES:
            continue
        this = " (this document)" if other.id == version.id else ""
        rows.append([
            para(f"{other.number}{this}", styles.CELL_BOLD if this else styles.CELL),
            para(other.status_label, styles.CELL),
            para(format_datetime(other.created_at), styles.CELL),
            para(format_datetime(other.updated_at), styles.CELL),
        ])
    parts.append(data_table(["Version", "Status", "Started", "Last changed"], rows,
                            [0.22, 0.24, 0.27, 0.27]))
    if public:
        return parts
    parts.append(para("Workflow events", styles.H2))
    if not events:
        parts.append(para("No review or sign-off events have been recorded for this version.",
                          styles.NOT_ANSWERED))
        return parts
    parts.append(data_table(["When", "What happened", "Who", "Reason"], [
        [para(format_datetime(event.created_at), styles.CELL),
         para(f"{Action(event.action).label.capitalize()}: "
              f"{VersionStatus(event.from_status).label.lower()} to "
              f"{VersionStatus(event.to_status).label.lower()}", styles.CELL),
         para(event.actor.name, styles.CELL),
         para(event.reason or "", styles.CELL)]
        for event in events], [0.22, 0.30, 0.20, 0.28]))
    return parts
