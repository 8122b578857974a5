"""The guided assessment from start to "check your answers", by keyboard only, with axe.

The issue's first "done when": an author signs in, starts an assessment, completes every
section using the keyboard only, and reaches a check-answers page with no blocking problem;
axe finds nothing on any page on the way.

The answers come from the complete demo assessment (`eia.demo.physiotherapy`), which passes
every quality check. The journey does not script pages: on each page it reached it looks up
what the framework asks there and enters the demo's answer for each question, so a change to
the framework's pages or questions is followed without changing this test. After sign-in
nothing is clicked or filled: every control is reached with Tab (see `tests.browser.keyboard`).
"""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import urlsplit

from playwright.sync_api import expect

from eia.demo import physiotherapy
from eia.domain import Role
from eia.extensions import db
from eia.framework import Framework, Section, is_blank
from eia.models.users import OrgUnit
from eia.services import units
from eia.services.frameworks import current_framework
from tests.browser.keyboard import Keyboard

# Every step of a section is a page; a section with more steps than this is stuck in a loop.
MAX_STEPS_PER_SECTION = 40
ASSESSMENT_PATH = re.compile(r"^/assessments/(?P<reference>EIA-\d{4}-\d{4,})(?P<rest>/.*)?$")


def _ensure_unit(live_app, full_name: str) -> str:
    """The demo's directorate and team ("Parent: Team"), made once in the served database."""
    parent_name, _, name = full_name.partition(": ")
    with live_app.app_context():
        parent = OrgUnit.query.filter_by(name=parent_name, parent_id=None).first() or \
            units.create_unit(None, name=parent_name, parent_id=None)
        if not OrgUnit.query.filter_by(name=name, parent_id=parent.id).first():
            units.create_unit(None, name=name, parent_id=parent.id)
        db.session.remove()
    return full_name


