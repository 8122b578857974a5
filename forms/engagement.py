"""Engagement activities: adding or changing one, removing one, and leaving the list."""

from __future__ import annotations

from govuk_frontend_wtf.wtforms_widgets import GovCharacterCount, GovSubmitInput, GovTextInput
from wtforms import StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length

from eia.services.engagement import EngagementDetails
from forms.fields import LockedForm, at_most, stripped

TEXT_MAX_CHARS = 20_000
SHORT_TEXT_MAX_CHARS = 2_000


def _at_most_chars(limit: int, what: str) -> Length:
    return Length(max=limit, message=f"{what} must be {limit:,} characters or fewer")


def _text_area(label: str, hint: str, missing: str, what: str, limit: int) -> TextAreaField:
    return TextAreaField(label, description=hint, widget=GovCharacterCount(),
                         filters=[stripped],
                         validators=[DataRequired(missing), _at_most_chars(limit, what)])


class EngagementForm(LockedForm):
    who = _text_area(
        "Who did you engage or consult?",
        "Name the groups, forums, staff networks or people. For example, the Eastfield "
        "Disability Forum and 40 patients of the clinic.",
        "Enter who you engaged or consulted", "Who you engaged", SHORT_TEXT_MAX_CHARS)
    when = StringField(
        "When?",
        description="For example, 12 January to 9 March 2026.",
        widget=GovTextInput(), filters=[stripped],
        validators=[DataRequired("Enter when the engagement took place"),
                    at_most(100, "When")],
    )
    how = _text_area(
        "How did you engage them?",
        "For example a public consultation, a survey, focus groups, a meeting with a staff "
        "network. Say how you made it accessible.",
        "Enter how you engaged them", "How you engaged them", SHORT_TEXT_MAX_CHARS)
    what_they_said = _text_area(
        "What did they tell you?",
        "Record what people actually said, including criticism.",
        "Enter what they told you", "What they told you", TEXT_MAX_CHARS)
    what_changed = _text_area(
        "What changed as a result?",
        "Say what you changed in the proposal because of what you heard. If nothing changed, "
        "say why.",
        "Enter what changed as a result, or why nothing changed", "What changed",
        TEXT_MAX_CHARS)
    submit = SubmitField("Save engagement", widget=GovSubmitInput())

    def details(self) -> EngagementDetails:
        return EngagementDetails(who=self.who.data, when=self.when.data, how=self.how.data,
                                 what_they_said=self.what_they_said.data,
                                 what_changed=self.what_changed.data)


class RemoveEngagementForm(LockedForm):
    submit = SubmitField("Yes, remove this engagement", widget=GovSubmitInput())
