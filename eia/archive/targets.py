"""Where the text under a heading can go: the names of targets, and their labels for a page.

A target is a short string, so that a template file and a corrected mapping can both name it:

- `details.<field>`: a control detail (`DETAILS` lists them: title, lead officer, unit, ...);
- `question.<id>`: a framework question answered in words, a date or one option;
- `group.<id>`: the impact on a protected characteristic or an extra group (its "effect");
- `collection.<key>`: evidence, engagement or actions, read from a table row by row;
- `sign_off`: the original sign-off, read from a table row by row (who, role, date, decision);
- `imported`: kept word for word as imported text.
"""

from __future__ import annotations

from dataclasses import dataclass

from eia.collections import BY_KEY, COLLECTIONS
from eia.domain import DomainError
from eia.framework import FREE_TEXT_TYPES, Framework, Question

IMPORTED = "imported"
SIGN_OFF = "sign_off"
# Questions whose answer can be read from words: free text, a date, or one option's label.
READABLE_QUESTION_TYPES = (*FREE_TEXT_TYPES, "date", "radios", "yes_no")


@dataclass(frozen=True)
class Detail:
    label: str
    kind: str  # "text", "date", "person" or "type"
    max_length: int | None = None


# The control details a document can fill, with the document schema's limits.
DETAILS = {
    "title": Detail("Title", "text", 300),
    "type": Detail("Type of proposal", "type"),
    "unit": Detail("Service or unit", "text", 500),
    "lead_officer": Detail("Lead officer", "person", 200),
    "decision_maker": Detail("Decision-maker", "text", 300),
    "decision_forum": Detail("Decision forum", "text", 300),
    "decision_date": Detail("Decision date", "date"),
    "work_started_on": Detail("Date work started", "date"),
}
# The columns of an original sign-off table.
SIGN_OFF_FIELDS = {"name": "Name", "role": "Role or body", "date": "Date",
                   "decision": "Decision"}


class UnknownTarget(DomainError):
    """A template or a corrected mapping names a target that does not exist."""


def split(target: str) -> tuple[str, str]:
    """("question", "purpose") for "question.purpose"; ("imported", "") for "imported"."""
    kind, _, name = target.partition(".")
    return kind, name


def label(target: str, framework: Framework) -> str:
    """The target in words, for a page; raise UnknownTarget if there is no such target."""
    kind, name = split(target)
    if target == IMPORTED:
        return "Imported text (kept as written)"
    if target == SIGN_OFF:
        return "Original sign-off (a table: name, role, date, decision)"
    if kind == "details" and name in DETAILS:
        return f"Details: {DETAILS[name].label}"
    if kind == "question":
        question = _readable_question(framework, name)
        if question is not None:
            return f"{framework.section_of(name).title}: {question.label}"
    if kind == "group":
        try:
            return f"Impact on a group: {framework.group(name).name}"
        except KeyError:
            pass
    if kind == "collection" and name in BY_KEY:
        return f"{BY_KEY[name].plural.capitalize()} (a table, one row each)"
    raise UnknownTarget(f"{target!r} is not a place in the assessment that text can go.")


def check(target: str, framework: Framework) -> None:
    """Raise UnknownTarget unless `target` exists in `framework`."""
    label(target, framework)


def exists(target: str, framework: Framework) -> bool:
    try:
        check(target, framework)
    except UnknownTarget:
        return False
    return True


def all_targets(framework: Framework) -> list[tuple[str, str]]:
    """Every target with its label, in the order an assessment reads, for a page's choices."""
    names = [IMPORTED, *(f"details.{name}" for name in DETAILS)]
    for section in framework.sections:
        names += [f"question.{q.id}" for q in section.questions
                  if q.type in READABLE_QUESTION_TYPES]
        if section.kind in BY_KEY:
            names.append(f"collection.{section.kind}")
        if section.kind == "impacts":
            names += [f"group.{group.id}" for group in framework.groups]
    names += [f"collection.{c.key}" for c in COLLECTIONS if f"collection.{c.key}" not in names]
    names.append(SIGN_OFF)
    return [(name, label(name, framework)) for name in names]


def _readable_question(framework: Framework, question_id: str) -> Question | None:
    try:
        question = framework.question(question_id)
    except KeyError:
        return None
    return question if question.type in READABLE_QUESTION_TYPES else None
