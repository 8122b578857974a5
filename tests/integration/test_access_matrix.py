"""Every URL rule, requested as nobody and as every role, answers as the access matrix says.

This tests behaviour, not decorators: a route that is missing from the matrix, or a view that
lets the wrong people in, fails here.
"""

from __future__ import annotations

import pytest

from eia.domain import Role
from eia.permissions import ACCESS, PUBLIC, SIGNED_IN, Concealed

MISSING_ID = 987_654


def every_rule(app):
    # Sign-out goes last: signing out part-way would turn every later answer into a redirect.
    return sorted(app.url_map.iter_rules(), key=lambda rule: rule.endpoint == "auth.sign_out")


def sample_url(rule) -> str:
    values = {}
    for argument in rule.arguments:
        converter = rule._converters[argument].__class__.__name__
        values[argument] = MISSING_ID if converter == "IntegerConverter" else "sample"
    if rule.endpoint == "static":
        values["filename"] = "application.css"
    return rule.build(values)[1]


def request_rule(client, rule):
    url = sample_url(rule)
    if "GET" in rule.methods:
        return client.get(url)
    return client.post(url, data={"csrf_token": client.csrf_token()})


def test_every_endpoint_is_in_the_matrix_and_every_matrix_entry_exists(app):
    endpoints = {rule.endpoint for rule in every_rule(app)}
    assert endpoints - ACCESS.keys() == set(), "routes missing from the access matrix"
    assert ACCESS.keys() - endpoints == set(), "matrix entries with no route"


def allowed(endpoint: str, role: Role | None) -> bool:
    access = ACCESS[endpoint]
    if access is PUBLIC:
        return True
    if role is None:
        return False
    if isinstance(access, Concealed):
        return role in access.roles
    return access is SIGNED_IN or role in access


def refusal_status(endpoint: str) -> int:
    """Refused users learn nothing about concealed pages: 404, not 403."""
    return 404 if isinstance(ACCESS[endpoint], Concealed) else 403


@pytest.mark.parametrize("role", [None, *Role], ids=lambda r: r.value if r else "anonymous")
def test_every_rule_answers_as_the_matrix_says(app, client_as, role):
    client = client_as(role) if role else app.test_client()
    wrong = []
    for rule in every_rule(app):
        response = request_rule(client, rule)
        to_sign_in = response.status_code == 302 and response.location.startswith("/sign-in")
        if rule.endpoint == "auth.sign_out" and role is not None:
            ok = response.status_code == 302  # signing out ends at the sign-in page
        elif allowed(rule.endpoint, role):
            ok = response.status_code != 403 and not to_sign_in
        elif role is None:
            ok = to_sign_in or (rule.endpoint.startswith("api.") and response.status_code == 401)
        else:
            ok = response.status_code == refusal_status(rule.endpoint)
        if not ok:
            wrong.append(f"{rule.endpoint} {rule.rule}: {response.status_code} "
                         f"{response.location or ''}")
    assert wrong == []


def test_refused_access_is_audited(client_as, app_context):
    from eia.extensions import db
    from eia.models.audit import AuditEvent

    client = client_as(Role.AUTHOR)
    assert client.get("/admin/users").status_code == 403
    event = db.session.scalar(db.select(AuditEvent).order_by(AuditEvent.id.desc()).limit(1))
    assert event.action == "access.refused"
    assert event.actor_id == client.user_id
    assert event.details_dict["endpoint"] == "admin.list_users"


def test_get_requests_change_nothing(client_as, app_context):
    from sqlalchemy import func

    from eia.extensions import db
    from eia.models.audit import AuditEvent

    client = client_as(Role.ADMIN)
    before = db.session.scalar(db.select(func.count()).select_from(AuditEvent))
    for endpoint in ("main.home", "admin.list_users", "admin.list_units",
                     "admin.list_audit_events", "admin.create_user", "auth.change_password"):
        client.get_page(endpoint)
    assert db.session.scalar(db.select(func.count()).select_from(AuditEvent)) == before
