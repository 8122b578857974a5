"""The staff register and the public register: who sees what, filters, search, pages, the feed,
and a constant number of queries whatever the number of assessments."""

from __future__ import annotations

import re
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from xml.etree import ElementTree

import pytest
from sqlalchemy import event

from eia.domain import Role
from eia.extensions import db
from eia.models.users import User
from eia.services import tags
from tests.bulk import add_assessments
from tests.factories import AssessmentFactory, UnitFactory, UserFactory, start_assessment
from tests.pages import error_summary


def _titles(page) -> list[str]:
    return [row.select_one("a").get_text(strip=True) for row in page.select("tbody tr")]


@contextmanager
def counting_queries():
    """The SQL statements run inside the block."""
    statements: list[str] = []

    def count(conn, cursor, statement, *args):
        # The test's own transaction handling is not the page's doing.
        if not statement.startswith(("SAVEPOINT", "RELEASE", "ROLLBACK")):
            statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", count)


@pytest.fixture
def reviewer(reviewer_client, app_context):
    return db.session.get(User, reviewer_client.user_id)


def test_reviewers_see_every_live_assessment_and_authors_only_their_own(
        author, author_client, reviewer_client, app_context):
    mine = start_assessment(author, title="Closing the Millbrook library counter")
    other = start_assessment(UserFactory(roles={Role.AUTHOR}), title="Garden waste charge")
    assert _titles(reviewer_client.get_page("staff_register.list_assessments")) == [
        other.title, mine.title]
    assert _titles(author_client.get_page("staff_register.list_assessments")) == [mine.title]


def test_trainees_and_facilitators_are_not_shown_the_register(client_as, app_context):
    for role in (Role.TRAINEE, Role.FACILITATOR):
        assert client_as(role).get("/all-assessments").status_code == 404


def test_only_the_latest_version_of_each_assessment_is_listed(reviewer_client, app_context):
    first = AssessmentFactory(superseded=True)
    page = reviewer_client.get_page("staff_register.list_assessments")
    rows = [row.get_text(" ", strip=True) for row in page.select("tbody tr")]
    assert len(rows) == 1
    assert f"{first.reference}, version 2" in rows[0]


def test_search_is_literal_for_wildcards_quotes_and_any_unicode(author, reviewer_client,
                                                                app_context):
    titles = ["100% of café users_", "Ysgol Gymraeg: ŵyr a ŷd", "O'Brien's \"quoted\" plan",
              "Plain title"]
    for title in titles:
        start_assessment(author, title=title)
    for term, expected in [("%", [titles[0]]), ("_", [titles[0]]), ("café", [titles[0]]),
                           ("ŵyr", [titles[1]]), ("o'brien", [titles[2]]),
                           ('"quoted"', [titles[2]]), ("\\", []), ("PLAIN", [titles[3]])]:
        page = reviewer_client.get_page("staff_register.list_assessments", q=term)
        assert _titles(page) == expected, term


def test_filters_combine_and_live_in_the_address(author, reviewer, reviewer_client,
                                                 app_context):
    unit = UnitFactory(name="Adult Social Care")
    team = UnitFactory(name="Day Services", parent_id=unit.id)
    in_team = start_assessment(author, title="Day centre closures", unit_id=team.id,
                               decision_date=date(2027, 3, 1))
    start_assessment(author, title="Elsewhere", decision_date=date(2027, 3, 1))
    tags.add_tag(reviewer, in_team, "Budget 2027/28")
    page = reviewer_client.get_page("staff_register.list_assessments", unit=unit.id,
                                    status="draft", tag="budget 2027/28",
                                    decided_from=["1", "2", "2027"],
                                    decided_to=["31", "3", "2027"])
    assert _titles(page) == ["Day centre closures"]
    assert "Tags: Budget 2027/28" in page.select_one("tbody").get_text(" ", strip=True)
    assert page.select_one("select[name=unit] option[selected]").get_text() == unit.full_name
    csv_link = page.find("a", string="Download these assessments as CSV")["href"]
    assert "unit=" in csv_link and "tag=budget+2027/28" in csv_link


def test_bad_filter_values_are_explained_not_a_server_error(reviewer_client, app_context):
    page = reviewer_client.get_page("staff_register.list_assessments", unit="999999",
                                    status="nonsense", decided_from=["31", "2", "2027"],
                                    page="-3", sort="sideways")
    errors = error_summary(page)
    assert "Choose one of the options for directorate or team" in errors
    assert "The first date must be a real date" in errors
    assert page.title.get_text().startswith("Error: ")


