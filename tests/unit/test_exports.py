"""CSV cells that a spreadsheet would run as a formula are neutralised; nothing else changes."""

from __future__ import annotations

import csv
import io

import pytest

from eia.exports import BYTE_ORDER_MARK, csv_lines, neutralise


@pytest.mark.parametrize("dangerous", ["=SUM(A1:A9)", "+44 20 7946 0000", "-1+1",
                                       "@cmd", "\tindented", "\rreturn"])
def test_a_cell_that_starts_like_a_formula_is_shown_as_text(dangerous):
    """SECURITY.md (Output encoding): CSV cells starting with = + - @, tab or CR neutralised, in
    every CSV."""
    assert neutralise(dangerous) == "'" + dangerous


@pytest.mark.parametrize("harmless", ["Garden waste charge", "Café, Ŵyl", "2027-03-31", "",
                                      "a=b", " =leading space", "100%"])
def test_other_cells_are_left_exactly_as_they_are(harmless):
    assert neutralise(harmless) == harmless


def test_numbers_and_nothing_become_text():
    assert neutralise(3) == "3"
    assert neutralise(-3) == "'-3"
    assert neutralise(None) == ""


def test_the_file_starts_with_a_byte_order_mark_and_reads_back_with_csv():
    text = "".join(csv_lines(["Title", "Owner"],
                             [["=HYPERLINK(\"http://x\")", "Siân, \"the lead\""],
                              ["Line one\nline two", "@me"]]))
    assert text.startswith(BYTE_ORDER_MARK + "Title,Owner\r\n")
    rows = list(csv.reader(io.StringIO(text.removeprefix(BYTE_ORDER_MARK))))
    assert rows == [["Title", "Owner"], ["'=HYPERLINK(\"http://x\")", "Siân, \"the lead\""],
                    ["Line one\nline two", "'@me"]]
