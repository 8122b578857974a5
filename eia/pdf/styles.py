"""The look of the PDF: page geometry, colours and paragraph styles.

A restrained document for board papers: Arimo throughout, near-black text, the service's brand
colour only for headings, rules and the cover band, and plenty of space between sections.
"""

from __future__ import annotations

from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import TableStyle

from eia.pdf.fonts import BOLD, REGULAR

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_LEFT = MARGIN_RIGHT = 22 * mm
MARGIN_TOP = 26 * mm
MARGIN_BOTTOM = 24 * mm
FRAME_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT

BRAND = HexColor("#00625e")
BRAND_TINT = HexColor("#e5efee")
TEXT = HexColor("#0b0c0c")
WHITE = HexColor("#ffffff")
SECONDARY = HexColor("#505a5f")
RULE = HexColor("#b1b4b6")
FAINT_RULE = HexColor("#dcdedf")
HEADER_FILL = HexColor("#f3f2f1")
MARK = HexColor("#a33b16")
WATERMARK = HexColor("#f5e6e0")

# Impact words carry the meaning; the swatch beside them is only a cue.
IMPACT_SWATCH = {
    "positive": HexColor("#00703c"),
    "negative": HexColor("#b21f1f"),
    "both": HexColor("#b35900"),
    "neutral": HexColor("#8a8f93"),
    "not_known": HexColor("#4c2c92"),
}


def _style(name: str, **overrides) -> ParagraphStyle:
    base = {"fontName": REGULAR, "fontSize": 10, "leading": 14.5, "textColor": TEXT,
            "alignment": TA_LEFT, "spaceAfter": 0}
    base.update(overrides)
    return ParagraphStyle(name, **base)


BODY = _style("body", spaceAfter=6)
BODY_TIGHT = _style("body-tight")
SMALL = _style("small", fontSize=8.5, leading=12, textColor=SECONDARY)
SMALL_DARK = _style("small-dark", fontSize=8.5, leading=12)
QUESTION = _style("question", fontName=BOLD, fontSize=9.5, leading=13, spaceBefore=10,
                  spaceAfter=3, keepWithNext=1)
NOT_ANSWERED = _style("not-answered", textColor=SECONDARY, spaceAfter=6)

COVER_KICKER = _style("cover-kicker", fontName=BOLD, fontSize=11, leading=14, textColor=BRAND)
COVER_TITLE = _style("cover-title", fontName=BOLD, fontSize=24, leading=30, spaceBefore=6,
                     spaceAfter=10)
COVER_SUBTITLE = _style("cover-subtitle", fontSize=12.5, leading=17, textColor=SECONDARY)

H1 = _style("h1", fontName=BOLD, fontSize=17, leading=22, textColor=BRAND, spaceBefore=26,
            spaceAfter=4, keepWithNext=1)
H1_SUMMARY = _style("h1-summary", fontSize=10.5, leading=14.5, textColor=SECONDARY,
                    spaceAfter=10, keepWithNext=1)
H2 = _style("h2", fontName=BOLD, fontSize=12.5, leading=16.5, spaceBefore=16, spaceAfter=4,
            keepWithNext=1)
H3 = _style("h3", fontName=BOLD, fontSize=10.5, leading=14, spaceBefore=10, spaceAfter=2,
            keepWithNext=1)

CELL = _style("cell", fontSize=9, leading=12.5)
CELL_BOLD = _style("cell-bold", fontName=BOLD, fontSize=9, leading=12.5)
CELL_SMALL = _style("cell-small", fontSize=8, leading=11, textColor=SECONDARY)
CELL_HEAD = _style("cell-head", fontName=BOLD, fontSize=8.5, leading=11.5, textColor=SECONDARY)
KEY = _style("key", fontName=BOLD, fontSize=9.5, leading=13.5, textColor=SECONDARY)
VALUE = _style("value", fontSize=10, leading=13.5)


def table_style(*commands) -> TableStyle:
    """A table style in our font: reportlab otherwise sets Helvetica for every cell."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), REGULAR), *commands])
