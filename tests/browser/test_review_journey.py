"""Review and sign-off from end to end in real Chromium, with axe on every page reached.

The issue's first "done when": an author submits, a reviewer requests changes with comments on
sections, the author answers and resubmits, the reviewer recommends, an approver signs off and
publishes, and a visitor who is not signed in reads the public page. Each person has their own
browser (context), and each sees what the previous step left for them.

The assessment is the complete demo assessment (`eia.demo.physiotherapy`), imported for the
author, so the test starts at "Check your answers" with nothing blocking submission.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from datetime import date

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from eia.demo import physiotherapy
from eia.domain import Role
from eia.extensions import db
from eia.models.users import OrgUnit, User
from eia.services import transfer, units
from eia.services.mail import deliver_pending
from tests.browser.conftest import Journey

# The sections the reviewer comments on in the first round, and what they say.
TO_CORRECT = ("Screening", "Say from when the Eastfield outreach clinic will run, and on "
                           "which days, so that patients can plan.")
IMPROVABLE = ("Monitoring and review", "Report the did-not-attend rate by age group as well "
                                       "as by clinic.")
REASON = "Two points: the outreach clinic's dates, and monitoring attendance by age."
REPLIES = {
    TO_CORRECT[0]: "Added: the outreach clinic runs on Tuesdays and Thursdays from 1 April.",
    IMPROVABLE[0]: "Agreed: the quarterly report now splits did-not-attend rates by age group.",
}
ADDED_SENTENCE = " The Eastfield outreach clinic runs on Tuesdays and Thursdays from 1 April."
MAX_PAGES_PER_SECTION = 20
PUBLIC_SUMMARY = ("We are moving outpatient physiotherapy to Riverside Health Centre.\n"
                  "Older and disabled patients in Eastfield would travel further, so we will run "
                  "an outreach clinic at Eastfield Library and extend transport support.")


@pytest.fixture
def new_person(browser, live_server) -> Iterator[Callable[[], Journey]]:
    """Another person at their own computer: a Journey in a new browser context."""
    contexts = []

    def make() -> Journey:
        context = browser.new_context()
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        return Journey(page, live_server.url)

    yield make
    for context in contexts:
        context.close()


def _import_complete_draft(live_app, author_email: str, title: str) -> tuple[str, str]:
    """The demo's complete assessment as a draft led by the author: (reference, outcome)."""
    document = physiotherapy.document(author_email, date.today())
    document["details"]["title"] = title
    parent_name, _, team_name = document["details"]["unit"].partition(": ")
    with live_app.app_context():
        parent = OrgUnit.query.filter_by(name=parent_name, parent_id=None).first() or \
            units.create_unit(None, name=parent_name, parent_id=None)
        if not OrgUnit.query.filter_by(name=team_name, parent_id=parent.id).first():
            units.create_unit(None, name=team_name, parent_id=parent.id)
        author = db.session.scalar(select(User).where(User.email == author_email))
        version = transfer.import_document(author, document).latest
        question = version.framework.section("outcome").question("outcome")
        outcome = question.option_label(document["sections"]["outcome"]["answers"]["outcome"])
        reference = version.reference
        db.session.remove()
    return reference, outcome


def _emails_to(live_app, smtp, recipient: str, wanted: str) -> list[str]:
    """Deliver what waits in the outbox, then the subjects `recipient` has been sent."""
    with live_app.app_context():
        deliver_pending()
        db.session.remove()
    subjects = [str(m["Subject"]) for m in smtp.messages if str(m["To"]) == recipient]
    assert any(wanted in s for s in subjects), f"{recipient} got {subjects}, not ‘{wanted}’"
    return subjects


def _banner(page):
    return page.locator(".govuk-notification-banner--success")


def _give_verdicts(reviewer: Journey, comments: dict[str, tuple[str, str]]) -> list[str]:
    """On the review overview: a verdict on every section, with `comments` by section title."""
    page = reviewer.page
    links = page.locator(".govuk-task-list__link")
    titles = links.all_inner_texts()
    assert len(titles) >= 10, titles
    for title in titles:
        reviewer.follow(title)
        expect(page.locator("h1")).to_have_text(title)
        name = title.split(". ", 1)[1]
        verdict, comment = comments.get(name, ("Acceptable", ""))
        page.get_by_label(verdict, exact=True).check()
        page.get_by_label("Comment for the authors").fill(comment)
        reviewer.submit("Save verdict")
        expect(_banner(page)).to_contain_text(f"Your verdict on ‘{name}’ is saved")
    return titles


def _open_assessment(author: Journey, title: str):
    author.visit("/")
    page = author.follow(title)
    expect(page.locator("h1")).to_have_text(title)
    return page


