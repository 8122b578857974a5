"""Sign-off: the queue, the summary, the declaration, separation of duties, returning, and two
signatories signing off at the same moment."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select

from eia.domain import Role, VersionStatus
from eia.extensions import db
from eia.models.review import DECLARATION, SignOff, WorkflowEvent
from eia.models.users import User
from eia.services import transfer
from tests.conftest import make_test_app, sign_in_client
from tests.factories import UserFactory
from tests.integration.sign_off_helpers import awaiting_sign_off, review_and_recommend
from tests.pages import banner_text, error_summary, parse


def _version(reference):
    return transfer.get_version(reference)


def test_queue_lists_what_awaits_sign_off(approver_client, app_context):
    page = approver_client.get_page("signoff.queue")
    assert "Nothing is waiting for sign-off" in page.get_text()

    version = awaiting_sign_off()
    page = approver_client.get_page("signoff.queue")
    row = page.select_one("tbody tr").get_text(" ", strip=True)
    assert version.title in row and version.reference in row
    assert "Outpatient Physiotherapy" in row
    assert "Grace Okafor" in row


def test_summary_gives_the_decision_maker_what_matters(approver_client, app_context):
    version = awaiting_sign_off()
    page = approver_client.get_page("signoff.summary", reference=version.reference)
    text = page.get_text(" ", strip=True)
    assert "Outcome" in text
    negative = [i for i in version.impacts if i.level.is_negative]
    assert negative, "the demo assessment has negative impacts"
    for impact in negative:
        assert impact.mitigation in text
    assert "Grace Okafor" in text and "Recommended for sign-off" in text
    assert page.find("a", string="Read the full assessment")["href"].endswith("/check-answers")
    assert page.find("label", string=lambda s: s and DECLARATION in s)


def test_signing_off_records_who_when_and_exactly_what(approver_client, app_context):
    version = awaiting_sign_off()
    expected = transfer.document_fingerprint(version)
    response = approver_client.post_form("signoff.sign_off", {"declaration": "y"},
                                         reference=version.reference)
    assert response.status_code == 302
    db.session.expire_all()
    record = db.session.scalar(select(SignOff).where(SignOff.version_id == version.id))
    assert record.approver_name == "David Lloyd"
    assert record.approver_job_title == "Director of Community Health"
    assert record.fingerprint == expected == transfer.document_fingerprint(version)
    assert record.declaration == DECLARATION
    assert record.signed_at is not None
    assert _version(version.reference).status == VersionStatus.SIGNED_OFF
    page = approver_client.get_page("signoff.summary", reference=version.reference)
    assert "You have signed off" in banner_text(page)
    assert expected in page.get_text()


def test_the_declaration_is_required(approver_client, app_context):
    version = awaiting_sign_off()
    response = approver_client.post_form("signoff.sign_off", {}, reference=version.reference)
    page = parse(response)
    assert error_summary(page) == ["Confirm the declaration to sign off"]
    db.session.expire_all()
    assert _version(version.reference).status == VersionStatus.AWAITING_SIGN_OFF


@pytest.mark.parametrize("own_work", ["reviewed", "wrote"])
def test_a_signatory_cannot_sign_off_their_own_work(client_as, app_context, own_work):
    if own_work == "reviewed":
        client = client_as(Role.APPROVER, Role.REVIEWER)
        version = awaiting_sign_off(reviewer=db.session.get(User, client.user_id))
        message = "The person who reviewed this version cannot also sign it off"
    else:
        client = client_as(Role.APPROVER, Role.AUTHOR)
        version = awaiting_sign_off(author=db.session.get(User, client.user_id))
        message = "You cannot review or sign off an assessment you wrote or contributed to"
    page = client.get_page("signoff.summary", reference=version.reference)
    assert message in page.get_text()
    assert page.find("input", {"name": "declaration"}) is None
    response = client.post_form("signoff.sign_off", {"declaration": "y"},
                                reference=version.reference)
    assert response.status_code == 200
    assert error_summary(parse(response)) == [message]
    db.session.expire_all()
    assert _version(version.reference).status == VersionStatus.AWAITING_SIGN_OFF


def test_returning_needs_a_reason(approver_client, app_context):
    version = awaiting_sign_off()
    approver_client.get_page("signoff.return_assessment", reference=version.reference)
    response = approver_client.post_form("signoff.return_assessment", {"reason": "  "},
                                         reference=version.reference)
    assert error_summary(parse(response)) == ["Enter why you are returning the assessment"]
    response = approver_client.post_form(
        "signoff.return_assessment", {"reason": "The cumulative impact on carers is missing"},
        reference=version.reference)
    assert response.status_code == 302
    db.session.expire_all()
    assert _version(version.reference).status == VersionStatus.CHANGES_REQUESTED
    event = db.session.scalar(select(WorkflowEvent).where(WorkflowEvent.action == "return"))
    assert event.reason == "The cumulative impact on carers is missing"


def test_a_returned_assessment_can_be_resubmitted(approver_client, app_context):
    version = awaiting_sign_off()
    approver_client.post_form("signoff.return_assessment", {"reason": "Add dates"},
                              reference=version.reference)
    db.session.expire_all()
    version = _version(version.reference)
    review_and_recommend(version, UserFactory(roles={Role.REVIEWER}))
    assert version.status == VersionStatus.AWAITING_SIGN_OFF


# Two signatories at the same moment ------------------------------------------------------------


@pytest.mark.own_app
@pytest.mark.parametrize("attempt", range(3))
def test_two_signatories_at_once_give_exactly_one_sign_off(new_database_url, smtp, attempt):
    """SECURITY.md (Workflow integrity): Applied atomically: two simultaneous sign-offs give
    one."""
    app = make_test_app(new_database_url("race"), smtp)
    with app.app_context():
        first = UserFactory(name="First Signatory", roles={Role.APPROVER})
        second = UserFactory(name="Second Signatory", roles={Role.APPROVER})
        reference = awaiting_sign_off().reference
        people = [(first.email, first), (second.email, second)]
        db.session.remove()  # end this context's transaction: SQLite would block the requests
    clients = [sign_in_client(app, person) for _, person in people]
    for client in clients:
        client.csrf_token()  # fetched now, so both requests do the same work at the start line
    url = clients[0].url("signoff.sign_off", reference=reference)
    start = threading.Barrier(len(clients))
    responses = [None] * len(clients)

    def sign(index: int) -> None:
        client = clients[index]
        data = {"csrf_token": client.csrf_token(), "declaration": "y"}
        start.wait()
        responses[index] = client.post(url, data=data)

    threads = [threading.Thread(target=sign, args=(i,)) for i in range(len(clients))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    statuses = sorted(r.status_code for r in responses)
    assert statuses == [200, 302], statuses
    loser = next(r for r in responses if r.status_code == 200)
    assert any("has already signed off this version" in message
               for message in error_summary(parse(loser)))
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(SignOff)) == 1
        assert db.session.scalar(select(func.count()).select_from(WorkflowEvent).where(
            WorkflowEvent.action == "sign_off")) == 1
        assert transfer.get_version(reference).status == VersionStatus.SIGNED_OFF
        db.session.remove()
        db.engine.dispose()
