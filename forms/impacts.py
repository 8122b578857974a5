"""The impact on one group: its level, the effect, the evidence, mitigation and what remains.

The evidence choices are the version's sources, filled in by the view. Which answers are
needed together (a mitigation for a negative impact, a reason when no evidence is chosen) is
a rule of `eia.services.impacts`; the form reports it beside its own field errors, so the
user sees every problem at once.
"""

from __future__ import annotations

from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxesInput,
    GovRadioInput,
)
from wtforms import RadioField, SelectMultipleField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Optional

from eia.domain import MAX_ANSWER_LENGTH, ImpactLevel
from eia.services.impacts import ImpactAnswer, problems
from forms.fields import CharacterCount, LockedForm, at_most

_LEVELS = {level.value for level in ImpactLevel}


def _yes_no(value) -> str | None:
    """A saved True/False, or a submitted "yes"/"no", as the radio's value."""
    return {True: "yes", False: "no"}.get(value, value) if value is not None else None


def impact_choices() -> list[SelectChoice]:
    return [SelectChoice(level.value, level.label) for level in ImpactLevel]


def _text(label: str, hint: str, what: str) -> TextAreaField:
    return TextAreaField(label, description=hint, widget=CharacterCount(),
                         validators=[at_most(MAX_ANSWER_LENGTH, what)])


class ImpactForm(LockedForm):
    impact = RadioField(
        "What is the likely impact?",
        description="Neutral is a finding, not a default: choose it only when the evidence "
                    "supports it. If you do not know yet, say so.",
        widget=GovRadioInput(), choices=impact_choices(), validators=[Optional()],
        invalid_choice_message="Select the likely impact from the options given",
    )
    effect = _text(
        "What would the effect be on people’s lives?",
        "Be specific: how far people travel, what they pay, whether they can get through the "
        "door or use the website.",
        "The effect",
    )
    evidence_ids = SelectMultipleField(
        "Which evidence supports this?", description="Select all that apply.",
        widget=GovCheckboxesInput(), coerce=int,
    )
    no_evidence_reason = _text(
        "If no evidence supports this, why not?",
        "Needed when you select no evidence. Say what is missing and how you will find out.",
        "The reason",
    )
    mitigation = _text(
        "How will the negative impact be removed or reduced?",
        "Needed when the impact is negative, or both positive and negative.",
        "The mitigation",
    )
    harm_remains = RadioField(
        "Will any negative impact remain after mitigation?",
        description="Needed when the impact is negative, or both positive and negative. If "
                    "any remains, the outcome must say why it is proportionate.",
        widget=GovRadioInput(), choices=[SelectChoice("yes", "Yes"), SelectChoice("no", "No")],
        coerce=_yes_no, validators=[Optional()],
        invalid_choice_message="Select yes or no for whether negative impact will remain",
    )
    residual_impact = _text(
        "What impact remains after mitigation? (optional)",
        "Any impact that remains must be acted on or justified in the outcome.",
        "The remaining impact",
    )

    def validate_for(self, version) -> bool:
        """Validate, and check the answer against what `version` needs of an impact, so the
        user sees every problem at once."""
        valid = self.validate()
        found = problems(version, self.answer())
        for name, message in found.items():
            if not self[name].errors:
                self[name].errors.append(message)
        return valid and not found

    def answer(self) -> ImpactAnswer:
        return ImpactAnswer(
            impact=ImpactLevel(self.impact.data) if self.impact.data in _LEVELS else None,
            effect=self.effect.data or "",
            evidence_ids=list(self.evidence_ids.data or []),
            no_evidence_reason=self.no_evidence_reason.data or "",
            mitigation=self.mitigation.data or "",
            harm_remains={"yes": True, "no": False}.get(self.harm_remains.data),
            residual_impact=self.residual_impact.data or "",
        )
