"""The typeface of the PDF: Arimo, registered with reportlab once per process.

reportlab's built-in fonts lack Welsh ŵ and ŷ, so the document embeds a TrueType font. Arimo is
metrically compatible with Arial (the service's typeface) and covers Latin in full. It comes
from the pinned `fontpkg-arimo` package as a variable font; reportlab reads only static fonts,
so the regular and bold faces are made from it here with fontTools. Cutting the font down to the
scripts we set first makes that quicker, but it still takes about half a second; so the faces
are kept in a cache folder (the server's entry point gives it `instance/cache/fonts`), written
once and read by every later process, and the server registers them as it starts, so no
request pays for them.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import tempfile
import threading
from pathlib import Path

import fontpkg_arimo
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


def register_fonts(cache: Path | None = None) -> None:
    """Make the regular and bold faces available to reportlab under REGULAR and BOLD, read
    from `cache` when an earlier process has made them, and kept there when not."""
    global _registered
    with _lock:
        if _registered:
            return
        for name, (weight, postscript_name) in _FACES.items():
            face = prepared_face(cache, weight, postscript_name)
            pdfmetrics.registerFont(TTFont(name, io.BytesIO(face)))
        # So that <b> in our own markup picks the bold face.
        for bold, italic, face in ((0, 0, REGULAR), (1, 0, BOLD), (0, 1, REGULAR), (1, 1, BOLD)):
            addMapping(REGULAR, bold, italic, face)
        _registered = True


def prepared_face(cache: Path | None, weight: int, postscript_name: str) -> bytes:
    """The static face at `weight` as TrueType bytes: from `cache` if made there before."""
    if cache is None:
        return _static_face(weight, postscript_name)
    path = cache / f"{postscript_name}-{_recipe()}.ttf"
    try:
        return path.read_bytes()
    except OSError:
        pass
    face = _static_face(weight, postscript_name)
    # A cache that cannot be written costs the half second again next time, nothing more.
    with contextlib.suppress(OSError):
        _write_whole(path, face)
    return face


def _write_whole(path: Path, content: bytes) -> None:
    """Write under another name, then rename: a process starting meanwhile reads either
    nothing or the complete file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".tmp", delete=False) as file:
        temporary = Path(file.name)
        try:
            file.write(content)
        except OSError:
            temporary.unlink(missing_ok=True)
            raise
    os.replace(temporary, path)


def _recipe() -> str:
    """What the faces are made from: the font file and the characters kept. A new version of
    the font package, or a new script, makes new faces instead of reading old ones."""
    digest = hashlib.sha256(_SOURCE.read_bytes())
    digest.update(repr(_CODE_POINTS).encode())
    return digest.hexdigest()[:16]


def _static_face(weight: int, postscript_name: str) -> bytes:
    # fontTools is needed only to make the faces, once, when the cache has none; imported at the
    # top, it added about a tenth of a second to the start of every process, server or command.
    from fontTools import subset
    from fontTools.ttLib import TTFont as FontFile
    from fontTools.varLib import instancer

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
