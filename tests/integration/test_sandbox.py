"""Practice attempts never appear where live assessments do.

With attempts present in every state beside live assessments led by the same author, every
query of `eia.queries` is walked, and every listing page, the public register, the reminders,
the CLI `list` and `export`, and the JSON export are read: each shows the live assessments and
none of the attempts. Every query must be classified here, so a new one cannot slip past.
"""

from __future__ import annotations

import inspect
import json
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from eia import queries, registers
from eia.cli import eia_cli
from eia.domain import Role
from eia.extensions import db
from eia.models.assessments import AssessmentVersion
from eia.models.notifications import Notification
from eia.services import reminders, transfer
from tests.conftest import reloaded, sign_in_client
from tests.factories import AssessmentFactory, UserFactory, practice_attempt
from tests.pages import parse

# Queries that list or find assessments: each is called below with attempts present.
LISTINGS = {"list_assessments_for_editor", "find_assessment_by_title", "versions_in_status",
            "list_versions_due_for_review", "reviews_decided_by", "get_live_assessment",
            "live_assessments", "live_versions"}
# Queries about one object the caller already holds (a version, a reference it was given).
ABOUT_ONE_OBJECT = {"reviews_of", "latest_review", "live_publication", "sign_off_of",
                    "workflow_events_of", "publication_of", "get_version_of",
                    "audit_events_for_assessment", "last_changes_of", "decision_of",
                    "date_moves_of", "evidence_citations"}
# Finds a practice attempt as readily as a live assessment: every caller checks who may see it
# (`eia.views.shared.readable_version`), which is how a trainee reaches their attempt.
FINDS_BOTH = {"latest_version"}
NOT_ABOUT_ASSESSMENTS = {"list_users", "get_user", "list_units", "list_directorates",
                         "get_unit", "count_people_in_unit", "list_audit_events",
                         "list_audit_events_for_user", "list_authors", "active_users_with_role",
                         "users_by_id", "has_competent_practice", "get_outbox_backlog"}
LATER = date.today() + timedelta(days=400)  # every action and review date has fallen due


@pytest.fixture(scope="module")
def built_world(module_transaction):
    """An author with live assessments in several states and practice attempts in every
    state, and a facilitator and reviewer who have each decided something: built once for the
    module (seconds of services), each test reading it in its own session."""
    author = UserFactory(roles={Role.AUTHOR, Role.TRAINEE}, name="Priya Shah")
    reviewer = UserFactory(roles={Role.REVIEWER}, name="Grace Okafor")
    approver = UserFactory(roles={Role.APPROVER}, name="David Lloyd")
    facilitator = UserFactory(roles={Role.FACILITATOR, Role.REVIEWER}, name="Tomasz Nowak")
    live = {state: AssessmentFactory(state=state, author=author, reviewer=reviewer,
                                     approver=approver)
            for state in ("submitted", "changes_requested", "awaiting_sign_off", "published")}
    attempts = {state: practice_attempt(state, person=author, facilitator=facilitator)
                for state in ("submitted", "under_review", "changes_requested", "accepted")}
    return {"author": author, "reviewer": reviewer, "facilitator": facilitator,
            "approver": approver, "live": live, "attempts": attempts}


@pytest.fixture
def world(built_world, app_context):
    return reloaded(built_world)


def _references(found) -> set[str]:
    """Every reference in what a query returned, however it is shaped."""
    if found is None:
        return set()
    if isinstance(found, (list, tuple)):
        return set().union(*(_references(item) for item in found)) if found else set()
    for attribute in ("reference", "version"):
        if hasattr(found, attribute):
            value = getattr(found, attribute)
            return {value} if isinstance(value, str) else _references(value)
    if isinstance(found, int):  # an id
        return _references(db.session.get(AssessmentVersion, found))
    return set()


def test_every_query_is_classified():
    public = {name for name, value in vars(queries).items()
              if inspect.isfunction(value) and value.__module__ == queries.__name__
              and not name.startswith("_")}
    classified = LISTINGS | ABOUT_ONE_OBJECT | FINDS_BOTH | NOT_ABOUT_ASSESSMENTS
    assert public - classified == set(), "say in this test which kind each new query is"
    assert classified - public == set(), "queries named here that no longer exist"


