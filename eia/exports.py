"""CSV exports: the standard library's `csv`, one formula-neutralising function, streamed.

A spreadsheet treats a cell that starts with `=`, `+`, `-` or `@` (and, in some, a tab or a
carriage return) as a formula, so a title typed by anyone could run one on the equality team's
computer. `neutralise` puts an apostrophe before such a cell, which spreadsheets show as text.
Files start with a UTF-8 byte-order mark so that Excel reads accents and Welsh letters right.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

BYTE_ORDER_MARK = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: object) -> str:
    """`cell` as CSV text that no spreadsheet will run as a formula."""
    text = "" if cell is None else str(cell)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def csv_lines(headings: Iterable[str], rows: Iterable[Iterable[object]]) -> Iterator[str]:
    """The CSV text, a line at a time: the byte-order mark and headings, then each row."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")

    def line(cells: Iterable[object]) -> str:
        writer.writerow([neutralise(cell) for cell in cells])
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    yield BYTE_ORDER_MARK + line(headings)
    for row in rows:
        yield line(row)
