"""Versions: revising a signed-off assessment, the list, one version, comparing two, withdrawing,
the history, and the review date on the home page."""

from __future__ import annotations

from datetime import date, timedelta

from eia.domain import Role, VersionStatus
from eia.extensions import db
from eia.services import sections, transfer
from eia.services import workflow as moves
from tests.factories import UserFactory
from tests.integration.sign_off_helpers import complete_draft, review_and_recommend, signed_off
from tests.pages import banner_text, error_summary, parse


def _content(version) -> dict:
    document = transfer.export_document(version)
    left_out = {"version", "status", *transfer.WORKFLOW_KEYS}
    return {key: value for key, value in document.items() if key not in left_out}


def test_revise_makes_a_draft_copy_and_signing_it_off_supersedes_the_old(author_client, author,
                                                                        app_context):
    v1 = signed_off(author=author)
    response = author_client.post_form("assessments.revise", reference=v1.reference)
    assert response.status_code == 302
    assert response.location.endswith(f"/assessments/{v1.reference}")
    db.session.expire_all()
    v2 = v1.assessment.latest
    assert (v2.number, v2.status) == (2, VersionStatus.DRAFT)
    assert _content(v2) == _content(v1)
    assert v1.status == VersionStatus.SIGNED_OFF
    page = author_client.get_page("assessments.view_task_list", reference=v1.reference)
    assert "Version 2 is a review of version 1" in page.get_text()

    review_and_recommend(v2, UserFactory(roles={Role.REVIEWER}))
    moves.sign_off(UserFactory(roles={Role.APPROVER}), v2, declaration_accepted=True)
    db.session.expire_all()
    assert v1.status == VersionStatus.SUPERSEDED
    assert v2.status == VersionStatus.SIGNED_OFF


def test_a_draft_cannot_be_revised(author_client, author, app_context):
    version = complete_draft(author)
    page = author_client.get_page("assessments.revise", reference=version.reference)
    assert "An assessment that is draft cannot be revised" in page.get_text()
    response = author_client.post_form("assessments.revise", reference=version.reference)
    assert error_summary(parse(response)) == ["An assessment that is draft cannot be revised"]


def test_versions_list_and_one_version_read_only(author_client, author, app_context):
    v1 = signed_off(author=author)
    moves.revise(author, v1)
    page = author_client.get_page("assessments.list_versions", reference=v1.reference)
    rows = [row.get_text(" ", strip=True) for row in page.select("tbody tr")]
    assert rows[0].startswith("Version 2") and "Draft" in rows[0]
    assert rows[1].startswith("Version 1") and "Signed off" in rows[1]
    assert "David Lloyd" in rows[1] and "Not published" in rows[1]

    page = author_client.get_page("assessments.view_version", reference=v1.reference, number=1)
    assert page.h1.get_text(strip=True) == "Version 1"
    assert "David Lloyd" in page.get_text()
    assert not page.find("a", string="Change")
    author_client.get_page("assessments.view_version", reference=v1.reference, number=9,
                           expected_status=404)


def test_compare_marks_what_changed(author_client, author, app_context):
    v1 = signed_off(author=author)
    v2 = moves.revise(author, v1)
    framework = v2.framework
    section = framework.section("monitoring_and_review")
    sections.save_answers(author, v2, section, {"monitoring_owner": "Head of Therapies"},
                          expected_lock=None)
    page = author_client.get_page("assessments.compare_versions", reference=v1.reference,
                                  **{"from": 1, "to": 2})
    changed = {row.th.get_text(strip=True): row.get_text(" ", strip=True)
               for row in page.select("tbody tr")}
    label = section.question("monitoring_owner").label
    assert "Changed" in changed[label] and "Head of Therapies" in changed[label]
    details = page.find(id="compare-details").find_next_sibling()
    assert details.get_text(strip=True) == "No change in this section."
    assert "1 difference" in page.get_text()
    author_client.get_page("assessments.compare_versions", reference=v1.reference,
                           expected_status=404, **{"from": 1, "to": 7})


def test_withdraw_needs_a_reason_and_ends_the_draft(author_client, author, app_context):
    version = complete_draft(author)
    page = author_client.get_page("assessments.view_task_list", reference=version.reference)
    assert page.find("a", string="Withdraw this assessment")
    response = author_client.post_form("assessments.withdraw", {"reason": ""},
                                       reference=version.reference)
    assert error_summary(parse(response)) == ["Enter why you are withdrawing the assessment"]
    response = author_client.post_form("assessments.withdraw",
                                       {"reason": "The proposal was dropped"},
                                       follow=True, reference=version.reference)
    assert "has been withdrawn" in banner_text(parse(response))
    db.session.expire_all()
    assert version.status == VersionStatus.WITHDRAWN


def test_a_signed_off_version_cannot_be_withdrawn(author_client, author, app_context):
    version = signed_off(author=author)
    page = author_client.get_page("assessments.withdraw", reference=version.reference)
    assert "cannot be withdrawn" in page.get_text()
    assert not page.find("textarea")


def test_history_says_who_did_what_and_why(author_client, author, app_context):
    version = complete_draft(author)
    review_and_recommend(version, UserFactory(name="Grace Okafor", roles={Role.REVIEWER}))
    moves.return_for_changes(UserFactory(name="David Lloyd", roles={Role.APPROVER}), version,
                             "Say how carers will get there")
    page = author_client.get_page("assessments.history", reference=version.reference)
    entries = [li.get_text(" ", strip=True) for li in page.select("li.app-timeline__entry")]
    assert entries[0].startswith("Returned it without signing it off")
    assert "David Lloyd" in entries[0] and "Reason: Say how carers will get there" in entries[0]
    assert any(e.startswith("Recommended it for sign-off") and "Grace Okafor" in e
               for e in entries)
    assert any(e.startswith("Submitted it for review") and "Priya Shah" in e for e in entries)
    assert entries[-1].startswith("Started the assessment")
    assert any(e.startswith("Created the assessment from an imported document") for e in entries)


def test_home_page_flags_a_review_date_within_30_days(author_client, author, app_context):
    soon = signed_off(author=author, review_date=date.today() + timedelta(days=10))
    later = signed_off(author=author, review_date=date.today() + timedelta(days=200))
    page = author_client.get_page("main.home")
    due = page.select_one(".app-reviews-due")
    assert due is not None and soon.reference in due.get_text()
    assert later.reference not in due.get_text()
    response = author_client.post_form("assessments.revise", reference=soon.reference)
    assert response.status_code == 302
    page = author_client.get_page("main.home")
    assert "Continue the review" in page.select_one(".app-reviews-due").get_text()
