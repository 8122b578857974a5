"""Turning stored text into reportlab Paragraph markup that shows exactly what was written.

Paragraph text is markup: raw `<b>`, `<font>`, `<a href>` or `<img src>` in a user's answer
would be obeyed, and a stray `<` or `&` can crash the build. Every string that did not come
from this package goes through `markup` first; nothing else may reach a Paragraph.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

# C0 and C1 control characters other than tab and line breaks, which reportlab cannot set.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_LINE_BREAK = re.compile(r"\r\n|[\r\n\u2028\u2029]")


def clean(text: object) -> str:
    """Plain text that can be set: no control characters or lone surrogates, tabs as spaces."""
    value = "" if text is None else str(text)
    value = _SURROGATE.sub("\ufffd", value)
    value = _LINE_BREAK.sub("\n", value).replace("\t", "    ")
    return _CONTROL.sub("", value)


def markup(text: object) -> str:
    """`text` as Paragraph markup that prints it literally, keeping its line breaks."""
    lines = escape(clean(text)).split("\n")
    return "<br/>".join(_keep_spaces(line) for line in lines)


def _keep_spaces(line: str) -> str:
    # Paragraphs collapse runs of spaces; keep indentation and spacing a writer chose.
    return re.sub(r"  +", lambda run: "\u00a0" * (len(run.group()) - 1) + " ", line)


def para(text: object, style: ParagraphStyle) -> Paragraph:
    """A paragraph showing `text` literally."""
    return Paragraph(markup(text), style)


def paragraphs(text: object, style: ParagraphStyle) -> list[Paragraph]:
    """`text` shown literally as one paragraph per line, blank lines kept as space.

    One long Paragraph is re-wrapped from the start every time it breaks across a page, so
    a long answer set as a single Paragraph takes time that grows with the square of its
    length. Line by line, it grows in step with the length.
    """
    lines = clean(text).split("\n")
    result: list[Paragraph] = []
    gap = False
    for line in lines:
        if not line.strip():
            gap = bool(result)
            continue
        paragraph = Paragraph(markup(line), style)
        if gap:
            paragraph.spaceBefore = style.leading * 0.8
            gap = False
        result.append(paragraph)
    return result or [Paragraph("", style)]
