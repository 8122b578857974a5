"""Sign-off (with the declaration), returning an assessment, publishing and unpublishing."""

from __future__ import annotations

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovCheckboxInput, GovSubmitInput
from wtforms import BooleanField, SubmitField
from wtforms.validators import DataRequired

from eia.domain import MAX_COMMENT_LENGTH
from eia.models.review import DECLARATION
from forms.fields import text_area


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
