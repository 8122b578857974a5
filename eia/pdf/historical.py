"""The record as it was: what an imported past assessment's source says happened before Due
Regard (its original sign-off, revisions, review and the people it names), and the assessments
linked to it. Printed in place of Due Regard's own sign-off, which an imported record never has.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, PageBreak

from eia.formatting import format_date
from eia.models.assessments import AssessmentVersion
from eia.pdf import styles
from eia.pdf.blocks import data_table, key_facts, section_heading
from eia.pdf.text import para, paragraphs


def historical_flowables(version: AssessmentVersion) -> list[Flowable]:
    record = version.historical
    if record is None:
        return []
    parts: list[Flowable] = [PageBreak()]
    parts += section_heading("The record as it was", "Imported from the organisation’s "
                             "archive: signed off before Due Regard, and kept as it was.")
    review = format_date(version.review_date) if version.review_date else "Not recorded"
    if record.review_wording:
        review += f" (the record says “{record.review_wording}”)"
    parts.append(key_facts([
        ("Reference in the archive", record.source_reference or "None"),
        ("Imported from", record.source_file or "Not recorded"),
        ("Completed", _date(record.completed_on)),
        ("Review", review),
        *_links(version),
    ]))
    parts.append(para("Original sign-off", styles.H3))
    for sign_off in record.sign_offs:
        parts.append(key_facts([("Signed off by", sign_off.signed_by or "Not recorded"),
                                ("Role or body", sign_off.role_or_body or "Not recorded"),
                                ("Date", _date(sign_off.signed_on)),
                                ("Decision", sign_off.decision or "Not recorded")]))
    if not record.sign_offs:
        parts.append(para("Not recorded", styles.VALUE))
    if record.revisions:
        parts += [para("Revisions", styles.H3), data_table(
            ["Date", "What changed"],
            [[para(_date(r.revised_on), styles.VALUE), para(r.what_changed, styles.VALUE)]
             for r in record.revisions], [0.2, 0.8])]
    parts += [para("People named", styles.H3), data_table(
        ["Part", "Name and job title"],
        [[para(p.role_label, styles.VALUE), para(p.described, styles.VALUE)]
         for p in record.people] or [[para("None", styles.VALUE), ""]], [0.3, 0.7])]
    if record.imported_text:
        parts.append(para("Imported text", styles.H3))
        parts.append(para("What the source holds that had no place of its own in the "
                          "assessment, kept as it was written.", styles.SMALL))
        for kept in record.imported_text:
            parts += [para(kept.heading or "Before the first heading", styles.QUESTION),
                      *paragraphs(kept.text, styles.BODY)]
    return parts


def _links(version: AssessmentVersion) -> list[tuple[str, str]]:
    assessment = version.assessment
    rows = []
    if assessment.parent is not None:
        rows.append(("Part of", f"{assessment.parent.reference}: "
                                f"{assessment.parent.latest.title}"))
    if assessment.children:
        rows.append(("Linked assessments", "\n".join(
            f"{child.reference}: {child.latest.title}" for child in assessment.children)))
    return rows


def _date(day) -> str:
    return format_date(day) if day else "Not recorded"
