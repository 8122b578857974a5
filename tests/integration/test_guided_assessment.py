"""Starting an assessment, the task list, question pages and saving without losing work."""

from __future__ import annotations

import re
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markupsafe import escape

from eia.domain import Role
from eia.extensions import db
from eia.models.assessments import AssessmentVersion
from eia.models.types import utcnow
from forms import character_count
from tests.conftest import sign_in_client
from tests.factories import add_contributor, start_assessment
from tests.integration.conftest import details_form
from tests.pages import error_summary, parse

HOSTILE = '<script>alert("x")</script><b>bold</b> & "quotes" \'single\' é ŵ ŷ 🙂'


def task_statuses(page) -> dict[str, str]:
    rows = page.select(".govuk-task-list__item")
    return {row.select_one(".govuk-task-list__name-and-hint > :first-child").get_text(strip=True):
            row.select_one(".govuk-task-list__status").get_text(" ", strip=True)
            for row in rows}


def test_start_an_assessment_and_get_a_reference_at_once(author_client, app_context):
    page = author_client.get_page("assessments.start_assessment")
    assert page.h1.get_text(strip=True) == "Start a new assessment"
    response = author_client.post_form("assessments.start_assessment", {
        "title": "Closing the Millbrook cash desk", "assessment_type": "service_change",
        "unit_id": "", "lead_officer_id": str(author_client.user_id),
        "decision_maker": "Head of Customer Services", "decision_forum": "",
        "decision_date": ["1", "6", str(date.today().year + 1)],
        "work_started_on": ["1", "1", str(date.today().year)], "strategic_decision": "no",
    })
    year = utcnow().year
    assert response.status_code == 302
    assert response.location.startswith(f"/assessments/EIA-{year}-")
    task_list = parse(author_client.get(response.location))
    assert task_list.h1.get_text(strip=True) == "Closing the Millbrook cash desk"
    assert "You have completed 0 of 11 sections" in task_list.get_text()


def test_references_count_up_within_the_year(author):
    first = start_assessment(author).reference
    second = start_assessment(author).reference
    year, number = first.rsplit("-", 1)
    assert second == f"{year}-{int(number) + 1:04d}"


def test_start_form_errors_keep_what_was_typed(author_client):
    page = parse(author_client.post_form("assessments.start_assessment", {
        "title": HOSTILE, "assessment_type": "", "lead_officer_id": str(author_client.user_id),
        "decision_maker": "", "decision_date": ["31", "2", "2027"],
        "work_started_on": ["", "3", "2026"],
    }))
    assert error_summary(page) == [
        "Select what kind of proposal it is",
        "Enter who makes the decision",
        "The expected decision date must be a real date",
        "The date the equality work started must include a day",
        "Say whether this is a strategic decision",
    ]
    assert page.select_one("input[name=title]")["value"] == HOSTILE
    assert page.select_one("#decision_date-day")["value"] == "31"


def test_task_list_before_and_after_screening(author_client, version):
    page = author_client.get_page("assessments.view_task_list", reference=version.reference)
    statuses = task_statuses(page)
    assert statuses["1. Screening"] == "Not started"
    assert statuses["2. Aims and scope"] == "Cannot start yet"


def save_page(client, version, section, page, data, intent="continue"):
    return client.post_form("assessments.edit_page", {**data, "intent": intent},
                            reference=version.reference, section_id=section, page_id=page)


SCREENING_DECISION = {"screening_decision": "full_assessment",
                      "screening_basis": "Patients of the clinic are older than average."}


def test_save_and_continue_requires_answers_but_save_and_come_back_later_does_not(
        author_client, version):
    page = parse(save_page(author_client, version, "screening", "the_change", {}))
    assert error_summary(page) == [
        "Select an answer for ‘What kind of change is this?’",
        "Enter an answer for ‘In a few sentences, what is changing?’",
        "Select an answer for ‘Who could be affected?’",
    ]
    response = save_page(author_client, version, "screening", "the_change",
                         {"change_description": HOSTILE}, intent="later")
    assert response.location == f"/assessments/{version.reference}"
    page = author_client.get_page("assessments.edit_page", reference=version.reference,
                                  section_id="screening", page_id="the_change")
    assert page.select_one("textarea[name=change_description]").get_text() == HOSTILE
    assert "<script>alert" not in str(page.select_one("main")).replace(
        "&lt;script&gt;", "")  # shown escaped, never as markup


def test_an_answer_not_offered_is_refused_with_what_to_choose_and_the_rest_kept(
        author_client, version):
    page = parse(save_page(author_client, version, "screening", "the_change", {
        "change_nature": "something-else", "change_description": HOSTILE}, intent="later"))
    assert error_summary(page) == ["Select an answer for ‘What kind of change is this?’"]
    assert page.select_one("textarea[name=change_description]").get_text() == HOSTILE


