"""Publishing and unpublishing, and the public register that anyone can read without signing in."""

from __future__ import annotations

import pytest

from eia.domain import Role
from eia.extensions import db
from eia.models.users import User
from eia.services import workflow as moves
from tests.factories import UserFactory
from tests.integration.sign_off_helpers import awaiting_sign_off, review_and_recommend, signed_off
from tests.pages import error_summary, parse

SUMMARY = ("Physiotherapy moves to one site. Disabled and older patients could find the "
           "journey harder, so we will keep home visits and add an outreach clinic.")


@pytest.fixture
def approver_client(client_as):
    # Not the shared David Lloyd: the register must name the signatory, not whoever publishes.
    return client_as(Role.APPROVER, name="Helen Price")


def _publish(client, version, summary=SUMMARY):
    return client.post_form("signoff.publish", {"summary": summary},
                            reference=version.reference, number=version.number)


def test_publishing_needs_a_summary_and_puts_the_version_on_the_register(
        approver_client, client, app_context):
    version = signed_off()
    approver_client.get_page("signoff.publish", reference=version.reference, number=1)
    response = _publish(approver_client, version, summary="")
    assert error_summary(parse(response)) == ["Enter a plain-English summary for the public"]
    client.get_page("register.view_assessment", reference=version.reference,
                    expected_status=404)

    assert _publish(approver_client, version).status_code == 302
    index = client.get_page("register.index")
    row = index.select_one("tbody tr").get_text(" ", strip=True)
    assert version.title in row and version.reference in row
    assert "Outpatient Physiotherapy" in row

    page = client.get_page("register.view_assessment", reference=version.reference)
    text = page.get_text(" ", strip=True)
    assert SUMMARY in text
    assert "Outcome" in text
    groups = [row.th.get_text(strip=True) for row in page.select("table")[0].select("tbody tr")]
    assert groups[:2] == ["Age", "Disability"]
    assert "David Lloyd" in text and "Director" in text
    assert "Review date" in text and "Signed off" in text
    assert version.actions[0].description in text


def test_admin_may_publish_but_author_and_reviewer_may_not(client_as, app_context):
    version = signed_off()
    assert _publish(client_as(Role.ADMIN), version).status_code == 302
    for role in (Role.AUTHOR, Role.REVIEWER):
        response = client_as(role).get(f"/sign-off/{version.reference}/versions/1/publish")
        assert response.status_code == 404


def test_unpublishing_needs_a_reason_and_hides_the_page(approver_client, client, app_context):
    version = signed_off()
    _publish(approver_client, version)
    response = approver_client.post_form("signoff.unpublish", {"reason": ""},
                                         reference=version.reference, number=1)
    assert error_summary(parse(response)) == [
        "Enter why you are taking the assessment off the register"]
    response = approver_client.post_form("signoff.unpublish",
                                         {"reason": "Published by mistake"},
                                         reference=version.reference, number=1)
    assert response.status_code == 302
    client.get_page("register.view_assessment", reference=version.reference,
                    expected_status=404)
    client.get_page("register.view_version", reference=version.reference, number=1,
                    expected_status=404)
    assert "No assessments have been published yet" in client.get_page("register.index").text


def test_unsigned_and_unknown_assessments_are_never_public(approver_client, client,
                                                           app_context):
    version = awaiting_sign_off()
    client.get_page("register.view_assessment", reference=version.reference,
                    expected_status=404)
    response = _publish(approver_client, version)
    assert "cannot be published" in " ".join(error_summary(parse(response)))
    client.get_page("register.view_assessment", reference=version.reference,
                    expected_status=404)
    client.get_page("register.view_assessment", reference="EIA-1999-0001", expected_status=404)


def _listed_versions(client) -> list[str]:
    """The PDF link of each row of the public register: which version each row is."""
    return [row.select_one("a[download]")["href"]
            for row in client.get_page("register.index").select("tbody tr")]


