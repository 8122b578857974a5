"""Equality review through the pages: the queue, taking a review, verdicts section by section,
the checklist, the decision, and the authors answering the comments across rounds."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from eia.domain import Role, VersionStatus
from eia.extensions import db
from eia.models.assessments import Action
from eia.models.review import CHECKLIST, Review, ReviewPoint, WorkflowEvent
from eia.models.users import User
from eia.progress import applicable_sections, groups_in_section
from eia.services import transfer
from eia.services import workflow as moves
from tests.factories import UserFactory
from tests.integration.sign_off_helpers import complete_draft
from tests.pages import banner_text, error_summary, parse

ASK = "Say how the single site affects disabled patients who cannot drive."


@pytest.fixture
def submitted(author_client, app_context):
    author = db.session.get(User, author_client.user_id)
    version = complete_draft(author)
    moves.submit(author, version)
    return version


def _fresh(reference):
    db.session.expire_all()
    return transfer.get_version(reference)


def _sections(version) -> list[str]:
    return [s.id for s in applicable_sections(version, version.framework)]


def _question_only_sections(version) -> list[str]:
    """Sections that start on a question page (the others start on a list of things)."""
    framework = version.framework
    return [s.id for s in applicable_sections(version, framework)
            if s.kind not in ("evidence", "engagement", "actions")
            and not groups_in_section(version, framework, s)]


def _start(client, version):
    response = client.post_form("review.start_review", reference=version.reference)
    assert response.status_code == 302
    return response


def _verdict(client, version, section_id, verdict, comment=""):
    return client.post_form("review.review_section", {"verdict": verdict, "comment": comment},
                            reference=version.reference, section_id=section_id)


def _review_all(client, version, **special):
    """Accept every section except those in `special` (section id -> (verdict, comment))."""
    for section_id in _sections(version):
        verdict, comment = special.get(section_id, ("acceptable", ""))
        assert _verdict(client, version, section_id, verdict, comment).status_code == 302


def _tick_checklist(client, version):
    """Confirm every point of the quality checklist, as recommending needs."""
    response = client.post_form("review.checklist", {"met": [key for key, _ in CHECKLIST]},
                                reference=version.reference)
    assert response.status_code == 302


def _points(version) -> dict[str, ReviewPoint]:
    db.session.expire_all()
    review = db.session.scalar(select(Review).where(Review.version_id == version.id)
                               .order_by(Review.round.desc()))
    return {p.section_id: p for p in review.points}


def test_the_queue_from_empty_to_reviewing(reviewer_client, author_client, app_context):
    page = reviewer_client.get_page("review.queue")
    assert "Nothing is waiting for a reviewer" in page.get_text()
    assert "You have not decided any reviews yet" in page.get_text()

    author = db.session.get(User, author_client.user_id)
    version = complete_draft(author)
    moves.submit(author, version)
    page = reviewer_client.get_page("review.queue")
    row = page.select_one("tbody tr").get_text(" ", strip=True)
    assert version.title in row and "Priya Shah" in row
    assert page.find("form", action=f"/review/{version.reference}/start")

    _start(reviewer_client, version)
    page = reviewer_client.get_page("review.overview", reference=version.reference)
    assert "You are reviewing" in banner_text(page)
    assert len(page.select(".govuk-task-list__item")) == len(_sections(version))
    page = reviewer_client.get_page("review.queue")
    assert "Nothing is waiting for a reviewer" in page.get_text()
    assert page.find("a", href=f"/review/{version.reference}")
    assert _fresh(version.reference).status == VersionStatus.IN_REVIEW


def test_a_second_reviewer_cannot_take_a_review_already_taken(client_as, submitted):
    first, second = client_as(Role.REVIEWER, name="Grace Okafor"), client_as(Role.REVIEWER)
    _start(first, submitted)
    response = second.post_form("review.start_review", reference=submitted.reference,
                                follow=True)
    assert error_summary(parse(response)) == ["Grace Okafor is already reviewing this assessment"]
    response = _verdict(second, submitted, _sections(submitted)[0], "acceptable")
    assert error_summary(parse(response)) == ["Grace Okafor is reviewing this assessment"]
    assert db.session.scalars(select(ReviewPoint)).all() == []


@pytest.mark.parametrize("relation", ["lead officer", "contributor"])
def test_the_authors_cannot_review_their_own_assessment(client_as, app_context, relation):
    client = client_as(Role.REVIEWER, Role.AUTHOR)
    me = db.session.get(User, client.user_id)
    if relation == "lead officer":
        version = complete_draft(me)
    else:
        version = complete_draft(UserFactory(roles={Role.AUTHOR}))
        version.contributors.append(me)
        db.session.commit()
    moves.submit(version.lead_officer, version)

    page = client.get_page("review.queue")
    assert "someone else must review it" in page.get_text()
    assert page.find("form", action=f"/review/{version.reference}/start") is None
    response = client.post_form("review.start_review", reference=version.reference,
                                follow=True)
    assert error_summary(parse(response)) == [
        "You cannot review or sign off an assessment you wrote or contributed to"]
    assert db.session.scalars(select(Review)).all() == []


def test_verdicts_and_comments_are_saved_per_section(reviewer_client, submitted):
    _start(reviewer_client, submitted)
    first, second, third = _sections(submitted)[:3]
    assert _verdict(reviewer_client, submitted, first, "acceptable").status_code == 302

    response = _verdict(reviewer_client, submitted, second, "improvable", "")
    assert error_summary(parse(response)) == ["Enter a comment saying what should change"]
    assert _verdict(reviewer_client, submitted, second, "improvable", ASK).status_code == 302
    response = _verdict(reviewer_client, submitted, third, "to_correct", "  ")
    assert error_summary(parse(response)) == ["Enter a comment saying what should change"]
    assert _verdict(reviewer_client, submitted, third, "to_correct", "Wrong date").status_code \
        == 302
    # Changing a verdict replaces it.
    assert _verdict(reviewer_client, submitted, first, "improvable", "Add the ward").status_code \
        == 302

    points = _points(submitted)
    assert {k: (p.verdict, p.comment) for k, p in points.items()} == {
        first: ("improvable", "Add the ward"), second: ("improvable", ASK),
        third: ("to_correct", "Wrong date")}
    page = reviewer_client.get_page("review.review_section", reference=submitted.reference,
                                    section_id=second)
    assert page.find("textarea", {"name": "comment"}).get_text() == ASK
    assert page.find("input", {"name": "verdict", "value": "improvable"}).has_attr("checked")
    assert "The authors’ answers" in page.get_text()
    overview = reviewer_client.get_page("review.overview", reference=submitted.reference)
    tags = [t.get_text(strip=True) for t in overview.select(".govuk-task-list__status")]
    assert tags[:3] == ["Improvable", "Improvable", "To correct"]
    assert tags[3] == "Not reviewed"


def test_a_typed_comment_is_kept_when_the_verdict_is_missing(reviewer_client, submitted):
    _start(reviewer_client, submitted)
    response = _verdict(reviewer_client, submitted, _sections(submitted)[0], "", ASK)
    page = parse(response)
    assert error_summary(page) == ["Select a verdict for this section"]
    assert page.find("textarea", {"name": "comment"}).get_text() == ASK


def test_the_checklist_is_recorded(reviewer_client, submitted):
    _start(reviewer_client, submitted)
    page = reviewer_client.get_page("review.checklist", reference=submitted.reference)
    assert len(page.select("input[type=checkbox]")) == len(CHECKLIST) == 8
    response = reviewer_client.post_form(
        "review.checklist", {"met": ["before_decision", "actions_owned"]},
        reference=submitted.reference)
    assert response.status_code == 302
    db.session.expire_all()
    review = db.session.scalar(select(Review))
    assert review.checklist == {key: key in {"before_decision", "actions_owned"}
                                for key, _ in CHECKLIST}
    overview = reviewer_client.get_page("review.overview", reference=submitted.reference)
    assert "Met: The analysis was done before the decision" in overview.get_text()


def test_recommending_is_refused_while_a_section_is_to_correct(reviewer_client, submitted):
    _start(reviewer_client, submitted)
    section = _sections(submitted)[1]
    _review_all(reviewer_client, submitted, **{section: ("to_correct", "Wrong date")})
    page = reviewer_client.get_page("review.overview", reference=submitted.reference)
    assert page.find("form", action=f"/review/{submitted.reference}/recommend") is None
    response = reviewer_client.post_form("review.recommend", reference=submitted.reference,
                                         follow=True)
    assert error_summary(parse(response)) == [
        "You cannot recommend sign-off while any section is marked ‘to correct’"]
    assert _fresh(submitted.reference).status == VersionStatus.IN_REVIEW

    _verdict(reviewer_client, submitted, section, "acceptable")
    _tick_checklist(reviewer_client, submitted)
    response = reviewer_client.post_form("review.recommend", reference=submitted.reference)
    assert response.location.endswith("/review")
    assert _fresh(submitted.reference).status == VersionStatus.AWAITING_SIGN_OFF


def test_requesting_changes_needs_a_reason(reviewer_client, submitted):
    _start(reviewer_client, submitted)
    page = reviewer_client.get_page("review.request_changes", reference=submitted.reference)
    assert "Give a verdict on every section first" in page.get_text()
    _review_all(reviewer_client, submitted)
    response = reviewer_client.post_form("review.request_changes", {"reason": "  "},
                                         reference=submitted.reference)
    assert error_summary(parse(response)) == ["Enter what the authors must change"]
    assert _fresh(submitted.reference).status == VersionStatus.IN_REVIEW
    response = reviewer_client.post_form("review.request_changes", {"reason": ASK},
                                         reference=submitted.reference)
    assert response.status_code == 302
    assert _fresh(submitted.reference).status == VersionStatus.CHANGES_REQUESTED
    event = db.session.scalars(select(WorkflowEvent).where(
        WorkflowEvent.action == "request_changes")).one()
    assert event.reason == ASK


def test_an_improvable_point_becomes_an_action_in_one_step(reviewer_client, submitted):
    _start(reviewer_client, submitted)
    section = _sections(submitted)[2]
    _verdict(reviewer_client, submitted, section, "improvable", ASK)
    point = _points(submitted)[section]
    before = len(submitted.actions)
    page = reviewer_client.get_page("review.review_section", reference=submitted.reference,
                                    section_id=section)
    assert page.find("form", action=f"/review/{submitted.reference}/points/{point.id}/action")
    response = reviewer_client.post_form("review.point_to_action",
                                         reference=submitted.reference, point_id=point.id,
                                         follow=True)
    assert "now an action in the action plan" in banner_text(parse(response))
    version = _fresh(submitted.reference)
    assert len(version.actions) == before + 1
    action = db.session.get(Action, _points(submitted)[section].action_id)
    assert action.description == ASK and action.version_id == version.id
    assert version.status == VersionStatus.IN_REVIEW

    response = reviewer_client.post_form("review.point_to_action",
                                         reference=submitted.reference, point_id=point.id,
                                         follow=True)
    assert error_summary(parse(response)) == ["This point is already an action in the plan"]
    assert len(_fresh(submitted.reference).actions) == before + 1


def test_the_whole_conversation_across_two_rounds(author_client, reviewer_client, submitted):
    reference = submitted.reference
    sections = _sections(submitted)
    improvable = _question_only_sections(submitted)[1]
    to_correct = next(s for s in sections if s != improvable)
    _start(reviewer_client, submitted)
    _review_all(reviewer_client, submitted, **{to_correct: ("to_correct", "Wrong date"),
                                                improvable: ("improvable", ASK)})
    reviewer_client.post_form("review.request_changes", {"reason": "Two things to fix"},
                              reference=reference)

    # The author sees the status, the count per section, and the comment on the section page.
    page = author_client.get_page("assessments.view_task_list", reference=reference)
    status = page.select_one(".app-review-status").get_text(" ", strip=True)
    assert "Changes requested" in status and "Grace Okafor asked for changes" in status
    assert "Two things to fix" in status
    hints = [item.get_text(" ", strip=True) for item in page.select(".govuk-task-list__item")]
    assert sum("1 review comment to answer" in h for h in hints) == 2
    link = page.select(".govuk-task-list__link")[sections.index(improvable)]["href"]
    section_page = parse(author_client.get(link))
    banner = section_page.select_one(".govuk-notification-banner").get_text(" ", strip=True)
    assert ASK in banner and "Improvable" in banner

    # Reply and resolve.
    points = _points(submitted)
    page = author_client.get_page("assessments.review_comments", reference=reference)
    assert page.find(id=f"point-{points[to_correct].id}")
    # Only the points that ask for something have a reply box under them.
    assert {box["name"] for box in page.select("textarea")} == {
        f"point-{points[to_correct].id}-body", f"point-{points[improvable].id}-body"}
    response = author_client.post_form("assessments.reply_to_point",
                                       {f"point-{points[improvable].id}-body": ""},
                                       reference=reference, point_id=points[improvable].id)
    assert error_summary(parse(response)) == ["Enter your reply"]
    response = author_client.post_form(
        "assessments.reply_to_point",
        {f"point-{points[improvable].id}-body": "Added the hospital transport scheme."},
        reference=reference, point_id=points[improvable].id)
    assert response.status_code == 302
    for point in (points[improvable], points[to_correct]):
        response = author_client.post_form("assessments.resolve_point", reference=reference,
                                           point_id=point.id)
        assert response.status_code == 302
    page = author_client.get_page("assessments.view_task_list", reference=reference)
    assert "review comment to answer" not in page.get_text()
    points = _points(submitted)
    assert points[improvable].resolved_at is not None
    assert points[improvable].replies[0].body == "Added the hospital transport scheme."

    # The reviewer can read and answer the conversation too, but not resolve.
    page = reviewer_client.get_page("assessments.review_comments", reference=reference)
    assert "Added the hospital transport scheme." in page.get_text()
    assert reviewer_client.post_form("assessments.resolve_point", reference=reference,
                                     point_id=points[to_correct].id).status_code == 404

    # Resubmit; round two; the conversation keeps round one.
    response = author_client.post_form("assessments.submit", reference=reference)
    assert response.status_code == 302
    assert _fresh(reference).status == VersionStatus.IN_REVIEW
    assert db.session.scalars(select(WorkflowEvent.action).order_by(WorkflowEvent.id)).all() \
        == ["submit", "start_review", "request_changes", "resubmit"]
    _start(reviewer_client, submitted)
    _review_all(reviewer_client, submitted,
                **{improvable: ("improvable", "Better; add the dates of the scheme.")})
    _tick_checklist(reviewer_client, submitted)
    response = reviewer_client.post_form("review.recommend", reference=reference)
    assert _fresh(reference).status == VersionStatus.AWAITING_SIGN_OFF

    page = author_client.get_page("assessments.review_comments", reference=reference)
    headings = [h.get_text(strip=True) for h in page.select("h2[id^=round-]")]
    assert headings == ["Round 2: Recommended for sign-off", "Round 1: Changes requested"]
    text = page.get_text(" ", strip=True)
    assert "Better; add the dates of the scheme." in text and ASK in text
    assert "Added the hospital transport scheme." in text
    # Nothing left to resolve once the assessment has left the authors.
    assert page.find("button", string=lambda s: s and "Mark resolved" in s) is None


def test_resolving_is_only_while_changes_are_requested(author_client, reviewer_client,
                                                       submitted):
    _start(reviewer_client, submitted)
    section = _sections(submitted)[0]
    _verdict(reviewer_client, submitted, section, "improvable", ASK)
    point = _points(submitted)[section]
    response = author_client.post_form("assessments.resolve_point",
                                       reference=submitted.reference, point_id=point.id,
                                       follow=True)
    assert error_summary(parse(response)) == [
        "Comments can be marked resolved only while changes are requested"]
    # The round under way is the reviewer's draft: the authors do not see it yet.
    assert ASK not in response.get_data(as_text=True)


def test_people_who_may_not_see_the_review_get_404(client_as, submitted):
    """SECURITY.md (Access): Objects checked too: who may not see an assessment gets 404, not
    its title (IDOR), pages and API."""
    trainee = client_as(Role.TRAINEE)
    reference = submitted.reference
    section = _sections(submitted)[0]
    for endpoint, values in (("review.overview", {}), ("review.checklist", {}),
                             ("review.request_changes", {}),
                             ("review.review_section", {"section_id": section}),
                             ("assessments.review_comments", {})):
        trainee.get_page(endpoint, expected_status=404, reference=reference, **values)
    assert trainee.get("/review").status_code == 403
    other_author = client_as(Role.AUTHOR)
    other_author.get_page("assessments.review_comments", expected_status=404,
                          reference=reference)
    other_author.get_page("review.overview", expected_status=404, reference=reference)
    reviewer = client_as(Role.REVIEWER)
    reviewer.get_page("review.review_section", expected_status=404, reference=reference,
                      section_id="no_such_section")
    reviewer.get_page("review.overview", expected_status=404, reference="EIA-9999-999")