def test_conditional_question_is_required_only_when_shown(author_client, version):
    page = parse(save_page(author_client, version, "screening", "decision",
                           {"screening_decision": "not_relevant", "screening_basis": "x"}))
    assert error_summary(page) == [
        "Enter an answer for ‘Why is the proposal not relevant to equality?’"]
    response = save_page(author_client, version, "screening", "decision", SCREENING_DECISION)
    assert response.location.endswith("/sections/screening/complete")


def test_screening_out_gives_the_short_form(author_client, version, app_context):
    save_page(author_client, version, "screening", "decision", {
        "screening_decision": "not_relevant", "screening_basis": "Supplier plan",
        "not_relevant_reason": "Only the hosting changes; nothing users see or do changes."})
    page = author_client.get_page("assessments.view_task_list", reference=version.reference)
    assert list(task_statuses(page)) == [
        "1. Screening", "2. Aims and scope", "11. Monitoring and review"]
    assert "only the short form applies" in page.get_text()


def test_a_section_cannot_be_marked_complete_while_answers_are_missing(author_client, version):
    save_page(author_client, version, "screening", "decision", SCREENING_DECISION)
    page = parse(author_client.post_form("assessments.complete_section", {"completed": "yes"},
                                         reference=version.reference, section_id="screening"))
    [message] = error_summary(page)
    assert message.startswith("Screening is not finished yet: answer ‘What kind of change")
    response = author_client.post_form("assessments.complete_section", {"completed": "no"},
                                       reference=version.reference, section_id="screening")
    assert response.status_code == 302


def test_twenty_thousand_character_answers_are_kept_exactly(author_client, version,
                                                            app_context):
    long_text = ("Older patients in Eastfield — ŵ ŷ é — " * 600)[:20_000]
    response = save_page(author_client, version, "aims_and_scope", "purpose",
                         {"purpose": long_text, "intended_outcomes": HOSTILE})
    assert response.status_code == 302
    db.session.expire_all()
    saved = db.session.get(AssessmentVersion, version.id).section("aims_and_scope").answers
    assert saved["purpose"] == long_text and saved["intended_outcomes"] == HOSTILE
    too_long = parse(save_page(author_client, version, "aims_and_scope", "purpose",
                               {"purpose": long_text + "x", "intended_outcomes": "ok"}))
    assert error_summary(too_long) == ["Your answer must be 20,000 characters or fewer"]
    assert too_long.select_one("textarea[name=purpose]").get_text() == long_text + "x"


def test_text_areas_are_drawn_as_the_design_systems_macro_draws_them(author_client, version,
                                                                     monkeypatch):
    """The character counts written directly (forms/character_count.py) leave a question page,
    with and without errors, exactly as the macro would."""
    answers = {"purpose": HOSTILE * 400, "intended_outcomes": "\nStarts with a line break"}

    write = character_count.html_of
    written_directly = []

    def both_ways(draw):
        monkeypatch.setattr(character_count, "html_of",
                            lambda params: written_directly.append(write(params)) or write(params))
        written = draw()
        monkeypatch.setattr(character_count, "html_of", lambda params: None)
        drawn_by_macro = draw()
        monkeypatch.undo()
        return [_without_tokens(page) for page in (written, drawn_by_macro)]

    def the_page():
        return author_client.get(author_client.url(
            "assessments.edit_page", reference=version.reference,
            section_id="aims_and_scope", page_id="purpose")).get_data(True)

    def refused():
        return save_page(author_client, version, "aims_and_scope", "purpose",
                         answers).get_data(True)

    written, drawn_by_macro = both_ways(refused)
    assert 'govuk-textarea--error' in written
    assert written == drawn_by_macro
    save_page(author_client, version, "aims_and_scope", "purpose",
              {**answers, "purpose": HOSTILE}, intent="later")
    written, drawn_by_macro = both_ways(the_page)
    assert written.count('data-module="govuk-character-count"') == 2
    assert written == drawn_by_macro
    assert len(written_directly) == 4 and None not in written_directly


def _without_tokens(page: str) -> str:
    """`page` without what differs on every request: script nonces and CSRF tokens."""
    return re.sub(r'(nonce|name="csrf_token" value)="[^"]*"', "", page)


# Any Unicode but NUL (which PostgreSQL cannot store) and lone surrogates (not UTF-8); not
# blank, because a required answer of only spaces or line breaks is refused as missing.
ANY_TEXT = st.text(st.characters(codec="utf-8", exclude_characters="\x00"), min_size=1,
                   max_size=300).filter(str.strip)


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(text=ANY_TEXT)
def test_any_unicode_answer_is_kept_exactly_and_shown_escaped(author_client, version, text):
    """SECURITY.md (Output encoding): Markup and script in every text field shown escaped in
    HTML, PDF, CSV and JSON."""
    response = save_page(author_client, version, "aims_and_scope", "purpose",
                         {"purpose": text, "intended_outcomes": HOSTILE})
    assert response.status_code == 302
    db.session.expire_all()
    saved = db.session.get(AssessmentVersion, version.id).section("aims_and_scope").answers
    assert saved["purpose"] == text

    body = author_client.get(author_client.url("assessments.check_answers",
                                               reference=version.reference)).get_data(True)
    assert str(escape(text)) in body
    assert str(escape(HOSTILE)) in body and "<script>alert" not in body


