"""Forms for the framework's question pages, built from the framework file.

One builder makes the form for any page, so no section is hand-written. Fields check format
and length only; whether an answer is required depends on the other answers (a question shown
only for one outcome), which `required_errors` works out from the framework.
"""

from __future__ import annotations

from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxesInput,
    GovRadioInput,
    GovTextInput,
)
from wtforms import RadioField, SelectMultipleField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length, Optional

from eia.domain import MAX_ANSWER_LENGTH
from eia.framework import Page, Question, Section, is_blank
from forms.dates import DateInputField
from forms.fields import CharacterCount, LockedForm, stripped


class PageForm(LockedForm):
    """Base for built page forms: the lock the page was loaded with travels with it."""

    def answers(self, page: Page) -> dict:
        """The submitted answers, by question id, in the shape they are stored."""
        result = {}
        for question in page.questions:
            value = getattr(self, question.id).data
            if question.type == "date":
                value = value.isoformat() if value else ""
            elif question.type == "checkboxes":
                value = list(value or [])
            else:
                value = value or ""
            result[question.id] = value
        return result


def _choices(question: Question) -> list[SelectChoice]:
    return [SelectChoice(option.value, option.label) for option in question.choices]


def _field(question: Question):
    hint = question.hint or None
    if question.type == "text":
        return StringField(question.label, description=hint, widget=GovTextInput(),
                           filters=[stripped], validators=[_length(question)])
    if question.type == "textarea":
        return TextAreaField(question.label, description=hint, widget=CharacterCount(),
                             validators=[_length(question)])
    if question.type in ("radios", "yes_no"):
        return RadioField(question.label, description=hint, widget=GovRadioInput(),
                          choices=_choices(question), validators=[Optional()],
                          validate_choice=True)
    if question.type == "checkboxes":
        return SelectMultipleField(question.label, description=hint,
                                   widget=GovCheckboxesInput(), choices=_choices(question),
                                   validators=[Optional()])
    if question.type == "date":
        return DateInputField(question.label, description=hint,
                              name_in_errors=f"The date for ‘{question.label}’")
    raise ValueError(f"no field for question type {question.type!r}")


def _length(question: Question) -> Length:
    limit = question.max_length or MAX_ANSWER_LENGTH
    return Length(max=limit, message=f"Your answer must be {limit:,} characters or fewer")


def page_form_class(page: Page) -> type[PageForm]:
    """A form class for one question page."""
    fields = {question.id: _field(question) for question in page.questions}
    return type(f"PageForm_{page.id}", (PageForm,), fields)


def required_message(question: Question) -> str:
    if question.type in ("radios", "yes_no", "checkboxes"):
        return f"Select an answer for ‘{question.label}’"
    if question.type == "date":
        return f"Enter a date for ‘{question.label}’"
    return f"Enter an answer for ‘{question.label}’"


def required_errors(section: Section, page: Page, answers: dict) -> dict[str, str]:
    """Required questions on `page` left blank, given all the section's answers."""
    shown = {q.id for q in section.shown_questions(answers)}
    return {
        q.id: required_message(q)
        for q in page.questions
        if q.id in shown and q.required and is_blank(answers.get(q.id))
    }
