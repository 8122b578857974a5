"""Every URL rule, requested as nobody and as every role, answers as the access matrix says.

This tests behaviour, not decorators. Routes and the matrix must agree as sets; the matrix
must not open an area's pages to people the design does not give them to; and every rule,
requested about real objects by the person it is for, must let in exactly the roles the
matrix names: a view that refuses someone the matrix lets in fails here, as does a page that
breaks on a real object.
"""

from __future__ import annotations

import pytest

from eia.domain import Role
from eia.extensions import db
from eia.models.audit import AuditEvent
from eia.permissions import ACCESS, MONITORING, PUBLIC, SIGNED_IN, Concealed
from tests.integration.world import ROLES, allowed, build_world, every_rule, label, request_rule

# Who each area of the application is for (DESIGN.md, "Users and roles"): the matrix may
# narrow these but never widen them. PUBLIC and SIGNED_IN areas take any matrix entry.
AREAS = {
    "static": PUBLIC,
    "public": PUBLIC,
    "register": PUBLIC,
    "auth": PUBLIC,
    "main": SIGNED_IN,
    "admin": {Role.ADMIN},
    "archive": {Role.ADMIN},
    # Practice attempts are assessments too: trainees write theirs, facilitators read them.
    "assessments": {Role.AUTHOR, Role.REVIEWER, Role.APPROVER, Role.ADMIN, Role.TRAINEE,
                    Role.FACILITATOR},
    "review": {Role.REVIEWER, Role.FACILITATOR},
    "signoff": {Role.APPROVER, Role.ADMIN},
    # Everyone books training and answers the survey and polls of the sessions they attended,
    # so the training area is for every role (its pages narrow who sees what); administrators
    # run programmes too.
    "training": SIGNED_IN,
    "staff_register": {Role.AUTHOR, Role.REVIEWER, Role.APPROVER, Role.ADMIN},
    "account": SIGNED_IN,
    "insights": {Role.REVIEWER, Role.APPROVER, Role.ADMIN},
    "api": SIGNED_IN,
    # Monitoring systems, known by a token or their address; no person as such.
    "monitoring": MONITORING,
}

# Pages that, read by a signed-in person, send them on rather than answer themselves.
REDIRECTS_WHEN_SIGNED_IN = {"auth.sign_in"}  # to the home page


def test_every_endpoint_is_in_the_matrix_and_every_matrix_entry_exists(app):
    """SECURITY.md (Access): Every route denied by default, opened only by the access matrix."""
    endpoints = {rule.endpoint for rule in every_rule(app)}
    assert endpoints - ACCESS.keys() == set(), "routes missing from the access matrix"
    assert ACCESS.keys() - endpoints == set(), "matrix entries with no route"


def test_no_endpoint_is_open_beyond_the_people_its_area_is_for():
    """SECURITY.md (Access): Every route denied by default, opened only by the access matrix."""
    wrong = []
    for endpoint, access in ACCESS.items():
        area = endpoint.partition(".")[0]
        assert area in AREAS, f"{area} is a new area: say in AREAS who it is for"
        audience = AREAS[area]
        if audience is PUBLIC or access is audience:
            continue
        if access in (PUBLIC, SIGNED_IN):
            wrong.append(f"{endpoint} is open to anyone ({access.value})")
            continue
        roles = access.roles if isinstance(access, Concealed) else access
        if audience is not SIGNED_IN and roles - audience:
            extra = sorted(role.value for role in roles - audience)
            wrong.append(f"{endpoint} is open to {', '.join(extra)}")
    assert not wrong, "the matrix opens pages to people their area is not for:\n" + "\n".join(
        wrong)


def wrong_answer(rule, role: Role | None, response) -> str | None:
    """What is wrong with `response` to `role`'s request for `rule`, or None."""
    status = response.status_code
    to_sign_in = status == 302 and response.location.startswith("/sign-in")
    if rule.endpoint == "auth.sign_out" and role is not None:
        return None if to_sign_in else "signing out should end at the sign-in page"
    if allowed(rule.endpoint, role):
        if "GET" in rule.methods:
            redirects = role is not None and rule.endpoint in REDIRECTS_WHEN_SIGNED_IN
            expected = (302,) if redirects else (200,)
        else:
            # The API answers a form that is not its JSON with 422, and removes with 204.
            api = (204, 422) if rule.endpoint.startswith("api.") else ()
            expected = (200, 302, 303, 409, *api)
        if status in expected and not to_sign_in:
            return None
        return f"allowed, so expected {' or '.join(map(str, expected))}"
    if role is None:
        if to_sign_in or (rule.endpoint.startswith("api.") and status == 401):
            return None
        return "expected to be sent to sign in"
    refusal = 404 if isinstance(ACCESS[rule.endpoint], Concealed) else 403
    return None if status == refusal else f"refused, so expected {refusal}"


@pytest.mark.route_walk
def test_every_rule_answers_as_the_matrix_says(app, client_as, outbox, app_context):
    """SECURITY.md (Access): Every route denied by default, opened only by the access matrix.

    Slow (a minute or two): the world moves eleven assessments and six practice attempts
    through the real workflow, then each of seven callers requests every rule, some of which
    build PDFs.

    One world serves every caller because only the POST-only rules, sent last, can change it,
    and each is sent where it is refused or harms nothing (see `every_rule` and `SUBJECTS`);
    the last assertion checks that no assessment was moved.
    """
    world = build_world(app, client_as, outbox)
    subjects = {**world.assessments, **{f"practice {state}": attempt
                                        for state, attempt in world.attempts.items()}}
    statuses = {state: version.status for state, version in subjects.items()}
    wrong = []
    for role in ROLES:
        client = world.client(role)
        for rule in every_rule(app):
            response = request_rule(client, world, rule, role)
            problem = wrong_answer(rule, role, response)
            if problem:
                wrong.append(f"{label(role)} {response.request.method} {rule.endpoint} "
                             f"{response.request.path}: "
                             f"{response.status_code} {response.location or ''} ({problem})")
    assert not wrong, "answers that disagree with the access matrix:\n" + "\n".join(wrong)
    db.session.expire_all()
    moved = {state: version.status for state, version in subjects.items()
             if version.status != statuses[state]}
    assert moved == {}, "the walk moved assessments that later requests were about"


def test_refused_access_is_audited(client_as, app_context):
    """SECURITY.md (Audit): Logins, failed logins and refused access audited."""
    client = client_as(Role.AUTHOR)
    assert client.get("/admin/users").status_code == 403
    event = db.session.scalar(db.select(AuditEvent).order_by(AuditEvent.id.desc()).limit(1))
    assert event.action == "access.refused"
    assert event.actor_id == client.user_id
    assert event.details_dict["endpoint"] == "admin.list_users"
