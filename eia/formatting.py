"""How values read to people: dates and times in UK style, stored answers in words, status tags.

Used by templates, services, the quality checks and the PDF alike, so a date or an answer reads
the same on every page and in every document. No Flask here: the template filters in
`eia.template_helpers` are these functions.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from eia.domain import IMPORTED_LABEL, Relevance, Verdict, VersionStatus, label_of
from eia.framework import Question

LOCAL_ZONE = ZoneInfo("Europe/London")


def format_datetime(moment: datetime | None, missing: str = "Never") -> str:
    """'24 November 2026 at 9:05pm', in UK time."""
    if moment is None:
        return missing
    # Long lists (a cohort, a register) print hundreds: one conversion, no strftime but %B.
    local = (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(LOCAL_ZONE)
    return (f"{local.day} {local:%B} {local.year} at {local.hour % 12 or 12}:{local.minute:02d}"
            f"{'am' if local.hour < 12 else 'pm'}")


def format_date(day: date | None, missing: str = "Not set") -> str:
    """'24 November 2026'."""
    return missing if day is None else f"{day.day} {day:%B %Y}"


def parse_iso_date(value: object) -> date | None:
    """A stored YYYY-MM-DD answer as a date; None when missing or unreadable."""
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


_MONTHS = {name: number for number, name in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"), start=1)}
_DAY_MONTH_YEAR = re.compile(r"(?:(\d{1,2})\s+)?(" + "|".join(_MONTHS) + r")(?:\s+(\d{4}))?",
                             re.IGNORECASE)
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def dates_in_words(text: str) -> tuple[date | None, date | None]:
    """The first and last dates that a phrase such as "12 January to 9 March 2026", "March
    2026" or "2026-03-12" names (a month alone is its first day); (None, None) when it names
    none, and the second is None when there is only one."""
    found = [(int(day) if day else None, _MONTHS[month.lower()], int(year) if year else None)
             for day, month, year in _DAY_MONTH_YEAR.findall(text or "")]
    found += [(int(d), int(m), int(y)) for y, m, d in _ISO.findall(text or "")]
    years = [year for _, _, year in found if year]
    if not found or not years:
        return None, None
    try:
        days = [date(year or years[-1], month, day or 1) for day, month, year in found]
    except ValueError:
        return None, None
    return days[0], (days[-1] if days[-1] != days[0] else None)


def answer_text(question: Question, value, group_names: Mapping[str, str] | None = None) -> str:
    """A stored answer in words: option labels instead of codes, dates in words, relevance by
    group one line each (with `group_names`), "Not answered" for nothing."""
    if value in (None, "", [], {}):
        return "Not answered"
    if question.type == "group_relevance":
        names = group_names or {}
        return "\n".join(_relevance_line(names.get(group_id, group_id), row)
                         for group_id, row in value.items())
    if question.type == "date":
        day = parse_iso_date(value)
        return format_date(day) if day else str(value)
    if question.type == "checkboxes":
        return ", ".join(question.option_label(v) for v in value)
    if question.type in ("radios", "yes_no"):
        return question.option_label(value)
    return str(value)


def _relevance_line(name: str, row: dict) -> str:
    level = label_of(Relevance, row.get("relevance"), "Not answered")
    return f"{name}: {level}" + (f". {row['reason']}" if row.get("reason") else "")


# The colour of each status wherever it is shown as a tag (GOV.UK tag modifier classes).
_STATUS_TAG_CLASSES = {
    VersionStatus.DRAFT: "govuk-tag--grey",
    VersionStatus.IN_REVIEW: "govuk-tag--blue",
    VersionStatus.CHANGES_REQUESTED: "govuk-tag--orange",
    VersionStatus.AWAITING_SIGN_OFF: "govuk-tag--purple",
    VersionStatus.SIGNED_OFF: "govuk-tag--green",
    VersionStatus.WITHDRAWN: "govuk-tag--red",
    VersionStatus.SUPERSEDED: "govuk-tag--grey",
    VersionStatus.ACCEPTED: "govuk-tag--green",
}

_VERDICT_TAG_CLASSES = {
    Verdict.ACCEPTABLE: "govuk-tag--green",
    Verdict.IMPROVABLE: "govuk-tag--yellow",
    Verdict.TO_CORRECT: "govuk-tag--red",
}


def status_tag(status: str, imported: bool = False) -> dict:
    """govukTag parameters for a version's status; an imported record is marked as one."""
    if imported:
        return {"text": IMPORTED_LABEL, "classes": "govuk-tag--grey"}
    status = VersionStatus(status)
    return {"text": status.label, "classes": _STATUS_TAG_CLASSES[status]}


def verdict_tag(verdict: str) -> dict:
    """govukTag parameters for a reviewer's verdict."""
    verdict = Verdict(verdict)
    return {"text": verdict.label, "classes": _VERDICT_TAG_CLASSES[verdict]}
