"""The action plan: adding, changing and removing actions, and what refuses a change."""

from __future__ import annotations

from datetime import date

from eia.services import sections
from tests.integration.conftest import audit_events, saved
from tests.pages import error_summary, parse

HOSTILE = '<script>alert("x")</script> & "quotes" é ŵ ŷ'
NEXT_YEAR = date.today().year + 1
TRANSPORT = {
    "description": "Offer free patient transport to anyone over 75 or with a Blue Badge.",
    "groups": ["age", "disability"],
    "owner": "Outpatient Services Manager",
    "due_date": ["30", "6", str(NEXT_YEAR)],
    "success_measure": "Missed appointments by age band stay at last year's level.",
    "status": "planned",
}


def add(client, version, data=TRANSPORT):
    return client.post_form("assessments.add_action", data, reference=version.reference)


def card_text(page, index=0) -> str:
    return page.select(".govuk-summary-card")[index].get_text(" ", strip=True)


def test_add_an_action_and_see_it_in_the_plan(author_client, version):
    page = author_client.get_page("assessments.list_actions", reference=version.reference)
    assert "No actions have been added yet." in page.get_text()
    form = author_client.get_page("assessments.add_action", reference=version.reference)
    assert form.select_one("input[name=status][value=planned]").has_attr("checked")
    assert [label.get_text(strip=True) for label in form.select(
        ".govuk-checkboxes__label")][-2:] == ["Carers", "Socio-economic disadvantage"]

    response = add(author_client, version)
    assert response.location == f"/assessments/{version.reference}/actions"
    page = author_client.get_page("assessments.list_actions", reference=version.reference)
    text = card_text(page)
    assert "Offer free patient transport" in text
    assert "Age, Disability" in text
    assert f"30 June {NEXT_YEAR}" in text
    assert "Outpatient Services Manager" in text and "Status Planned" in text
    [action] = saved(version).actions
    assert (action.groups, action.due_date) == (["age", "disability"], date(NEXT_YEAR, 6, 30))
    event = audit_events(version)[-1]
    assert event.action == "assessment.action_added"
    assert event.actor_id == author_client.user_id
    assert str(action.id) in event.details


def test_a_bad_due_date_is_explained_and_what_was_typed_is_kept(author_client, version):
    page = parse(add(author_client, version, {
        **TRANSPORT, "description": HOSTILE, "due_date": ["31", "2", str(NEXT_YEAR)]}))
    assert error_summary(page) == ["The due date must be a real date"]
    assert page.select_one("#due_date-day")["value"] == "31"
    assert page.select_one("#due_date-month")["value"] == "2"
    assert page.select_one("textarea[name=description]").get_text() == HOSTILE
    assert {box["value"] for box in page.select("input[name=groups][checked]")} == {
        "age", "disability"}
    page = parse(add(author_client, version, {**TRANSPORT, "due_date": ["", "6", "2027"]}))
    assert error_summary(page) == ["The due date must include a day"]
    assert saved(version).actions == []


def test_owner_and_due_date_can_wait_but_the_checks_ask_for_them(author_client, version):
    add(author_client, version, {"description": "Survey carers", "status": "planned"})
    [action] = saved(version).actions
    page = author_client.get_page("assessments.check_answers", reference=version.reference)
    problems = page.select_one(".govuk-error-summary")
    assert problems.select_one(f"a[href='/assessments/{version.reference}/actions/"
                               f"{action.id}']")
    assert "Name an owner for the action" in problems.get_text()


def test_the_plan_cannot_be_marked_complete_until_every_action_has_an_owner_and_date(
        author_client, version):
    add(author_client, version, {"description": "Survey carers", "status": "planned"})
    page = parse(author_client.post_form("assessments.complete_section", {"completed": "yes"},
                                         reference=version.reference,
                                         section_id="action_plan"))
    [message] = error_summary(page)
    assert "name an owner for every action" in message
    row = saved(version).section("action_plan")
    assert row is None or not row.completed


def test_change_an_action(author_client, version):
    add(author_client, version)
    [action] = saved(version).actions
    form = author_client.get_page("assessments.edit_action", reference=version.reference,
                                  action_id=action.id)
    assert form.select_one("#due_date-day")["value"] == "30"
    assert form.select_one("input[name=groups][value=age]").has_attr("checked")
    response = author_client.post_form("assessments.edit_action", {
        **TRANSPORT, "groups": ["carers"], "status": "in_progress",
        "lock_version": form.select_one("input[name=lock_version]")["value"]},
        reference=version.reference, action_id=action.id)
    assert response.status_code == 302
    changed = saved(version).actions[0]
    assert (changed.groups, changed.status) == (["carers"], "in_progress")
    assert audit_events(version)[-1].action == "assessment.action_changed"
    page = author_client.get_page("assessments.list_actions", reference=version.reference)
    assert "Status In progress" in card_text(page)


def test_only_the_assessments_own_groups_can_be_chosen(author_client, version):
    page = parse(add(author_client, version, {**TRANSPORT,
                                              "groups": ["health_inequalities"]}))
    assert len(error_summary(page)) == 1
    assert saved(version).actions == []


def test_adding_an_action_reopens_the_plan(author, author_client, version):
    section = version.framework.section("action_plan")
    sections.set_section_completed(author, version, section, True, missing=[])
    add(author_client, version)
    assert saved(version).section("action_plan").completed is False
