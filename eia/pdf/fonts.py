"""The typeface of the PDF: Arimo, registered with reportlab once per process.

reportlab's built-in fonts lack Welsh ŵ and ŷ, so the document embeds a TrueType font. Arimo is
metrically compatible with Arial (the service's typeface) and covers Latin in full. It comes
from the pinned `fontpkg-arimo` package as a variable font; reportlab reads only static fonts,
so the regular and bold faces are made from it here with fontTools. Cutting the font down to the
scripts we set first makes that quick (a few tenths of a second, once per process).
"""

from __future__ import annotations

import io
import threading

import fontpkg_arimo
from fontTools import subset
from fontTools.ttLib import TTFont as FontFile
from fontTools.varLib import instancer
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

REGULAR = "Arimo"
BOLD = "Arimo-Bold"
# reportlab name -> (weight on the font's wght axis, PostScript name of the face)
_FACES = {REGULAR: (400, "Arimo-Regular"), BOLD: (700, "Arimo-Bold")}
_SOURCE = fontpkg_arimo.ROOT / "files" / "Arimo[wght].ttf"

# Latin (with Latin-1, Extended-A and -B, and Extended Additional for Welsh ẁ ẃ ẅ ỳ), Greek and
# Cyrillic, general punctuation, currency signs, letterlike symbols, arrows and the
# replacement character. Anything else prints as the font's missing-glyph box.
_CODE_POINTS = (
    *range(0x0020, 0x007F),
    *range(0x00A0, 0x0250),
    *range(0x0370, 0x0530),
    *range(0x1E00, 0x1F00),
    *range(0x2000, 0x2070),
    *range(0x20A0, 0x20C1),
    *range(0x2100, 0x2200),
    0x25A0, 0x25CF, 0xFFFD,
)

_lock = threading.Lock()
_registered = False


def register_fonts() -> None:
    """Make the regular and bold faces available to reportlab under REGULAR and BOLD."""
    global _registered
    with _lock:
        if _registered:
            return
        for name, (weight, postscript_name) in _FACES.items():
            face = _static_face(weight, postscript_name)
            pdfmetrics.registerFont(TTFont(name, io.BytesIO(face)))
        # So that <b> in our own markup picks the bold face.
        for bold, italic, face in ((0, 0, REGULAR), (1, 0, BOLD), (0, 1, REGULAR), (1, 1, BOLD)):
            addMapping(REGULAR, bold, italic, face)
        _registered = True


def _static_face(weight: int, postscript_name: str) -> bytes:
    font = FontFile(_SOURCE)
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=_CODE_POINTS)
    subsetter.subset(font)
    static = instancer.instantiateVariableFont(font, {"wght": weight})
    # reportlab keeps one face per PostScript name: without distinct names, bold is regular.
    for record in static["name"].names:
        if record.nameID == 6:
            record.string = postscript_name
    out = io.BytesIO()
    static.save(out)
    return out.getvalue()