def test_no_query_lists_or_finds_a_practice_attempt(world):
    author, live, attempts = world["author"], world["live"], world["attempts"]
    practice = {version.reference for version in attempts.values()}
    every_status = ("draft", "in_review", "changes_requested", "awaiting_sign_off",
                    "signed_off", "accepted")
    calls = {
        "list_assessments_for_editor": lambda: queries.list_assessments_for_editor(author.id),
        "find_assessment_by_title": lambda: [
            queries.find_assessment_by_title(v.title, author.id)
            for v in (*attempts.values(), live["published"])],
        "versions_in_status": lambda: queries.versions_in_status(*every_status),
        "list_versions_due_for_review": lambda: [
            v for v, _ in queries.list_versions_due_for_review(LATER, within_days=5000)],
        "reviews_decided_by": lambda: [
            r.version for r in queries.reviews_decided_by(world["facilitator"].id)
            + queries.reviews_decided_by(world["reviewer"].id)],
        "get_live_assessment": lambda: [
            queries.get_live_assessment(ref) for ref in practice | {live["published"].reference}],
        "live_assessments": lambda: list(db.session.scalars(queries.live_assessments())),
        "live_versions": lambda: list(db.session.scalars(queries.live_versions())),
    }
    assert calls.keys() == LISTINGS
    for name, call in calls.items():
        found = _references(call())
        assert found & practice == set(), f"{name} found practice attempts {found & practice}"
        assert found, f"{name} found nothing, so it proves nothing"
    # The query that finds both does: the views check who may see what it finds. Asked for
    # live work only, it does not find a practice attempt.
    assert {queries.latest_version(ref).reference for ref in practice} == practice
    assert {queries.latest_version(ref, live_only=True) for ref in practice} == {None}
    assert {queries.latest_version(v.reference, live_only=True).reference
            for v in live.values()} == {v.reference for v in live.values()}


def test_no_register_or_export_lists_a_practice_attempt(world):
    """SECURITY.md (Access): Training attempts never in the register or public pages.

    The registers, their CSV and the Atom feed start from `registers.live_versions`."""
    practice = {version.reference for version in world["attempts"].values()}
    today = date.today()
    listings = {
        "staff register": registers.list_register(
            world["reviewer"], registers.RegisterFilter(), today, page_size=500).rows,
        "staff register CSV": list(registers.iter_register(
            world["reviewer"], registers.RegisterFilter(), today)),
        "public register": registers.list_public_register(registers.PublicFilter(),
                                                          page_size=500).rows,
        "Atom feed": registers.list_recent_publications(),
    }
    for name, rows in listings.items():
        found = {row.reference for row in rows}
        assert found & practice == set(), f"the {name} lists practice attempts"
        assert found, f"the {name} lists nothing, so it proves nothing"


def test_no_listing_page_shows_a_practice_attempt(app, world):
    practice = [version.reference for version in world["attempts"].values()]
    # (who, page, the part of it that lists live assessments)
    pages = [(world["author"], "main.home", "#home-author"),
             (world["reviewer"], "review.queue", "main"),
             (world["reviewer"], "main.home", "main"),
             (world["approver"], "signoff.queue", "main"),
             (world["approver"], "main.home", "main"),
             (world["reviewer"], "staff_register.list_assessments", "main"),
             (world["reviewer"], "insights.view_pipeline", "main"),
             (world["approver"], "insights.view_quality", "main"),
             (None, "register.index", "main")]
    for person, endpoint, part in pages:
        client = sign_in_client(app, person) if person else app.test_client()
        listing = client.get_page(endpoint).select_one(part)
        text = (listing.find_parent("section") or listing).get_text()
        assert not [ref for ref in practice if ref in text], endpoint
    # The author practises, so their practice is on their home page: in its own section.
    home = sign_in_client(app, world["author"]).get_page("main.home")
    own = home.select_one("#home-practice").find_parent("section").get_text()
    assert all(ref in own for ref in practice)
    # The live ones are there, so the pages are the real thing.
    assert world["live"]["submitted"].reference in sign_in_client(
        app, world["reviewer"]).get_page("review.queue").get_text()
    assert world["live"]["published"].title in app.test_client().get_page(
        "register.index").get_text()


