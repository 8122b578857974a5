"""The live best-practice document: sections added, changed and moved, every revision kept
with who and when, any two compared word by word, and a stale edit refused side by side."""

from __future__ import annotations

import pytest

from eia.domain import Role
from eia.extensions import db
from eia.services.training import guide
from tests.factories import programme
from tests.pages import check_page, parse


@pytest.fixture
def course(tomasz):
    return programme(tomasz)


def edit_form(client, course, section):
    page = client.get_page("training.edit_guide_section", programme_id=course.id,
                           guide_section_id=section.id)
    return {"heading": page.select_one("#heading")["value"],
            "text": page.select_one("#text").get_text(), "base": page.select_one("#base")["value"]}


def test_facilitators_write_the_document_together_and_every_revision_is_kept(
        tomasz_client, ana_client, course):
    response = tomasz_client.post_form("training.add_guide_section", {
        "heading": "Opening the session", "text": "Start with why the duty matters."},
        programme_id=course.id)
    assert response.status_code == 302
    section = guide.sections(course)[0]
    form = edit_form(ana_client, course, section)
    form["text"] = "Start with a real decision that went wrong."
    assert ana_client.post_form("training.edit_guide_section", form, programme_id=course.id,
                                guide_section_id=section.id).status_code == 302
    ana_client.post_form("training.add_guide_section", {"heading": "Timing", "text": ""},
                         programme_id=course.id)
    timing = guide.sections(course)[1]
    ana_client.post_form("training.move_guide_section", {"direction": "up"},
                         programme_id=course.id, guide_section_id=timing.id)

    page = tomasz_client.get_page("training.view_guide", programme_id=course.id)
    assert [h.get_text() for h in page.select("section h2")] == ["Timing", "Opening the session"]
    assert "Start with a real decision that went wrong." in page.get_text()

    history = tomasz_client.get_page("training.list_guide_revisions", programme_id=course.id)
    rows = [[c.get_text(" ", strip=True) for c in r.find_all("td")][:3]
            for r in history.select("tbody tr")]
    assert rows == [["4", "Moved ‘Timing’ up", "Ana Costa"],
                    ["3", "Added ‘Timing’", "Ana Costa"],
                    ["2", "Changed ‘Opening the session’", "Ana Costa"],
                    ["1", "Added ‘Opening the session’", "Tomasz Nowak"]]


def test_two_revisions_are_compared_word_by_word(tomasz_client, tomasz, course):
    section = guide.add_section(tomasz, course, heading="Opening",
                                text="Start with why the duty matters.")
    guide.edit_section(tomasz, course, section, heading="Opening",
                       text="Start with a real decision that went wrong.", base=1)
    guide.add_section(tomasz, course, heading="Timing", text="Two hours.")
    response = tomasz_client.get(tomasz_client.url(
        "training.compare_guide_revisions", programme_id=course.id, earlier=1, later=3))
    page = parse(response)
    check_page(page)
    removed = [d.get_text() for d in page.select("del")]
    added = [i.get_text() for i in page.select("ins")]
    assert "[removed: why the duty matters.]" in removed
    assert "[added: a real decision that went wrong.]" in added
    tags = [t.get_text(strip=True) for t in page.select("h2 .govuk-tag")]
    assert tags == ["Changed", "Added"]


def test_an_edit_from_an_older_page_is_refused_and_shown_beside_the_saved_text(
        tomasz_client, ana_client, tomasz, course):
    section = guide.add_section(tomasz, course, heading="Opening", text="First words.")
    mine = edit_form(ana_client, course, section)
    theirs = edit_form(tomasz_client, course, section)
    theirs["text"] = "Tomasz's words."
    tomasz_client.post_form("training.edit_guide_section", theirs, programme_id=course.id,
                            guide_section_id=section.id)
    mine["text"] = "Ana's words, which must not be lost."
    response = ana_client.post_form("training.edit_guide_section", mine,
                                    programme_id=course.id, guide_section_id=section.id)
    assert response.status_code == 409
    page = parse(response)
    check_page(page)
    assert "Tomasz Nowak changed this section" in page.get_text()
    assert page.select_one("#mine-text").get_text() == "Ana's words, which must not be lost."
    saved = page.select(".app-compare__saved")[1].get_text()
    assert saved == "Tomasz's words."
    db.session.expire_all()
    assert guide.sections(course)[0].text == "Tomasz's words."


def test_an_edit_of_another_section_is_not_stale(tomasz, ana, course):
    first = guide.add_section(tomasz, course, heading="Opening", text="")
    second = guide.add_section(tomasz, course, heading="Timing", text="")
    loaded_at = guide.current_revision(course)
    guide.edit_section(tomasz, course, first, heading="Opening", text="New", base=loaded_at)
    assert guide.edit_section(ana, course, second, heading="Timing", text="Two hours",
                              base=loaded_at)


def test_a_section_needs_a_heading_and_keeps_what_was_typed(tomasz_client, course):
    response = tomasz_client.post_form("training.add_guide_section",
                                       {"heading": "", "text": "Keep me"},
                                       programme_id=course.id)
    page = parse(response)
    assert "Enter the section’s heading" in page.select_one(".govuk-error-summary").get_text()
    assert page.select_one("#text").get_text() == "Keep me"
    assert guide.sections(course) == []


def test_the_document_is_for_facilitators_only(client_as, course):
    trainee = client_as(Role.TRAINEE)
    assert trainee.get(trainee.url("training.view_guide",
                                   programme_id=course.id)).status_code == 403


def test_a_comparison_of_revisions_that_do_not_exist_is_an_empty_page(tomasz_client, tomasz,
                                                                      course):
    guide.add_section(tomasz, course, heading="Opening", text="")
    for query in ({"earlier": 7, "later": 9}, {"earlier": "x", "later": ""}, {}):
        response = tomasz_client.get(tomasz_client.url(
            "training.compare_guide_revisions", programme_id=course.id, **query))
        assert response.status_code == 200
        assert "needs two revisions" in parse(response).get_text()
