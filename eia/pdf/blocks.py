"""Building blocks shared by the parts of the PDF: headings, answers, key facts and tables."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Spacer, Table

from eia.pdf import styles
from eia.pdf.layout import Outlined
from eia.pdf.text import markup, para, paragraphs

# Below this much room a new section starts on the next page rather than as an orphan heading.
_SECTION_ROOM = 60 * mm
# A table row may split across pages only if each part is at least this tall.
_MIN_ROW_PART = 30


def section_heading(title: str, summary: str = "", *, level: int = 0) -> list[Flowable]:
    """A numbered section's heading, its bookmark and its one-line purpose."""
    parts: list[Flowable] = [CondPageBreak(_SECTION_ROOM), Outlined(title, level),
                             para(title, styles.H1), _rule()]
    if summary:
        parts.append(para(summary, styles.H1_SUMMARY))
    else:
        parts.append(Spacer(1, 8))
    return parts


def _rule() -> Flowable:
    line = Table([[""]], colWidths=[styles.FRAME_WIDTH], rowHeights=[2])
    line.setStyle(styles.table_style(*[
        ("LINEABOVE", (0, 0), (-1, 0), 1.2, styles.BRAND),
        ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    ]))
    line.spaceAfter = 6
    line.spaceBefore = 2
    line.keepWithNext = 1  # a heading's rule belongs with what follows it
    return line


def answer(label: str, text: str, *, missing: bool = False) -> list[Flowable]:
    """A question and its answer; the label stays with the first lines of the answer."""
    question = para(label, styles.QUESTION)  # keeps with the next paragraph
    return [question, *paragraphs(text, styles.NOT_ANSWERED if missing else styles.BODY)]


def labelled_text(label: str, text: str) -> list[Flowable]:
    """A short bold label over free text, for the parts of an evidence source or impact."""
    return [para(label, styles.H3), *paragraphs(text, styles.BODY)]


def key_facts(rows: Sequence[tuple[str, str]], key_width: float = 52 * mm) -> Table:
    """A two-column list of facts (label, value), both shown literally."""
    data = [[para(key, styles.KEY), paragraphs(value, styles.VALUE)] for key, value in rows]
    table = Table(data, colWidths=[key_width, styles.FRAME_WIDTH - key_width],
                  splitInRow=_MIN_ROW_PART, hAlign="LEFT")
    table.setStyle(styles.table_style(*[
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (0, -1), 10),
        ("TOPPADDING", (0, 0), (-1, -1), 5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
        ("LINEBELOW", (0, 0), (-1, -1), 0.5, styles.FAINT_RULE),
    ]))
    return table


def data_table(header: Sequence[str], rows: Sequence[Sequence[Flowable | list]],
               widths: Sequence[float]) -> Table:
    """A table with a header row that repeats on every page it runs onto.

    `widths` are fractions of the text width. Rows may split across pages so that a long cell
    can never make the table impossible to lay out.
    """
    head = [Paragraph(markup(text), styles.CELL_HEAD) for text in header]
    table = Table([head, *rows], colWidths=[styles.FRAME_WIDTH * w for w in widths],
                  repeatRows=1, splitInRow=_MIN_ROW_PART, hAlign="LEFT")
    commands = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 6),
        ("RIGHTPADDING", (0, 0), (-1, -1), 6),
        ("TOPPADDING", (0, 0), (-1, -1), 5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
        ("BACKGROUND", (0, 0), (-1, 0), styles.HEADER_FILL),
        ("GRID", (0, 0), (-1, -1), 0.5, styles.RULE),
        ("LINEBELOW", (0, 0), (-1, 0), 1.2, styles.BRAND),
    ]
    table.setStyle(styles.table_style(*commands))
    return table


def shortened(text: str, words: int) -> str:
    """The first `words` words of `text`, with an ellipsis if anything was cut."""
    parts = text.split(" ")
    return text if len(parts) <= words else " ".join(parts[:words]).rstrip() + " …"
