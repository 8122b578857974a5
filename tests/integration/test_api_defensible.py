"""The API speaks schema 2, through the same services as the pages: a strategic decision
covers socio-economic disadvantage, screening is by group, a negative impact says whether
harm remains, engagement is dated with the groups it reached, recommending needs the
checklist, sign-off is refused after the decision date, and the decision is recorded once,
after sign-off."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from eia.domain import Role, Verdict
from eia.extensions import db
from eia.models.review import ReviewPoint
from eia.models.tokens import TokenScope
from eia.progress import applicable_sections
from eia.services import frameworks, tokens
from eia.services import workflow as moves
from tests.factories import UserFactory, start_assessment
from tests.integration.conftest import audit_details
from tests.integration.sign_off_helpers import awaiting_sign_off, complete_draft, signed_off


def _token(user, scope=TokenScope.WRITE) -> dict:
    _, secret = tokens.create_token(user, "Committee papers", scope, 30)
    return {"Authorization": f"Bearer {secret}"}


@pytest.fixture
def lead(app_context):
    return UserFactory(name="Priya Shah", roles={Role.AUTHOR})


def test_a_strategic_decision_covers_socio_economic_disadvantage(client, lead):
    admin = UserFactory(name="Alex Murray", roles={Role.ADMIN})
    frameworks.set_enabled_extra_groups(admin, ["carers"])  # as a deployment in England may
    auth = _token(lead)
    version = start_assessment(lead)
    url = f"/api/v1/assessments/{version.reference}"
    before = client.get(url, headers=auth).get_json()
    assert before["strategic_decision"] is False
    refused = client.put(f"{url}/impacts/socio-economic", headers=auth,
                         json={"impact": "neutral", "lock_version": 0})
    assert refused.status_code == 404

    changed = client.patch(url, headers=auth, json={"strategic_decision": True,
                                                    "lock_version": before["lock_version"]})
    assert changed.status_code == 200 and changed.get_json()["strategic_decision"] is True
    saved = client.put(f"{url}/impacts/socio-economic", headers=auth, json={
        "impact": "neutral", "effect": "Charges do not change.",
        "no_evidence_reason": "No charge is involved.", "lock_version": 0})
    assert saved.status_code == 200
    assert saved.get_json()["impacts"]["socio_economic"]["impact"] == "neutral"
    wrong = client.patch(url, headers=auth, json={"strategic_decision": "yes",
                                                  "lock_version": 0})
    assert wrong.status_code == 422 and "strategic_decision" in wrong.get_json()["errors"]


def test_screening_by_group_is_checked_like_a_document(client, lead):
    auth = _token(lead)
    version = start_assessment(lead)
    url = f"/api/v1/assessments/{version.reference}/sections/screening"
    table = {"age": {"relevance": "high", "reason": "Older patients travel furthest."},
             "religion_belief": {"relevance": "none", "reason": "Nothing about the clinic "
                                                               "depends on belief."}}
    saved = client.put(url, headers=auth, json={"answers": {"group_relevance": table},
                                                "lock_version": None})
    assert saved.status_code == 200
    assert saved.get_json()["sections"]["screening"]["answers"]["group_relevance"] == table
    db.session.expire_all()
    assert not version.needs_impact("religion_belief") and version.needs_impact("age")

    for answer, message in (
            ({"age": {"relevance": "vital", "reason": ""}}, "age: relevance must be one of"),
            ({"age": {"relevance": "high", "colour": "red"}}, "only relevance and reason"),
            ("high", "Must be a table of relevance by group.")):
        refused = client.put(url, headers=auth, json={
            "answers": {"group_relevance": answer},
            "lock_version": saved.get_json()["sections"]["screening"]["lock_version"]})
        assert refused.status_code == 422
        [problem] = refused.get_json()["errors"]["answers.group_relevance"]
        assert message in problem


def test_a_negative_impact_says_whether_harm_remains(client, lead):
    auth = _token(lead)
    version = start_assessment(lead)
    url = f"/api/v1/assessments/{version.reference}/impacts/disability"
    body = {"impact": "negative", "effect": "A longer journey to the new site.",
            "no_evidence_reason": "Travel survey due next month.",
            "mitigation": "Patient transport for anyone who needs it.", "lock_version": 0}
    missing = client.put(url, headers=auth, json=body)
    assert missing.status_code == 422
    assert missing.get_json()["errors"] == {
        "harm_remains": ["Say whether any negative impact remains after mitigation"]}
    saved = client.put(url, headers=auth, json={
        **body, "harm_remains": True,
        "residual_impact": "Journeys stay longer for people who drive themselves."})
    assert saved.status_code == 200
    impact = saved.get_json()["impacts"]["disability"]
    assert impact["harm_remains"] is True
    assert impact["residual_impact"].startswith("Journeys stay longer")


def test_engagement_is_dated_with_the_groups_it_reached(client, lead):
    auth = _token(lead)
    version = start_assessment(lead)
    url = f"/api/v1/assessments/{version.reference}/engagement"
    body = {"who": "The patient forum", "started_on": "2026-03-12", "ended_on": "2026-04-09",
            "groups": ["age", "disability"], "how": "Two workshops",
            "what_they_said": "Transport matters most.",
            "what_changed": "Transport was added to the plan."}
    added = client.post(url, headers=auth, json=body)
    assert added.status_code == 201
    item = added.get_json()
    assert (item["started_on"], item["ended_on"], item["groups"]) == (
        "2026-03-12", "2026-04-09", ["age", "disability"])
    old = client.post(url, headers=auth, json={**body, "when": "Spring 2026"})
    assert old.status_code == 422 and old.get_json()["errors"]["when"] == ["Unknown field."]
    undated = client.post(url, headers=auth, json={k: v for k, v in body.items()
                                                   if k != "started_on"})
    assert undated.status_code == 422 and "started_on" in undated.get_json()["errors"]


def test_documents_go_out_at_schema_2_and_version_1_still_comes_in(client, lead):
    auth = _token(lead)
    version = complete_draft(lead)
    document = client.get(f"/api/v1/assessments/{version.reference}/versions/1/document",
                          headers=auth).get_json()
    assert document["schema_version"] == 2
    assert "group_relevance" in document["sections"]["screening"]["answers"]
    assert all("started_on" in item and "when" not in item for item in document["engagement"])
    again = client.post("/api/v1/documents", headers=auth, json=document)
    assert again.status_code == 201

    first = document["engagement"][0]
    older = {**document, "schema_version": 1, "engagement": [
        {**{k: v for k, v in first.items() if k not in ("started_on", "ended_on", "groups")},
         "when": "12 January to 9 March 2026"}]}
    older["details"] = {k: v for k, v in document["details"].items()
                        if k != "strategic_decision"}
    for impact in older["impacts"].values():
        impact.pop("harm_remains")
    imported = client.post("/api/v1/documents", headers=auth, json=older)
    assert imported.status_code == 201, imported.get_json()
    reference = imported.get_json()["reference"]
    [engagement] = client.get(f"/api/v1/assessments/{reference}",
                              headers=auth).get_json()["engagement"]
    assert (engagement["started_on"], engagement["ended_on"]) == ("2026-01-12", "2026-03-09")


def test_recommending_through_the_api_needs_the_checklist(client, lead, app_context):
    reviewer = UserFactory(name="Grace Okafor", roles={Role.REVIEWER})
    version = complete_draft(lead)
    moves.submit(lead, version)
    review = moves.start_review(reviewer, version)
    for section in applicable_sections(version, version.framework):
        db.session.add(ReviewPoint(review=review, section_id=section.id,
                                   verdict=Verdict.ACCEPTABLE.value, comment=""))
    db.session.commit()
    refused = client.post(f"/api/v1/assessments/{version.reference}/moves/recommend",
                          headers=_token(reviewer), json={})
    assert refused.status_code == 409
    assert refused.get_json()["detail"].startswith("Complete the checklist first")


def test_sign_off_through_the_api_is_refused_after_the_decision_date(client, lead):
    approver = UserFactory(name="David Lloyd", roles={Role.APPROVER})
    version = awaiting_sign_off(author=lead)
    version.decision_date = date.today() - timedelta(days=1)
    version.work_started_on = date.today() - timedelta(days=60)
    db.session.commit()
    refused = client.post(f"/api/v1/assessments/{version.reference}/moves/sign-off",
                          headers=_token(approver), json={"declaration_accepted": True})
    assert refused.status_code == 409
    assert "has passed" in refused.get_json()["detail"]


def _decision(**overrides) -> dict:
    body = {"decided_on": date.today().isoformat(), "forum": "Cabinet",
            "minute_reference": "Cabinet, minute 57", "assessment_considered": True,
            "what_was_decided": "Approved the move, with transport.",
            "accepted_mitigations": ["age", "disability"]}
    body.update(overrides)
    return body


def test_the_decision_is_recorded_once_after_sign_off(client, lead):
    auth = _token(lead)
    draft = complete_draft(lead)
    early = client.post(f"/api/v1/assessments/{draft.reference}/versions/1/decision",
                        headers=auth, json=_decision())
    assert early.status_code == 409
    assert early.get_json()["detail"] == "The decision is recorded once the assessment is " \
                                         "signed off"

    version = signed_off(author=lead)
    url = f"/api/v1/assessments/{version.reference}/versions/{version.number}/decision"
    wrong = client.post(url, headers=auth, json=_decision(accepted_mitigations=["nonsense"]))
    assert wrong.status_code == 422
    assert list(wrong.get_json()["errors"]) == ["accepted_mitigations[0]"]
    before = client.post(url, headers=auth, json=_decision(
        decided_on=(date.today() - timedelta(days=1)).isoformat()))
    assert before.status_code == 409 and "before the assessment was signed off" in \
        before.get_json()["detail"]

    recorded = client.post(url, headers=auth, json=_decision())
    assert recorded.status_code == 201
    decision = recorded.get_json()
    assert decision["accepted_mitigations"] == ["age", "disability"]
    assert decision["recorded_by"]["name"] == "Priya Shah"
    assert audit_details("assessment.decision_recorded") == [
        {"decided_on": date.today().isoformat(), "assessment_considered": True,
         "version": version.number}]
    shown = client.get(f"/api/v1/assessments/{version.reference}", headers=auth).get_json()
    assert shown["decision"]["minute_reference"] == "Cabinet, minute 57"
    again = client.post(url, headers=auth, json=_decision())
    assert again.status_code == 409
    assert again.get_json()["detail"] == "The decision has already been recorded"


def test_nobody_else_records_the_decision(client, lead):
    version = signed_off(author=lead)
    url = f"/api/v1/assessments/{version.reference}/versions/{version.number}/decision"
    stranger = UserFactory(name="Tom Evans", roles={Role.AUTHOR})
    assert client.post(url, headers=_token(stranger), json=_decision()).status_code == 404
    reviewer = UserFactory(name="Grace Okafor", roles={Role.REVIEWER})
    assert client.post(url, headers=_token(reviewer), json=_decision()).status_code == 404
    approver = UserFactory(name="Ruth Evans", roles={Role.APPROVER})
    read_only = client.post(url, headers=_token(approver, TokenScope.READ), json=_decision())
    assert read_only.status_code == 403
    assert client.post(url, headers=_token(approver), json=_decision()).status_code == 201
