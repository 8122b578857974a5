"""Every route about an assessment or a practice attempt, requested by someone whose role the
matrix lets in but who may not see that one object: the walk of the access matrix, made by
outsiders.

The access-matrix walk asks about each object as the person it is for. Here a second author
asks for every page and API call about the world author's assessments, and a second trainee
and a second author for the world trainee's practice attempts: each gets 404 and the page does
not name what it hides. Someone not booked on a session reaches none of its polls nor its
survey.
"""

from __future__ import annotations

import re

import pytest

from eia.domain import Role
from eia.extensions import db
from eia.models.feedback import Poll
from tests.integration.world import (
    ABOUT_THE_PAST_SESSION,
    FROM_ASSESSMENT,
    allowed,
    build_world,
    every_rule,
    request_rule,
    request_url,
    subject_of,
    url_of,
)


def _about_an_assessment(rule) -> bool:
    return bool(set(rule.arguments) & FROM_ASSESSMENT.keys())


def _fixed_part(response) -> str:
    """The answer less what differs between any two requests (CSP nonces, CSRF tokens)."""
    return re.sub(r'(nonce|value)="[^"]*"', "", response.get_data(as_text=True))


def _leaks(world, client, role_asked_as, rule) -> str | None:
    """What the outsider's answer to `rule`, asked about the object `role_asked_as` would ask
    about, gives away, or None: it must be a refusal, and the very answer they get about an
    assessment that does not exist (the API checks a body before the object, so a POST with
    none is 422 for both)."""
    version = subject_of(world, rule.endpoint, role_asked_as)
    hidden = request_rule(client, world, rule, role_asked_as)
    url = url_of(world, rule, role_asked_as).replace(version.reference, "EIA-NOWHERE")
    missing = request_url(client, rule, url)
    if hidden.status_code not in (404, 422):
        return f"{hidden.status_code} {hidden.location or ''}"
    if version.title in hidden.get_data(as_text=True):
        return f"{hidden.status_code}, naming the assessment"
    if (hidden.status_code, _fixed_part(hidden)) != (missing.status_code, _fixed_part(missing)):
        return f"{hidden.status_code}, where a missing assessment gets {missing.status_code}"
    return None


@pytest.mark.route_walk
def test_nobody_reaches_an_assessment_or_attempt_that_is_not_theirs(app, client_as, outbox,
                                                                    app_context):
    """SECURITY.md (Access): objects are checked too: a user who may not see an assessment
    gets 404, not its title; trainees never see live assessments nor anyone else's practice.
    Every page and API route about an assessment or a practice attempt, asked by an author of
    other assessments, a trainee of other attempts and an author who practises too."""
    world = build_world(app, client_as, outbox)
    outsiders = {
        # (who asks, whose requests they copy): the copied person's object is the one asked for
        "another author, for live assessments": (Role.AUTHOR, Role.AUTHOR),
        "another trainee, for a trainee's attempts": (Role.TRAINEE, Role.TRAINEE),
        "an author, for a trainee's attempts": (Role.AUTHOR, Role.TRAINEE),
    }
    wrong = []
    asked = 0
    for label, (role, copied) in outsiders.items():
        client = client_as(role, name=f"Outsider {role.value}")
        for rule in every_rule(app):
            if (rule.endpoint.startswith(("register.", "staff_register."))
                    or not _about_an_assessment(rule) or not allowed(rule.endpoint, role)):
                continue
            if subject_of(world, rule.endpoint, copied) is None:
                continue
            asked += 1
            problem = _leaks(world, client, copied, rule)
            if problem:
                wrong.append(f"{label}: {rule.endpoint}: {problem}")
    assert asked > 100, "the walk asked about too few routes to prove anything"
    wrong += _session_leaks(app, world, client_as(Role.TRAINEE, name="Not booked"))
    assert not wrong, "objects reached by people who may not see them:\n" + "\n".join(wrong)


def _session_leaks(app, world, client) -> list[str]:
    """A session's polls and survey, asked about by someone who was not booked on it."""
    question = db.session.get(Poll, world.poll_id).question
    wrong = []
    for rule in every_rule(app):
        if rule.endpoint in ABOUT_THE_PAST_SESSION and allowed(rule.endpoint, Role.TRAINEE):
            response = request_rule(client, world, rule, Role.TRAINEE)
            if response.status_code != 404 or question in response.get_data(as_text=True):
                wrong.append(f"someone not booked: {rule.endpoint}: {response.status_code}")
    return wrong
