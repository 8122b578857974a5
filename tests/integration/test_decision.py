"""Recording the decision after sign-off, and where the record is shown: the version page, the
public register, and the PDF."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from eia.domain import Role
from eia.extensions import db
from eia.models.review import Decision
from eia.services import transfer
from eia.services import workflow as moves
from eia.services.documents import assessment_pdf
from tests.conftest import sign_in_client
from tests.factories import UserFactory
from tests.integration.conftest import audit_details, date_parts
from tests.integration.sign_off_helpers import awaiting_sign_off, signed_off
from tests.integration.test_pdf import flat, pages_text
from tests.pages import banner_text, error_summary, parse

FORUM = "Cabinet"
MINUTE = "Cabinet, 14 January 2027, minute 57"
DECIDED = ("Approved the move to Riverside Health Centre, with patient transport and the "
           "outreach clinic.")


def _decision_form(decided_on: date, **overrides) -> dict:
    form = {"decided_on": date_parts(decided_on), "forum": FORUM, "minute_reference": MINUTE,
            "assessment_considered": "yes", "what_was_decided": DECIDED,
            "accepted_mitigations": ["age", "disability"]}
    form.update(overrides)
    return form


def _record(client, version, form):
    return client.post_form("assessments.record_decision", form,
                            reference=version.reference, number=version.number)


def _decisions(version) -> list[Decision]:
    db.session.expire_all()
    return list(db.session.scalars(select(Decision).where(Decision.version_id == version.id)))


@pytest.fixture
def lead(app_context):
    return UserFactory(name="Priya Shah", roles={Role.AUTHOR})


@pytest.fixture
def lead_client(app, lead):
    return sign_in_client(app, lead)


def test_the_lead_author_records_the_decision_and_it_is_shown_with_the_version(
        lead, lead_client):
    version = signed_off(author=lead)
    page = lead_client.get_page("assessments.view_version", reference=version.reference,
                                number=version.number)
    assert "The decision has not been recorded yet" in page.get_text()
    assert page.find("a", string="Record the decision")

    form_page = lead_client.get_page("assessments.record_decision", reference=version.reference,
                                     number=version.number)
    # Only the groups with a mitigation can be chosen as accepted.
    offered = {box["value"] for box in form_page.select("input[name=accepted_mitigations]")}
    assert {"age", "disability"} <= offered
    negative = {i.group_id for i in version.impacts if i.level.is_negative and i.mitigation}
    assert offered == negative

    response = _record(lead_client, version, _decision_form(date.today()))
    assert response.status_code == 302
    [decision] = _decisions(version)
    assert (decision.decided_on, decision.forum, decision.minute_reference) == (
        date.today(), FORUM, MINUTE)
    assert decision.assessment_considered and decision.what_was_decided == DECIDED
    assert sorted(decision.accepted_mitigations) == ["age", "disability"]
    assert audit_details("assessment.decision_recorded") == [
        {"decided_on": date.today().isoformat(), "assessment_considered": True,
         "version": version.number}]

    page = parse(lead_client.get(response.headers["Location"]))
    assert "The decision is recorded with the assessment" in banner_text(page)
    text = page.get_text(" ", strip=True)
    assert MINUTE in text and DECIDED in text and "Age, Disability" in text
    assert page.find("a", string="Record the decision") is None


def test_the_decision_is_on_the_public_register_and_in_the_pdf(client, app, lead):
    approver = UserFactory(name="Ruth Evans", job_title="Director", roles={Role.APPROVER})
    version = signed_off(approver=approver, author=lead)
    moves.publish(approver, version, "Physiotherapy moves to one site with transport.")
    register = client.get_page("register.index")
    assert "Not yet recorded" in register.select_one("tbody tr").get_text()

    response = _record(sign_in_client(app, approver), version,
                       _decision_form(date.today(), assessment_considered="no",
                                      accepted_mitigations=[]))
    assert response.status_code == 302

    row = client.get_page("register.index").select_one("tbody tr").get_text(" ", strip=True)
    assert date.today().strftime("%-d %B %Y") in row
    page = client.get_page("register.view_assessment", reference=version.reference)
    text = page.get_text(" ", strip=True)
    assert MINUTE in text and DECIDED in text
    assert "Assessment before the decision-maker No" in text
    assert "Mitigations accepted None recorded" in text

    pdf_text = flat(" ".join(pages_text(assessment_pdf(transfer.get_version(
        version.reference)))))
    assert MINUTE in pdf_text and flat(DECIDED) in pdf_text


def test_the_decision_waits_for_sign_off(lead, lead_client):
    version = awaiting_sign_off(author=lead)
    page = lead_client.get_page("assessments.record_decision", reference=version.reference,
                                number=version.number)
    assert "The decision is recorded once the assessment is signed off" in page.get_text()
    assert page.find("form", action=lambda a: a and a.endswith("/decision")) is None
    _record(lead_client, version, _decision_form(date.today()))
    assert _decisions(version) == []


def test_a_decision_before_the_sign_off_is_refused_and_the_answers_are_kept(lead, lead_client):
    version = signed_off(author=lead)
    response = _record(lead_client, version, _decision_form(date.today() - timedelta(days=3)))
    assert response.status_code == 200
    page = parse(response)
    assert error_summary(page) == [
        "The decision date is before the assessment was signed off: the assessment must be "
        "signed off before the decision is made"]
    assert page.find("input", {"name": "forum"})["value"] == FORUM
    assert page.find("textarea", {"name": "what_was_decided"}).get_text(strip=True) == DECIDED
    assert _decisions(version) == []


def test_every_answer_but_the_reference_and_mitigations_is_needed(lead, lead_client):
    version = signed_off(author=lead)
    page = parse(_record(lead_client, version, {"decided_on": ["", "", ""], "forum": " ",
                                                "what_was_decided": ""}))
    assert error_summary(page) == [
        "Enter the date the decision was made", "Enter where the decision was made",
        "Say whether the assessment was before the decision-maker", "Enter what was decided"]
    assert _decisions(version) == []


def test_the_decision_is_recorded_once(lead, lead_client):
    version = signed_off(author=lead)
    assert _record(lead_client, version, _decision_form(date.today())).status_code == 302
    page = parse(_record(lead_client, version, _decision_form(date.today(), forum="Council")))
    assert "The decision has already been recorded" in page.get_text()
    assert [d.forum for d in _decisions(version)] == [FORUM]


def test_only_signatories_and_the_authors_may_record_it(client_as, lead):
    version = signed_off(author=lead)
    for role in (Role.REVIEWER, Role.ADMIN):
        someone = client_as(role)
        someone.get_page("assessments.record_decision", expected_status=404,
                         reference=version.reference, number=version.number)
        assert _record(someone, version, _decision_form(date.today())).status_code == 404
    assert _decisions(version) == []