def test_review_due_and_overdue_and_group_filters(reviewer, reviewer_client, app_context):
    add_assessments(30, authors=[reviewer], units=[], reviewer=reviewer, approver=reviewer)
    today = date.today()
    overdue = reviewer_client.get_page("staff_register.list_assessments", review="overdue")
    due = reviewer_client.get_page("staff_register.list_assessments", review="due")
    for page, check in ((overdue, lambda d: d < today),
                        (due, lambda d: today <= d <= today + timedelta(days=30))):
        rows = page.select("tbody tr")
        assert rows
        for row in rows:
            assert "Signed off" in row.get_text()
            shown = re.search(r"Review (\d+ \w+ \d{4})", row.get_text(" ", strip=True))
            assert check(datetime.strptime(shown.group(1), "%d %B %Y").date())
    hit = reviewer_client.get_page("staff_register.list_assessments", group="carers")
    assert hit.select("tbody tr")


def test_pages_of_results_keep_the_filters(reviewer, reviewer_client, app_context):
    add_assessments(60, authors=[reviewer], units=[], reviewer=reviewer, approver=reviewer)
    page = reviewer_client.get_page("staff_register.list_assessments", status="draft", sort="title")
    assert "Showing 1 to 9 of 9 assessments" in page.get_text(" ", strip=True)
    page = reviewer_client.get_page("staff_register.list_assessments", sort="oldest")
    assert "Showing 1 to 25 of 60 assessments" in page.get_text(" ", strip=True)
    second = page.select_one(".govuk-pagination__next a")["href"]
    assert "sort=oldest" in second and "page=2" in second
    page = reviewer_client.get_page("staff_register.list_assessments", sort="oldest", page=3)
    assert "Showing 51 to 60 of 60 assessments" in page.get_text(" ", strip=True)


def _count_page_queries(client, endpoint, **args) -> int:
    client.get_page(endpoint, **args)  # warm: the first request loads the framework
    with counting_queries() as statements:
        client.get_page(endpoint, **args)
    return len(statements)


def test_the_registers_take_the_same_number_of_queries_for_10_and_1000_assessments(
        reviewer, reviewer_client, client, app_context):
    unit = UnitFactory(name="Corporate Services")
    add_assessments(10, authors=[reviewer], units=[unit], reviewer=reviewer, approver=reviewer,
                    tag_name="Budget 2027/28")
    searched = {"q": "library", "group": "age", "sort": "title"}
    small = {
        "staff": _count_page_queries(reviewer_client, "staff_register.list_assessments"),
        "staff filtered": _count_page_queries(reviewer_client,
                                              "staff_register.list_assessments", **searched),
        "public": _count_page_queries(client, "register.index"),
        "public filtered": _count_page_queries(client, "register.index", q="charge", kind="policy"),
    }
    add_assessments(990, authors=[reviewer], units=[unit], reviewer=reviewer, approver=reviewer,
                    tag_name="Budget 2028/29")
    large = {
        "staff": _count_page_queries(reviewer_client, "staff_register.list_assessments"),
        "staff filtered": _count_page_queries(reviewer_client,
                                              "staff_register.list_assessments", **searched),
        "public": _count_page_queries(client, "register.index"),
        "public filtered": _count_page_queries(client, "register.index", q="charge", kind="policy"),
    }
    assert large == small
    # The person, their roles, the filters' choices, the count, the page, its tags, the header.
    assert small["staff"] <= 13 and small["public"] <= 5, small


def test_the_public_register_searches_filters_and_pages(client, app_context):
    published = AssessmentFactory(published=True)
    AssessmentFactory(signed_off=True)  # signed off but not published: never shown
    page = client.get_page("register.index")
    assert _titles(page) == [published.title]
    assert _titles(client.get_page("register.index", q="physio")) == [published.title]
    assert _titles(client.get_page("register.index", q="zebra")) == []
    assert _titles(client.get_page("register.index", kind="hr")) == []
    assert _titles(client.get_page("register.index", group="age")) == [published.title]
    page = client.get_page("register.index", outcome="no-such-outcome")
    assert error_summary(page) == ["Choose one of the options for outcome"]


def test_the_feed_lists_new_publications_with_links_to_them(client, app_context):
    published = AssessmentFactory(published=True)
    response = client.get("/register/feed.atom")
    assert response.mimetype == "application/atom+xml"
    feed = ElementTree.fromstring(response.data)
    ns = {"atom": "http://www.w3.org/2005/Atom"}
    entries = feed.findall("atom:entry", ns)
    assert len(entries) == 1
    assert published.title in entries[0].find("atom:title", ns).text
    link = entries[0].find("atom:link", ns).get("href")
    assert link.endswith(f"/register/{published.reference}/versions/1")
    assert client.get(link.removeprefix("http://localhost")).status_code == 200


def test_every_page_links_to_the_register_and_the_verification_page(client, client_as):
    for page in (client.get_page("auth.sign_in"),
                 client_as(Role.AUTHOR).get_page("main.home")):
        footer = page.select_one("footer")
        links = {a.get_text(strip=True): a["href"] for a in footer.select("a")}
        assert links["Published assessments"] == "/register"
        assert links["Check a copy is genuine"] == "/verify"
