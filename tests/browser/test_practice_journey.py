"""Practice from first page to competence, in real Chromium, with axe on every page reached.

The issue's "done when": a trainee starts a scenario, completes it with the keyboard only,
submits, reads feedback naming the critical point they missed, revises, and is marked
competent by a facilitator. The trainee's answers are the demo's first draft of the library
scenario (`eia.demo.practice`): the model answer, except that the effect on socio-economic
disadvantage does not say what people would lose. The trainee fills in the real form with the
same keyboard-only author as the guided journey; the facilitator uses the review pages.
"""

from __future__ import annotations

import re
import uuid
from datetime import date
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from eia.demo.answers import answers_for
from eia.demo.practice import first_draft
from eia.domain import Role
from eia.services.frameworks import current_framework
from eia.services.training import library
from eia.training.marking import model_attempt
from tests.browser.keyboard import MAX_TABS
from tests.browser.test_guided_journey import MAX_STEPS_PER_SECTION, KeyboardAuthor
from tests.browser.test_review_journey import _banner, _give_verdicts, new_person  # noqa: F401

# The longest journey, so it runs in PostgreSQL's run (tests/browser/conftest.py says why).
pytestmark = pytest.mark.postgresql

SCENARIO = "library-photo-id-check"
MISSED = "Says what people would lose: access to Universal Credit, benefits and job searching."
TO_CORRECT = ("Other duties", "Say what people on low incomes would lose without the "
                              "computers: the evidence pack says what they use them for.")


def _answers(live_app):
    """The scenario, the framework, the first draft's answers and the effect the revision
    gives socio-economic disadvantage."""
    with live_app.app_context():
        scenario = library.get_entry(SCENARIO).scenario
        model = model_attempt(scenario, date.today())
        framework = current_framework()
        return (scenario, framework, answers_for(scenario, first_draft(model), framework,
                                                 date.today()),
                model.impacts["socio_economic"].effect)


def _revise_effect(author: KeyboardAuthor, section_title: str, group: str, effect: str) -> None:
    """From the task list: change one group's effect, then on through the section to the task
    list again, by keyboard."""
    page = author.page
    author.press(page.get_by_role("link", name=section_title, exact=True))
    author.press(page.get_by_role("link", name=f"Change impact on {group}"))
    author.keys.type_into(page.locator("#effect"), effect)
    author.press_button("Save and continue")
    for _ in range(MAX_STEPS_PER_SECTION):
        author.assert_no_errors()
        where = author.where()
        if where == "":
            return
        author.step(where)
    raise AssertionError(f"{section_title} did not end at the task list")


def _press_at_the_end(author: KeyboardAuthor, name: str) -> None:
    """Press the button after every "Change" link of "Check your answers": tab past each one,
    as a keyboard user does, however many the screening by group and the pack add."""
    page = author.page
    controls = page.locator("main a, main button, main input, main textarea").count()
    author.keys.max_tabs = controls + 10  # the header's links come first
    try:
        author.press_button(name)
    finally:
        author.keys.max_tabs = MAX_TABS


def test_a_trainee_practises_by_keyboard_and_is_marked_competent(journey, new_person,  # noqa: F811
                                                                 make_user, live_app):
    run = uuid.uuid4().hex[:6]
    trainee_email = make_user(Role.TRAINEE, name=f"Aisha Rahman {run}")
    facilitator_email = make_user(Role.FACILITATOR, name=f"Tomasz Nowak {run}")
    scenario, framework, answers, full_effect = _answers(live_app)

    # The trainee starts the scenario from their home page, by keyboard. ---------------------
    trainee = journey
    trainee.sign_in(trainee_email)
    page = trainee.page
    author = KeyboardAuthor(trainee, answers, framework)
    author.to_add["evidence"] = []  # the evidence pack is already the attempt's evidence
    author.press(page.get_by_role("link", name="Practise on a scenario", exact=True))
    author.press(page.get_by_role("link", name=scenario.title, exact=True))
    expect(page.locator("h1")).to_have_text(scenario.title)
    author.press(page.get_by_role("button", name="Start practising"))
    assert author.where() == "", f"starting led to {page.url}"
    reference = author.reference
    assert reference.startswith("TRN-")
    aside = page.locator("aside")
    expect(aside).to_contain_text(f"Practice scenario: {scenario.title}")

    # Every section of the same form as a live assessment, with the keyboard alone. ----------
    for section in framework.sections:
        author.complete(section)
        expect(page.locator("aside")).to_contain_text("The evidence pack")
    author.check_answers()
    expect(page.locator(".govuk-error-summary")).to_have_count(0)
    _press_at_the_end(author, "Submit for feedback")

    # Feedback at once, naming the critical point missed. --------------------------------------
    assert urlsplit(page.url).path == f"/training/attempts/{reference}/feedback"
    expect(page.locator(".app-missed-critical")).to_have_text(MISSED)
    expect(page.locator("main")).to_contain_text("Not yet competent: 1 critical point missed")
    author.press(page.get_by_role("link", name=re.compile("^Compare the attempt with the model")))
    expect(page.locator("h1")).to_have_text("The attempt and the model answer")

    # A facilitator reviews it, as an equality reviewer would, and sends it back. -------------
    facilitator = new_person()
    facilitator.sign_in(facilitator_email)
    fpage = facilitator.follow("Practice attempts to review")
    fpage.locator("tr", has_text=reference).get_by_role("button", name="Start review").click()
    facilitator.check()
    expect(_banner(fpage)).to_contain_text(f"You are reviewing {reference}")
    _give_verdicts(facilitator, {TO_CORRECT[0]: ("To correct", TO_CORRECT[1])})
    facilitator.follow("Send it back to the authors for changes")
    fpage.get_by_label("What must the authors change?").fill("One section to correct.")
    facilitator.submit("Send back for changes")

    # The trainee revises the effect, by keyboard, and resubmits. ------------------------------
    trainee.visit(f"/assessments/{reference}")
    expect(page.locator(".app-review-status")).to_contain_text("asked for changes")
    section = framework.section("other_duties")
    _revise_effect(author, f"{section.number}. {section.title}",
                   framework.group("socio_economic").name.lower(), full_effect)
    author.check_answers()
    _press_at_the_end(author, "Resubmit for feedback")
    expect(page.locator(".app-missed-critical")).to_have_count(0)
    expect(page.locator("main")).to_contain_text("Every critical point found")
    expect(page.locator("main")).to_contain_text("Submission 2")

    # The facilitator accepts it: competent. ---------------------------------------------------
    facilitator.visit("/training/review")
    fpage.locator("tr", has_text=reference).get_by_role("button", name="Start review").click()
    facilitator.check()
    _give_verdicts(facilitator, {})
    facilitator.submit("Accept the attempt")
    expect(_banner(fpage)).to_contain_text("recorded as competent")

    trainee.visit("/training/record")
    expect(page.locator(".govuk-summary-list")).to_contain_text("Yes, since")
