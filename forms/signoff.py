"""Sign-off (with the declaration), returning an assessment, publishing and unpublishing."""

from __future__ import annotations

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovCharacterCount, GovCheckboxInput, GovSubmitInput
from wtforms import BooleanField, SubmitField, TextAreaField
from wtforms.validators import DataRequired

from eia.models.review import DECLARATION
from forms.fields import at_most, stripped

MAX_LENGTH = 5_000


class SignOffForm(FlaskForm):
    declaration = BooleanField(
        DECLARATION, widget=GovCheckboxInput(),
        validators=[DataRequired("Confirm the declaration to sign off")],
    )
    submit = SubmitField("Sign off", widget=GovSubmitInput())


class ReturnForm(FlaskForm):
    reason = TextAreaField(
        "Why are you returning it?",
        description="Say what must change before you can sign it off. The authors and the "
                    "reviewer will see this.",
        widget=GovCharacterCount(), filters=[stripped],
        validators=[DataRequired("Enter why you are returning the assessment"),
                    at_most(MAX_LENGTH, "The reason")],
    )
    submit = SubmitField("Return the assessment", widget=GovSubmitInput())


class PublishForm(FlaskForm):
    summary = TextAreaField(
        "Summary for the public",
        description="In plain English: what the proposal is, who it affects and how, and what "
                    "will be done about negative impacts. It appears at the top of the public "
                    "page.",
        widget=GovCharacterCount(), filters=[stripped],
        validators=[DataRequired("Enter a plain-English summary for the public"),
                    at_most(MAX_LENGTH, "The summary")],
    )
    submit = SubmitField("Publish on the register", widget=GovSubmitInput())


class UnpublishForm(FlaskForm):
    reason = TextAreaField(
        "Why are you taking it off the register?",
        description="This is kept with the assessment's history.",
        widget=GovCharacterCount(), filters=[stripped],
        validators=[DataRequired("Enter why you are taking the assessment off the register"),
                    at_most(MAX_LENGTH, "The reason")],
    )
    submit = SubmitField("Take it off the register", widget=GovSubmitInput())
