"""Insights for the equality team: the pipeline, cumulative impact across a budget round, and
quality; only for reviewers, signatories and administrators."""

from __future__ import annotations

import itertools
from types import SimpleNamespace

import pytest

from eia.demo.budget import PROPOSALS
from eia.domain import Role
from tests.conftest import sign_in_client
from tests.factories import AssessmentFactory, UserFactory
from tests.pages import error_summary

_people = itertools.count(1)


def _demo_client(demo_app, *roles: Role):
    """Signed in to the demo (see `demo_app`) as a new person holding `roles`."""
    with demo_app.app_context():  # left before signing in: it would hold SQLite's write lock
        email = UserFactory(roles=set(roles), email=f"insights{next(_people)}@example.org").email
    return sign_in_client(demo_app, SimpleNamespace(email=email))


@pytest.mark.own_app
def test_the_budget_rounds_groups_hit_by_several_proposals(demo_app):
    reviewer = _demo_client(demo_app, Role.REVIEWER)
    page = reviewer.get_page("insights.view_cumulative_impact", tag="budget 2027/28")
    hit = [item.get_text(" ", strip=True) for item in page.select(".app-hit-often li")]
    names = [line.partition(":")[0].strip() for line in hit]
    assert names == ["Age", "Disability", "Sex", "Carers", "Socio-economic disadvantage"]
    assert hit[1].replace(" :", ":").startswith("Disability: 3 proposals")
    table = page.select_one("table.app-cumulative")
    assert len(table.select("thead th")) == 1 + len(PROPOSALS)
    disability = next(row for row in table.select("tbody tr")
                      if row.th.get_text(strip=True) == "Disability")
    links = disability.select("a")
    assert [str(a.contents[0]) for a in links] == ["Negative", "Negative", "Negative",
                                                    "Not answered"]
    assert all("/versions/1#section-impact_by_group" in a["href"] for a in links)
    assert page.select_one("svg.app-chart title").get_text() == "Impact on each group, by proposal"


@pytest.mark.own_app
def test_authors_of_a_proposal_are_led_to_its_impact_page(demo_app):
    author = _demo_client(demo_app, Role.AUTHOR, Role.REVIEWER)
    page = author.get_page("insights.view_cumulative_impact", tag="budget 2027/28")
    # Not this person's proposals: every link reads the version, none edits.
    assert not [a for a in page.select("table.app-cumulative a") if "/impacts/" in a["href"]]


def test_a_bad_date_is_explained(client_as):
    page = client_as(Role.REVIEWER).get_page("insights.view_cumulative_impact",
                                             decided_from=["40", "13", "2027"])
    assert error_summary(page) == ["The first date must be a real date"]


def test_the_pipeline_counts_and_times_stages(client_as, app_context):
    AssessmentFactory(signed_off=True)
    AssessmentFactory(changes_requested=True)
    page = client_as(Role.APPROVER).get_page("insights.view_pipeline")
    tables = page.select("figure table")
    statuses = {row.th.get_text(strip=True): row.td.get_text(strip=True)
                for row in tables[0].select("tbody tr")}
    assert statuses == {"Changes requested": "1", "Signed off": "1"}
    durations = [row.th.get_text(strip=True) for row in tables[2].select("tbody tr")]
    assert durations == ["In review", "Awaiting sign-off"]
    assert "median" in page.select("figure p")[2].get_text()


def test_quality_shows_verdicts_checks_and_rounds(client_as, app_context):
    AssessmentFactory(changes_requested=True)
    AssessmentFactory(signed_off=True)
    page = client_as(Role.ADMIN).get_page("insights.view_quality")
    text = page.get_text(" ", strip=True)
    assert "took 1.0 rounds of review on average (2 versions)" in text
    verdicts = page.select("figure table")[0]
    plan = next(row for row in verdicts.select("tbody tr")
                if row.th.get_text(strip=True) == "Action plan")
    assert [td.get_text(strip=True) for td in plan.select("td")] == ["1", "0", "1"]


def test_insights_are_not_for_authors_or_trainees(client_as):
    for role in (Role.AUTHOR, Role.TRAINEE, Role.FACILITATOR):
        assert client_as(role).get("/insights").status_code == 403