def test_a_superseded_version_says_what_replaced_it(approver_client, client, app_context):
    v1 = signed_off()
    _publish(approver_client, v1)
    db.session.expire_all()  # the request changed v1 through its own session
    author = db.session.get(User, v1.lead_officer_id)
    v2 = moves.revise(author, v1)
    review_and_recommend(v2, UserFactory(roles={Role.REVIEWER}))
    moves.sign_off(UserFactory(roles={Role.APPROVER}), v2, declaration_accepted=True)

    page = client.get_page("register.view_version", reference=v1.reference, number=1)
    assert "replaced by version 2." in " ".join(page.get_text(" ").split())
    assert page.find("a", string="version 2") is None  # version 2 is not public yet
    # The register lists the assessment once, at its latest published version.
    assert _listed_versions(client) == [f"/register/{v1.reference}/versions/1/pdf"]

    _publish(approver_client, v2)
    assert _listed_versions(client) == [f"/register/{v1.reference}/versions/2/pdf"]
    page = client.get_page("register.view_version", reference=v1.reference, number=1)
    link = page.find("a", string="version 2")
    assert link["href"] == f"/register/{v1.reference}/versions/2"
    latest = client.get_page("register.view_assessment", reference=v1.reference)
    assert "version 2" in latest.select_one(".govuk-caption-l").get_text()


# --- The public PDF ----------------------------------------------------------------------------


def test_a_published_version_downloads_as_a_pdf_without_signing_in(approver_client, client,
                                                                   app_context):
    version = signed_off()
    _publish(approver_client, version)
    page = client.get_page("register.view_version", reference=version.reference, number=1)
    href = f"/register/{version.reference}/versions/1/pdf"
    assert page.find("a", href=href).get_text(" ", strip=True).startswith("Download PDF")
    assert page.find("a", href="/verify") is not None
    assert client.get_page("register.index").find("a", href=href) is not None

    response = client.get(href)
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.data.startswith(b"%PDF")
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert f'filename="{version.reference}-v1.pdf"' in disposition
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_the_public_pdf_leaves_out_the_workflow_and_unsigned_versions(approver_client,
                                                                      client, app_context):
    from io import BytesIO

    from pypdf import PdfReader

    version = signed_off()
    _publish(approver_client, version)
    db.session.refresh(version)  # publishing, in its own request, moved the version on
    moves.revise(version.lead_officer, version)  # a draft version 2 exists, unsigned
    public = client.get(f"/register/{version.reference}/versions/1/pdf").data
    text = " ".join(page.extract_text() for page in PdfReader(BytesIO(public)).pages)
    assert "Workflow events" not in text and "Draft" not in text.split("version history")[-1]

    internal = approver_client.get(f"/assessments/{version.reference}/pdf?version=1")
    text = " ".join(page.extract_text() for page in PdfReader(BytesIO(internal.data)).pages)
    assert "Workflow events" in text


def test_no_pdf_of_an_unpublished_unsigned_or_unknown_version(approver_client, client,
                                                              app_context):
    draft = awaiting_sign_off()
    assert client.get(f"/register/{draft.reference}/versions/1/pdf").status_code == 404

    version = signed_off()
    href = f"/register/{version.reference}/versions/1/pdf"
    assert client.get(href).status_code == 404  # signed off, never published
    _publish(approver_client, version)
    assert client.get(href).status_code == 200
    approver_client.post_form("signoff.unpublish", {"reason": "Published by mistake"},
                              reference=version.reference, number=1)
    assert client.get(href).status_code == 404  # taken off the register
    assert client.get(f"/register/{version.reference}/versions/2/pdf").status_code == 404
    assert client.get("/register/EIA-1999-0001/versions/1/pdf").status_code == 404


def test_the_signed_in_version_page_links_to_the_pdf_of_that_version(client_as, app_context):
    version = signed_off()
    page = client_as(Role.REVIEWER).get_page("assessments.view_version",
                                            reference=version.reference, number=1)
    link = page.find("a", href=f"/assessments/{version.reference}/pdf?version=1")
    assert link.get_text(" ", strip=True).startswith("Download PDF")
