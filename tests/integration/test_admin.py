"""Administrators manage users and organisational units."""

from __future__ import annotations

import pytest

from eia.domain import Role
from eia.extensions import db
from eia.models.audit import AuditEvent
from eia.models.users import OrgUnit, User
from tests.factories import UnitFactory, UserFactory
from tests.pages import banner_text, error_summary, parse


@pytest.fixture
def admin_client(client_as):
    return client_as(Role.ADMIN, name="Alex Admin")


def audit_actions(object_type: str, object_id) -> list[str]:
    return [e.action for e in db.session.scalars(
        db.select(AuditEvent).where(AuditEvent.object_type == object_type,
                                    AuditEvent.object_id == str(object_id))
        .order_by(AuditEvent.id))]


def test_list_and_search_users(admin_client, app_context):
    UserFactory(name="Grace Okafor", email="grace@example.org")
    UserFactory(name="Tom Evans", email="tom@example.org")
    page = admin_client.get_page("admin.list_users", q="okaf")
    names = [a.get_text(strip=True) for a in page.select("tbody a")]
    assert names == ["Grace Okafor"]
    page = admin_client.get_page("admin.list_users", q="TOM@EXAMPLE")
    assert [a.get_text(strip=True) for a in page.select("tbody a")] == ["Tom Evans"]
    page = admin_client.get_page("admin.list_users", q="100%_")
    assert "No users match your search" in page.get_text()


def test_create_user_sends_an_invitation(admin_client, app_context, outbox):
    unit = UnitFactory(name="Community Health Services")
    response = admin_client.post_form("admin.create_user", {
        "email": "Nia.Jones@Example.org", "name": "Nia Jones", "job_title": "Physiotherapist",
        "unit_id": str(unit.id), "roles": ["author", "trainee"],
    })
    user = db.session.scalar(db.select(User).where(User.email == "nia.jones@example.org"))
    assert response.location == f"/admin/users/{user.id}"
    assert user.roles == {Role.AUTHOR, Role.TRAINEE}
    assert user.unit_id == unit.id and not user.has_password
    [message] = outbox.wait_for(1)
    assert message["To"] == "nia.jones@example.org"
    assert "Alex Admin has created a Due Regard account for you" in message.get_content()
    assert audit_actions("user", user.id) == ["user.created"]


def test_create_user_with_bad_input_keeps_what_was_typed(admin_client, app_context):
    UserFactory(email="taken@example.org")
    page = parse(admin_client.post_form("admin.create_user", {
        "email": "TAKEN@example.org", "name": "Nia <b>Jones</b>", "job_title": "",
        "unit_id": "", "roles": []}))
    assert error_summary(page) == ["Enter the person's job title", "Select at least one role"]
    assert page.select_one("input[name=name]")["value"] == "Nia <b>Jones</b>"
    assert page.select_one("input[name=email]")["value"] == "TAKEN@example.org"


def test_duplicate_email_regardless_of_case(admin_client, app_context):
    UserFactory(email="taken@example.org")
    page = parse(admin_client.post_form("admin.create_user", {
        "email": "Taken@Example.ORG", "name": "Someone", "job_title": "Officer",
        "unit_id": "", "roles": ["author"]}))
    assert error_summary(page) == ["A user with this email address already exists"]


def test_unknown_unit_or_role_is_refused(admin_client, app_context):
    page = parse(admin_client.post_form("admin.create_user", {
        "email": "x@example.org", "name": "X", "job_title": "Officer",
        "unit_id": "99999", "roles": ["superuser"]}))
    assert len(error_summary(page)) == 2


def test_edit_roles_and_unit(admin_client, app_context):
    unit = UnitFactory(name="Corporate Services")
    user = UserFactory(roles={Role.AUTHOR})
    page = admin_client.get_page("admin.edit_user", user_id=user.id)
    assert page.select_one("input[value=author]").has_attr("checked")
    response = admin_client.post_form("admin.edit_user", {
        "name": user.name, "job_title": "Equality Lead", "unit_id": str(unit.id),
        "roles": ["reviewer", "approver"]}, user_id=user.id)
    assert response.status_code == 302
    db.session.refresh(user)
    assert user.roles == {Role.REVIEWER, Role.APPROVER}
    assert user.job_title == "Equality Lead" and user.unit_id == unit.id
    assert audit_actions("user", user.id)[-1] == "user.updated"


def test_admin_cannot_remove_their_own_admin_role(admin_client, app_context):
    """SECURITY.md (Access): No role given through a form that does not offer one."""
    me = db.session.get(User, admin_client.user_id)
    page = parse(admin_client.post_form("admin.edit_user", {
        "name": me.name, "job_title": "x", "unit_id": "", "roles": ["author"]}, user_id=me.id))
    assert error_summary(page) == ["You cannot remove your own administrator role"]