class KeyboardAuthor:
    """An author who fills in the assessment on whatever page they are on, by keyboard."""

    def __init__(self, journey, document: dict, framework: Framework):
        self.journey = journey
        self.page = journey.page
        self.keys = Keyboard(journey.page)
        self.document = document
        self.framework = framework
        self.evidence_titles = {e["key"]: e["title"] for e in document["evidence"]}
        # The collections still to add, in the demo's order.
        self.to_add = {"evidence": list(document["evidence"]),
                       "engagement": list(document["engagement"]),
                       "actions": list(document["actions"])}
        self.reference: str | None = None

    # Moving between pages ------------------------------------------------------------------

    def press(self, target, key: str = "Enter", what: str | None = None) -> None:
        """Tab to a link or button, press it, and check the page it leads to with axe."""
        self.keys.press(target, key, what)
        self.journey.check()

    def press_button(self, name: str, key: str = "Enter") -> None:
        self.press(self.page.get_by_role("button", name=name, exact=True), key,
                   what=f"‘{name}’")

    def assert_no_errors(self) -> None:
        summary = self.page.locator(".govuk-error-summary")
        if summary.count():
            raise AssertionError(f"{self.page.url} refused the answers: "
                                 f"{summary.first.inner_text()}")

    def where(self) -> str:
        """The path after the assessment's reference ('' for the task list)."""
        match = ASSESSMENT_PATH.match(urlsplit(self.page.url).path)
        assert match, f"left the assessment: {self.page.url}"
        if self.reference is None:
            self.reference = match["reference"]
        assert match["reference"] == self.reference, f"another assessment: {self.page.url}"
        return match["rest"] or ""

    # Starting ------------------------------------------------------------------------------

    def start_assessment(self, unit: str) -> None:
        page, keys, details = self.page, self.keys, self.document["details"]
        self.press(page.get_by_role("button", name="Start a new assessment"))
        expect(page.locator("h1")).to_have_text("Start a new assessment")
        keys.type_into(page.locator("#title"), details["title"])
        keys.choose_radio("assessment_type", details["type"])
        keys.choose_option(page.locator("#unit_id"), unit)
        keys.type_into(page.locator("#decision_maker"), details["decision_maker"])
        keys.type_into(page.locator("#decision_forum"), details["decision_forum"])
        keys.enter_date("decision_date", details["decision_date"])
        keys.enter_date("work_started_on", details["work_started_on"])
        keys.choose_radio("strategic_decision", "yes" if details["strategic_decision"] else "no")
        self.press_button("Start assessment")
        self.assert_no_errors()
        assert self.where() == "", f"starting led to {self.page.url}, not the task list"

    # Sections ------------------------------------------------------------------------------

    def complete(self, section: Section) -> None:
        """From the task list, work through `section` step by step back to the task list."""
        title = f"{section.number}. {section.title}"
        self.press(self.page.get_by_role("link", name=title, exact=True), what=title)
        for _ in range(MAX_STEPS_PER_SECTION):
            self.assert_no_errors()
            where = self.where()
            if where == "":
                break
            self.step(where)
        else:
            raise AssertionError(f"section {title} did not end at the task list")
        status = self.page.locator(".govuk-task-list__item", has_text=title).locator(
            ".govuk-task-list__status")
        expect(status).to_have_text("Completed")

    def step(self, where: str) -> None:
        """Do what the current page asks, and move on."""
        # Ids are slugs in the address bar: `impact_by_group` is `impact-by-group`.
        parts = where.strip("/").replace("-", "_").split("/")
        match parts:
            case ["sections", _, "complete"]:
                self.keys.choose_radio("completed", "yes")
                self.press_button("Continue", key="Space")  # a button takes Space too
            case ["sections", _, "impacts"]:
                self.next_impact_or_continue()
            case ["sections", section_id, page_id]:
                self.answer_page(self.framework.section(section_id), page_id)
            case ["impacts", group_id]:
                self.answer_impact(group_id)
            case ["evidence"]:
                self.add_next_or_continue("evidence", "Add evidence",
                                          "Add another source of evidence")
            case ["evidence", "add"]:
                self.add_evidence(self.to_add["evidence"].pop(0))
            case ["engagement"]:
                self.add_next_or_continue("engagement", "Add engagement",
                                          "Add another engagement")
            case ["engagement", "add"]:
                self.add_engagement(self.to_add["engagement"].pop(0))
            case ["actions"]:
                self.add_next_or_continue("actions", "Add an action", "Add another action")
            case ["actions", "add"]:
                self.add_action(self.to_add["actions"].pop(0))
            case _:
                raise AssertionError(f"the journey does not know the page {self.page.url}")

    def answer_page(self, section: Section, page_id: str) -> None:
        """Enter the demo's answer to every question on a framework page."""
        answers = self.document["sections"][section.id]["answers"]
        for question in section.page(page_id).questions:
            value = answers.get(question.id)
            if is_blank(value) or not self.asked(question):
                continue
            if question.type == "group_relevance":
                self.rate_relevance(question.id, value)
            elif question.type in ("radios", "yes_no"):
                self.keys.choose_radio(question.id, value)
            elif question.type == "checkboxes":
                self.keys.tick_checkboxes(question.id, value)
            elif question.type == "date":
                self.keys.enter_date(question.id, value)
            else:
                self.keys.type_into(self.page.locator(f"#{question.id}"), value)
        self.press_button("Save and continue")

    def asked(self, question) -> bool:
        """Whether the page asks `question`: one about an extra group is asked only where
        the organisation has switched that group on."""
        return question.group is None or bool(
            self.page.locator(f"[name='{question.id}']").count())

    def rate_relevance(self, question_id: str, table: dict) -> None:
        """A relevance and its reason for each group the page lists (the demo also rates
        extra groups this organisation has not switched on)."""
        for group_id, row in table.items():
            name = f"{question_id}-{group_id}"
            if not self.page.locator(f"input[name='{name}-relevance']").count():
                continue
            self.keys.choose_radio(f"{name}-relevance", row["relevance"])
            self.keys.type_into(self.page.locator(f"#{name}-reason"), row["reason"])

    def offered(self, name: str, values: list[str]) -> list[str]:
        """The `values` this page offers as checkboxes `name`: the demo also names extra
        groups this organisation has not switched on."""
        return [value for value in values
                if self.page.locator(f"input[name='{name}'][value='{value}']").count()]

    def add_next_or_continue(self, kind: str, first: str, another: str) -> None:
        """On a collection's list: add the next item, or move on when all are added."""
        if self.to_add[kind]:
            already = len(self.document[kind]) - len(self.to_add[kind])
            self.press(self.page.get_by_role("button", name=another if already else first,
                                             exact=True))
        else:
            self.press_button("Save and continue")

    def add_evidence(self, source: dict) -> None:
        keys, page = self.keys, self.page
        keys.type_into(page.locator("#title"), source["title"])
        keys.choose_radio("kind", source["kind"])
        keys.type_into(page.locator("#period"), source["period"])
        keys.type_into(page.locator("#summary"), source["summary"])
        if source["url"]:
            keys.type_into(page.locator("#url"), source["url"])
        self.press_button("Save evidence")

    def add_engagement(self, activity: dict) -> None:
        keys, page = self.keys, self.page
        keys.type_into(page.locator("#who"), activity["who"])
        keys.enter_date("started_on", activity["started_on"])
        if activity["ended_on"]:
            keys.enter_date("ended_on", activity["ended_on"])
        keys.tick_checkboxes("groups", self.offered("groups", activity["groups"]))
        for field in ("how", "what_they_said", "what_changed"):
            keys.type_into(page.locator(f"#{field}"), activity[field])
        self.press_button("Save engagement")

    def add_action(self, action: dict) -> None:
        keys, page = self.keys, self.page
        keys.type_into(page.locator("#description"), action["description"])
        keys.tick_checkboxes("groups", self.offered("groups", action["groups"]))
        keys.type_into(page.locator("#owner"), action["owner"])
        keys.enter_date("due_date", action["due_date"])
        keys.type_into(page.locator("#success_measure"), action["success_measure"])
        keys.choose_radio("status", action["status"])
        self.press_button("Save action")

    def next_impact_or_continue(self) -> None:
        start = self.page.get_by_role("link", name=re.compile(r"^Start impact on "))
        if start.count():
            self.press(start.first)
        else:
            self.press_button("Save and continue")

    def answer_impact(self, group_id: str) -> None:
        impact = self.document["impacts"].get(group_id)
        assert impact is not None, f"the demo has no impact for the group {group_id!r}"
        keys, page = self.keys, self.page
        keys.choose_radio("impact", impact["impact"])
        keys.type_into(page.locator("#effect"), impact["effect"])
        for key in impact["evidence"]:
            keys.set_checkbox(page.get_by_role("checkbox", name=self.evidence_titles[key],
                                               exact=True))
        for field in ("no_evidence_reason", "mitigation"):
            if impact[field]:
                keys.type_into(page.locator(f"#{field}"), impact[field])
        if impact["harm_remains"] is not None:
            keys.choose_radio("harm_remains", "yes" if impact["harm_remains"] else "no")
        if impact["residual_impact"]:
            keys.type_into(page.locator("#residual_impact"), impact["residual_impact"])
        self.press_button("Save and continue")

    def check_answers(self) -> None:
        self.press(self.page.get_by_role("link", name="Check your answers", exact=True))
        assert self.where() == "/check-answers"


