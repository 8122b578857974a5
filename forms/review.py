"""The reviewer's forms (a verdict on a section, the checklist, the decision) and replies."""

from __future__ import annotations

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovCharacterCount,
    GovCheckboxesInput,
    GovRadioInput,
    GovSubmitInput,
)
from wtforms import RadioField, SelectMultipleField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, ValidationError

from eia.models.review import CHECKLIST, Verdict
from eia.services.review import COMMENT_REQUIRED, MAX_LENGTH
from forms.fields import at_most, required, stripped


class VerdictForm(FlaskForm):
    verdict = RadioField(
        "What is your verdict on this section?",
        description="‘Improvable’ points do not stop a recommendation; ‘to correct’ points do.",
        widget=GovRadioInput(),
        choices=[SelectChoice(v.value, v.label) for v in Verdict],
        validators=[required("Select a verdict for this section")],
    )
    comment = TextAreaField(
        "Comment for the authors",
        description="Say what should change and why. Optional when the section is acceptable.",
        widget=GovCharacterCount(), filters=[stripped],
        validators=[at_most(MAX_LENGTH, "The comment")],
    )
    submit = SubmitField("Save verdict", widget=GovSubmitInput())

    def validate_comment(self, field) -> None:
        if self.verdict.data in (Verdict.IMPROVABLE, Verdict.TO_CORRECT) and not field.data:
            raise ValidationError(COMMENT_REQUIRED)


class ChecklistForm(FlaskForm):
    met = SelectMultipleField(
        "Which of these does the assessment do?",
        description="Select all that apply. Leave a box clear where the assessment falls short.",
        widget=GovCheckboxesInput(), choices=[SelectChoice(key, label) for key, label in CHECKLIST],
    )
    submit = SubmitField("Save checklist", widget=GovSubmitInput())


class RequestChangesForm(FlaskForm):
    reason = TextAreaField(
        "What must the authors change?",
        description="A summary for the authors. Your comments on each section go with it.",
        widget=GovCharacterCount(), filters=[stripped],
        validators=[DataRequired("Enter what the authors must change"),
                    at_most(MAX_LENGTH, "The reason")],
    )
    submit = SubmitField("Send back for changes", widget=GovSubmitInput())


class ReplyForm(FlaskForm):
    body = TextAreaField(
        "Your reply",
        widget=GovCharacterCount(), filters=[stripped],
        validators=[DataRequired("Enter your reply"), at_most(MAX_LENGTH, "Your reply")],
    )
