"""The action plan: adding, changing and removing actions, and what refuses a change."""

from __future__ import annotations

from datetime import date

from eia.permissions import Role
from eia.services import sections
from eia.services.frameworks import framework_of
from tests.conftest import sign_in_client
from tests.factories import UserFactory, start_assessment
from tests.integration.conftest import audit_events, saved
from tests.pages import banner_text, error_summary, parse

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


def test_an_action_needs_a_description(author_client, version):
    page = parse(add(author_client, version, {**TRANSPORT, "description": "   "}))
    assert error_summary(page) == ["Enter what will be done"]
    assert page.select_one("input[name=owner]")["value"] == "Outpatient Services Manager"
    assert saved(version).actions == []


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


def test_remove_an_action_after_confirming(author_client, version):
    add(author_client, version)
    [action] = saved(version).actions
    page = author_client.get_page("assessments.list_actions", reference=version.reference)
    remove = page.select_one(".govuk-summary-card__actions a[href$='/remove']")
    assert remove.get_text(" ", strip=True) == "Remove (Action 1)"
    confirm = author_client.get_page("assessments.remove_action", reference=version.reference,
                                     action_id=action.id)
    assert "Offer free patient transport" in confirm.select_one("#action-to-remove").get_text()
    assert saved(version).actions != []  # looking at the confirmation removes nothing
    response = author_client.post_form("assessments.remove_action", {
        "lock_version": confirm.select_one("input[name=lock_version]")["value"]},
        reference=version.reference, action_id=action.id, follow=True)
    assert banner_text(parse(response)).endswith("Action removed")
    assert saved(version).actions == []
    assert audit_events(version)[-1].action == "assessment.action_removed"


def test_an_action_of_another_assessment_is_not_found(author, author_client, version):
    other_version = start_assessment(author, title="Another proposal")
    add(author_client, other_version)
    [elsewhere] = saved(other_version).actions
    for endpoint in ("assessments.edit_action", "assessments.remove_action"):
        author_client.get_page(endpoint, reference=version.reference, action_id=elsewhere.id,
                               expected_status=404)
    response = author_client.post_form("assessments.remove_action", {},
                                       reference=version.reference, action_id=elsewhere.id)
    assert response.status_code == 404
    assert len(saved(other_version).actions) == 1


def test_another_authors_assessment_is_not_found(client_as, author_client, version):
    add(author_client, version)
    [action] = saved(version).actions
    stranger = client_as(Role.AUTHOR)
    stranger.get_page("assessments.list_actions", reference=version.reference,
                      expected_status=404)
    stranger.get_page("assessments.add_action", reference=version.reference,
                      expected_status=404)
    stranger.get_page("assessments.edit_action", reference=version.reference,
                      action_id=action.id, expected_status=404)
    assert add(stranger, version).status_code == 404
    assert len(saved(version).actions) == 1


def test_only_the_assessments_own_groups_can_be_chosen(author_client, version):
    page = parse(add(author_client, version, {**TRANSPORT,
                                              "groups": ["health_inequalities"]}))
    assert len(error_summary(page)) == 1
    assert saved(version).actions == []


def test_save_and_continue_moves_on_and_changes_reopen_the_section(author, author_client,
                                                                  version):
    response = author_client.post_form("assessments.list_actions", reference=version.reference)
    assert response.location == (
        f"/assessments/{version.reference}/sections/action-plan/complete")
    section = framework_of(version).section("action_plan")
    sections.set_section_completed(author, version, section, True, missing=[])
    add(author_client, version)
    assert saved(version).section("action_plan").completed is False


def test_a_stale_change_is_refused_and_nothing_is_saved(app, author, author_client):
    contributor = UserFactory(roles={Role.AUTHOR}, name="Tom Evans")
    version = start_assessment(author, contributor_ids=[contributor.id])
    other = sign_in_client(app, contributor)
    add(author_client, version)
    [action] = saved(version).actions
    mine = author_client.get_page("assessments.edit_action", reference=version.reference,
                                  action_id=action.id)
    lock = mine.select_one("input[name=lock_version]")["value"]

    first = other.post_form("assessments.edit_action", {
        **TRANSPORT, "owner": "Tom's owner", "lock_version": lock},
        reference=version.reference, action_id=action.id)
    assert first.status_code == 302
    events = len(audit_events(version))
    second = author_client.post_form("assessments.edit_action", {
        **TRANSPORT, "owner": "Priya's owner", "lock_version": lock},
        reference=version.reference, action_id=action.id)
    assert second.status_code == 409
    page = parse(second)
    assert page.h1.get_text(strip=True) == "Your changes have not been saved"
    assert "Priya's owner" in [t.get_text() for t in page.select("textarea")]
    assert "Tom's owner" in page.get_text()
    assert saved(version).actions[0].owner == "Tom's owner"

    removal = author_client.post_form("assessments.remove_action", {"lock_version": lock},
                                      reference=version.reference, action_id=action.id)
    assert removal.status_code == 409
    assert len(saved(version).actions) == 1
    assert len(audit_events(version)) == events


def test_check_answers_lists_each_action_with_a_change_link(author_client, version):
    page = author_client.get_page("assessments.check_answers", reference=version.reference)
    assert "None added" in page.select_one("#section-action_plan").find_next(
        "dl").get_text()
    add(author_client, version)
    [action] = saved(version).actions
    page = author_client.get_page("assessments.check_answers", reference=version.reference)
    card = page.select_one("#section-action_plan").find_next(class_="govuk-summary-card")
    assert "Offer free patient transport" in card.get_text()
    change = card.select_one(".govuk-summary-card__actions a")
    assert change["href"] == f"/assessments/{version.reference}/actions/{action.id}"
