"""Proportionate screening in real Chromium: the organisation's nation and sector, and a
strategic decision, change which groups and duties an assessment asks about. Axe checks every
page on the way."""

from __future__ import annotations

from datetime import date, timedelta

from playwright.sync_api import expect

from eia.domain import Role

WELSH = "Could the proposal affect the Welsh language?"
HEALTH = "Could the proposal affect health inequalities?"
LOW_INCOMES = "How could the proposal affect people on low incomes"


def fill_date(page, legend: str, day: date) -> None:
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def start(journey, title: str, *, strategic: bool):
    journey.visit("/")
    page = journey.follow("Start a new assessment")
    page.get_by_label("Title of the proposal").fill(title)
    page.get_by_label("Policy").check()
    page.get_by_label("Who makes the decision?").fill("Cabinet")
    fill_date(page, "Expected decision date", date.today() + timedelta(days=90))
    fill_date(page, "When did the equality work start?", date.today() - timedelta(days=5))
    page.get_by_role("group", name="Is this a strategic decision?").get_by_label(
        "Yes" if strategic else "No").check()
    return journey.submit("Start assessment")


def groups_listed(page) -> set[str]:
    """The groups a list of impacts asks about (each row's name, without its note)."""
    return {key.split("\n")[0].strip()
            for key in page.locator(".govuk-summary-list__key").all_inner_texts()}


def test_a_preset_and_a_strategic_decision_change_what_is_asked(journey, make_user):
    admin = make_user(Role.ADMIN)
    author = make_user(Role.AUTHOR)

    page = journey.sign_in(admin)
    journey.follow("Settings")
    page.get_by_label("A public body in Wales").check()
    journey.submit("Use these groups")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("a public body in Wales")
    expect(page.get_by_label("Welsh language")).to_be_checked()
    expect(page.get_by_label("Health inequalities and inclusion health groups")
           ).not_to_be_checked()
    journey.submit("Sign out")

    page = journey.sign_in(author)
    page = start(journey, "Closing two branch libraries", strategic=False)
    reference = page.url.rstrip("/").rsplit("/", 1)[-1]
    duties = journey.visit(f"/assessments/{reference}/sections/other-duties/duties")
    expect(duties.get_by_role("group", name=WELSH)).to_be_visible()
    expect(duties.get_by_role("group", name=HEALTH)).to_have_count(0)
    # In Wales the socio-economic duty is for strategic decisions, and this is not one.
    expect(duties.get_by_text(LOW_INCOMES)).to_have_count(0)
    page = journey.visit(f"/assessments/{reference}/sections/other-duties/impacts")
    groups = groups_listed(page)
    assert "Welsh language" in groups and "Socio-economic disadvantage" not in groups

    page = start(journey, "A library strategy for the county", strategic=True)
    reference = page.url.rstrip("/").rsplit("/", 1)[-1]
    duties = journey.visit(f"/assessments/{reference}/sections/other-duties/duties")
    expect(duties.get_by_text(LOW_INCOMES)).to_have_count(1)
    page = journey.visit(f"/assessments/{reference}/sections/other-duties/impacts")
    assert "Socio-economic disadvantage" in groups_listed(page)
    journey.submit("Sign out")

    page = journey.sign_in(admin)
    journey.follow("Settings")
    page.get_by_label("An NHS body in England").check()
    journey.submit("Use these groups")
    expect(page.get_by_label("Welsh language")).not_to_be_checked()
    journey.submit("Sign out")

    page = journey.sign_in(author)
    page = start(journey, "Moving the community dental service", strategic=False)
    reference = page.url.rstrip("/").rsplit("/", 1)[-1]
    duties = journey.visit(f"/assessments/{reference}/sections/other-duties/duties")
    expect(duties.get_by_role("group", name=HEALTH)).to_be_visible()
    expect(duties.get_by_role("group", name=WELSH)).to_have_count(0)
    page = journey.visit(f"/assessments/{reference}/sections/other-duties/impacts")
    groups = groups_listed(page)
    assert "Health inequalities and inclusion health groups" in groups
    assert "Welsh language" not in groups
