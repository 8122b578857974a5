"""Every API route, called with each role's personal token, answers as the access matrix says:
the token variant of the access-matrix walk (which calls the API with session cookies)."""

from __future__ import annotations

import pytest

from eia.extensions import db
from eia.models.tokens import TokenScope
from eia.services import tokens
from tests.integration.test_access_matrix import wrong_answer
from tests.integration.world import ROLES, build_world, every_rule, label, request_rule


@pytest.mark.route_walk
def test_every_api_route_answers_each_roles_token_as_the_matrix_says(app, client_as, outbox,
                                                                    app_context):
    """SECURITY.md (Access): Every route denied by default, opened only by the access matrix."""
    world = build_world(app, client_as, outbox)
    statuses = {state: version.status for state, version in world.assessments.items()}
    secrets = {role: tokens.create_token(person, "walk", TokenScope.WRITE, 30)[1]
               for role, person in world.people.items()}
    api_rules = [rule for rule in every_rule(app) if rule.endpoint.startswith("api.")]
    assert len(api_rules) >= 20
    wrong = []
    for role in ROLES:
        headers = {"Authorization": f"Bearer {secrets[role]}"} if role else None
        for rule in api_rules:
            response = request_rule(world.anonymous, world, rule, headers=headers)
            problem = wrong_answer(rule, role, response)
            if problem:
                wrong.append(f"{label(role)} {response.request.method} {rule.endpoint}: "
                             f"{response.status_code} ({problem})")
            assert response.mimetype in ("application/json", "application/problem+json",
                                         "application/pdf", "text/csv", "text/html"), rule
    assert not wrong, "API answers that disagree with the access matrix:\n" + "\n".join(wrong)
    db.session.expire_all()
    assert {s: v.status for s, v in world.assessments.items()} == statuses