def test_second_save_of_the_same_page_is_refused_and_shows_both_texts(app, author_client,
                                                                     author, version):
    contributor = add_contributor(author, version, "Tom Evans")
    save_page(author_client, version, "aims_and_scope", "purpose",
              {"purpose": "First draft", "intended_outcomes": "Shorter waits"})
    other = sign_in_client(app, contributor)

    mine = author_client.get_page("assessments.edit_page", reference=version.reference,
                                  section_id="aims_and_scope", page_id="purpose")
    theirs = other.get_page("assessments.edit_page", reference=version.reference,
                            section_id="aims_and_scope", page_id="purpose")
    lock = mine.select_one("input[name=lock_version]")["value"]
    assert theirs.select_one("input[name=lock_version]")["value"] == lock

    first = save_page(other, version, "aims_and_scope", "purpose", {
        "purpose": "Tom's purpose", "intended_outcomes": "Tom's outcomes", "lock_version": lock})
    assert first.status_code == 302
    second = save_page(author_client, version, "aims_and_scope", "purpose", {
        "purpose": "Priya's purpose", "intended_outcomes": "Priya's outcomes",
        "lock_version": lock})
    assert second.status_code == 409
    page = parse(second)
    assert page.h1.get_text(strip=True) == "Your changes have not been saved"
    assert "Tom Evans saved this page" in page.get_text()
    mine_texts = [t.get_text() for t in page.select("textarea")]
    assert "Priya's purpose" in mine_texts and "Priya's outcomes" in mine_texts
    assert "Tom's purpose" in page.get_text()
    db.session.expire_all()
    saved = db.session.get(AssessmentVersion, version.id).section("aims_and_scope").answers
    assert saved["purpose"] == "Tom's purpose"


def test_details_saved_by_someone_else_since_are_named_and_nothing_is_overwritten(
        app, author_client, author, version):
    contributor = add_contributor(author, version, "Tom Evans")
    form = details_form(version)
    first = sign_in_client(app, contributor).post_form(
        "assessments.edit_details", {**form, "title": "Tom's title"},
        reference=version.reference)
    assert first.status_code == 302
    second = author_client.post_form("assessments.edit_details",
                                     {**form, "title": "Priya's title"},
                                     reference=version.reference)
    assert second.status_code == 409
    assert "Tom Evans saved this page" in parse(second).get_text()
    db.session.expire_all()
    assert db.session.get(AssessmentVersion, version.id).title == "Tom's title"


def test_who_may_see_and_change_an_assessment(app, client_as, author, version):
    reference = version.reference
    for role in (Role.REVIEWER, Role.APPROVER, Role.ADMIN):
        reader = client_as(role)
        assert reader.get(f"/assessments/{reference}").status_code == 200, role
        assert reader.get(f"/assessments/{reference}/check-answers").status_code == 200
        assert reader.get(f"/assessments/{reference}/details").status_code in (403, 404)
    other_author = client_as(Role.AUTHOR)
    assert other_author.get(f"/assessments/{reference}").status_code == 404
    assert other_author.get(f"/assessments/{reference}/details").status_code == 404


def test_a_trainee_gets_404_for_every_assessment_url(app, client_as, version):
    trainee = client_as(Role.TRAINEE)
    urls = [rule.build({arg: {"reference": version.reference, "section_id": "screening",
                              "page_id": "the_change", "group_id": "age"}.get(arg, 1)
                        for arg in rule.arguments})[1]
            for rule in app.url_map.iter_rules() if rule.endpoint.startswith("assessments.")]
    assert len(urls) > 10
    for url in urls:
        response = trainee.get(url) if "GET" in _methods(app, url) else trainee.post(
            url, data={"csrf_token": trainee.csrf_token()})
        assert response.status_code == 404, url


def _methods(app, url):
    adapter = app.url_map.bind("localhost")
    try:
        adapter.match(url, method="GET")
        return {"GET"}
    except Exception:
        return {"POST"}


def test_your_assessments_on_the_home_page(author_client, version):
    page = author_client.get_page("main.home")
    row = page.select_one("#home-author").find_next("tbody").select_one("tr")
    assert version.title in row.get_text()
    assert "Draft" in row.get_text()
    assert "Complete 11 more sections" in row.get_text()
    assert page.select_one("a[href='/assessments/new']").get_text(strip=True) == (
        "Start a new assessment")


def test_check_answers_lists_blocking_problems_with_links(author_client, version):
    page = author_client.get_page("assessments.check_answers", reference=version.reference)
    summary = page.select_one(".govuk-error-summary")
    assert "stop this assessment being submitted" in summary.get_text()
    links = [a["href"] for a in summary.select("a")]
    assert links, "the summary links to no problem"
    assert all(href.startswith(f"/assessments/{version.reference}") for href in links)
