"""The pages an author works on run the same few SQL statements however big the assessment:
nothing is loaded item by item inside a loop, so a long evidence list, many actions or a
long review cannot slow a page down row by row."""

from __future__ import annotations

from eia import queries
from eia.collections import ACTIONS, ENGAGEMENT, EVIDENCE
from eia.domain import Role
from eia.extensions import db
from eia.models.users import User
from eia.services import collections, review, sections
from tests.factories import AssessmentFactory
from tests.integration.test_registers import counting_queries

MOST_STATEMENTS = 20
# endpoint, and its URL values besides the reference
PAGES = {
    "task list": ("assessments.view_task_list", {}),
    "question page": ("assessments.edit_page", {"section_id": "aims_and_scope",
                                                 "page_id": "purpose"}),
    "impacts": ("assessments.list_impacts", {"section_id": "impact_by_group"}),
    "evidence": ("assessments.list_evidence", {}),
    "actions": ("assessments.list_actions", {}),
    "check your answers": ("assessments.check_answers", {}),
    "review comments": ("assessments.review_comments", {}),
}


def _grown(author: User, version, copies: int) -> None:
    """`copies` more of each evidence source, engagement and action the version has, and
    `copies` replies to its review comments."""
    for collection in (EVIDENCE, ENGAGEMENT, ACTIONS):
        existing = list(collection.items(version))
        for number in range(copies):
            values = collection.values_of(existing[number % len(existing)])
            collections.add_item(author, version, collection, values)
    points = queries.latest_review(version).points
    for number in range(copies):
        review.reply(author, version, points[number % len(points)], f"Reply {number}: done.")


def page_statements(client, endpoint: str, **values) -> list[str]:
    """The SQL statements that `client` opening the page runs."""
    db.session.expire_all()  # as a new request would find it: nothing already loaded
    with counting_queries() as statements:
        response = client.get(client.url(endpoint, **values))
    assert response.status_code == 200, endpoint
    return statements


def test_each_page_runs_the_same_statements_for_a_small_and_a_large_assessment(client_as,
                                                                                app_context):
    client = client_as(Role.AUTHOR)
    author = db.session.get(User, client.user_id)
    # Both grown, so that both take the same paths through the page (a rule that reads the
    # actions only once there are several, say); only their size differs.
    small = AssessmentFactory(state="changes_requested", author=author)
    large = AssessmentFactory(state="changes_requested", author=author)
    _grown(author, small, copies=2)
    _grown(author, large, copies=15)
    for page, (endpoint, values) in PAGES.items():
        few = page_statements(client, endpoint, reference=small.reference, **values)
        many = page_statements(client, endpoint, reference=large.reference, **values)
        extra = "\n".join(sorted(set(many) - set(few)))
        assert len(many) == len(few), (f"{page}: {len(few)} statements for the small one, "
                                       f"{len(many)} for the large; besides:\n{extra}")
        assert len(few) <= MOST_STATEMENTS, f"{page}: {len(few)} statements"


def test_the_home_page_runs_the_same_statements_for_few_and_many_assessments(client_as,
                                                                            app_context):
    """The home page works out each assessment's next step from its content, all of it
    loaded in one go whatever the number of assessments."""
    client = client_as(Role.AUTHOR)
    author = db.session.get(User, client.user_id)

    def assessments(count: int) -> None:
        for state in ("complete", "changes_requested", "under_review") * count:
            version = AssessmentFactory(state=state, author=author)
            if state == "complete":  # the action plan in progress again
                sections.set_section_completed(author, version, version.framework.section(
                    "action_plan"), False, missing=[])

    assessments(1)
    few = page_statements(client, "main.home")
    assessments(3)
    many = page_statements(client, "main.home")
    assert len(many) == len(few), "\n".join(sorted(set(many) - set(few)))
    assert len(few) <= MOST_STATEMENTS, f"home: {len(few)} statements"
