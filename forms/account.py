"""A person's own account: making a personal API token."""

from __future__ import annotations

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovRadioInput, GovSubmitInput, GovTextInput
from wtforms import HiddenField, RadioField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice

from eia.models.tokens import TokenScope
from eia.services.tokens import LIFETIMES_DAYS
from forms.fields import at_most, must_choose, required, stripped


class CreateTokenForm(FlaskForm):
    name = StringField("Name", widget=GovTextInput(), filters=[stripped],
                       description="What the token is for, so that you can recognise it later. "
                                   "For example, committee papers system.",
                       validators=[required("Enter a name for the token"),
                                   at_most(100, "The name")])
    scope = RadioField(
        "What can it do?", widget=GovRadioInput(),
        choices=[SelectChoice(scope.value, scope.label) for scope in TokenScope],
        **must_choose("Choose what the token can do"))
    days = RadioField(
        "How long should it work?", widget=GovRadioInput(),
        choices=[SelectChoice(str(days), f"{days} days") for days in LIFETIMES_DAYS],
        **must_choose("Choose how long the token should work"))
    submit = SubmitField("Create token", widget=GovSubmitInput())


class RevokeTokenForm(FlaskForm):
    token = HiddenField()
