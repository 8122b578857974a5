"""Adding a tag to an assessment, and the confirmation-free removal button's form."""

from __future__ import annotations

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput, GovTextInput
from wtforms import HiddenField, StringField, SubmitField

from eia.models.tags import TAG_MAX_LENGTH
from forms.fields import at_most, required, stripped


class AddTagForm(FlaskForm):
    name = StringField("Add a tag", widget=GovTextInput(), filters=[stripped],
                       description="For example, Budget 2027/28. Tags group assessments in the "
                                   "register and in the cumulative impact view.",
                       validators=[required("Enter a tag"), at_most(TAG_MAX_LENGTH, "A tag")])
    submit = SubmitField("Add tag", widget=GovSubmitInput())


class RemoveTagForm(FlaskForm):
    key = HiddenField()