def test_disable_ends_sessions_and_enable_restores(app, admin_client, app_context):
    """SECURITY.md (Sessions): Sign-out and disablement end every session."""
    from tests.conftest import sign_in_client

    user = UserFactory(roles={Role.AUTHOR})
    their_client = sign_in_client(app, user)
    response = admin_client.post_form("admin.disable_user", user_id=user.id, follow=True)
    assert "has been disabled" in response.get_data(as_text=True)
    assert their_client.get("/").status_code == 302
    admin_client.post_form("admin.enable_user", user_id=user.id)
    db.session.refresh(user)
    assert user.active
    assert audit_actions("user", user.id)[-2:] == ["user.disabled", "user.enabled"]


def test_admin_cannot_disable_themself(admin_client, app_context):
    response = admin_client.post_form("admin.disable_user", user_id=admin_client.user_id,
                                      follow=True)
    assert "You cannot disable your own account" in response.get_data(as_text=True)
    assert db.session.get(User, admin_client.user_id).active


def test_missing_user_is_404(admin_client):
    admin_client.get_page("admin.view_user", user_id=987654, expected_status=404)


def test_units_create_rename_and_delete(admin_client, app_context):
    response = admin_client.post_form("admin.create_unit", {"name": "Adult Social Care",
                                                            "parent_id": ""})
    assert response.status_code == 302
    directorate = db.session.scalar(db.select(OrgUnit).where(OrgUnit.name == "Adult Social Care"))
    admin_client.post_form("admin.create_unit", {"name": "Day Services",
                                                 "parent_id": str(directorate.id)})
    page = admin_client.get_page("admin.list_units")
    rows = [[c.get_text(" ", strip=True) for c in r.select("td")[:2]]
            for r in page.select("tbody tr")]
    assert ["Day Services", "Team in Adult Social Care"] in rows

    team = db.session.scalar(db.select(OrgUnit).where(OrgUnit.name == "Day Services"))
    # A directorate with teams cannot be deleted.
    response = admin_client.post_form("admin.delete_unit", unit_id=directorate.id, follow=True)
    assert "still has teams or people in it" in response.get_data(as_text=True)

    admin_client.post_form("admin.edit_unit", {"name": "Day Opportunities",
                                               "parent_id": str(directorate.id)}, unit_id=team.id)
    db.session.refresh(team)
    assert team.name == "Day Opportunities"
    admin_client.post_form("admin.delete_unit", unit_id=team.id)
    assert db.session.scalar(db.select(OrgUnit).where(OrgUnit.id == team.id)) is None
    assert audit_actions("org_unit", team.id) == ["unit.created", "unit.updated", "unit.deleted"]


def test_unit_names_are_unique_within_their_parent(admin_client, app_context):
    UnitFactory(name="Finance")
    page = parse(admin_client.post_form("admin.create_unit", {"name": "finance",
                                                              "parent_id": ""}))
    assert error_summary(page) == ["There is already a directorate called finance"]


def test_flash_after_creating_a_unit(admin_client):
    page = parse(admin_client.post_form("admin.create_unit", {"name": "Estates", "parent_id": ""},
                                        follow=True))
    assert "Estates has been added" in banner_text(page)


# Settings: the organisation's nation and sector, and the extra groups ---------------------------


def test_a_preset_switches_on_the_groups_for_the_nation_and_sector(admin_client, app_context):
    page = admin_client.get_page("admin.edit_settings")
    offered = [label.get_text(strip=True) for label in
               page.select("input[name=preset] + label")]
    assert offered == ["An NHS body in England", "A local authority in England",
                       "A public body in Wales", "A public body in Scotland"]

    response = admin_client.post_form("admin.apply_preset", {"preset": "scotland"})
    page = parse(admin_client.get(response.headers["Location"]))
    assert "Settings saved for a public body in Scotland" in banner_text(page)
    ticked = {box["value"] for box in page.select("input[name=groups][checked]")}
    assert ticked == {"carers", "childrens_rights", "armed_forces", "rurality"}
    assert page.select_one("input[name=preset][value=scotland]").has_attr("checked")
    assert audit_actions("setting", "enabled_extra_groups") == ["settings.extra_groups_changed"]

    # The groups can still be changed one by one afterwards.
    response = admin_client.post_form("admin.edit_settings",
                                      {"groups": ["carers", "socio_economic"],
                                       "practice_required": "no"})
    assert response.status_code == 302, error_summary(parse(response))
    page = admin_client.get_page("admin.edit_settings")
    assert {box["value"] for box in page.select("input[name=groups][checked]")} == {
        "carers", "socio_economic"}


def test_an_unknown_or_missing_preset_is_refused_and_nothing_changes(admin_client,
                                                                     app_context):
    before = {box["value"] for box in admin_client.get_page("admin.edit_settings").select(
        "input[name=groups][checked]")}
    for data, message in (({}, "Select what describes your organisation"),
                          ({"preset": "atlantis"}, "Select what describes your organisation")):
        page = parse(admin_client.post_form("admin.apply_preset", data))
        assert error_summary(page) == [message]
        assert {box["value"] for box in page.select("input[name=groups][checked]")} == before
    assert audit_actions("setting", "enabled_extra_groups") == []
