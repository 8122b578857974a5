"""Regard must come before the decision: the dates are guarded when they are changed, at
submission and at sign-off; moving them is audited and shown to the reviewer; and the reviewer's
checklist must be completed before recommending."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from eia.checks.dates import DECISION_BEFORE_WORK
from eia.domain import Role, VersionStatus
from eia.extensions import db
from eia.formatting import format_date
from eia.models.review import CHECKLIST, ReviewPoint
from eia.progress import applicable_sections
from eia.services import review as review_service
from eia.services import transfer
from eia.services import workflow as moves
from eia.workflow import MoveRefused
from tests.conftest import sign_in_client
from tests.factories import UserFactory
from tests.integration.conftest import audit_details, date_parts, details_form
from tests.integration.sign_off_helpers import complete_draft, ensure_unit
from tests.pages import banner_text, error_summary, parse

TODAY = date.today()


def test_a_decision_date_before_the_work_started_is_refused_and_nothing_is_lost(
        author_client, version):
    started = version.work_started_on
    page = parse(author_client.post_form(
        "assessments.edit_details", details_form(
            version, title="Moving physiotherapy to Riverside",
            decision_date=date_parts(started - timedelta(days=1))),
        reference=version.reference))
    assert error_summary(page) == [DECISION_BEFORE_WORK]
    assert page.select_one("input[name=title]")["value"] == "Moving physiotherapy to Riverside"
    assert page.select_one("#decision_date-day")["value"] == str((started - timedelta(1)).day)
    db.session.expire_all()
    assert transfer.get_version(version.reference).decision_date != started - timedelta(days=1)


def test_moving_the_dates_is_audited_and_shown_to_the_reviewer(app, app_context):
    author = UserFactory(name="Priya Shah", roles={Role.AUTHOR})
    reviewer = UserFactory(name="Grace Okafor", roles={Role.REVIEWER})
    version = complete_draft(author)
    old_decision, old_start = version.decision_date, version.work_started_on
    new_decision = old_decision + timedelta(days=14)
    response = sign_in_client(app, author).post_form(
        "assessments.edit_details", details_form(version, decision_date=date_parts(new_decision)),
        reference=version.reference)
    assert response.status_code == 302
    [moved] = [d["dates_moved"] for d in audit_details("assessment.details_changed")
               if "dates_moved" in d]
    assert moved == {"decision_date": {"from": old_decision.isoformat(),
                                       "to": new_decision.isoformat()}}
    assert transfer.get_version(version.reference).work_started_on == old_start

    db.session.expire_all()  # the page saved the details in its own session
    moves.submit(author, transfer.get_version(version.reference))
    page = sign_in_client(app, reviewer).get_page("review.overview", reference=version.reference)
    notice = page.find("h2", string="The dates have moved").find_parent().get_text(" ",
                                                                                  strip=True)
    assert (f"the expected decision date moved from {format_date(old_decision)} to "
            f"{format_date(new_decision)}") in notice
    assert author.email in notice


def test_a_complete_assessment_is_not_recommended_until_the_checklist_is_done(
        app, app_context):
    author = UserFactory(roles={Role.AUTHOR})
    reviewer = UserFactory(roles={Role.REVIEWER})
    version = complete_draft(author)
    moves.submit(author, version)
    review = moves.start_review(reviewer, version)
    for section in applicable_sections(version, version.framework):
        db.session.add(ReviewPoint(review=review, section_id=section.id,
                                   verdict="acceptable", comment=""))
    db.session.commit()
    # Every point but the last ticked: still refused.
    review_service.record_checklist(reviewer, version, {key for key, _ in CHECKLIST[:-1]})
    reviewer_client = sign_in_client(app, reviewer)
    response = reviewer_client.post_form("review.recommend", reference=version.reference)
    page = parse(reviewer_client.get(response.headers["Location"]))
    assert error_summary(page) == [
        "Complete the checklist first: confirm each point, or ask for changes where the "
        "assessment falls short"]
    assert transfer.get_version(version.reference).status == VersionStatus.IN_REVIEW

    checklist = reviewer_client.get_page("review.checklist", reference=version.reference)
    labels = checklist.get_text(" ", strip=True)
    for words in ("cumulative", "engaged", "outcome"):
        assert words in labels.lower()

    review_service.record_checklist(reviewer, version, {key for key, _ in CHECKLIST})
    assert reviewer_client.post_form("review.recommend",
                                     reference=version.reference).status_code == 302
    db.session.expire_all()
    assert transfer.get_version(version.reference).status == VersionStatus.AWAITING_SIGN_OFF


@pytest.fixture
def past_its_decision(app_context):
    """An assessment recommended for sign-off whose decision date was yesterday: it was
    submitted in time, but the signatory has come to it late."""
    ensure_unit()
    author = UserFactory(roles={Role.AUTHOR})
    reviewer = UserFactory(roles={Role.REVIEWER})
    two_days_ago = TODAY - timedelta(days=2)
    version = complete_draft(author, decision_date=TODAY - timedelta(days=1), today=two_days_ago)
    moves.submit(author, version, today=two_days_ago)
    db.session.expire_all()
    version = transfer.get_version(version.reference)
    review = moves.start_review(reviewer, version)
    for section in applicable_sections(version, version.framework):
        db.session.add(ReviewPoint(review=review, section_id=section.id,
                                   verdict="acceptable", comment=""))
    db.session.commit()
    review_service.record_checklist(reviewer, version, {key for key, _ in CHECKLIST})
    moves.recommend(reviewer, version)
    return version


def test_a_sign_off_after_the_decision_date_is_refused_with_the_reason(app,
                                                                       past_its_decision):
    version = past_its_decision
    approver = UserFactory(roles={Role.APPROVER})
    expected = (f"The decision date, {format_date(version.decision_date)}, has passed. Regard "
                "must be paid before the decision")
    # The page says so before the signatory tries.
    page = sign_in_client(app, approver).get_page("signoff.summary", reference=version.reference)
    assert expected in page.get_text(" ", strip=True)
    page = parse(sign_in_client(app, approver).post_form("signoff.sign_off", {"declaration": "y"},
                                               reference=version.reference))
    assert any(expected in message for message in [banner_text(page), *error_summary(page)])
    with pytest.raises(MoveRefused, match="has passed"):
        moves.sign_off(approver, version, declaration_accepted=True)
    assert transfer.get_version(version.reference).status == VersionStatus.AWAITING_SIGN_OFF
