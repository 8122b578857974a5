"""Nobody gives themselves or anyone else a role through a form that does not offer one.

Every form and API call that changes something, sent by nobody and by each role but the
administrator (whose user pages do offer roles), carries role fields it does not ask for, in
every shape a form or a JSON body might take them: afterwards everyone holds exactly the roles
they held before.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from eia.domain import Role
from eia.extensions import db
from eia.models.users import UserRole
from tests.integration.world import ROLES, allowed, build_world, every_rule, url_of

# A facilitator's delegate import makes the people on its list trainees: that is what it is for.
OFFERS_A_ROLE = {"training.run_delegate_import"}
EXTRA = {"roles": ["admin", "reviewer", "approver"], "role": "admin", "roles-0": "admin",
         "is_admin": "y", "user_roles": "admin"}


def _everyones_roles() -> set[tuple[int, str]]:
    return {(row.user_id, str(row.role)) for row in db.session.scalars(select(UserRole))}


@pytest.mark.route_walk
def test_role_fields_smuggled_into_any_form_or_api_call_change_nobodys_roles(
        app, client_as, outbox, app_context):
    """SECURITY.md (Access): every route is denied by default and opened only by the access
    matrix; no role is given through a form that does not offer it (mass assignment)."""
    world = build_world(app, client_as, outbox)
    before = _everyones_roles()
    sent = 0
    for role in ROLES:
        if role is Role.ADMIN:
            continue
        client = world.client(role)
        for rule in every_rule(app):
            if "GET" in rule.methods or rule.endpoint in {"auth.sign_out", *OFFERS_A_ROLE}:
                continue
            if not allowed(rule.endpoint, role):
                continue
            url = url_of(world, rule, role)
            method = "POST" if "POST" in rule.methods else sorted(rule.methods - {"OPTIONS"})[0]
            if rule.endpoint.startswith("api."):
                client.open(url, method=method, json=EXTRA,
                            headers={"X-CSRFToken": client.csrf_token()})
            else:
                client.open(url, method=method, data={"csrf_token": client.csrf_token(), **EXTRA})
            sent += 1
    assert sent > 50, "too few forms were sent to prove anything"
    db.session.expire_all()
    assert _everyones_roles() == before
