"""What the simulated people of each load scenario do, request by request.

The office mix: authors move between their home page, their task list, question pages (open,
then save), check your answers and the register; equality reviewers between their home page,
the review of an assessment they have taken, and the register. Nobody waits between requests.

The training burst: every trainee saves a page of their practice attempt every 5 seconds (the
save, then the page again for the next save's form), while a few facilitators keep reloading
the cohort view of the scenario they practise on.

The layout alone: the office's people, signed in, reload a page that has nothing of its own
but the layout every page shares (the header with their navigation and unread count, the
footer), as fast as it answers: the most requests a second that any page can reach.

Against the floor the same people send the same requests, with the same methods and pauses,
all to its one route (`Browser(floor=True)`), so that both see the same pattern of load.
"""

from __future__ import annotations

import html
import random
import re
import threading
import time
from collections.abc import Callable

from load_cast import PRACTICE_SCENARIO, Person
from load_client import Browser

SAVE_EVERY = 5.0  # seconds between a trainee's saves

# (section, page) of question pages whose answers are all free text, for every author to open
# and save in turn.
QUESTION_PAGES = (("aims-and-scope", "purpose"), ("aims-and-scope", "delivery"),
                  ("intersectional-and-cumulative", "combined"), ("three-aims", "aims"),
                  ("engagement", "seldom-heard"), ("evidence", "gaps"))
REVIEW_SECTIONS = ("screening", "aims-and-scope", "evidence", "impact-by-group", "three-aims",
                   "outcome", "action-plan")
PRACTICE_PAGE = ("aims-and-scope", "purpose")
# A static page drawn in the shared layout; signed in, the header is the person's own.
LAYOUT_PAGE = "/accessibility-statement"
# The header's button to sign out: a page without it was drawn for someone not signed in.
SIGNED_IN_MARK = ">Sign out</button>"
COHORT_VIEW = f"/training/library/{PRACTICE_SCENARIO}/cohort"

# What each kind of office worker does next, with its relative weight.
AUTHOR_MIX = (("home", 2), ("task list", 4), ("question page", 8), ("check answers", 2),
              ("register", 1))
REVIEWER_MIX = (("home", 1), ("review overview", 2), ("review section", 5), ("register", 1))


def question_path(reference: str, section: str, page: str) -> str:
    return f"/assessments/{reference}/sections/{section}/{page}"


# Reading a form from a page -------------------------------------------------------------------

_FORM = re.compile(r'<form method="post" action="(?P<action>[^"]*)"[^>]*>(?P<body>.*?)</form>',
                   re.S)
_INPUT = re.compile(r"<input\b([^>]*)>")
_TEXTAREA = re.compile(r"<textarea\b([^>]*)>(.*?)</textarea>", re.S)
_ATTRIBUTE = re.compile(r'([\w-]+)(?:="([^"]*)")?')


def _attributes(text: str) -> dict[str, str]:
    return {name: html.unescape(value or "") for name, value in _ATTRIBUTE.findall(text)}


def read_form(page: str, action: str) -> tuple[list[tuple[str, str]], list[str]] | None:
    """The fields a browser would send from the form posting to `action`, and which of them
    are text areas; None when the page has no such form."""
    for form in _FORM.finditer(page):
        if html.unescape(form["action"]) != action:
            continue
        fields: list[tuple[str, str]] = []
        for match in _INPUT.finditer(form["body"]):
            attributes = _attributes(match[1])
            kind = attributes.get("type", "text")
            if "name" not in attributes or kind in ("submit", "button", "file"):
                continue
            if kind in ("radio", "checkbox") and "checked" not in attributes:
                continue
            fields.append((attributes["name"], attributes.get("value", "")))
        areas = []
        for match in _TEXTAREA.finditer(form["body"]):
            name = _attributes(match[1]).get("name")
            if name:
                # A browser drops one newline straight after the opening tag.
                text = html.unescape(match[2]).removeprefix("\r\n").removeprefix("\n")
                fields.append((name, text))
                areas.append(name)
        return fields, areas
    return None


_EDIT_MARK = re.compile(r" \(edit \d+\)$")


def edited(fields: list[tuple[str, str]], areas: list[str], count: int,
           blank_text: str) -> list[tuple[str, str]]:
    """The fields with the first text area changed (so every save writes), empty ones filled."""
    result = []
    for name, value in fields:
        if name in areas:
            base = _EDIT_MARK.sub("", value) or blank_text
            value = f"{base} (edit {count})" if name == areas[0] else base
        result.append((name, value))
    return result


# The simulated people -------------------------------------------------------------------------


