"""The JSON API: personal tokens, scopes, the CSRF header for browsers, problems, the version
check, workflow refusals, rate limits and the register's list."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import update

from eia.domain import Role
from eia.extensions import db
from eia.models.audit import AuditEvent
from eia.models.tokens import ApiToken, TokenScope
from eia.models.types import utcnow
from eia.models.users import User
from eia.services import tokens
from tests.bulk import add_assessments
from tests.factories import AssessmentFactory, start_assessment
from tests.integration.test_registers import counting_queries
from tests.pages import banner_text, parse


def _token(user, scope=TokenScope.WRITE) -> dict:
    _, secret = tokens.create_token(user, "Committee papers", scope, 30)
    return {"Authorization": f"Bearer {secret}"}


@pytest.fixture
def auth(author):
    return _token(author)


def test_a_token_is_shown_once_stored_hashed_listed_and_revocable(author_client, author):
    response = author_client.post_form("account.list_api_tokens", {
        "name": "Committee papers", "scope": "read", "days": "90"})
    page = parse(response)
    secret = page.select_one("code.app-token").get_text()
    assert secret.startswith("dr_")
    stored = db.session.scalar(db.select(ApiToken))
    assert stored.token_hash != secret and secret not in stored.token_hash
    assert stored.prefix == secret[:10]
    listed = author_client.get_page("account.list_api_tokens")
    assert secret not in str(listed)
    row = listed.select_one("tbody tr").get_text(" ", strip=True)
    assert "Committee papers" in row and "Read only" in row and "Never" in row

    assert author_client.get("/api/v1/framework",
                             headers={"Authorization": f"Bearer {secret}"}).status_code == 200
    db.session.expire_all()
    assert db.session.get(ApiToken, stored.id).last_used_at is not None
    assert "Never" not in author_client.get_page("account.list_api_tokens").select_one(
        "tbody tr").get_text()

    response = author_client.post_form("account.revoke_api_token", {"token": stored.id},
                                       follow=True)
    assert "has been revoked" in banner_text(parse(response))
    answer = author_client.get("/api/v1/framework", headers={"Authorization": f"Bearer {secret}"})
    assert answer.status_code == 401
    assert answer.mimetype == "application/problem+json"
    actions = [e.action for e in db.session.scalars(db.select(AuditEvent))]
    assert "api_token.created" in actions and "api_token.revoked" in actions


def test_nobody_revokes_someone_elses_token(author, client_as, app_context):
    """SECURITY.md (Access): Objects checked too: who may not see an assessment gets 404, not
    its title (IDOR), pages and API."""
    token, _ = tokens.create_token(author, "Mine", TokenScope.READ, 30)
    other = client_as(Role.AUTHOR)
    assert other.post_form("account.revoke_api_token", {"token": token.id}).status_code == 404


def test_expired_tokens_and_disabled_users_get_401(client, author, auth, app_context):
    assert client.get("/api/v1/framework", headers=auth).status_code == 200
    db.session.execute(update(ApiToken).values(expires_at=utcnow() - timedelta(seconds=1)))
    assert client.get("/api/v1/framework", headers=auth).status_code == 401
    fresh = _token(author)
    db.session.execute(update(User).where(User.id == author.id).values(active=False))
    assert client.get("/api/v1/framework", headers=fresh).status_code == 401
    assert client.get("/api/v1/framework").status_code == 401
    assert client.get("/api/v1/framework",
                      headers={"Authorization": "Bearer dr_made_up"}).status_code == 401


def test_a_token_acts_with_its_users_roles_and_nothing_more(client, client_as, app_context):
    """SECURITY.md (Access): No role given through a form that does not offer one."""
    trainee = db.session.get(User, client_as(Role.TRAINEE).user_id)
    version = AssessmentFactory()
    answer = client.get(f"/api/v1/assessments/{version.reference}", headers=_token(trainee))
    assert answer.status_code == 404
    assert answer.get_json()["title"] == "Not Found"


def test_a_read_token_cannot_write(client, author, app_context):
    answer = client.post("/api/v1/assessments", headers=_token(author, TokenScope.READ),
                         json={"title": "New", "type": "policy"})
    assert answer.status_code == 403
    assert answer.get_json()["detail"] == "This token can only read"


def test_a_browser_session_needs_the_csrf_header_to_write(author_client):
    body = {"title": "From the browser", "type": "policy"}
    assert author_client.post("/api/v1/assessments", json=body).status_code == 400
    answer = author_client.post("/api/v1/assessments", json=body,
                                headers={"X-CSRFToken": author_client.csrf_token()})
    assert answer.status_code == 201
    assert author_client.get("/api/v1/assessments").status_code == 200


def test_unknown_and_wrong_fields_are_422_by_field(client, auth, app_context):
    answer = client.post("/api/v1/assessments", headers=auth,
                         json={"title": "", "type": "poem", "colour": "blue"})
    assert answer.status_code == 422
    assert answer.mimetype == "application/problem+json"
    errors = answer.get_json()["errors"]
    assert errors["colour"] == ["Unknown field."]
    assert errors["title"] == ["Must not be blank."]
    assert "type" in errors
    answer = client.get("/api/v1/assessments?colour=blue&page=0", headers=auth)
    assert answer.status_code == 422
    assert set(answer.get_json()["errors"]) == {"colour", "page"}


def test_a_stale_edit_is_409_with_both_texts(client, author, auth, app_context):
    """SECURITY.md (No lost work): A stale edit is refused with both versions shown."""
    version = start_assessment(author, title="Parking charges")
    url = f"/api/v1/assessments/{version.reference}"
    lock = client.get(url, headers=auth).get_json()["lock_version"]
    first = client.patch(url, headers=auth, json={"title": "Parking charges at Riverside",
                                                  "lock_version": lock})
    assert first.status_code == 200
    second = client.patch(url, headers={**auth, "If-Match": str(lock)},
                          json={"title": "Parking charges in the town centre"})
    assert second.status_code == 409
    problem = second.get_json()
    assert problem["mine"]["title"] == "Parking charges in the town centre"
    assert problem["theirs"]["title"] == "Parking charges at Riverside"
    missing = client.patch(url, headers=auth, json={"title": "No lock"})
    assert missing.status_code == 422 and "lock_version" in missing.get_json()["errors"]


def test_answers_impacts_and_items_go_through_the_same_rules(client, author, auth, app_context):
    version = start_assessment(author)
    base = f"/api/v1/assessments/{version.reference}"
    answer = client.put(f"{base}/sections/aims-and-scope", headers=auth,
                        json={"answers": {"purpose": "To save money", "nonsense": "x"},
                              "lock_version": None})
    assert answer.status_code == 422
    assert answer.get_json()["errors"] == {
        "answers.nonsense": ["Is not a question in the section 'aims_and_scope'."]}
    answer = client.put(f"{base}/sections/aims-and-scope", headers=auth,
                        json={"answers": {"purpose": "To save money"}, "lock_version": None})
    assert answer.get_json()["sections"]["aims_and_scope"]["answers"] == {
        "purpose": "To save money"}
    incomplete = client.put(f"{base}/impacts/age", headers=auth,
                            json={"impact": "negative", "lock_version": 0})
    assert incomplete.status_code == 422 and incomplete.get_json()["errors"]
    added = client.post(f"{base}/actions", headers=auth,
                        json={"description": "Run an outreach clinic", "due_date": "2027-04-01"})
    assert added.status_code == 201
    action = added.get_json()
    assert action["due_date"] == "2027-04-01" and action["status"] == "planned"
    changed = client.patch(f"{base}/actions/{action['id']}", headers=auth,
                           json={"owner": "Clinic lead", "lock_version": action["lock_version"]})
    assert changed.get_json()["owner"] == "Clinic lead"
    removed = client.delete(f"{base}/actions/{action['id']}",
                            headers={**auth, "If-Match": str(changed.get_json()["lock_version"])})
    assert removed.status_code == 204
    assert client.get(base, headers=auth).get_json()["actions"] == []


def test_a_refused_move_says_why(client, author, client_as, app_context):
    version = AssessmentFactory(complete=True, author=author)
    url = f"/api/v1/assessments/{version.reference}/moves"
    reviewer = db.session.get(User, client_as(Role.REVIEWER).user_id)
    early = client.post(f"{url}/start-review", headers=_token(reviewer), json={})
    assert early.status_code == 409
    assert "cannot be taken for review" in early.get_json()["detail"]
    moved = client.post(f"{url}/submit", headers=_token(author), json={})
    assert moved.status_code == 200 and moved.get_json()["status"] == "in_review"
    own = client.post(f"{url}/start-review", headers=_token(author), json={})
    assert own.status_code == 403
    assert own.get_json()["detail"] == "You do not have a role that allows this"
    assert client.post(f"{url}/withdraw", headers=_token(author), json={}).status_code == 409


def test_documents_pdf_csv_and_import(client, author, auth, app_context):
    version = AssessmentFactory(complete=True, author=author)
    base = f"/api/v1/assessments/{version.reference}/versions/1"
    document = client.get(f"{base}/document", headers=auth).get_json()
    assert document["details"]["title"] == version.title
    pdf = client.get(f"{base}/pdf", headers=auth)
    assert pdf.mimetype == "application/pdf" and pdf.data.startswith(b"%PDF")
    imported = client.post("/api/v1/documents", headers=auth, json=document)
    assert imported.status_code == 201
    assert imported.get_json()["reference"] != version.reference
    broken = client.post("/api/v1/documents", headers=auth, json={**document, "evidence": 3})
    assert broken.status_code == 422 and "evidence" in broken.get_json()["errors"]
    csv = client.get("/api/v1/register.csv?status=draft", headers=auth)
    assert csv.mimetype == "text/csv"
    assert csv.get_data(as_text=True).count(version.title) == 2


def test_tags_through_the_api(client, author, auth, app_context):
    version = start_assessment(author)
    url = f"/api/v1/assessments/{version.reference}/tags"
    answer = client.put(url, headers=auth, json={"tags": ["Budget 2027/28", "Winter"]})
    assert [t["name"] for t in answer.get_json()["items"]] == ["Budget 2027/28", "Winter"]
    listed = client.get("/api/v1/assessments?tag=budget 2027/28", headers=auth).get_json()
    assert [item["tags"] for item in listed["items"]] == [["Budget 2027/28", "Winter"]]
    assert client.put(url, headers=auth, json={"tags": []}).get_json()["items"] == []


def test_each_token_has_its_own_rate_limit(app, client, author, app_context):
    app.config["API_RATE_LIMIT"] = "3 per minute"
    try:
        first, second = _token(author), _token(author)
        answers = [client.get("/api/v1/framework", headers=first).status_code for _ in range(4)]
        assert answers == [200, 200, 200, 429]
        assert client.get("/api/v1/framework", headers=second).status_code == 200
    finally:
        app.config["API_RATE_LIMIT"] = "300 per minute"


def test_the_list_pages_with_links_and_constant_queries(client, client_as, app_context):
    reviewer = db.session.get(User, client_as(Role.REVIEWER).user_id)
    auth = _token(reviewer, TokenScope.READ)
    add_assessments(10, authors=[reviewer], units=[], reviewer=reviewer, approver=reviewer)

    def queries() -> int:
        client.get("/api/v1/assessments?page_size=5&sort=title", headers=auth)
        with counting_queries() as statements:
            answer = client.get("/api/v1/assessments?page_size=5&sort=title", headers=auth)
        assert answer.status_code == 200
        return len(statements)

    small = queries()
    first = client.get("/api/v1/assessments?page_size=5&sort=title", headers=auth).get_json()
    assert first["total"] == 10 and first["pages"] == 2
    assert "page=2" in first["links"]["next"] and "sort=title" in first["links"]["next"]
    add_assessments(990, authors=[reviewer], units=[], reviewer=reviewer, approver=reviewer)
    assert queries() == small


def test_the_reference_page_is_readable(client_as):
    page = client_as(Role.AUTHOR).get_page("api.view_reference")
    assert "Start an assessment" in page.get_text()
    assert page.select("table caption")
