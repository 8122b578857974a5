"""The marks each status gets, and the embedded font's coverage and weights."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from reportlab.pdfbase import pdfmetrics

from eia.domain import VersionStatus
from eia.pdf.fonts import BOLD, REGULAR, register_fonts
from eia.pdf.marks import DRAFT, IMPORTED, SUPERSEDED, TRAINING, mark_for


@pytest.mark.parametrize(("status", "mark"), [
    (VersionStatus.DRAFT, DRAFT),
    (VersionStatus.IN_REVIEW, DRAFT),
    (VersionStatus.CHANGES_REQUESTED, DRAFT),
    (VersionStatus.AWAITING_SIGN_OFF, DRAFT),
    (VersionStatus.WITHDRAWN, DRAFT),
    (VersionStatus.SUPERSEDED, SUPERSEDED),
    (VersionStatus.SIGNED_OFF, None),
])
def test_every_status_has_the_right_mark(status, mark):
    assert mark_for(SimpleNamespace(status=status.value, is_training=False,
                                    imported=False)) == mark


def test_an_imported_record_says_it_was_signed_off_before_due_regard():
    assert mark_for(SimpleNamespace(status=VersionStatus.SIGNED_OFF.value, is_training=False,
                                    imported=True)) == IMPORTED


@pytest.mark.parametrize("status", list(VersionStatus), ids=lambda s: s.value)
def test_a_practice_attempt_is_marked_training_whatever_its_status(status):
    assert mark_for(SimpleNamespace(status=status.value, is_training=True,
                                    imported=False)) == TRAINING


def test_every_status_is_covered():
    assert {s.value for s in VersionStatus} == {
        "draft", "in_review", "changes_requested", "awaiting_sign_off", "signed_off",
        "withdrawn", "superseded", "accepted"}


def test_the_font_covers_welsh_and_accented_latin_in_both_weights():
    register_fonts()
    for name in (REGULAR, BOLD):
        font = pdfmetrics.getFont(name)
        for character in "ŵŷŴŶẁẃẅỳąęéèçñøß‘’“”—\u2013£€":
            assert ord(character) in font.face.charToGlyph, (name, character)


def test_bold_is_a_different_face_from_regular():
    register_fonts()
    regular, bold = pdfmetrics.getFont(REGULAR), pdfmetrics.getFont(BOLD)
    assert regular.face is not bold.face
    assert pdfmetrics.stringWidth("Equality", BOLD, 10) > pdfmetrics.stringWidth(
        "Equality", REGULAR, 10)
