"""User text reaches reportlab Paragraphs only as escaped markup that prints it literally."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.platypus import Paragraph

from eia.pdf import styles
from eia.pdf.fonts import register_fonts
from eia.pdf.text import clean, markup, paragraphs


def shown(paragraph: Paragraph) -> str:
    """The text a paragraph will print, as reportlab parsed it."""
    return "".join(getattr(frag, "text", "") for frag in paragraph.frags)


def test_markup_characters_are_escaped():
    assert markup('<b>x</b> & <a href="javascript:y">') == (
        '&lt;b&gt;x&lt;/b&gt; &amp; &lt;a href="javascript:y"&gt;')
    assert markup("&eacute;") == "&amp;eacute;"


def test_line_breaks_are_kept_and_control_characters_dropped():
    assert markup("one\r\ntwo\rthree\u2028four") == "one<br/>two<br/>three<br/>four"
    assert clean("a\x00b\x1bc\x7fd\td") == "abcd    d"
    assert clean("lone \ud800 surrogate") == "lone \ufffd surrogate"
    assert clean(None) == ""


def test_runs_of_spaces_survive():
    assert markup("a   b") == "a\u00a0\u00a0 b"


def test_each_hostile_string_is_parsed_as_plain_text():
    """SECURITY.md (Output encoding): Every user string escaped before reportlab markup."""
    register_fonts()
    for hostile in ["<b>bold</b>", "<i>unclosed", '<img src="/etc/passwd"/>',
                    '<a href="javascript:alert(1)">x</a>', "&eacute;",
                    '<font color="red" size="40">x</font>', "</para>", "<![CDATA[x]]>"]:
        paragraph = Paragraph(markup(hostile), styles.BODY)
        assert shown(paragraph) == hostile
        assert {frag.fontName for frag in paragraph.frags} == {styles.REGULAR}
        assert not any(getattr(frag, "link", None) for frag in paragraph.frags)
        paragraph.wrap(400, 800)


def test_paragraphs_gives_one_paragraph_per_line_with_space_for_blank_lines():
    register_fonts()
    parts = paragraphs("first\nsecond\n\n\nthird", styles.BODY)
    assert [shown(p) for p in parts] == ["first", "second", "third"]
    assert parts[2].spaceBefore > 0 and not getattr(parts[1], "spaceBefore", 0)
    assert len(paragraphs("", styles.BODY)) == 1


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_any_text_builds_and_prints_what_was_written(text):
    register_fonts()
    for paragraph in paragraphs(text, styles.BODY):
        paragraph.wrap(200, 10_000)
    printed = "".join(shown(p) for p in paragraphs(text, styles.BODY))
    assert "".join(printed.split()) == "".join(clean(text).split())
