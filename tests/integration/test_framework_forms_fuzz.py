"""Every question page built from the framework, sent whatever Hypothesis can think of in
each of its fields (any Unicode, NUL, answers at and past their limit, choices that are not
offered, dates that are not dates, a stale or forged lock): it never answers with a server
error, and whatever it accepts reads back on the page exactly as it was sent.

The fields are read from the page itself, as a browser would fill them, so a question added
to the framework is covered without changing this test.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.datastructures import MultiDict

from eia.domain import MAX_ANSWER_LENGTH
from eia.framework import default_framework
from tests.pages import parse

PAGES = [(section.id, page.id) for section in default_framework().sections
         for page in section.pages]
# Any Unicode a form can carry (NUL included: it must be refused, not stored); not lone
# surrogates, which cannot be encoded into a request at all.
ANY_TEXT = st.text(st.characters(codec="utf-8"), max_size=200)
# Answers at and just past the limit.
LIMITS = st.integers(MAX_ANSWER_LENGTH - 1, MAX_ANSWER_LENGTH + 1).map(lambda n: "é" * n)


@dataclass(frozen=True)
class Control:
    name: str
    kind: str  # "text", "textarea", "radio", "checkbox" or "date"
    options: tuple[str, ...] = ()


def controls_of(page) -> list[Control]:
    """The question page's form as a browser sees it, less its hidden fields."""
    form = page.select_one("form:has(input[name=lock_version])")
    found: dict[str, Control] = {}
    for element in form.select("textarea, input"):
        name, kind = element.get("name"), element.get("type", "textarea")
        if element.name == "textarea":
            found[name] = Control(name, "textarea")
        elif "govuk-date-input__input" in element.get("class", []):
            found[name] = Control(name, "date")
        elif kind in ("radio", "checkbox"):
            before = found.get(name, Control(name, kind))
            found[name] = Control(name, kind, (*before.options, element["value"]))
        elif kind == "text":
            found[name] = Control(name, "text")
    return list(found.values())


def answer_for(control: Control) -> st.SearchStrategy:
    if control.kind in ("text", "textarea"):
        return st.one_of(ANY_TEXT, LIMITS)
    if control.kind == "radio":
        return st.one_of(st.sampled_from(control.options), ANY_TEXT).map(lambda v: [v])
    if control.kind == "checkbox":
        return st.lists(st.one_of(st.sampled_from(control.options), ANY_TEXT), max_size=4,
                        unique=True)
    part = st.one_of(st.integers(0, 3000).map(str), ANY_TEXT)
    return st.tuples(part, part, part).map(list)


def as_shown(page, control: Control):
    """What the page shows in `control`, in the shape it was sent."""
    if control.kind == "textarea":
        text = page.select_one(f"textarea[name='{control.name}']").get_text()
        return text.removeprefix("\r\n").removeprefix("\n")  # as a browser reads it
    inputs = page.select(f"input[name='{control.name}']")
    if control.kind in ("radio", "checkbox"):
        return sorted(element["value"] for element in inputs if element.has_attr("checked"))
    if control.kind == "date":
        return [element.get("value", "") for element in inputs]
    return inputs[0].get("value", "")


def as_sent(control: Control, value):
    if control.kind == "text":
        return value.strip()
    if control.kind == "date":
        parts = [part.strip() for part in value]
        return [str(int(part)) for part in parts] if all(parts) else ["", "", ""]
    if control.kind == "radio":  # a blank choice is no choice
        return [choice for choice in value if choice.strip()]
    if control.kind == "checkbox":  # shown in the order of the options
        return sorted(value)
    return value


@pytest.mark.parametrize(("section_id", "page_id"), PAGES)
@settings(max_examples=10, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_any_input_to_a_framework_page_is_refused_clearly_or_kept_exactly(
        author_client, version, section_id, page_id, data):
    where = {"reference": version.reference, "section_id": section_id, "page_id": page_id}
    page = author_client.get_page("assessments.edit_page", **where)
    controls = controls_of(page)
    sent = {control.name: data.draw(answer_for(control), label=control.name)
            for control in controls}
    lock = data.draw(st.one_of(
        st.just(page.select_one("input[name=lock_version]")["value"]), ANY_TEXT), label="lock")
    form = [(name, item) for name, value in sent.items()
            for item in (value if isinstance(value, list) else [value])]
    form += [("lock_version", lock), ("intent", data.draw(st.sampled_from(["continue", "later"]),
                                                         label="intent"))]
    response = author_client.post(author_client.url("assessments.edit_page", **where),
                                  data=MultiDict([("csrf_token", author_client.csrf_token()),
                                                  *form]))
    assert response.status_code in (200, 302, 409), response.status_code
    if response.status_code != 302:
        assert parse(response).select_one(".govuk-error-summary, h1")
        return
    shown = author_client.get_page("assessments.edit_page", **where)
    for control in controls:
        assert as_shown(shown, control) == as_sent(control, sent[control.name]), control.name


def test_an_answer_that_starts_with_a_line_break_reads_back_with_it(author_client, version):
    """A browser drops a line break straight after <textarea>: found by the test above."""
    where = {"reference": version.reference, "section_id": "screening", "page_id": "decision"}
    page = author_client.get_page("assessments.edit_page", **where)
    answer = "\nThe basis, after a blank line"
    response = author_client.post_form("assessments.edit_page", {
        "screening_decision": "full_assessment", "screening_basis": answer, "intent": "later",
        "lock_version": page.select_one("input[name=lock_version]")["value"]}, **where)
    assert response.status_code == 302
    shown = author_client.get_page("assessments.edit_page", **where)
    assert as_shown(shown, Control("screening_basis", "textarea")) == answer