def test_no_public_page_shows_a_practice_attempt(client, world):
    """SECURITY.md (Access): Training attempts never in the register or public pages."""
    for version in world["attempts"].values():
        for endpoint, values in (("register.view_assessment", {}),
                                 ("register.view_version", {"number": 1}),
                                 ("register.download_pdf", {"number": 1})):
            response = client.get(client.url(endpoint, reference=version.reference, **values))
            assert response.status_code == 404, endpoint


def test_people_who_do_not_practise_or_facilitate_never_reach_an_attempt(app, world):
    version = world["attempts"]["submitted"]
    for person in (world["reviewer"], world["approver"],
                   UserFactory(roles={Role.ADMIN}), UserFactory(roles={Role.TRAINEE})):
        client = sign_in_client(app, person)
        for endpoint in ("assessments.view_task_list", "assessments.check_answers",
                         "assessments.download_pdf", "training.view_feedback"):
            response = client.get(client.url(endpoint, reference=version.reference))
            assert response.status_code in (403, 404), (person.name, endpoint)
    # And a trainee never reaches a live assessment, even with a reference.
    trainee = sign_in_client(app, UserFactory(roles={Role.TRAINEE}))
    live = world["live"]["submitted"]
    for endpoint in ("assessments.view_task_list", "assessments.check_answers",
                     "review.overview", "signoff.summary"):
        assert trainee.get(trainee.url(endpoint, reference=live.reference)).status_code == 404


def test_the_review_pages_keep_reviewers_and_facilitators_to_their_own_kind(app, world):
    reviewer = sign_in_client(app, world["reviewer"])
    attempt = world["attempts"]["submitted"].reference
    assert reviewer.get(reviewer.url("review.overview", reference=attempt)).status_code == 404
    facilitator = sign_in_client(app, UserFactory(roles={Role.FACILITATOR}))
    live = world["live"]["submitted"].reference
    assert facilitator.get(facilitator.url("review.overview", reference=live)).status_code == 404
    approver = sign_in_client(app, world["approver"])
    assert approver.get(approver.url("signoff.summary", reference=attempt)).status_code == 404


def test_the_cli_lists_and_exports_live_assessments_only(app, world):
    runner = app.test_cli_runner()
    listed = runner.invoke(eia_cli, ["list"])
    assert listed.exit_code == 0
    references = {line.split("\t")[0] for line in listed.output.splitlines()}
    assert world["live"]["published"].reference in references
    assert not any(ref.startswith("TRN-") for ref in references)

    attempt = world["attempts"]["accepted"].reference
    exported = runner.invoke(eia_cli, ["export", attempt, "--format", "json"])
    assert exported.exit_code != 0
    assert f"No assessment has the reference {attempt}" in exported.output
    document = json.loads(runner.invoke(
        eia_cli, ["export", world["live"]["published"].reference]).output)
    assert document["reference"] == world["live"]["published"].reference
    with pytest.raises(transfer.NotFound):
        transfer.get_version(attempt)
    assert all(not v.reference.startswith("TRN-") for v in transfer.list_versions())


def test_reminders_are_never_about_a_practice_attempt(world):
    summary = reminders.send_reminders(LATER)
    assert sum(summary.sent.values()) > 0  # the live assessments have reminders due
    messages = list(db.session.scalars(select(Notification.message).where(
        Notification.kind.in_(("action_due", "action_overdue", "review_due")))))
    assert messages
    assert not [m for m in messages if "TRN-" in m]


def test_a_trainee_sees_only_their_own_attempts(app, world):
    """SECURITY.md (Access): Trainees never see live assessments."""
    other = UserFactory(roles={Role.TRAINEE}, name="Someone Else")
    client = sign_in_client(app, other)
    version = world["attempts"]["submitted"]
    for endpoint in ("assessments.view_task_list", "training.view_feedback",
                     "training.compare_with_model"):
        assert client.get(client.url(endpoint, reference=version.reference)).status_code == 404
    page = parse(client.get("/"))
    assert version.reference not in page.get_text()
