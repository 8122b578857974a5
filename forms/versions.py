"""Withdrawing an assessment and starting a new version of a signed-off one."""

from __future__ import annotations

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovCharacterCount, GovSubmitInput
from wtforms import SubmitField, TextAreaField
from wtforms.validators import DataRequired

from forms.fields import at_most, stripped


class WithdrawForm(FlaskForm):
    reason = TextAreaField(
        "Why are you withdrawing it?",
        description="For example, the proposal was dropped or merged into another one. This "
                    "is kept with the assessment's history.",
        widget=GovCharacterCount(), filters=[stripped],
        validators=[DataRequired("Enter why you are withdrawing the assessment"),
                    at_most(5_000, "The reason")],
    )
    submit = SubmitField("Withdraw the assessment", widget=GovSubmitInput())


class ReviseForm(FlaskForm):
    """No fields: the button that starts version N+1 (the form carries the CSRF token)."""

    submit = SubmitField("Start a new version", widget=GovSubmitInput())
