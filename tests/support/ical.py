"""Reading an iCalendar file as a calendar program would: lines unfolded, each property by
name with its parameters."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Property:
    name: str
    params: dict[str, str]
    value: str


def properties(text: str) -> list[Property]:
    assert text.endswith("\r\n"), "iCalendar lines end with CRLF"
    unfolded = text.replace("\r\n ", "").split("\r\n")
    found = []
    for line in filter(None, unfolded):
        head, _, value = line.partition(":")
        name, *params = head.split(";")
        found.append(Property(name, dict(p.split("=", 1) for p in params), value))
    return found


def event(text: str) -> dict[str, Property]:
    """The VEVENT's properties (and the calendar's METHOD), by name."""
    props = properties(text)
    start = next(i for i, p in enumerate(props) if p.name == "BEGIN" and p.value == "VEVENT")
    end = next(i for i, p in enumerate(props) if p.name == "END" and p.value == "VEVENT")
    found = {p.name: p for p in props[start + 1:end]}
    found["METHOD"] = next(p for p in props if p.name == "METHOD")
    found["TZID"] = next(p for p in props if p.name == "TZID")
    return found


def calendar_attachment(message) -> str:
    """The text of the email's calendar attachment."""
    parts = [part for part in message.iter_attachments()
             if part.get_content_type() == "text/calendar"]
    assert len(parts) == 1, f"expected one calendar attachment, found {len(parts)}"
    return parts[0].get_content()
