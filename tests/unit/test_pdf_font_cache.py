"""The typeface's faces are made once and kept, so a new server process need not make them."""

from __future__ import annotations

import io

from fontTools.ttLib import TTFont as FontFile

from eia.pdf import fonts


def _not_made_again(*_args):
    raise AssertionError("the face was made again instead of read from the cache")


def test_a_face_is_made_once_then_read_from_the_cache(tmp_path, monkeypatch):
    made = fonts.prepared_face(tmp_path, 700, "Arimo-Bold")
    [kept] = tmp_path.iterdir()
    assert kept.read_bytes() == made
    assert kept.name.startswith("Arimo-Bold-") and kept.suffix == ".ttf"

    monkeypatch.setattr(fonts, "_static_face", _not_made_again)
    assert fonts.prepared_face(tmp_path, 700, "Arimo-Bold") == made


def test_the_cached_face_is_the_bold_face_itself(tmp_path):
    fonts.prepared_face(tmp_path, 700, "Arimo-Bold")
    [kept] = tmp_path.iterdir()
    face = FontFile(kept)
    assert face["name"].getName(6, 3, 1).toUnicode() == "Arimo-Bold"
    assert face["OS/2"].usWeightClass == 700
    assert ord("ŵ") in face.getBestCmap()


def test_other_characters_make_other_faces(tmp_path, monkeypatch):
    fonts.prepared_face(tmp_path, 400, "Arimo-Regular")
    monkeypatch.setattr(fonts, "_CODE_POINTS", (*fonts._CODE_POINTS, 0x0531))  # Armenian
    fonts.prepared_face(tmp_path, 400, "Arimo-Regular")
    assert len(list(tmp_path.iterdir())) == 2


def test_a_cache_that_cannot_be_written_still_gives_the_face(tmp_path):
    blocked = tmp_path / "fonts"
    blocked.write_text("a file where the folder should be")
    face = fonts.prepared_face(blocked, 400, "Arimo-Regular")
    assert FontFile(io.BytesIO(face))["name"].getName(6, 3, 1).toUnicode() == "Arimo-Regular"
    assert [p.name for p in tmp_path.iterdir()] == ["fonts"]
