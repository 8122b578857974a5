"""Withdrawing an assessment and starting a new version of a signed-off one."""

from __future__ import annotations

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput
from wtforms import SubmitField

from eia.domain import MAX_COMMENT_LENGTH
from forms.fields import text_area


class WithdrawForm(FlaskForm):
    reason = text_area(
        "Why are you withdrawing it?",
        hint="For example, the proposal was dropped or merged into another one. This is kept "
             "with the assessment's history.",
        limit=MAX_COMMENT_LENGTH, what="The reason",
        missing="Enter why you are withdrawing the assessment")
    submit = SubmitField("Withdraw the assessment", widget=GovSubmitInput())


class ReviseForm(FlaskForm):
    """No fields: the button that starts version N+1 (the form carries the CSRF token)."""

    submit = SubmitField("Start a new version", widget=GovSubmitInput())
