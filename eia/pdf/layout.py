"""The page furniture of the PDF: page templates, running header and footer, marks, outline.

`AssessmentDocument` is a platypus document with two page templates (the cover and the body).
Every page carries the reference, version and status, the mark if there is one, and
"Page X of Y". The total is not known until the last page is laid out, so each page draws a
reference to a small form that `TotalPagesCanvas` fills in when the document is saved; this
keeps the build to a single pass. Flowables with an `outline` attribute become bookmarks.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from eia.pdf import styles
from eia.pdf.fonts import BOLD, REGULAR
from eia.pdf.text import clean

TOTAL_PAGES_FORM = "TotalPages"
_FOOTER_SIZE = 8.5
_HEADER_Y = styles.PAGE_HEIGHT - 15 * mm
_FOOTER_Y = 13 * mm
_COVER_BAND = 34 * mm


@dataclass(frozen=True)
class RunningText:
    """What the header and footer say on every page; all plain text, never markup."""

    identity: str  # "EIA-2026-0042 · Version 2 · Draft"
    title: str
    mark: str | None
    signed_off: bool


class TotalPagesCanvas(Canvas):
    """A canvas that writes the page count into the TOTAL_PAGES_FORM when it is saved."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.pages_shown = 0

    def showPage(self):
        self.pages_shown += 1
        super().showPage()

    def save(self):
        self.beginForm(TOTAL_PAGES_FORM)
        self.setFont(REGULAR, _FOOTER_SIZE)
        self.setFillColor(styles.SECONDARY)
        self.drawString(0, 0, str(self.pages_shown))
        self.endForm()
        super().save()


class Outlined(Flowable):
    """A zero-size flowable that puts a bookmark where it lands."""

    def __init__(self, title: str, level: int = 0):
        super().__init__()
        self.outline = (clean(title), level)

    def wrap(self, available_width, available_height):
        return 0, 0

    def draw(self):
        pass


class AssessmentDocument(BaseDocTemplate):
    def __init__(self, buffer, running: RunningText, **metadata):
        super().__init__(
            buffer,
            pagesize=(styles.PAGE_WIDTH, styles.PAGE_HEIGHT),
            leftMargin=styles.MARGIN_LEFT, rightMargin=styles.MARGIN_RIGHT,
            topMargin=styles.MARGIN_TOP, bottomMargin=styles.MARGIN_BOTTOM,
            creator="Due Regard", producer="Due Regard", lang="en-GB",
            # Every page starts in our font, so the standard Helvetica is never referenced.
            initialFontName=REGULAR,
            **metadata,
        )
        self.running = running
        self._bookmarks = 0
        body_height = styles.PAGE_HEIGHT - styles.MARGIN_TOP - styles.MARGIN_BOTTOM
        cover_top = _COVER_BAND + 22 * mm
        self.addPageTemplates([
            PageTemplate("cover", [_frame("cover", styles.MARGIN_BOTTOM,
                                          styles.PAGE_HEIGHT - cover_top - styles.MARGIN_BOTTOM)],
                         onPage=self._cover_page),
            PageTemplate("body", [_frame("body", styles.MARGIN_BOTTOM, body_height)],
                         onPage=self._body_page),
        ])

    def afterFlowable(self, flowable):
        outline = getattr(flowable, "outline", None)
        if outline is None:
            return
        title, level = outline
        self._bookmarks += 1
        key = f"section-{self._bookmarks}"
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(title, key, level=level, closed=False)

    # --- Page furniture ---------------------------------------------------------------------

    def _cover_page(self, canvas: Canvas, doc) -> None:
        canvas.saveState()
        self._watermark(canvas)
        canvas.setFillColor(styles.BRAND)
        canvas.rect(0, styles.PAGE_HEIGHT - _COVER_BAND, styles.PAGE_WIDTH, _COVER_BAND,
                    stroke=0, fill=1)
        canvas.setFillColor(styles.BRAND_TINT)
        canvas.setFont(BOLD, 10)
        baseline = styles.PAGE_HEIGHT - _COVER_BAND + 12 * mm
        canvas.drawString(styles.MARGIN_LEFT, baseline, "Due Regard")
        if self.running.mark:
            canvas.setFillColor(styles.WHITE)
            canvas.drawRightString(styles.PAGE_WIDTH - styles.MARGIN_RIGHT, baseline,
                                   self.running.mark)
        self._footer(canvas, doc)
        canvas.restoreState()

    def _body_page(self, canvas: Canvas, doc) -> None:
        canvas.saveState()
        self._watermark(canvas)
        left, right = styles.MARGIN_LEFT, styles.PAGE_WIDTH - styles.MARGIN_RIGHT
        canvas.setFont(REGULAR, _FOOTER_SIZE)
        canvas.setFillColor(styles.SECONDARY)
        canvas.drawString(left, _HEADER_Y, self.running.identity)
        canvas.setFont(BOLD, _FOOTER_SIZE)
        if self.running.mark:
            canvas.setFillColor(styles.MARK)
            canvas.drawRightString(right, _HEADER_Y, self.running.mark)
        elif self.running.signed_off:
            canvas.setFillColor(styles.BRAND)
            canvas.drawRightString(right, _HEADER_Y, "Signed off")
        canvas.setStrokeColor(styles.BRAND)
        canvas.setLineWidth(0.8)
        canvas.line(left, _HEADER_Y - 3.5 * mm, right, _HEADER_Y - 3.5 * mm)
        self._footer(canvas, doc)
        canvas.restoreState()

    def _footer(self, canvas: Canvas, doc) -> None:
        left, right = styles.MARGIN_LEFT, styles.PAGE_WIDTH - styles.MARGIN_RIGHT
        canvas.setStrokeColor(styles.FAINT_RULE)
        canvas.setLineWidth(0.5)
        canvas.line(left, _FOOTER_Y + 5 * mm, right, _FOOTER_Y + 5 * mm)
        canvas.setFont(REGULAR, _FOOTER_SIZE)
        canvas.setFillColor(styles.SECONDARY)
        label = f"Page {doc.page} of "
        canvas.drawString(left, _FOOTER_Y, label)
        canvas.saveState()
        canvas.translate(left + stringWidth(label, REGULAR, _FOOTER_SIZE), _FOOTER_Y)
        canvas.doForm(TOTAL_PAGES_FORM)
        canvas.restoreState()
        room = (right - left) * 0.62
        canvas.drawRightString(right, _FOOTER_Y, _fit(self.running.title, room))

    def _watermark(self, canvas: Canvas) -> None:
        if not self.running.mark:
            return
        canvas.saveState()
        canvas.setFillColor(styles.WATERMARK)
        canvas.setFont(BOLD, 50)
        canvas.translate(styles.PAGE_WIDTH / 2, styles.PAGE_HEIGHT / 2)
        canvas.rotate(54)
        canvas.drawCentredString(0, -18, self.running.mark)
        canvas.restoreState()


def _frame(frame_id: str, bottom: float, height: float) -> Frame:
    return Frame(styles.MARGIN_LEFT, bottom, styles.FRAME_WIDTH, height, id=frame_id,
                 leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)


def _fit(text: str, width: float) -> str:
    """`text` cut with an ellipsis to fit `width` in the footer font."""
    text = " ".join(clean(text).split())
    if stringWidth(text, REGULAR, _FOOTER_SIZE) <= width:
        return text
    while text and stringWidth(text + "…", REGULAR, _FOOTER_SIZE) > width:
        text = text[: max(len(text) * 9 // 10, len(text) - 8)].rstrip()
    return text + "…"
