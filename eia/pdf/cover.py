"""The cover page and the one-page summary that opens the document."""

from __future__ import annotations

from collections import Counter
from datetime import datetime

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, NextPageTemplate, PageBreak, Spacer, Table

from eia.domain import ActionStatus, ImpactLevel
from eia.formatting import format_datetime
from eia.pdf import styles
from eia.pdf.blocks import data_table, key_facts, section_heading, shortened
from eia.pdf.layout import Outlined
from eia.pdf.marks import mark_explanation, mark_for
from eia.pdf.reading import Reading
from eia.pdf.text import para


def cover(reading: Reading, generated_at: datetime) -> list[Flowable]:
    version = reading.version
    parts: list[Flowable] = [
        Outlined("Cover"),
        para("Equality Impact Analysis", styles.COVER_KICKER),
        para(version.title, styles.COVER_TITLE),
        para(reading.identity, styles.COVER_SUBTITLE),
        Spacer(1, 10 * mm),
    ]
    explanation = mark_explanation(version)
    if explanation:
        parts += [_callout(mark_for(version), explanation), Spacer(1, 8 * mm)]
    parts.append(key_facts([
        ("Reference", version.reference),
        ("Version", str(version.number)),
        ("Status", reading.status_label),
        ("Kind of proposal", reading.type_label),
        ("Directorate or team", version.unit.full_name if version.unit else "Not set"),
        ("Lead officer", version.lead_officer_named if version.imported
         else _person(version.lead_officer)),
        ("Contributors", version.contributors_named),
        ("Decision-maker", version.decision_maker or "Not given"),
        ("Decision forum", version.decision_forum or "Not given"),
        ("Expected decision date", reading.date(version.decision_date)),
        ("Equality work started", reading.date(version.work_started_on)),
        ("Review date", reading.review_date),
        ("Last changed", format_datetime(version.updated_at)),
    ]))
    framework = reading.framework
    parts += [
        Spacer(1, 8 * mm),
        para(f"Written against the framework “{framework.title}”, version "
             f"{framework.version}. Produced by Due Regard on "
             f"{format_datetime(generated_at)}.", styles.SMALL),
        NextPageTemplate("body"),
        PageBreak(),
    ]
    return parts


def _person(user) -> str:
    return f"{user.name}, {user.job_title}" if getattr(user, "job_title", "") else user.name


def _callout(title: str, text: str) -> Table:
    box = Table([[para(title, styles.CELL_BOLD)], [para(text, styles.CELL)]],
                colWidths=[styles.FRAME_WIDTH])
    box.setStyle(styles.table_style(*[
        ("BACKGROUND", (0, 0), (-1, -1), styles.WATERMARK),
        ("LINEBEFORE", (0, 0), (0, -1), 3, styles.MARK),
        ("LEFTPADDING", (0, 0), (-1, -1), 10),
        ("TOPPADDING", (0, 0), (-1, 0), 7),
        ("BOTTOMPADDING", (0, -1), (-1, -1), 8),
        ("TOPPADDING", (0, 1), (-1, -1), 1),
    ]))
    return box


# --- The summary ------------------------------------------------------------------------------

_CONCLUSION_WORDS = 150
_LEVEL_ORDER = (ImpactLevel.NEGATIVE, ImpactLevel.BOTH, ImpactLevel.POSITIVE,
                ImpactLevel.NEUTRAL, ImpactLevel.NOT_KNOWN)


def summary(reading: Reading) -> list[Flowable]:
    parts = section_heading("Summary", "The assessment on one page. The sections that follow "
                                       "give the full answers and the evidence.")
    if reading.screened_out:
        parts.append(key_facts([
            ("Screening decision", reading.answer("screening", "screening_decision") or
             "Not answered"),
            ("Why it is not relevant", reading.answer("screening", "not_relevant_reason") or
             "Not answered"),
            ("Review date", reading.review_date),
        ]))
        parts.append(PageBreak())
        return parts
    parts += _outcome(reading)
    parts.append(para("Impact on each group", styles.H2))
    parts.append(_impact_overview(reading))
    parts.append(Spacer(1, 4 * mm))
    version = reading.version
    decision = version.decision_maker or "Not given"
    if version.decision_forum:
        decision += f" ({version.decision_forum})"
    parts.append(key_facts([
        ("Actions", _action_count(reading)),
        ("Review date", reading.review_date),
        ("Decision", f"{decision}, expected {reading.date(version.decision_date)}"),
    ]))
    parts.append(PageBreak())
    return parts


def _outcome(reading: Reading) -> list[Flowable]:
    outcome = reading.outcome or "Not yet decided"
    rows = [[para("Outcome", styles.CELL_HEAD)],
            [para(outcome, styles.H2.clone("outcome", spaceBefore=0, spaceAfter=0))]]
    conclusion = reading.answer("outcome", "outcome_summary")
    if conclusion:
        # The summary is one page: a long conclusion is cut here and given in full in its section.
        rows.append([para(shortened(conclusion, _CONCLUSION_WORDS), styles.BODY_TIGHT)])
    box = Table(rows, colWidths=[styles.FRAME_WIDTH], splitInRow=30)
    box.setStyle(styles.table_style(*[
        ("BACKGROUND", (0, 0), (-1, -1), styles.BRAND_TINT),
        ("LINEBEFORE", (0, 0), (0, -1), 3, styles.BRAND),
        ("LEFTPADDING", (0, 0), (-1, -1), 12),
        ("RIGHTPADDING", (0, 0), (-1, -1), 12),
        ("TOPPADDING", (0, 0), (-1, 0), 9),
        ("BOTTOMPADDING", (0, -1), (-1, -1), 11),
    ]))
    return [box]


def _impact_overview(reading: Reading) -> Table:
    group_rows = reading.all_group_rows()
    rows = []
    for level in _LEVEL_ORDER:
        names = [row.group.name for row in group_rows if row.impact and row.impact.level == level]
        if names:
            rows.append([para(level.label, styles.CELL_BOLD), para(", ".join(names), styles.CELL)])
    missing = [row.group.name for row in group_rows if row.impact is None]
    if missing:
        rows.append([para("Not answered", styles.CELL_BOLD),
                     para(", ".join(missing), styles.CELL)])
    if not rows:
        rows.append([para("None recorded", styles.CELL), para("", styles.CELL)])
    return data_table(["Impact", "Groups"], rows, [0.3, 0.7])


def _action_count(reading: Reading) -> str:
    actions = reading.version.actions
    if not actions:
        return "No actions"
    counts = Counter(action.status for action in actions)
    by_status = ", ".join(f"{counts[s.value]} {s.label.lower()}" for s in ActionStatus
                          if counts[s.value])
    return f"{len(actions)} action{'' if len(actions) == 1 else 's'} ({by_status})"

