"""A stored answer in words, as readers see it: on pages, in comparisons and in the PDF."""

from __future__ import annotations

from datetime import date

from eia.framework import Question
from eia.template_helpers import format_date


def answer_text(question: Question, value) -> str:
    """Option labels instead of codes, dates in words, "Not answered" for nothing."""
    if value in (None, "", []):
        return "Not answered"
    if question.type == "date":
        try:
            return format_date(date.fromisoformat(value))
        except ValueError:
            return str(value)
    if question.type == "checkboxes":
        return ", ".join(question.option_label(v) for v in value)
    if question.type in ("radios", "yes_no"):
        return question.option_label(value)
    return str(value)
