"""Starting an assessment, its control details, and the "have you completed this section?" page.

Choices (units, people) are filled in by the view.
"""

from __future__ import annotations

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxesInput,
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextInput,
)
from wtforms import (
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import ValidationError

from eia.checks.dates import DECISION_BEFORE_WORK, decision_before_work
from eia.domain import AssessmentType
from forms.dates import DateInputField
from forms.fields import LockedForm, at_most, must_choose, required, stripped

NONE = ""


def _optional_int(value):
    return int(value) if value not in (None, "", NONE) else None


def type_choices() -> list[SelectChoice]:
    return [SelectChoice(t.value, t.label) for t in AssessmentType]


class ControlDetailsForm(LockedForm):
    title = StringField(
        "Title of the proposal",
        description="Name the policy, service change or project as the decision paper will.",
        widget=GovTextInput(), filters=[stripped],
        validators=[required("Enter the title of the proposal"), at_most(300, "Title")],
    )
    assessment_type = RadioField(
        "What kind of proposal is it?", widget=GovRadioInput(), choices=type_choices(),
        **must_choose("Select what kind of proposal it is"),
    )
    unit_id = SelectField("Directorate or team", widget=GovSelect(), coerce=_optional_int,
                          invalid_choice_message="Choose the directorate or team from the list")
    lead_officer_id = SelectField(
        "Lead officer",
        description="The person responsible for the analysis. They can edit it.",
        widget=GovSelect(), coerce=_optional_int,
        **must_choose("Select the lead officer"),
    )
    contributor_ids = SelectMultipleField(
        "Contributors",
        description="Other authors who may edit this assessment. Select all that apply.",
        widget=GovCheckboxesInput(), coerce=int,
    )
    decision_maker = StringField(
        "Who makes the decision?",
        description="The person or body who will decide, for example ‘Director of Community "
                    "Health Services’ or ‘Cabinet’.",
        widget=GovTextInput(), filters=[stripped],
        validators=[required("Enter who makes the decision"), at_most(300, "Decision-maker")],
    )
    decision_forum = StringField(
        "Where will the decision be made? (optional)",
        description="For example the board, committee or meeting.",
        widget=GovTextInput(), filters=[stripped], validators=[at_most(300, "Decision forum")],
    )
    decision_date = DateInputField(
        "Expected decision date", description="For example, 27 3 2027",
        name_in_errors="The expected decision date",
    )
    work_started_on = DateInputField(
        "When did the equality work start?",
        description="The law expects equality to be considered before the decision, so this "
                    "should be well before the decision date. For example, 15 1 2027",
        name_in_errors="The date the equality work started",
    )
    strategic_decision = RadioField(
        "Is this a strategic decision?",
        description="A decision about the organisation’s priorities, budget, strategy or "
                    "major services. In Wales (the socio-economic duty) and Scotland (the Fairer "
                    "Scotland Duty) strategic decisions must consider socio-economic "
                    "disadvantage; elsewhere it is good practice. Yes adds it to this "
                    "assessment.",
        widget=GovRadioInput(), choices=[SelectChoice("yes", "Yes"), SelectChoice("no", "No")],
        coerce=lambda value: {True: "yes", False: "no"}.get(value, value),
        **must_choose("Say whether this is a strategic decision"),
    )

    def validate_work_started_on(self, field):
        if field.data is None:
            raise ValidationError("Enter the date the equality work started")

    def validate_decision_date(self, field):
        if decision_before_work(self.work_started_on.data, field.data):
            raise ValidationError(DECISION_BEFORE_WORK)

    def validate_lead_officer_id(self, field):
        if field.data is None:
            raise ValidationError("Select the lead officer")


class StartAssessmentForm(ControlDetailsForm):
    submit = SubmitField("Start assessment", widget=GovSubmitInput())


class EditDetailsForm(ControlDetailsForm):
    submit = SubmitField("Save", widget=GovSubmitInput())


class CompleteSectionForm(FlaskForm):
    completed = RadioField(
        "Have you completed this section?",
        widget=GovRadioInput(),
        choices=[SelectChoice("yes", "Yes, I’ve completed this section"),
                 SelectChoice("no", "No, I’ll come back to it later")],
        **must_choose("Select whether you have completed this section"),
    )
    submit = SubmitField("Continue", widget=GovSubmitInput())