class Simulated:
    """One person's loop: `step` once per turn until the phase stops."""

    def __init__(self, person: Person, browser: Browser, rng: random.Random):
        self.person, self.browser, self.rng = person, browser, rng
        self.saves = 0

    def loop(self, stop: threading.Event) -> None:
        while not stop.is_set():
            self.step(stop)

    def step(self, stop: threading.Event) -> None:
        raise NotImplementedError

    def save(self, label: str, path: str, intent: str, *, page: str | None = None) -> None:
        """Save a question page: open it first unless `page` already holds it."""
        if page is None:
            answer = self.browser.get(label, path, contains=f'action="{path}"')
            if answer is None:
                return
            page = answer.body
        if self.browser.floor:
            fields, areas = [("answer", "text")], []
        else:
            form = read_form(page, path)
            if form is None:
                return
            fields, areas = form
        self.saves += 1
        fields = [*edited(fields, areas, self.saves, "Practice answer."), ("intent", intent)]
        self.browser.post(f"{label} (save)", path, fields)


class OfficeAuthor(Simulated):
    def step(self, stop: threading.Event) -> None:
        reference = self.person.reference
        action = self.rng.choices([a for a, _ in AUTHOR_MIX], [w for _, w in AUTHOR_MIX])[0]
        if action == "home":
            self.browser.get("home", "/")
        elif action == "task list":
            self.browser.get("task list", f"/assessments/{reference}")
        elif action == "question page":
            section, page = QUESTION_PAGES[self.saves % len(QUESTION_PAGES)]
            self.save("question page", question_path(reference, section, page), "continue")
        elif action == "check answers":
            self.browser.get("check answers", f"/assessments/{reference}/check-answers")
        else:
            self.browser.get("register", "/register")


class OfficeReviewer(Simulated):
    def __init__(self, *args):
        super().__init__(*args)
        self.turn = 0

    def step(self, stop: threading.Event) -> None:
        reference = self.person.reference
        action = self.rng.choices([a for a, _ in REVIEWER_MIX], [w for _, w in REVIEWER_MIX])[0]
        if action == "home":
            self.browser.get("home", "/")
        elif action == "review overview":
            self.browser.get("review overview", f"/review/{reference}")
        elif action == "review section":
            self.turn += 1
            section = REVIEW_SECTIONS[self.turn % len(REVIEW_SECTIONS)]
            self.browser.get("review section", f"/review/{reference}/sections/{section}")
        else:
            self.browser.get("register", "/register")


class Trainee(Simulated):
    """Saves the practice page every SAVE_EVERY seconds, starting at a random moment."""

    def loop(self, stop: threading.Event) -> None:
        path = question_path(self.person.reference, *PRACTICE_PAGE)
        # Spread the first saves over one period, so that the trainees do not save in step.
        if stop.wait(self.rng.uniform(0, SAVE_EVERY)):
            return
        due = time.perf_counter()
        page = None
        while not stop.is_set():
            if page is None:
                page = self._open(path)
            if page is not None:
                self.save("practice page", path, "later", page=page)
                page = self._open(path)
            due += SAVE_EVERY
            stop.wait(max(0.0, due - time.perf_counter()))

    def _open(self, path: str) -> str | None:
        answer = self.browser.get("practice page", path, contains=f'action="{path}"')
        return answer.body if answer else None


class Facilitator(Simulated):
    """Reloads the cohort view as soon as it answers, or `pause` seconds after."""

    pause = 0.0

    def step(self, stop: threading.Event) -> None:
        self.browser.get("cohort view", COHORT_VIEW)
        if self.pause:
            stop.wait(self.pause)


class LayoutReader(Simulated):
    """Reloads the page that is nothing but the shared layout, as soon as it answers."""

    def step(self, stop: threading.Event) -> None:
        self.browser.get("layout alone", LAYOUT_PAGE, contains=SIGNED_IN_MARK)


KINDS: dict[str, Callable[..., Simulated]] = {
    "author": OfficeAuthor, "reviewer": OfficeReviewer, "trainee": Trainee,
    "facilitator": Facilitator, "layout reader": LayoutReader,
}


def simulate(people: tuple[Person, ...], browsers: dict[str, Browser], seed: int,
             facilitator_pause: float = 0.0, *, everyone_as: str | None = None
             ) -> list[Simulated]:
    """Each person's loop, as their kind of person does it, or all as `everyone_as`."""
    simulated = [KINDS[everyone_as or person.kind](person, browsers[person.email],
                                                   random.Random(f"{seed}:{n}"))
                 for n, person in enumerate(people)]
    for person in simulated:
        if isinstance(person, Facilitator):
            person.pause = facilitator_pause
    return simulated
