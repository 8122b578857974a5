"""An imported record is kept as it was: no workflow move is made on it and no edit route
changes it, even for someone who holds every role and is its custodian (its lead officer in
Due Regard), and the database refuses any change to what it recorded, its imported text too."""

from __future__ import annotations

import copy

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DatabaseError

from eia.demo import past_records as records
from eia.domain import Role, VersionStatus
from eia.extensions import db
from eia.models.audit import AuditEvent
from eia.models.users import User
from eia.services import archive, sections, transfer
from eia.services.editing import NotEditable
from eia.workflow import IMPORTED_RECORD, Action, Move, MoveRefused, apply_action

EVERY_ROLE = {Role.AUTHOR, Role.REVIEWER, Role.APPROVER, Role.ADMIN}
# The blueprints whose routes change an assessment or move it on.
CHANGING_BLUEPRINTS = ("assessments", "review", "signoff")
# What a changing form might be sent: enough for any of them to pass its own checks.
FORM = {"title": "Rewritten", "description": "Rewritten", "who": "Rewritten",
        "how": "Rewritten", "what_they_said": "Rewritten", "what_changed": "Rewritten",
        "kind": "research", "impact": "negative", "effect": "Rewritten", "reason": "Because",
        "summary": "Rewritten", "declaration": "y", "assessment_type": "policy",
        "decision_maker": "Rewritten", "lock_version": "1", "comment": "Rewritten",
        "body": "Rewritten", "tags": "rewritten"}


def full_record() -> dict:
    """The library strategy with an evidence source and an action, so that every kind of
    item has something to try to change."""
    document = copy.deepcopy(records.library_strategy())
    document["evidence"] = [{"key": "E1", "title": "Library visits 2013", "kind": "service_data",
                             "summary": "Visits fell by a fifth."}]
    document["actions"] = [{"description": "Monitor use of the mobile library by age",
                            "owner": "Mobile and Home Library Services Coordinator"}]
    document["historical"]["imported_text"] = [
        {"heading": "Appendix B", "text": "Opening hours of every branch in 2013."}]
    return document


@pytest.fixture
def custodian(app, client_as):
    return client_as(*EVERY_ROLE)


@pytest.fixture
def record(app, custodian):
    with app.app_context():
        user = db.session.get(User, custodian.user_id)
        return archive.import_record(user, full_record(), "library-strategy.json").reference


def _version(reference):
    return transfer.get_version(reference)


@pytest.mark.parametrize("action", list(Action), ids=lambda action: action.value)
def test_every_workflow_move_is_refused(app, custodian, record, action):
    with app.app_context():
        version = _version(record)
        actor = db.session.get(User, custodian.user_id)
        move = Move(version, action, actor, reason="Because", declaration_accepted=True,
                    summary="A summary")
        with pytest.raises(MoveRefused, match="imported record"):
            apply_action(move)
        assert IMPORTED_RECORD.startswith("This is an imported record")
        assert _version(record).status == VersionStatus.SIGNED_OFF


def test_a_save_through_the_services_is_refused(app, custodian, record):
    with app.app_context():
        version = _version(record)
        editor = db.session.get(User, custodian.user_id)
        with pytest.raises(NotEditable, match="imported record"):
            sections.save_answers(editor, version, version.framework.section("aims_and_scope"),
                                  {"purpose": "Rewritten"}, expected_lock=None)


def _changing_routes(app, version):
    values = {"reference": version.reference, "number": version.number,
              "evidence_id": version.evidence[0].id, "engagement_id": version.engagements[0].id,
              "action_id": version.actions[0].id, "section_id": "aims_and_scope",
              "page_id": "purpose", "group_id": "age", "action": "submit"}
    for rule in app.url_map.iter_rules():
        if (rule.endpoint.split(".")[0] in CHANGING_BLUEPRINTS and "POST" in rule.methods
                and set(rule.arguments) <= values.keys()):
            yield rule.endpoint, {name: values[name] for name in rule.arguments}


def test_every_edit_route_leaves_the_record_as_it_was(app, custodian, record):
    with app.app_context():
        version = _version(record)
        before = transfer.export_document(version)
        routes = list(_changing_routes(app, version))
        last_event = db.session.scalar(select(db.func.max(AuditEvent.id)))
    assert len(routes) > 20
    tried = []
    for endpoint, values in routes:
        response = custodian.post_form(endpoint, FORM, **values)
        assert response.status_code < 500, endpoint
        tried.append(endpoint)
    with app.app_context():
        db.session.expire_all()
        version = _version(record)
        assert transfer.export_document(version) == before
        assert version.status == VersionStatus.SIGNED_OFF and version.imported
        changed = db.session.scalars(
            select(AuditEvent.action).where(AuditEvent.object_id == record,
                                            AuditEvent.id > last_event)).all()
        # Nothing was recorded against the record but refusals (and the tags, which are the
        # organisation's labels, not the record).
        assert [a for a in changed if not a.startswith(("access.", "tags."))] == []
    assert {"assessments.edit_details", "assessments.edit_action",
            "assessments.edit_engagement"} <= set(tried), tried


SQL_CHANGES = {
    "the imported flag": "UPDATE assessment_versions SET imported = false WHERE id = :version",
    "the original sign-off": "UPDATE historical_sign_offs SET signed_by = 'Someone else' "
                             "WHERE version_id = :version",
    "a revision": "DELETE FROM historical_revisions WHERE version_id = :version",
    "the completion date": "UPDATE historical_records SET completed_on = NULL "
                           "WHERE version_id = :version",
    "a person's name": "UPDATE recorded_people SET name = 'Someone else' "
                       "WHERE version_id = :version",
    "the imported text": "UPDATE historical_imported_text SET text = 'Rewritten' "
                         "WHERE version_id = :version",
    "a passage of imported text": "DELETE FROM historical_imported_text "
                                  "WHERE version_id = :version",
}


@pytest.mark.parametrize("what", SQL_CHANGES)
def test_sql_cannot_change_what_the_record_recorded(app, record, what):
    with app.app_context():
        version = _version(record)
        refused = pytest.raises(DatabaseError, match="a signed-off version cannot be changed")
        with refused, db.session.begin_nested():
            db.session.execute(text(SQL_CHANGES[what]), {"version": version.id})


def test_sql_may_still_match_a_person_to_an_account(app, custodian, record):
    with app.app_context():
        version = _version(record)
        with db.session.begin_nested():
            matched = db.session.execute(text(
                "UPDATE recorded_people SET user_id = :user WHERE version_id = :version"),
                {"user": custodian.user_id, "version": version.id}).rowcount
        assert matched == 9
