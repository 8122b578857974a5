"""One world of real objects, and a real URL for every route in it, for the tests that walk
every route as every role (the access matrix, and "a GET changes nothing").

The world has one person per role, each signed in with a client of their own, and an
assessment in every workflow state (`tests.factories.STATES`): each led by the world's author,
reviewed by its reviewer and signed off by its signatory, so whoever a page is for is the
person asking for it. The admin pages act on an invited user, whose set-password link the
world keeps, and on an empty organisational unit.

Each endpoint is about the assessment in the state that makes sense for it (`SUBJECTS`): the
editing pages a complete draft, the review pages the one under review, the sign-off pages the
one awaiting sign-off. Each URL argument comes from that assessment (`FROM_ASSESSMENT`) or from
the world (`FROM_WORLD`); an argument in neither fails the walk with a message saying so.

The assessment pages serve practice attempts too, so the world also has the trainee's practice
attempts in each state, reviewed by its facilitator (`PRACTICE_SUBJECTS`), an attempt of the
author's own, and the facilitator's copy of a scenario. A trainee's and a facilitator's
requests are about the attempts; an author's training pages are about their own attempt.
The facilitator leads a training programme, whose pages are about it: it has an announced
session for all staff that the facilitator runs (it uses the practice scenario), a checked, not
yet run, import of one delegate, and a past session everyone in the world attended (run by two
other facilitators), which has a poll: its survey and polls are asked about that one.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass

from flask import Flask
from werkzeug.routing import Rule

from eia import queries
from eia.demo import past_records
from eia.domain import Role, Verdict
from eia.extensions import db
from eia.models.assessments import AssessmentVersion
from eia.models.delegates import DelegateImport
from eia.models.feedback import PollKind
from eia.models.programme import TrainingProgramme, TrainingSession
from eia.models.users import OrgUnit, User
from eia.permissions import ACCESS, MONITORING, PUBLIC, SIGNED_IN, Concealed
from eia.services import archive, archive_imports
from eia.services.collections import Upload
from eia.services.training import board, delegates, guide, library, polls, resources
from eia.uploads import check_upload
from tests.docx_samples import council_sample
from tests.factories import (
    PRACTICE_SCENARIO,
    PRACTICE_STATES,
    STATES,
    AssessmentFactory,
    InvitedUserFactory,
    UnitFactory,
    UserFactory,
    past_session,
    practice_attempt,
    programme,
    training_session,
)
from tests.pages import PageClient

NAMES = {
    Role.AUTHOR: "Priya Shah",
    Role.REVIEWER: "Grace Okafor",
    Role.APPROVER: "David Lloyd",
    Role.FACILITATOR: "Tomasz Nowak",
    Role.TRAINEE: "Aisha Rahman",
    Role.ADMIN: "Morgan Ellis",
}

# Everyone a walk makes its requests as: nobody, then each role.
ROLES: tuple[Role | None, ...] = (None, *Role)


@dataclass
class World:
    people: dict[Role, User]
    clients: dict[Role, PageClient]
    anonymous: PageClient
    assessments: dict[str, AssessmentVersion]  # by state, as AssessmentFactory names them
    invited: User
    token: str  # the invited user's set-password token
    unit: OrgUnit
    attempts: dict[str, AssessmentVersion]  # the trainee's, by state (PRACTICE_STATES)
    author_attempt: AssessmentVersion  # the author's own practice, submitted
    scenario_copy: str  # the key of the facilitator's copy of a scenario
    programme: TrainingProgramme
    session: TrainingSession  # announced, for all staff, run by the world's facilitator
    delegate_import: DelegateImport  # checked, not yet run
    # The programme's best-practice document section, board question and library resource.
    guide_section_id: int = 0
    question_id: int = 0
    resource_id: int = 0
    past_session: TrainingSession | None = None  # a past session everyone attended
    poll_id: int = 0  # a poll of that session
    # The archive: a batch of past records uploaded, not yet run, and a person named by a
    # record already imported.
    archive_import_id: int = 0
    recorded_person_id: int = 0

    def client(self, role: Role | None) -> PageClient:
        return self.anonymous if role is None else self.clients[role]


def build_world(app: Flask, client_as, outbox) -> World:
    """Make the world inside the test's transaction (`client_as` and `outbox` are the
    fixtures). Takes a few seconds: every assessment is moved by the real services."""
    clients = {role: client_as(role, name=NAMES[role]) for role in Role}
    people = {role: db.session.get(User, client.user_id) for role, client in clients.items()}
    assessments = {state: AssessmentFactory(state=state, author=people[Role.AUTHOR],
                                            reviewer=people[Role.REVIEWER],
                                            approver=people[Role.APPROVER])
                   for state in STATES}
    invited = InvitedUserFactory(roles={Role.AUTHOR}, name="Sam Okoro")
    attempts = {state: practice_attempt(state, person=people[Role.TRAINEE],
                                        facilitator=people[Role.FACILITATOR])
                for state in PRACTICE_STATES if state != "draft"}
    unit = UnitFactory(name="Estates")
    facilitator = people[Role.FACILITATOR]
    training = programme(lead=facilitator)
    session = training_session(training, facilitators=[
        facilitator, UserFactory(roles={Role.FACILITATOR}, name="Ines Duarte")],
        scenarios=[PRACTICE_SCENARIO])
    _, delegate_import = delegates.prepare_import(
        facilitator, training, b"name,email,unit\nAda Byrne,ada.byrne@example.org,Estates\n",
        "delegates.csv")
    world = World(people=people, clients=clients, anonymous=app.test_client(),
                 assessments=assessments, invited=invited,
                 token=_set_password_token(outbox, invited), unit=unit,
                 programme=training, session=session, delegate_import=delegate_import,
                 attempts=attempts,
                 author_attempt=practice_attempt("submitted", person=people[Role.AUTHOR],
                                                 facilitator=people[Role.FACILITATOR]),
                 scenario_copy=library.duplicate_scenario(people[Role.FACILITATOR],
                                                          PRACTICE_SCENARIO).key)
    _add_programme(world)
    _add_archive(world)
    return world


def _add_archive(world: World) -> None:
    admin = world.people[Role.ADMIN]
    record = archive.import_record(admin, past_records.library_strategy(), "library.json")
    world.recorded_person_id = record.latest.historical.people[0].id
    world.archive_import_id = archive_imports.prepare_import(admin, [
        ("branch.json", json.dumps(past_records.branch_library("Ashby", 1)).encode()),
        ("strategy.docx", council_sample().bytes())]).id


RESOURCE_FILE = b"question,answer\nWho books?,Anyone on the staff list\n"


def _add_programme(world: World) -> None:
    lead = world.people[Role.FACILITATOR]
    world.guide_section_id = guide.add_section(lead, world.programme, heading="Opening",
                                               text="Start with the duty.").id
    world.question_id = board.ask(lead, world.programme, title="How long is the break?",
                                  body="").id
    upload = Upload(check_upload("faq.csv", RESOURCE_FILE, max_bytes=10_000), RESOURCE_FILE)
    world.resource_id = resources.add_resource(lead, world.programme, title="FAQ", kind="faq",
                                               topic="Booking", owner=lead, upload=upload).id
    world.past_session = past_session(world.programme,
                                      attendees=list(world.people.values()))
    world.poll_id = polls.open_poll(world.past_session.facilitators[0].user, world.past_session,
                                   question="Ready?", kind=PollKind.SCALE).id


def _set_password_token(outbox, user: User) -> str:
    for message in outbox.messages:
        if message["To"] == user.email:
            match = re.search(r"/set-password/(\S+)", message.get_body().get_content())
            if match:
                return match.group(1)
    raise AssertionError(f"no invitation email to {user.email}")


# Which assessment each endpoint is about ------------------------------------------------------

SUBJECT_BY_BLUEPRINT = {
    "assessments": "complete",  # the editing pages need a draft with something in it
    "review": "under_review",
    "signoff": "awaiting_sign_off",
    "register": "published",
    "api": "complete",
}

SUBJECTS = {
    # An empty draft: the checks refuse to submit it, so the walk moves nothing.
    "assessments.submit": "draft",
    "assessments.revise": "signed_off",
    "assessments.review_comments": "changes_requested",
    "assessments.reply_to_point": "changes_requested",
    "assessments.resolve_point": "changes_requested",
    "assessments.history": "superseded",
    "assessments.list_versions": "superseded",
    "assessments.view_version": "superseded",
    "assessments.compare_versions": "superseded",
    "signoff.publish": "signed_off",
    "signoff.unpublish": "published",
}


# What a trainee's or a facilitator's requests are about: the trainee's practice attempts.
PRACTICE_SUBJECT_BY_BLUEPRINT = {
    "assessments": "complete",
    "review": "under_review",
    "training": "submitted",  # marked, so it has feedback
}

PRACTICE_SUBJECTS = {
    # Submitted already: a second submission is refused, so the walk moves nothing.
    "assessments.submit": "submitted",
    "assessments.review_comments": "changes_requested",
    "assessments.reply_to_point": "changes_requested",
    "assessments.resolve_point": "changes_requested",
    "assessments.history": "accepted",
    "assessments.list_versions": "accepted",
    "assessments.view_version": "accepted",
}

PRACTISING_WORLD_ROLES = (Role.TRAINEE, Role.FACILITATOR)


def subject_of(world: World, endpoint: str, role: Role | None = None) -> AssessmentVersion | None:
    blueprint = endpoint.partition(".")[0]
    if blueprint == "training":
        # An author's own practice; everyone else asks about the trainee's attempt.
        return world.author_attempt if role is Role.AUTHOR else world.attempts[
            PRACTICE_SUBJECT_BY_BLUEPRINT[blueprint]]
    if role in PRACTISING_WORLD_ROLES:
        state = PRACTICE_SUBJECTS.get(endpoint) or PRACTICE_SUBJECT_BY_BLUEPRINT.get(blueprint)
        if state:
            return world.attempts[state]
    state = SUBJECTS.get(endpoint) or SUBJECT_BY_BLUEPRINT.get(blueprint)
    return world.assessments[state] if state else None


def _point(version: AssessmentVersion) -> int:
    """A comment of the latest round, preferring one that asks for something."""
    points = queries.latest_review(version).points
    asking = [p for p in points if p.verdict != Verdict.ACCEPTABLE]
    return (asking or points)[0].id


# Every URL argument: those about the endpoint's assessment, then those from the world.
FROM_ASSESSMENT: dict[str, Callable[[AssessmentVersion], object]] = {
    "reference": lambda version: version.reference,
    "number": lambda version: version.number,
    "evidence_id": lambda version: next(s.id for s in version.evidence if s.file),
    "engagement_id": lambda version: version.engagements[0].id,
    "action_id": lambda version: version.actions[0].id,
    "point_id": _point,
}
FROM_WORLD: dict[str, Callable[[World], object]] = {
    # "Other duties" has a question page and asks about the extra groups, so one section
    # serves its pages, its list of groups and its review.
    "section_id": lambda world: "other_duties",
    "page_id": lambda world: "duties",
    "group_id": lambda world: "age",
    # The two versions compared: the superseded assessment has both.
    "a": lambda world: 1,
    "b": lambda world: 2,
    "user_id": lambda world: world.invited.id,
    "unit_id": lambda world: world.unit.id,
    "token": lambda world: world.token,
    "filename": lambda world: "application.css",
    "key": lambda world: world.scenario_copy,
    "programme_id": lambda world: world.programme.id,
    "session_id": lambda world: world.session.id,
    "import_id": lambda world: world.delegate_import.id,
    # A move the complete draft refuses without a reason: the walk moves nothing.
    "action": lambda world: "withdraw",
    "person_id": lambda world: world.people[Role.FACILITATOR].id,
    "guide_section_id": lambda world: world.guide_section_id,
    "question_id": lambda world: world.question_id,
    "resource_id": lambda world: world.resource_id,
    "version_number": lambda world: 1,
    "poll_id": lambda world: world.poll_id,
    "archive_import_id": lambda world: world.archive_import_id,
    # The Word document of the world's import, second of its files.
    "position": lambda world: 1,
    "recorded_person_id": lambda world: world.recorded_person_id,
}
# A session's survey, polls and report are asked about the past session everyone attended.
ABOUT_THE_PAST_SESSION = {"training.answer_survey", "training.list_polls", "training.open_poll",
                          "training.view_poll", "training.answer_poll", "training.poll_results",
                          "training.close_poll", "training.view_session_report"}


def url_of(world: World, rule: Rule, role: Role | None = None) -> str:
    """The rule's URL, about real objects of the world."""
    unmapped = sorted(set(rule.arguments) - FROM_ASSESSMENT.keys() - FROM_WORLD.keys())
    assert not unmapped, (
        f"{rule.endpoint} {rule.rule} has URL arguments {unmapped} that the world does not "
        "know: add each to FROM_ASSESSMENT or FROM_WORLD in tests/integration/world.py, "
        "with a real object")
    values = {name: FROM_WORLD[name](world) for name in rule.arguments if name in FROM_WORLD}
    if rule.endpoint in ABOUT_THE_PAST_SESSION:
        values["session_id"] = world.past_session.id
    about = set(rule.arguments) & FROM_ASSESSMENT.keys()
    if about:
        version = subject_of(world, rule.endpoint, role)
        assert version is not None, (
            f"{rule.endpoint} is about an assessment: say in SUBJECTS (or, for a new "
            "blueprint, SUBJECT_BY_BLUEPRINT) in tests/integration/world.py which one")
        values.update({name: FROM_ASSESSMENT[name](version) for name in about})
    return rule.build(values)[1]


