"""SQL wildcards typed into a search are looked for literally, in every search: the staff
register's is tested with its other filters (test_registers.py); here the public register, the
API's list and the administrators' list of users."""

from __future__ import annotations

from eia.domain import Role
from tests.factories import AssessmentFactory, UserFactory, start_assessment

WILDCARDS = ["%", "_", "%%", "_%_"]


def test_the_public_register_search_takes_wildcards_literally(client, app_context):
    """Issue 15, hostile input: SQL wildcards (% and _) in every search match only themselves."""
    published = AssessmentFactory(published=True)
    assert "%" not in published.title and "_" not in published.title
    for term in WILDCARDS:
        page = client.get_page("register.index", q=term)
        assert page.select("tbody tr") == [], term


def test_the_api_list_search_takes_wildcards_literally(client_as, author, app_context):
    """Issue 15, hostile input: SQL wildcards (% and _) in every search match only themselves."""
    reviewer = client_as(Role.REVIEWER)
    start_assessment(author, title="100% of café users_")
    start_assessment(author, title="Plain title")
    for term in WILDCARDS[:2]:
        answer = reviewer.get("/api/v1/assessments", query_string={"q": term}).get_json()
        assert [item["title"] for item in answer["items"]] == ["100% of café users_"], term
    answer = reviewer.get("/api/v1/assessments", query_string={"q": "_%_"}).get_json()
    assert answer["items"] == []


def test_the_user_search_takes_wildcards_literally(client_as, app_context):
    """Issue 15, hostile input: SQL wildcards (% and _) in every search match only themselves."""
    admin_client = client_as(Role.ADMIN)
    UserFactory(name="Gym 100% Fit_Club", email="fit@example.org")
    UserFactory(name="Plain Person", email="plain@example.org")
    for term in WILDCARDS[:2]:
        page = admin_client.get_page("admin.list_users", q=term)
        assert [a.get_text(strip=True) for a in page.select("tbody a")] == [
            "Gym 100% Fit_Club"], term
    page = admin_client.get_page("admin.list_users", q="_%_")
    assert "No users match your search" in page.get_text()
