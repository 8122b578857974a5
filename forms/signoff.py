"""Sign-off (with the declaration), returning an assessment, publishing and unpublishing, and
recording the decision afterwards."""

from __future__ import annotations

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxesInput,
    GovCheckboxInput,
    GovRadioInput,
    GovSubmitInput,
)
from wtforms import BooleanField, RadioField, SelectMultipleField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired

from eia.domain import MAX_COMMENT_LENGTH
from eia.models.review import DECLARATION
from forms.dates import DateInputField
from forms.fields import must_choose, required, text_area, text_input


class SignOffForm(FlaskForm):
    declaration = BooleanField(
        DECLARATION, widget=GovCheckboxInput(),
        validators=[DataRequired("Confirm the declaration to sign off")],
    )
    submit = SubmitField("Sign off", widget=GovSubmitInput())


class ReturnForm(FlaskForm):
    reason = text_area(
        "Why are you returning it?",
        hint="Say what must change before you can sign it off. The authors and the reviewer "
             "will see this.",
        limit=MAX_COMMENT_LENGTH, what="The reason",
        missing="Enter why you are returning the assessment")
    submit = SubmitField("Return the assessment", widget=GovSubmitInput())


class PublishForm(FlaskForm):
    summary = text_area(
        "Summary for the public",
        hint="In plain English: what the proposal is, who it affects and how, and what will be "
             "done about negative impacts. It appears at the top of the public page.",
        limit=MAX_COMMENT_LENGTH, what="The summary",
        missing="Enter a plain-English summary for the public")
    submit = SubmitField("Publish on the register", widget=GovSubmitInput())


class UnpublishForm(FlaskForm):
    reason = text_area(
        "Why are you taking it off the register?",
        hint="This is kept with the assessment's history.",
        limit=MAX_COMMENT_LENGTH, what="The reason",
        missing="Enter why you are taking the assessment off the register")
    submit = SubmitField("Take it off the register", widget=GovSubmitInput())


class DecisionForm(FlaskForm):
    """What the decision-maker decided; the groups to choose from are filled in by the view."""

    decided_on = DateInputField(
        "When was the decision made?", description="For example, 27 3 2027.",
        name_in_errors="The date of the decision",
        validators=[required("Enter the date the decision was made")])
    forum = text_input(
        "Where was it made?", hint="The board, committee or meeting, or the officer’s delegated "
        "decision.", limit=300, what="Where it was made", missing="Enter where the decision "
        "was made")
    minute_reference = text_input(
        "Report or minute reference (optional)",
        hint="So that a reader can find the decision, for example ‘Cabinet, 14 May 2027, "
             "minute 57’.", limit=300, what="The reference")
    assessment_considered = RadioField(
        "Was this assessment before the decision-maker when they decided?",
        widget=GovRadioInput(), choices=[SelectChoice("yes", "Yes"), SelectChoice("no", "No")],
        **must_choose("Say whether the assessment was before the decision-maker"))
    what_was_decided = text_area(
        "What was decided?", hint="In a sentence or two, including any change to the proposal.",
        limit=MAX_COMMENT_LENGTH, what="What was decided", missing="Enter what was decided")
    accepted_mitigations = SelectMultipleField(
        "Which mitigations did the decision-maker accept?",
        description="Select the groups whose mitigation was accepted as the assessment set it "
                    "out.", widget=GovCheckboxesInput())
    submit = SubmitField("Record the decision", widget=GovSubmitInput())