# Walking every rule --------------------------------------------------------------------------


def every_rule(app: Flask) -> list[Rule]:
    """GET pages first, then the rules that only take a POST, then signing out.

    Requested this way, only the POST-only rules can change the world, after every page has
    been read; and signing out part-way would turn every later answer into a redirect.
    """
    return sorted(app.url_map.iter_rules(), key=lambda rule: (
        rule.endpoint == "auth.sign_out", "GET" not in rule.methods, rule.endpoint))


def request_rule(client: PageClient, world: World, rule: Rule, role: Role | None = None,
                 headers: dict | None = None):
    """GET the rule where it can be read, else send its form (POST, or the API's PUT, PATCH or
    DELETE) with nothing but a CSRF token. `role` picks the subject for pages that serve
    live assessments and practice attempts alike."""
    return request_url(client, rule, url_of(world, rule, role), headers)


def request_url(client: PageClient, rule: Rule, url: str, headers: dict | None = None):
    """`request_rule` for a URL of `rule` made some other way."""
    if "GET" in rule.methods:
        return client.get(url, headers=headers)
    method = "POST" if "POST" in rule.methods else sorted(rule.methods - {"OPTIONS"})[0]
    return client.open(url, method=method, data={"csrf_token": client.csrf_token()},
                       headers=headers)


def allowed(endpoint: str, role: Role | None) -> bool:
    """What the matrix says about `role` (None: anonymous) on `endpoint`."""
    access = ACCESS[endpoint]
    # The walk's requests come from 127.0.0.1, which METRICS_ALLOW lets in by default, so the
    # monitoring pages answer them whoever is signed in.
    if access is PUBLIC or access is MONITORING:
        return True
    if role is None:
        return False
    if isinstance(access, Concealed):
        return role in access.roles
    return access is SIGNED_IN or role in access


def label(role: Role | None) -> str:
    return role.value if role else "anonymous"
