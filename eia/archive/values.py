"""Words from a document turned into the values a document field holds, or None.

None means "these words are not such a value", and the caller keeps them as imported text: a
review date written "within a year, or earlier if required" is never guessed at, and an
option is taken only when the words are its label or value.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from marshmallow import ValidationError

from eia.archive.templates import Template, normalise
from eia.document.fields import text_problem, web_address_or_blank

_ORDINAL = re.compile(r"(\d)(?:st|nd|rd|th)\b", re.IGNORECASE)
_DATE_FORMATS = ("%d %B %Y", "%d %b %Y", "%B %d %Y", "%b %d %Y", "%d/%m/%Y", "%d/%m/%y",
                 "%d.%m.%Y", "%d-%m-%Y", "%Y-%m-%d", "%B %Y", "%b %Y")


def one_line(text: str, max_length: int | None) -> str | None:
    """The words on one line, if any and if they fit and can be stored."""
    value = " ".join(text.split())
    if not value or text_problem(value, max_length):
        return None
    return value


def paragraphs(text: str, max_length: int | None) -> str | None:
    """Text as written, if any and if it fits and can be stored."""
    value = text.strip()
    if not value or text_problem(value, max_length):
        return None
    return value


def just_a_date(text: str) -> str | None:
    """The ISO date that `text` is and nothing more ("1st March 2027", "01/03/2027"), or None."""
    cleaned = " ".join(_ORDINAL.sub(r"\1", text.replace(",", " ")).split()).rstrip(".")
    for pattern in _DATE_FORMATS:
        try:
            day: date = datetime.strptime(cleaned, pattern).date()
        except ValueError:
            continue
        return day.isoformat()
    return None


def option(text: str, choices) -> str | None:
    """The value of the option whose label or value the words are, or None.

    `choices` are framework options or a vocabulary enum (members with `.value`, `.label`).
    """
    wanted = normalise(text)
    for choice in choices:
        if wanted and wanted in (normalise(choice.label), normalise(choice.value)):
            return choice.value
    return None


def web_address(text: str, max_length: int | None) -> str | None:
    value = one_line(text, max_length)
    if value is None:
        return None
    try:
        web_address_or_blank(value)
    except ValidationError:
        return None
    return value


def groups(text: str, template: Template, names: dict[str, str]) -> list[str] | None:
    """The group ids a list such as "Age, Disability; Carers" names, or None unless every item
    is a heading the template gives to a group or a group's name or id (`names`: normalised
    name or id -> id)."""
    found = []
    for part in re.split(r"[,;/\n]", text):
        if not part.strip():
            continue
        target = template.exact_target(part) or ""
        group_id = (target.removeprefix("group.") if target.startswith("group.")
                    else names.get(normalise(part)))
        if group_id is None:
            return None
        if group_id not in found:
            found.append(group_id)
    return found or None
