"""Submitting from "Check your answers": refused while checks block, one move per double click,
and the task list saying where the assessment is in review."""

from __future__ import annotations

from sqlalchemy import func, select

from eia.domain import Role, VersionStatus
from eia.extensions import db
from eia.models.review import WorkflowEvent
from eia.services import transfer
from eia.services import workflow as moves
from tests.factories import UserFactory, start_assessment
from tests.integration.sign_off_helpers import complete_draft
from tests.pages import banner_text, error_summary, parse


def _status(reference: str) -> str:
    db.session.expire_all()
    return transfer.get_version(reference).status


def _events(version, action="submit") -> int:
    return db.session.scalar(select(func.count()).select_from(WorkflowEvent).where(
        WorkflowEvent.version_id == version.id, WorkflowEvent.action == action))


def test_submit_is_refused_while_checks_block(author_client, author, app_context):
    version = start_assessment(author)
    page = author_client.get_page("assessments.check_answers", reference=version.reference)
    assert page.find("form", action=f"/assessments/{version.reference}/submit") is None
    assert "cannot be submitted while" in page.select_one("#submit").find_next("div").get_text()

    response = author_client.post_form("assessments.submit", reference=version.reference)
    assert response.status_code == 302
    assert response.location.endswith(f"/assessments/{version.reference}/check-answers")
    page = parse(author_client.get(response.location))
    assert any("cannot be submitted while" in e for e in error_summary(page))
    assert _status(version.reference) == VersionStatus.DRAFT
    assert _events(version) == 0


def test_a_complete_assessment_is_submitted(author_client, author, app_context, outbox):
    reviewer = UserFactory(name="Grace Okafor", roles={Role.REVIEWER})
    version = complete_draft(author)
    page = author_client.get_page("assessments.check_answers", reference=version.reference)
    form = page.find("form", action=f"/assessments/{version.reference}/submit")
    assert form.find("button").get_text(strip=True) == "Submit for review"

    response = author_client.post_form("assessments.submit", reference=version.reference)
    assert response.location.endswith(f"/assessments/{version.reference}")
    assert _status(version.reference) == VersionStatus.IN_REVIEW
    assert _events(version) == 1

    page = author_client.get_page("assessments.view_task_list", reference=version.reference)
    assert "You have submitted this assessment for review" in banner_text(page)
    status = page.select_one(".app-review-status").get_text(" ", strip=True)
    assert "In review" in status and "waiting for an equality reviewer" in status
    # Read-only while in review: no section links, no submit button.
    assert page.select(".govuk-task-list__link") == []
    page = author_client.get_page("assessments.check_answers", reference=version.reference)
    assert page.find("form", action=f"/assessments/{version.reference}/submit") is None

    moves.start_review(reviewer, transfer.get_version(version.reference))
    page = author_client.get_page("assessments.view_task_list", reference=version.reference)
    assert "Grace Okafor is reviewing it" in page.select_one(".app-review-status").get_text()


def test_a_double_click_makes_one_move(author_client, author, app_context):
    version = complete_draft(author)
    first = author_client.post_form("assessments.submit", reference=version.reference)
    second = author_client.post_form("assessments.submit", reference=version.reference)
    assert first.status_code == second.status_code == 302
    assert second.location.endswith(f"/assessments/{version.reference}")
    assert _events(version) == 1
    page = author_client.get_page("assessments.view_task_list", reference=version.reference)
    assert error_summary(page) == []


def test_submitting_an_assessment_in_review_again_says_why_not(author_client, author,
                                                                 app_context):
    version = complete_draft(author)
    colleague = UserFactory(roles={Role.AUTHOR})
    transfer.get_version(version.reference).contributors.append(colleague)
    db.session.commit()
    moves.submit(colleague, transfer.get_version(version.reference))
    response = author_client.post_form("assessments.submit", reference=version.reference,
                                       follow=True)
    assert error_summary(parse(response)) == [
        "An assessment that is in review cannot be submitted"]


def test_people_who_are_not_its_authors_cannot_submit(client_as, app_context):
    version = complete_draft(UserFactory(roles={Role.AUTHOR}))
    other_author = client_as(Role.AUTHOR)
    assert other_author.post_form("assessments.submit",
                                  reference=version.reference).status_code == 404
    reviewer = client_as(Role.REVIEWER, Role.AUTHOR)
    response = reviewer.post_form("assessments.submit", reference=version.reference,
                                  follow=True)
    assert error_summary(parse(response)) == [
        "Only the lead officer and contributors can do this"]
    trainee = client_as(Role.TRAINEE)
    assert trainee.post_form("assessments.submit",
                             reference=version.reference).status_code == 404
    assert _status(version.reference) == VersionStatus.DRAFT
