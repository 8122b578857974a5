"""The equality lead's view of the organisation in real Chromium, with axe on every page: the
budget round's cumulative impact, the staff register filtered by its tag, the API reference,
and the public register and verification page reached from the footer as a member of the
public would."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from eia import demo
from eia.demo import falls_classes
from eia.extensions import db

pytestmark = pytest.mark.browser


@pytest.fixture
def demo_data(live_app):
    with live_app.app_context():
        for _line in demo.load_demo_data():
            pass
        db.session.remove()


def test_the_budget_rounds_cumulative_impact_shows_groups_hit_more_than_once(journey,
                                                                              demo_data):
    journey.sign_in("reviewer@example.org", demo.DEMO_PASSWORD)
    journey.follow("Insights")
    page = journey.follow("Cumulative impact")
    page.get_by_label("Tag").select_option(label="Budget 2027/28")
    page = journey.submit("Show impacts")
    hit = page.locator(".app-hit-often li")
    expect(hit.first).to_contain_text("Age")
    expect(page.locator(".app-hit-often")).to_contain_text("Disability: 3 proposals")
    expect(page.locator(".app-hit-often")).to_contain_text("Carers")
    expect(page.locator("figure svg title")).to_have_text("Impact on each group, by proposal")
    page.get_by_role("link", name="Negative for Disability", exact=False).first.click()
    journey.check()
    expect(page.locator("h1")).to_be_visible()

    journey.visit("/all-assessments?tag=budget+2027%2F28")
    expect(page.locator("tbody tr")).to_have_count(4)
    journey.visit("/insights")
    journey.visit("/insights/quality")
    journey.visit("/api/v1/reference")
    journey.visit("/account/api-tokens")


def test_a_member_of_the_public_finds_the_register_and_the_check_from_the_footer(journey,
                                                                                  demo_data):
    page = journey.visit("/sign-in")
    page.locator("footer").get_by_role("link", name="Published assessments").click()
    journey.check()
    expect(page.locator("h1")).to_have_text("Register of equality impact assessments")
    page.get_by_label("Search by title or reference").fill("falls-prevention")
    page = journey.submit("Apply filters")
    expect(page.locator("tbody tr")).to_have_count(1)
    row = page.locator("tbody tr")
    expect(row).to_contain_text(falls_classes.TITLE)
    # The demo records each signed-off version's decision: the register says when.
    expect(row.locator("td").nth(3)).not_to_have_text("Not yet recorded")
    page.locator("footer").get_by_role("link", name="Check a copy is genuine").click()
    journey.check()
    expect(page.locator("h1")).to_contain_text("genuine")
