"""Tagging an assessment: its authors and the equality reviewers add and remove tags, which
the task list and the register show; every change is audited."""

from __future__ import annotations

from eia.domain import Role
from eia.extensions import db
from eia.models.tags import Tag
from tests.factories import start_assessment
from tests.integration.conftest import audit_events
from tests.pages import banner_text, error_summary, parse


def _actions(version) -> list[str]:
    return [event.action for event in audit_events(version)]


def test_an_author_tags_their_assessment_and_sees_it_on_the_task_list(author_client, version):
    response = author_client.post_form("assessments.edit_tags", {"name": "  Budget   2027/28 "},
                                       reference=version.reference, follow=True)
    assert "Tagged ‘Budget 2027/28’" in banner_text(parse(response))
    task_list = author_client.get_page("assessments.view_task_list", reference=version.reference)
    row = next(r for r in task_list.select(".govuk-summary-list__row")
           if r.dt.get_text(strip=True) == "Tags")
    assert "Budget 2027/28" in row.get_text()
    assert "assessment.tag_added" in _actions(version)


def test_the_same_tag_typed_differently_is_one_tag(author, author_client, reviewer_client,
                                                  version):
    other = start_assessment(author, title="Parking charges")
    author_client.post_form("assessments.edit_tags", {"name": "Budget 2027/28"},
                            reference=version.reference)
    reviewer_client.post_form("assessments.edit_tags", {"name": "BUDGET 2027/28"},
                              reference=other.reference)
    assert [t.name for t in db.session.scalars(db.select(Tag))] == ["Budget 2027/28"]
    page = reviewer_client.get_page("staff_register.list_assessments", tag="budget 2027/28")
    assert len(page.select("tbody tr")) == 2


def test_removing_a_tag(author_client, version):
    author_client.post_form("assessments.edit_tags", {"name": "Winter plan"},
                            reference=version.reference)
    author_client.post_form("assessments.remove_tag", {"key": "winter plan"},
                            reference=version.reference)
    page = author_client.get_page("assessments.edit_tags", reference=version.reference)
    assert "This assessment has no tags yet." in page.get_text()
    assert "assessment.tag_removed" in _actions(version)


def test_a_blank_or_long_tag_is_explained(author_client, version):
    for name, message in (("   ", "Enter a tag"),
                          ("x" * 61, "A tag must be 60 characters or fewer")):
        response = author_client.post_form("assessments.edit_tags", {"name": name},
                                           reference=version.reference)
        assert error_summary(parse(response)) == [message]


def test_only_its_authors_and_reviewers_may_tag(client_as, version, app_context):
    stranger = client_as(Role.AUTHOR)
    assert stranger.get(f"/assessments/{version.reference}/tags").status_code == 404
    approver = client_as(Role.APPROVER)
    assert approver.get(f"/assessments/{version.reference}/tags").status_code == 404
    both = client_as(Role.AUTHOR, Role.APPROVER)  # may read it, but did not write it
    assert both.get(f"/assessments/{version.reference}/tags").status_code == 403
