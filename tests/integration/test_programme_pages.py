"""The programme pages: the list, starting and changing a programme, and its hub."""

from __future__ import annotations

from eia.domain import Role
from eia.extensions import db
from eia.models.users import User
from eia.services.training import programmes
from tests.factories import UserFactory, programme
from tests.pages import check_page, parse


def person(client) -> User:
    return db.session.get(User, client.user_id)


def test_a_facilitator_starts_a_programme_and_lands_on_its_hub(client_as, app_context):
    client = client_as(Role.FACILITATOR, name="Tomasz Nowak")
    response = client.post_form("training.create_programme", {
        "name": "EIA training 2027", "target_delegates": "200", "lead_id": str(client.user_id),
        "description": "Every manager, by March."}, follow=True)
    page = parse(response)
    check_page(page)
    assert page.h1.get_text(strip=True) == "EIA training 2027"
    assert "200 delegates" in page.get_text()
    links = [a.get_text(strip=True) for a in page.select(".app-hub a")]
    assert {"Facilitator pathway", "Best-practice document", "Question board",
            "Resource library", "Hand-over pack (zip)"} <= set(links)
    for link in page.select(".app-hub a"):
        assert client.get(link["href"]).status_code == 200, link["href"]
    listed = client.get_page("training.list_programmes")
    assert "EIA training 2027" in listed.select_one("table").get_text()


def test_bad_input_is_listed_and_nothing_typed_is_lost(client_as, app_context):
    client = client_as(Role.ADMIN)
    response = client.post_form("training.create_programme", {
        "name": "Roll-out", "target_delegates": "lots", "lead_id": "",
        "description": "Keep this"})
    page = parse(response)
    summary = page.select_one(".govuk-error-summary").get_text()
    assert "Enter the target as a whole number, such as 200" in summary
    assert "Choose the programme lead" in summary
    assert page.select_one("#name")["value"] == "Roll-out"
    assert page.select_one("#description").get_text() == "Keep this"
    assert programmes.list_programmes() == []


def test_only_the_lead_or_an_administrator_changes_a_programme(client_as, app_context):
    lead = client_as(Role.FACILITATOR, name="Tomasz Nowak")
    other = client_as(Role.FACILITATOR, name="Ana Costa")
    made = programme(person(lead))
    assert other.get(other.url("training.edit_programme", programme_id=made.id)).status_code == 403
    hub = other.get_page("training.view_programme", programme_id=made.id)
    assert "Change the programme’s details" not in hub.get_text()
    admin = client_as(Role.ADMIN)
    response = admin.post_form("training.edit_programme", {
        "name": "EIA training 2027 to 2028", "target_delegates": "250",
        "lead_id": str(other.user_id), "description": ""}, programme_id=made.id)
    assert response.status_code == 302
    db.session.expire_all()
    assert (made.name, made.target_delegates, made.lead.name) == (
        "EIA training 2027 to 2028", 250, "Ana Costa")


def test_trainees_and_authors_are_refused_the_programme_pages(client_as, app_context):
    made = programme()
    for role in (Role.TRAINEE, Role.AUTHOR):
        client = client_as(role)
        assert client.get(client.url("training.list_programmes")).status_code == 403
        assert client.get(client.url("training.view_programme",
                                     programme_id=made.id)).status_code == 403


def test_an_unknown_programme_is_not_found(client_as, app_context):
    client = client_as(Role.FACILITATOR)
    assert client.get(client.url("training.view_programme",
                                 programme_id=999)).status_code == 404


def test_the_team_is_the_lead_and_the_people_on_the_pathway(app_context):
    made = programme(UserFactory(roles={Role.FACILITATOR}, name="Tomasz Nowak"))
    UserFactory(roles={Role.FACILITATOR}, name="Not involved")
    assert [p.name for p in programmes.team_of(made)] == ["Tomasz Nowak"]