# Every kind of page the journey must have reached (and so checked with axe).
PAGE_KINDS = {
    "start": r"/assessments/new$",
    "task list": r"/assessments/EIA-[\d-]+$",
    "question page": r"/sections/[\w-]+/(?!complete$|impacts$)[\w-]+$",
    "evidence list": r"/evidence$",
    "evidence add": r"/evidence/add$",
    "engagement list": r"/engagement$",
    "engagement add": r"/engagement/add$",
    "impact list": r"/sections/[\w-]+/impacts$",
    "impact page": r"/impacts/[\w-]+$",
    "actions list": r"/actions$",
    "actions add": r"/actions/add$",
    "complete section": r"/sections/[\w-]+/complete$",
    "check answers": r"/check-answers$",
}


def test_author_completes_an_assessment_by_keyboard_only(journey, make_user, live_app):
    email = make_user(Role.AUTHOR, name="Priya Shah", job_title="Service Manager")
    document = physiotherapy.document(email, date.today())
    unit = _ensure_unit(live_app, document["details"]["unit"])
    with live_app.app_context():
        framework = current_framework()

    journey.sign_in(email)
    author = KeyboardAuthor(journey, document, framework)
    author.start_assessment(unit)
    page = journey.page
    expect(page.locator("h1")).to_have_text(document["details"]["title"])

    sections = framework.sections
    for section in sections:
        author.complete(section)
    expect(page.locator("body")).to_contain_text(
        f"You have completed {len(sections)} of {len(sections)} sections")
    assert not any(author.to_add.values()), f"not everything was added: {author.to_add}"

    author.check_answers()
    expect(page.locator("h1")).to_have_text("Check your answers")
    expect(page.locator(".govuk-panel__title")).to_have_text("No problems found")
    expect(page.locator(".govuk-error-summary")).to_have_count(0)

    reached = {kind for kind, pattern in PAGE_KINDS.items()
               if any(re.search(pattern, urlsplit(url).path) for url in journey.checked)}
    assert reached == set(PAGE_KINDS), f"never reached: {set(PAGE_KINDS) - reached}"
    # Every group, evidence source, engagement and action was entered on its own page.
    covered = {g.id for g in framework.groups if g.is_protected or g.enabled_by_default}
    entered = {match[1].replace("-", "_") for url in journey.checked
               if (match := re.search(r"/impacts/([\w-]+)$", urlsplit(url).path))}
    assert entered == covered & set(document["impacts"])
