"""A training programme from announcement to results, in real Chromium, with axe on every page.

The issue's "done when": a facilitator schedules and announces a session, a trainee books it,
the facilitator marks attendance, the trainee practises a scenario and answers the poll and the
survey, and the programme's lead sees the results on the programme's pages.

Two sessions of the same programme, because the steps need different moments. A session can be
scheduled, announced and booked only before it starts; attendance can be marked only once it has
started; its survey opens only once it has ended. A test cannot wait for a session to pass, so
the first session (next month) is scheduled, announced and booked in the browser; the second
ended an hour ago: the setup schedules and books it through the services with a moment in the
past, as a programme's earlier sessions are recorded. Everything after booking happens on the
real pages for that session. The four other delegates on it answer the poll and the survey
through the services, so that the figures can be shown: nothing is shown under five answers.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from eia.domain import Role
from eia.extensions import db
from eia.models.feedback import LengthAnswer, Poll
from eia.models.types import utcnow
from eia.models.users import User
from eia.services.training import bookings, library, polls, sessions, surveys
from tests.browser.test_review_journey import new_person  # noqa: F401
from tests.factories import UserFactory, programme, training_session
from tests.integration.feedback_helpers import answers

SCENARIO = "library-photo-id-check"
LENGTH_MINUTES = 150


@dataclass(frozen=True)
class Programme:
    id: int
    name: str
    lead: str  # each person by email, to sign in, and by name, as the pages show them
    lead_name: str
    co_facilitator: str
    co_facilitator_name: str
    trainee: str
    trainee_name: str
    others: tuple[int, ...]  # the other delegates on the past session (user ids)
    others_names: tuple[str, ...]
    past_session: int
    past_title: str
    scenario_title: str


@pytest.fixture
def training_programme(live_app) -> Programme:
    """A programme led by a facilitator, a second facilitator, a trainee, and a session of the
    programme that ended an hour ago, booked (before it started) by the trainee and four
    others. Its attendance is not marked yet."""
    run = uuid.uuid4().hex[:6]

    def person(role, name):
        return UserFactory(roles={role}, name=f"{name} {run}",
                           email=f"{name.split()[0].lower()}-{run}@example.org")

    with live_app.app_context():
        lead = person(Role.FACILITATOR, "Tomasz Nowak")
        co = person(Role.FACILITATOR, "Grace Mensah")
        trainee = person(Role.TRAINEE, "Aisha Rahman")
        others = [person(Role.TRAINEE, name) for name in
                  ("Ben Carter", "Chloe Evans", "Dev Patel", "Erin Walsh")]
        led = programme(lead, name=f"EIA training {run}")
        started = utcnow() - timedelta(minutes=LENGTH_MINUTES + 60)
        booked_at = started - timedelta(days=7)
        past = training_session(led, facilitators=[lead, co], now=booked_at,
                                starts_in=started - booked_at, duration_minutes=LENGTH_MINUTES,
                                title=f"EIA essentials, morning {run}",
                                scenarios=[SCENARIO])
        for delegate in [trainee, *others]:
            bookings.book(delegate, past, now=booked_at)
        made = Programme(
            id=led.id, name=led.name, lead=lead.email, lead_name=lead.name,
            co_facilitator=co.email, co_facilitator_name=co.name,
            trainee=trainee.email, trainee_name=trainee.name,
            others=tuple(o.id for o in others), others_names=tuple(o.name for o in others),
            past_session=past.id, past_title=past.title,
            scenario_title=library.get_entry(SCENARIO).title)
        db.session.remove()
    return made


def _the_others_answer_the_poll(live_app, setup: Programme, poll_id: int) -> None:
    with live_app.app_context():
        poll = db.session.get(Poll, poll_id)
        for value, person_id in zip((4, 4, 5, 3), setup.others, strict=True):
            polls.answer_poll(db.session.get(User, person_id), poll, value)
        db.session.remove()


def _the_others_answer_the_survey(live_app, setup: Programme) -> None:
    with live_app.app_context():
        session = sessions.get_session(setup.past_session)
        for person_id in setup.others:
            surveys.answer_survey(db.session.get(User, person_id), session,
                                  answers(satisfaction=4, before=2, after=4))
        db.session.remove()


def test_a_programme_from_announcement_to_the_leads_results(journey, new_person,  # noqa: F811
                                                            training_programme, live_app):
    setup = training_programme
    run = setup.name.rsplit(" ", 1)[-1]
    next_month = date.today() + timedelta(days=30)
    new_title = f"EIA essentials, afternoon {run}"

    # The lead schedules a session for next month, with a second facilitator. --------------
    facilitator = journey
    facilitator.sign_in(setup.lead)
    facilitator.follow("Programmes")
    page = facilitator.follow(setup.name)
    page = facilitator.follow("Sessions")
    page = facilitator.follow("Schedule a session")
    page.get_by_label("Title").fill(new_title)
    date_group = page.get_by_role("group", name="Date")
    date_group.get_by_label("Day").fill(str(next_month.day))
    date_group.get_by_label("Month").fill(str(next_month.month))
    date_group.get_by_label("Year").fill(str(next_month.year))
    page.get_by_label("Start time (UK time)").fill("2pm")
    page.get_by_label("Length in minutes").fill("120")
    page.get_by_label("Places").fill("12")
    page.get_by_label("Where (in person)").fill("Room 2, Civic Centre")
    chosen = page.get_by_role("group", name="Facilitators")
    chosen.get_by_label(setup.co_facilitator_name, exact=True).check()
    chosen.get_by_label(setup.lead_name, exact=True).check()
    page = facilitator.submit("Schedule session")
    expect(page.locator("h1")).to_have_text(new_title)
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Announce it when")

    # ... and announces it: everyone who may book is told. ---------------------------------
    page = facilitator.submit("Announce the session")
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        re.compile(r"Announced: \d+ (person was|people were) told"))
    expect(page.get_by_role("button", name="Announce the session")).to_have_count(0)

    # The trainee is told, opens the session and books it in one step. ----------------------
    trainee = new_person()
    trainee.sign_in(setup.trainee)
    tpage = trainee.page
    tpage.get_by_role("link", name=re.compile(r"^Notifications \(\d+ unread")).click()
    trainee.check()
    tpage.get_by_role("link", name=re.compile(
        re.escape(f"New training session: “{new_title}”"))).click()
    trainee.check()
    expect(tpage.locator("h1")).to_have_text(new_title)
    tpage.get_by_label("Access needs (optional)").fill("A seat near the front, please.")
    tpage = trainee.submit("Book a place")
    expect(tpage.locator(".govuk-notification-banner")).to_contain_text("You are booked")
    expect(tpage.locator("main")).to_contain_text("You have a place.")
    tpage = trainee.follow("Training sessions")
    bookings_list = tpage.locator("h2:has-text('My bookings') + ul")
    expect(bookings_list.locator("li", has_text=new_title)).to_contain_text("Booked")
    expect(bookings_list.locator("li", has_text=setup.past_title)).to_be_visible()

    # The facilitator sees the booking, and its access needs. -------------------------------
    page = facilitator.visit(page.url.removeprefix(facilitator.base_url))
    expect(page.locator("main")).to_contain_text("Booked (1)")
    expect(page.locator("main")).to_contain_text("Access needs: A seat near the front")

    # The session that ended an hour ago: attendance, in the room. --------------------------
    past = f"/training/sessions/{setup.past_session}"
    page = facilitator.visit(f"/training/programmes/{setup.id}/sessions")
    page = facilitator.follow(setup.past_title)
    page = facilitator.follow("Mark attendance")
    expect(page.locator("main")).to_contain_text("5 people have a place.")
    for name in (setup.trainee_name, *setup.others_names):
        page.get_by_role("group", name=name).get_by_label("Attended", exact=True).check()
    page = facilitator.submit("Save attendance")
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "Attendance saved (5 changed)")
    expect(page.get_by_role("group", name=setup.trainee_name)
           .get_by_label("Attended", exact=True)).to_be_checked()

    # A poll for the room, opened from the session's page; the room finds it on the same
    # page. ----------------------------------------------------------------------------------
    page = facilitator.visit(past)
    page = facilitator.follow("Polls")
    page.get_by_label("Question").fill("How confident are you about the Equality Act now?")
    page.get_by_label("A scale from 1 to 5").check()
    page = facilitator.submit("Open the poll")
    expect(page.locator("h1")).to_have_text("How confident are you about the Equality Act now?")
    poll_path = page.url.removeprefix(facilitator.base_url)
    poll_id = int(poll_path.rsplit("/", 1)[-1])

    tpage = trainee.visit(past)
    tpage = trainee.follow("How confident are you about the Equality Act now?")
    assert tpage.url.endswith(poll_path)
    tpage.get_by_role("group", name="Your answer, from 1 to 5").get_by_label(
        "4", exact=True).check()
    tpage = trainee.submit("Send my answer")
    expect(tpage.locator(".govuk-notification-banner")).to_contain_text("your answer is in")
    expect(tpage.locator("[data-poll-status]")).to_contain_text("1 answer so far")
    _the_others_answer_the_poll(live_app, setup, poll_id)
    tpage = trainee.follow("Refresh results")
    expect(tpage.locator("[data-poll-status]")).to_have_text("Open: 5 answers.")
    tally = tpage.locator("[data-poll-chart] tbody tr")
    expect(tally).to_have_count(5)
    expect(tally.filter(has=tpage.locator("th", has_text=re.compile("^4$")))
           .locator("td")).to_have_text("3")  # the trainee's 4, and two of the others'

    # The survey, now the session has ended, from the session's page. -----------------------
    tpage = trainee.visit(past)
    tpage = trainee.follow("Tell us how the session went")
    expect(tpage.locator("h1")).to_have_text("How was the session?")
    tpage.get_by_role("group", name="Overall, how satisfied are you with the session?") \
        .get_by_label("5: Very satisfied").check()
    tpage.get_by_role("group", name="Was the session’s length…").get_by_label(
        LengthAnswer.TOO_LONG.label).check()
    tpage.get_by_role("group", name="Was the session’s pace…").get_by_label(
        "About right").check()
    tpage.get_by_role("group", name=re.compile("^Before the session")).get_by_label(
        "1: Not at all confident").check()
    tpage.get_by_role("group", name=re.compile("^After the session")).get_by_label(
        "4: Confident").check()
    tpage.get_by_label("What was most useful? (optional)").fill(
        "Working through the library scenario with its evidence pack.")
    tpage = trainee.submit("Send my answers")
    expect(tpage.locator(".govuk-notification-banner")).to_contain_text(
        "your answers have been sent, anonymously")
    expect(tpage.locator("main")).to_contain_text("You have answered this survey.")
    _the_others_answer_the_survey(live_app, setup)

    # The trainee practises the session's scenario, from the session's page. -----------------
    tpage = trainee.visit(past)
    tpage = trainee.submit(f"Start practising: {setup.scenario_title}")
    expect(tpage.locator(".govuk-notification-banner")).to_contain_text(
        "You have started a practice attempt, TRN-")
    expect(tpage.locator("aside")).to_contain_text(
        f"Practice scenario: {setup.scenario_title}")
    tpage = trainee.follow("1. Screening")
    expect(tpage.locator("h1")).to_have_text("About the change")
    tpage.get_by_label("A change to something that already exists").check()
    tpage.get_by_label("In a few sentences, what is changing?").fill(
        "The library will ask for photo ID and proof of address to join and to use its "
        "public computers.")
    affected = tpage.get_by_role("group", name="Who could be affected?")
    affected.get_by_label("People who use the service").check()
    affected.get_by_label("The wider public or local communities").check()
    tpage = trainee.submit("Save and continue")
    expect(tpage.locator(".govuk-error-summary")).to_have_count(0)
    expect(tpage.locator("h1")).to_have_text("Relevance to equality")

    # The lead sees the results on the programme's pages. ------------------------------------
    page = facilitator.visit(f"/training/programmes/{setup.id}")
    page = facilitator.follow("Lead’s page")
    assert page.url.endswith(f"/training/programmes/{setup.id}/dashboard")
    delivery = page.locator("dl").first
    expect(delivery).to_contain_text("5 of a target of 200")
    expect(delivery).to_contain_text("1 run, 1 planned")
    said = page.locator("h2:has-text('What attendees said') + dl")
    expect(said.locator(".govuk-summary-list__row", has_text="Answers")
           .locator("dd")).to_have_text("5")
    expect(said).to_contain_text("4.2 out of 5")
    expect(said).to_contain_text("Too long: 20%")
    expect(said).to_contain_text("1.8 before, 4.0 after (out of 5): a gain of 2.2")

    page = facilitator.follow("See the feedback reports")
    assert page.url.endswith(f"/training/programmes/{setup.id}/reports")
    by_session = page.locator("table", has=page.locator("caption", has_text="By session"))
    row = by_session.locator("tr", has_text=setup.past_title)
    expect(row.locator("td").nth(0)).to_have_text("5")
    expect(row.locator("td").nth(1)).to_have_text("4.2")
    expect(row.locator("td").nth(2)).to_have_text("+2.2")
    expect(page.locator("main")).to_contain_text(
        "Working through the library scenario with its evidence pack.")
