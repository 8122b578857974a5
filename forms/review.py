"""The reviewer's forms (a verdict on a section, the checklist, the decision) and replies."""

from __future__ import annotations

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovCheckboxesInput, GovRadioInput, GovSubmitInput
from wtforms import RadioField, SelectMultipleField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import ValidationError

from eia.domain import MAX_COMMENT_LENGTH, Verdict
from eia.models.review import CHECKLIST
from eia.services.review import COMMENT_REQUIRED
from forms.fields import must_choose, text_area


class VerdictForm(FlaskForm):
    verdict = RadioField(
        "What is your verdict on this section?",
        description="‘Improvable’ points do not stop a recommendation; ‘to correct’ points do.",
        widget=GovRadioInput(),
        choices=[SelectChoice(v.value, v.label) for v in Verdict],
        **must_choose("Select a verdict for this section"),
    )
    comment = text_area(
        "Comment for the authors",
        hint="Say what should change and why. Optional when the section is acceptable.",
        limit=MAX_COMMENT_LENGTH, what="The comment")
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
    reason = text_area(
        "What must the authors change?",
        hint="A summary for the authors. Your comments on each section go with it.",
        limit=MAX_COMMENT_LENGTH, what="The reason", missing="Enter what the authors must change")
    submit = SubmitField("Send back for changes", widget=GovSubmitInput())


class ReplyForm(FlaskForm):
    body = text_area("Your reply", limit=MAX_COMMENT_LENGTH, what="Your reply",
                     missing="Enter your reply")