def test_an_assessment_goes_from_submission_to_the_public_register(
        journey, new_person, make_user, live_app, smtp):
    run = uuid.uuid4().hex[:6]
    title = f"Moving outpatient physiotherapy to Riverside Health Centre ({run})"
    author_name, reviewer_name = f"Priya Shah {run}", f"Grace Okafor {run}"
    approver_name = f"David Lloyd {run}"
    author_email = make_user(Role.AUTHOR, name=author_name)
    reviewer_email = make_user(Role.REVIEWER, name=reviewer_name)
    approver_email = make_user(Role.APPROVER, name=approver_name,
                               job_title="Director of Community Health Services")
    reference, outcome = _import_complete_draft(live_app, author_email, title)

    # The author submits from "Check your answers". ------------------------------------------
    author = journey
    author.sign_in(author_email)
    page = _open_assessment(author, title)
    author.follow("Check your answers")
    author.submit("Submit for review")
    expect(_banner(page)).to_contain_text("You have submitted this assessment for review")
    expect(page.locator(".app-review-status")).to_contain_text(
        "waiting for an equality reviewer")
    _emails_to(live_app, smtp, reviewer_email, f"waiting for review: {reference}")

    # The reviewer takes it and sends it back with comments on two sections. ------------------
    reviewer = new_person()
    reviewer.sign_in(reviewer_email)
    page = reviewer.follow("Go to the review queue")
    expect(page.locator("h1")).to_have_text("Equality review")
    reviewer.follow(title)
    reviewer.submit("Start review")
    expect(_banner(page)).to_contain_text(f"You are reviewing {reference}")
    status = _open_assessment(author, title).locator(".app-review-status")
    expect(status).to_contain_text(f"{reviewer_name} is reviewing it")
    _emails_to(live_app, smtp, author_email, f"Your assessment is being reviewed: {reference}")
    _give_verdicts(reviewer, {TO_CORRECT[0]: ("To correct", TO_CORRECT[1]),
                              IMPROVABLE[0]: ("Improvable", IMPROVABLE[1])})
    reviewer.follow("Complete the checklist")
    for box in page.get_by_role("checkbox").all():
        box.check()
    reviewer.submit("Save checklist")
    expect(_banner(page)).to_contain_text("The checklist is saved")
    expect(page.get_by_text("You cannot recommend sign-off yet")).to_contain_text(
        "‘to correct’")
    reviewer.follow("Send it back to the authors for changes")
    page.get_by_label("What must the authors change?").fill(REASON)
    reviewer.submit("Send back for changes")
    expect(_banner(page)).to_contain_text(f"{reference} has gone back to its authors")
    _emails_to(live_app, smtp, author_email, f"Changes are requested to your assessment: "
                                             f"{reference}")

    # The author reads the comments where they apply, answers them, edits and resubmits. -------
    page = _open_assessment(author, title)
    status = page.locator(".app-review-status")
    expect(status).to_contain_text("Changes requested")
    expect(status).to_contain_text(f"{reviewer_name} asked for changes")
    expect(status).to_contain_text(REASON)
    screening = page.locator(".govuk-task-list__item").filter(has_text=TO_CORRECT[0])
    expect(screening).to_contain_text("1 review comment to answer")

    author.follow(screening.locator(".govuk-task-list__link").inner_text())
    comment_banner = page.get_by_role("region", name="Review comment on this section")
    expect(comment_banner).to_contain_text(f"To correct, from {reviewer_name}")
    expect(comment_banner).to_contain_text(TO_CORRECT[1])
    description = page.get_by_label("In a few sentences, what is changing?")
    description.fill(description.input_value() + ADDED_SENTENCE)
    completion = page.get_by_role("group", name="Have you completed this section?")
    for _ in range(MAX_PAGES_PER_SECTION):  # on through the section, as the author would
        author.submit("Save and continue")
        if completion.count():
            break
    else:
        raise AssertionError(f"never reached ‘Have you completed this section?’: {page.url}")
    page.get_by_label("Yes, I’ve completed this section").check()
    author.submit("Continue")
    expect(page.locator("h1")).to_have_text(title)

    author.follow("Read the review comments")
    expect(page.locator("h1")).to_have_text("Review comments")
    expect(page.locator("main")).to_contain_text("2 comments need an answer")
    expect(page.locator("main")).to_contain_text(REASON)
    for name, reply in REPLIES.items():
        point = page.locator(".app-review-point").filter(has_text=f". {name}")
        expect(point).to_contain_text(TO_CORRECT[1] if name == TO_CORRECT[0] else IMPROVABLE[1])
        section_title = point.locator("h3").inner_text()
        page.get_by_label(f"Reply to the comment on {section_title}").fill(reply)
        point.get_by_role("button", name="Add reply").click()
        author.check()
        expect(_banner(page)).to_contain_text("Your reply has been added")
        expect(point).to_contain_text(reply)
        point.get_by_role("button", name="Mark resolved").click()
        author.check()
        expect(_banner(page)).to_contain_text("is marked resolved")
        expect(point).to_contain_text(f"Marked resolved by {author_name}")
    expect(page.locator("main")).not_to_contain_text("need an answer")

    _open_assessment(author, title)
    author.follow("Check your answers")
    expect(page.locator("main")).to_contain_text(ADDED_SENTENCE.strip())
    expect(page.locator("main")).to_contain_text("No problems found")
    author.submit("Resubmit for review")
    expect(_banner(page)).to_contain_text("You have submitted this assessment for review")
    subjects = _emails_to(live_app, smtp, reviewer_email, f"waiting for review: {reference}")
    assert sum(f"waiting for review: {reference}" in s for s in subjects) == 2, subjects

    # The reviewer reads the answers, accepts every section and recommends. --------------------
    reviewer.visit("/")
    reviewer.follow("Go to the review queue")
    reviewer.follow(title)
    page = reviewer.submit("Start review")
    expect(_banner(page)).to_contain_text(f"You are reviewing {reference}")
    reviewer.follow(next(t for t in page.locator(".govuk-task-list__link").all_inner_texts()
                         if t.endswith(TO_CORRECT[0])))
    earlier = page.locator(".app-review-point")
    expect(earlier).to_contain_text(TO_CORRECT[1])
    expect(earlier).to_contain_text(REPLIES[TO_CORRECT[0]])
    expect(earlier).to_contain_text(author_name)
    expect(page.locator("main")).to_contain_text(ADDED_SENTENCE.strip())
    reviewer.follow("Back to the review")
    reviewer.follow("Review comments and the authors’ replies")
    for reply in REPLIES.values():
        expect(page.locator("main")).to_contain_text(reply)
    reviewer.visit(f"/review/{reference}")
    _give_verdicts(reviewer, {})
    reviewer.submit("Recommend for sign-off")
    expect(_banner(page)).to_contain_text(f"{reference} is recommended for sign-off")
    _emails_to(live_app, smtp, approver_email, f"recommended for sign-off: {reference}")

    # The approver signs it off and publishes it. -----------------------------------------------
    approver = new_person()
    approver.sign_in(approver_email)
    page = approver.follow("Go to the sign-off queue")
    expect(page.locator("h1")).to_have_text("Awaiting sign-off")
    approver.follow(title)
    expect(page.locator("main")).to_contain_text(outcome)
    expect(page.locator("main")).to_contain_text(reviewer_name)
    approver.submit("Sign off")  # without the declaration: refused, accessibly
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Confirm the declaration to sign off")
    page.get_by_label("I have read this assessment and will take it into account before "
                      "the decision is made").check()
    approver.submit("Sign off")
    expect(_banner(page)).to_contain_text(f"You have signed off {reference}, version 1")
    expect(page.locator("main")).to_contain_text(
        f"{approver_name}, Director of Community Health Services")
    _emails_to(live_app, smtp, author_email, f"has been signed off: {reference}")
    _emails_to(live_app, smtp, reviewer_email, f"has been signed off: {reference}")

    task_list = _open_assessment(author, title)
    expect(task_list.locator(".govuk-caption-l")).to_contain_text("Signed off")

    approver.follow("Publish or manage versions")
    approver.follow("Publish version 1")
    approver.submit("Publish on the register")  # no summary: refused, accessibly
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Enter a plain-English summary for the public")
    page.get_by_label("Summary for the public").fill(PUBLIC_SUMMARY)
    approver.submit("Publish on the register")
    expect(_banner(page)).to_contain_text(f"Version 1 of {reference} is on the public register")

    # Anyone reads it on the public register, without signing in. -------------------------------
    visitor = new_person()
    page = visitor.visit("/register")
    expect(page.locator("h1")).to_have_text("Register of equality impact assessments")
    visitor.follow(title)
    assert page.url.endswith(f"/register/{reference}")
    main = page.locator("main")
    expect(page.locator("h1")).to_have_text(title)
    for paragraph in PUBLIC_SUMMARY.split("\n"):
        expect(main).to_contain_text(paragraph)
    expect(main).to_contain_text(outcome)
    expect(main).to_contain_text(approver_name)
    expect(main).to_contain_text("Director of Community Health Services")
    assert "DRAFT" not in page.content()
    expect(page.get_by_role("button", name="Sign out")).to_have_count(0)

    every_page = author.checked + reviewer.checked + approver.checked + visitor.checked
    assert len(every_page) >= 50
