"""The Python summary list and tag give what the Design System's macros give, for every option
used."""

from __future__ import annotations

import re

import pytest
from jinja2 import Environment, PackageLoader, PrefixLoader

from eia.components import summary_list, tag

DESIGN_SYSTEM = Environment(
    loader=PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja")}),
    autoescape=True, trim_blocks=True, lstrip_blocks=True)
MACRO = DESIGN_SYSTEM.from_string(
    '{% from "govuk_frontend_jinja/components/summary-list/macro.html" '
    'import govukSummaryList %}{{ govukSummaryList(params) }}')
TAG_MACRO = DESIGN_SYSTEM.from_string(
    '{% from "govuk_frontend_jinja/components/tag/macro.html" import govukTag %}'
    '{{ govukTag(params) }}')


def _markup(html: str) -> str:
    """The HTML with the whitespace a browser ignores (around tags) taken out."""
    return re.sub(r"\s*(<[^>]*>)\s*", r"\1", re.sub(r"\s+", " ", str(html))).strip()


CHANGE = {"items": [{"href": "/edit?a=1&b=2", "text": "Change",
                     "visuallyHiddenText": "the purpose"}]}
TWO_ACTIONS = {"items": [{"href": "/one", "text": "Change"},
                         {"href": "/two", "html": "<strong>Remove</strong>",
                          "classes": "app-danger", "attributes": {"data-x": "y"}}]}

CASES = {
    "plain text, escaped": {"rows": [
        {"key": {"text": "Title"}, "value": {"text": "Libraries <script>alert(1)</script> & more"}},
        {"key": {"text": "Status"}, "value": {"text": None}},
    ]},
    "html, classes and attributes": {"classes": "govuk-summary-list--no-border",
                                     "attributes": {"id": "impacts", "data-open": True}, "rows": [
        {"classes": "app-row", "key": {"html": "  <em>Age</em> ", "classes": "app-key"},
         "value": {"html": "<p class='govuk-body'>Older people</p>\n", "classes": "app-multiline"}},
    ]},
    "some rows with actions": {"rows": [
        {"key": {"text": "Purpose"}, "value": {"text": "To save money"}, "actions": CHANGE},
        {"key": {"text": "Unit"}, "value": {"text": "Libraries"}},
        None,
        {"key": {"text": "Groups"}, "value": {"text": "All"}, "actions": TWO_ACTIONS},
    ]},
    "a card with one action": {"card": {"title": {"text": "Source 1: Census"},
                                        "actions": CHANGE}, "rows": [
        {"key": {"text": "Link"}, "value": {"text": "https://example.org"}, "actions": CHANGE},
    ]},
    "a card with two actions, heading level 3": {"card": {
        "title": {"text": "Action 2", "headingLevel": 3, "classes": "app-title"},
        "actions": TWO_ACTIONS, "classes": "app-card"},
        "rows": [{"key": {"text": "Owner"}, "value": {"text": "Jo"}}]},
    "no rows": {"rows": []},
}


@pytest.mark.parametrize("params", CASES.values(), ids=CASES.keys())
def test_the_summary_list_matches_the_design_system_macro(params):
    assert _markup(summary_list(params)) == _markup(MACRO.render(params=params))


def test_text_is_escaped_and_html_is_not():
    html = str(summary_list(CASES["plain text, escaped"]))
    assert "&lt;script&gt;" in html and "<script>" not in html
    assert "<em>Age</em>" in str(summary_list(CASES["html, classes and attributes"]))


TAGS = {
    "text, escaped": {"text": "Awaiting <sign-off> & more"},
    "classes": {"text": "Published", "classes": "govuk-tag--green"},
    "html and attributes": {"html": " <span>Due</span>\n<em>soon</em> ", "classes": "app-tag",
                            "attributes": {"id": "due", "data-open": True}},
}


@pytest.mark.parametrize("params", TAGS.values(), ids=TAGS.keys())
def test_the_tag_matches_the_design_system_macro(params):
    # Character for character: a tag sits inside running text, where whitespace shows.
    assert str(tag(params)) == str(TAG_MACRO.render(params=params)).strip()
