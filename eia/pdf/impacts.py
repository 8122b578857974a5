"""Impact by group: a table of every group's impact in words, then each group in full."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Table

from eia.framework import is_blank
from eia.pdf import styles
from eia.pdf.blocks import data_table, labelled_text
from eia.pdf.layout import Outlined
from eia.pdf.reading import GroupRow, Reading
from eia.pdf.text import para


def impact_flowables(reading: Reading, rows: list[GroupRow]) -> list[Flowable]:
    if not rows:
        return []
    parts: list[Flowable] = [_overview(reading, rows)]
    for row in rows:
        parts += _detail(reading, row)
    return parts


def _overview(reading: Reading, rows: list[GroupRow]) -> Table:
    data = []
    for row in rows:
        impact = row.impact
        actions = reading.actions_for(row.group.id)
        data.append([
            para(row.group.name, styles.CELL_BOLD),
            _impact_word(row),
            para(reading.evidence_label(impact) if impact else "", styles.CELL),
            para(str(actions) if actions else "None", styles.CELL),
        ])
    return data_table(["Group", "Impact", "Evidence", "Actions"], data, [0.36, 0.34, 0.18, 0.12])


def _impact_word(row: GroupRow) -> Table:
    """The impact in words, with a small coloured square as a cue for those who see colour."""
    colour = styles.IMPACT_SWATCH.get(row.impact.impact if row.impact else "", styles.RULE)
    swatch = Table([[""]], colWidths=[2.6 * mm], rowHeights=[2.6 * mm])
    swatch.setStyle(styles.table_style(("BACKGROUND", (0, 0), (-1, -1), colour)))
    word = Table([[swatch, para(row.level_label, styles.CELL)]],
                 colWidths=[4.6 * mm, None], hAlign="LEFT")
    word.setStyle(styles.table_style(*[
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (0, 0), 3),
    ]))
    return word


def _detail(reading: Reading, row: GroupRow) -> list[Flowable]:
    heading = para(f"{row.group.name}: {row.level_label.lower()}", styles.H2)
    impact = row.impact
    if impact is None:
        return [KeepTogether([Outlined(row.group.name, 1), heading,
                              para("No impact has been recorded for this group yet.",
                                   styles.NOT_ANSWERED)])]
    parts: list[Flowable] = []
    fields = [("How it would affect people", impact.effect)]
    sources = sorted(impact.evidence, key=lambda s: s.id)
    if sources:
        fields.append(("Evidence", "; ".join(
            f"{reading.evidence_keys.get(s.id, '')} {s.title}".strip() for s in sources)))
    fields += [
        ("Why there is no evidence", impact.no_evidence_reason),
        ("Mitigation", impact.mitigation),
        ("Impact remaining after mitigation", impact.residual_impact),
    ]
    for label, text in fields:
        if not is_blank(text):
            parts += labelled_text(label, text)
    first = parts[:2]
    return [Outlined(row.group.name, 1), KeepTogether([heading, *first]), *parts[2:]]
