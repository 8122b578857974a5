"""Forms for the framework's question pages, built from the framework file.

One builder makes the form for any page, so no section is hand-written. Fields check format
and length only; whether an answer is required depends on the other answers (a question shown
only for one outcome), which `required_errors` works out from the framework.

A group_relevance question is one radio and one reason for each group the assessment covers,
named `<question>-<group>-relevance` and `<question>-<group>-reason`, and stored as one table
by group.
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

from eia.domain import MAX_ANSWER_LENGTH, Relevance
from eia.framework import Group, Page, Question, Section, is_blank
from forms.dates import DateInputField
from forms.fields import CharacterCount, LockedForm, stripped


class PageForm(LockedForm):
    """Base for built page forms: the lock the page was loaded with travels with it."""

    groups: tuple[Group, ...] = ()

    def answers(self, page: Page) -> dict:
        """The submitted answers, by question id, in the shape they are stored."""
        result = {}
        for question in page.questions:
            if question.type == "group_relevance":
                result[question.id] = self._relevance(question)
                continue
            value = getattr(self, question.id).data
            if question.type == "date":
                value = value.isoformat() if value else ""
            elif question.type == "checkboxes":
                value = list(value or [])
            elif question.type in ("radios", "yes_no"):
                value = (value or "").strip()  # a blank choice is no choice
            else:
                value = value or ""
            result[question.id] = value
        return result


    def _relevance(self, question: Question) -> dict:
        answer = {}
        for group in self.groups:
            relevance = self[relevance_field(question, group)].data or ""
            reason = (self[reason_field(question, group)].data or "").strip()
            if relevance or reason:
                answer[group.id] = {"relevance": relevance, "reason": reason}
        return answer


def relevance_field(question: Question, group: Group) -> str:
    return f"{question.id}-{group.id}-relevance"


def reason_field(question: Question, group: Group) -> str:
    return f"{question.id}-{group.id}-reason"


def page_data(page: Page, saved: dict, groups: tuple[Group, ...]) -> dict:
    """The saved answers as the page's fields hold them (a relevance table spread out)."""
    data = dict(saved)
    for question in page.questions:
        if question.type == "group_relevance":
            table = saved.get(question.id) or {}
            for group in groups:
                row = table.get(group.id) or {}
                data[relevance_field(question, group)] = row.get("relevance")
                data[reason_field(question, group)] = row.get("reason", "")
    return data


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
                          validate_choice=True, invalid_choice_message=required_message(question))
    if question.type == "checkboxes":
        # No Optional(): it would let a blank value through as an answer, where every value
        # sent must be one of the options (none sent is no answer).
        return SelectMultipleField(question.label, description=hint,
                                   widget=GovCheckboxesInput(), choices=_choices(question))
    if question.type == "date":
        return DateInputField(question.label, description=hint,
                              name_in_errors=f"The date for ‘{question.label}’")
    raise ValueError(f"no field for question type {question.type!r}")


def _length(question: Question) -> Length:
    limit = question.max_length or MAX_ANSWER_LENGTH
    return Length(max=limit, message=f"Your answer must be {limit:,} characters or fewer")


def page_form_class(page: Page, groups: tuple[Group, ...] = ()) -> type[PageForm]:
    """A form class for one question page of an assessment covering `groups`."""
    fields = {}
    for question in page.questions:
        if question.type == "group_relevance":
            for group in groups:
                fields[relevance_field(question, group)] = RadioField(
                    group.name, widget=GovRadioInput(), validators=[Optional()],
                    choices=[SelectChoice(r.value, r.label) for r in Relevance],
                    invalid_choice_message=relevance_required_message(group))
                fields[reason_field(question, group)] = TextAreaField(
                    f"Why? ({group.name})", widget=CharacterCount(), filters=[stripped],
                    validators=[Length(max=MAX_ANSWER_LENGTH, message="Your answer must be "
                                       f"{MAX_ANSWER_LENGTH:,} characters or fewer")])
        else:
            fields[question.id] = _field(question)
    return type(f"PageForm_{page.id}", (PageForm,), {**fields, "groups": groups})


def required_message(question: Question) -> str:
    if question.type in ("radios", "yes_no", "checkboxes"):
        return f"Select an answer for ‘{question.label}’"
    if question.type == "date":
        return f"Enter a date for ‘{question.label}’"
    return f"Enter an answer for ‘{question.label}’"


def required_errors(section: Section, page: Page, answers: dict,
                    groups: tuple[Group, ...] = ()) -> dict[str, str]:
    """Required questions on `page` left blank, given all the section's answers, by the name
    of the field that takes the answer."""
    shown = {q.id for q in section.shown_questions(answers)}
    errors = {}
    for q in page.questions:
        if q.id not in shown or not q.required:
            continue
        if q.type == "group_relevance":
            errors |= _relevance_errors(q, answers.get(q.id) or {}, groups)
        elif is_blank(answers.get(q.id)):
            errors[q.id] = required_message(q)
    return errors


def relevance_required_message(group: Group) -> str:
    return f"Select how relevant the proposal is to {group.name.lower()}"


def _relevance_errors(question: Question, table: dict, groups) -> dict[str, str]:
    errors = {}
    for group in groups:
        row = table.get(group.id) or {}
        if not row.get("relevance"):
            errors[relevance_field(question, group)] = relevance_required_message(group)
        if is_blank(row.get("reason")):
            chosen = (f"you chose ‘{Relevance(row['relevance']).label}’"
                      if row.get("relevance") in {r.value for r in Relevance} else "")
            errors[reason_field(question, group)] = (
                f"Say why {chosen or 'the proposal is or is not relevant'} for "
                f"{group.name.lower()}")
    return errors
