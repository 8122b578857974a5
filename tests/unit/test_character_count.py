"""The character count's HTML written directly (`forms.character_count`) is the Design System
macro's, character for character, for every parameter it writes for itself; for any other it
leaves the page to the macro."""

import pytest
from flask import render_template
from markupsafe import Markup

from forms import character_count

PLAIN = {"id": "answer", "name": "answer", "label": {"text": "Purpose"}, "attributes": {},
         "hint": None, "value": "", "maxlength": 500}
RICH = {"id": "purpose-answer", "name": "purpose", "attributes": {"required": "required"},
        "label": {"text": "What & why <now>?\nSay \"why\"", "classes": "govuk-label--m"},
        "hint": {"text": "Name the 'people'\n\nwho use it & how"},
        "errorMessage": {"text": "Purpose must be 5,000 characters or fewer <really>"},
        "value": "\nFirst line\r\n  <b>bold</b> & \"quoted\"\n\n", "maxlength": 5000,
        "rows": 8, "classes": "app-code", "spellcheck": False}

# Each parameter's values, tried one at a time on a plain and on a rich base.
VARIATIONS = {
    "id": [None, "", "other-id", 'odd"id'],
    "label": [{"text": "Label"}, {"text": "Label", "classes": None},
              {"text": Markup("Already <em>safe</em>")}, {"text": "Two\n  lines\n"}],
    "hint": [None, {"text": ""}, {"text": "One line"}, {"text": Markup("<em>safe</em>")},
             {"text": "  spaced\n\n  lines  "}],
    "errorMessage": [None, {"text": "Enter an answer"}, {"text": "Line\nbreak"}],
    "value": ["", "text", "\nleading newline", "<script>alert(1)</script>", "tabs\tand\r\nCRLF"],
    "maxlength": [1, 100, 10000],
    "rows": [None, 0, 3, "12"],
    "classes": [None, "", "govuk-!-width-two-thirds"],
    "spellcheck": [None, True, False],
    "attributes": [{}, {"required": "required"}, {"data-x": 'a"b<c>', "autocorrect": "off"}],
}


def _cases():
    for base_name, base in (("plain", PLAIN), ("rich", RICH)):
        for key, values in VARIATIONS.items():
            for number, value in enumerate(values):
                yield pytest.param({**base, key: value}, id=f"{base_name}-{key}-{number}")


def _macro(params) -> str:
    return render_template("govuk_frontend_wtf/charactercount.html", params=params)


@pytest.mark.parametrize("params", list(_cases()))
def test_the_html_is_the_macros(app, params):
    with app.test_request_context():
        written = character_count.html_of(params)
        assert written is not None
        assert str(written) == _macro(params)


@pytest.mark.parametrize("unwritten", [
    {"formGroup": {"classes": "app-wide"}},
    {"label": {"text": "Heading", "isPageHeading": True}},
    {"label": {"html": "<b>Label</b>"}},
    {"label": {"text": ""}},
    {"hint": {"html": "<b>hint</b>"}},
    {"errorMessage": {"text": "Wrong", "visuallyHiddenText": "Problem"}},
    {"maxwords": 100},
    {"maxlength": None},
    {"threshold": 75},
    {"attributes": {"hidden": True}},
    {"spellcheck": "yes"},
    {"autocomplete": "off"},
    {"charactersUnderLimitText": {"one": "one character left"}},
])
def test_what_it_does_not_write_is_left_to_the_macro(app, unwritten):
    params = {**RICH, **unwritten}
    assert character_count.html_of(params) is None
    with app.test_request_context():
        from forms.fields import CharacterCount

        assert str(CharacterCount().render(params)) == _macro(params)
