"""One action of the action plan, and the confirmation that removes one.

The groups an action can address are the version's groups, filled in by the view. Owner and
due date may be left for later: the quality checks stop submission until every action has both.
"""

from __future__ import annotations

from govuk_frontend_wtf.wtforms_widgets import (
    GovCharacterCount,
    GovCheckboxesInput,
    GovRadioInput,
    GovSubmitInput,
    GovTextInput,
)
from wtforms import (
    RadioField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired

from eia.models.assessments import ActionStatus
from eia.services.actions import ActionDetails
from forms.dates import DateInputField
from forms.fields import LockedForm, at_most, required, stripped

MAX_LENGTH = 20_000


def status_choices() -> list[SelectChoice]:
    return [SelectChoice(status.value, status.label) for status in ActionStatus]


class ActionForm(LockedForm):
    missing_lock = 0
    description = TextAreaField(
        "What will be done?",
        description="Turn a mitigation, an evidence gap or engagement still to do into a "
                    "specific action.",
        widget=GovCharacterCount(), filters=[stripped],
        validators=[DataRequired("Enter what will be done"),
                    at_most(MAX_LENGTH, "The action")],
    )
    groups = SelectMultipleField(
        "Which groups does it address?", description="Select all that apply.",
        widget=GovCheckboxesInput(),
    )
    owner = StringField(
        "Who owns the action?",
        description="A named person or post, for example ‘Outpatient Services Manager’. You "
                    "can add this later, but the assessment cannot be submitted without it.",
        widget=GovTextInput(), filters=[stripped], validators=[at_most(200, "The owner")],
    )
    due_date = DateInputField(
        "When is it due?",
        description="For example, 27 3 2027. You can add this later, but the assessment "
                    "cannot be submitted without it.",
        name_in_errors="The due date",
    )
    success_measure = TextAreaField(
        "How will you know it has worked? (optional)",
        description="A measure you can check, broken down by group where you can.",
        widget=GovCharacterCount(), filters=[stripped],
        validators=[at_most(MAX_LENGTH, "How success will be measured")],
    )
    status = RadioField(
        "Status", description="Planned, under way or done.", widget=GovRadioInput(),
        choices=status_choices(), default=ActionStatus.PLANNED.value,
        validators=[required("Select the status of the action")],
    )
    submit = SubmitField("Save action", widget=GovSubmitInput())

    def details(self) -> ActionDetails:
        return ActionDetails(
            description=self.description.data or "",
            groups=list(self.groups.data or []),
            owner=self.owner.data or "",
            due_date=self.due_date.data,
            success_measure=self.success_measure.data or "",
            status=ActionStatus(self.status.data),
        )


class RemoveActionForm(LockedForm):
    missing_lock = 0
    submit = SubmitField("Yes, remove this action", widget=GovSubmitInput())
