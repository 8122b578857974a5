"""Feedback forms: the survey after a session, opening a poll, answering one, and the
programme lead's reminder to book.

The services decide what may be answered; these forms check what a field can.
"""

from __future__ import annotations

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovRadioInput, GovSubmitInput, GovTextArea
from wtforms import HiddenField, RadioField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice

from eia.domain import MAX_COMMENT_LENGTH
from eia.models.feedback import LengthAnswer, PaceAnswer, PollKind
from eia.services.training.polls import MAX_OPTIONS, MAX_QUESTION
from forms.fields import at_most, must_choose, stripped, text_area, text_input

SATISFACTION = ("Very dissatisfied", "Dissatisfied", "Neither satisfied nor dissatisfied",
                "Satisfied", "Very satisfied")
CONFIDENCE = ("Not at all confident", "Slightly confident", "Fairly confident", "Confident",
              "Very confident")


def _scale(words: tuple[str, ...]) -> list[SelectChoice]:
    return [SelectChoice(str(value), f"{value}: {word}")
            for value, word in enumerate(words, start=1)]


def _scale_field(label: str, words: tuple[str, ...], missing: str) -> RadioField:
    return RadioField(label, widget=GovRadioInput(), choices=_scale(words), coerce=int,
                      **must_choose(missing))


class SurveyForm(FlaskForm):
    satisfaction = _scale_field("Overall, how satisfied are you with the session?",
                                SATISFACTION, "Choose how satisfied you are")
    length = RadioField("Was the session’s length…", widget=GovRadioInput(),
                        choices=[SelectChoice(item.value, item.label) for item in LengthAnswer],
                        **must_choose("Choose what you thought of its length"))
    pace = RadioField("Was the session’s pace…", widget=GovRadioInput(),
                      choices=[SelectChoice(item.value, item.label) for item in PaceAnswer],
                      **must_choose("Choose what you thought of its pace"))
    confidence_before = _scale_field(
        "Before the session, how confident were you to complete an equality impact assessment?",
        CONFIDENCE, "Choose how confident you were before the session")
    confidence_after = _scale_field(
        "After the session, how confident are you to complete an equality impact assessment?",
        CONFIDENCE, "Choose how confident you are after the session")
    most_useful = text_area("What was most useful? (optional)", limit=MAX_COMMENT_LENGTH,
                            what="What was most useful")
    to_change = text_area("What should we change? (optional)", limit=MAX_COMMENT_LENGTH,
                          what="What to change",
                          hint="Please do not name anyone: your answers are anonymous.")
    submit = SubmitField("Send my answers", widget=GovSubmitInput())


class OpenPollForm(FlaskForm):
    question = text_input("Question", limit=MAX_QUESTION, what="The question",
                          missing="Enter the question")
    kind = RadioField("How do people answer?", widget=GovRadioInput(),
                      choices=[SelectChoice(kind.value, kind.label) for kind in PollKind],
                      **must_choose("Choose how people answer"))
    options = TextAreaField(
        "Options, for a choice", widget=GovTextArea(), filters=[stripped],
        description=f"From 2 to {MAX_OPTIONS} options, one a line.",
        validators=[at_most(2_000, "The options")])
    submit = SubmitField("Open the poll", widget=GovSubmitInput())

    def option_lines(self) -> list[str]:
        return [line.strip() for line in (self.options.data or "").splitlines() if line.strip()]


class AnswerPollForm(FlaskForm):
    """The choices are the poll's own, set by the view."""

    answer = RadioField("Your answer", widget=GovRadioInput(), coerce=int,
                        **must_choose("Choose an answer"))
    submit = SubmitField("Send my answer", widget=GovSubmitInput())


class RemindForm(FlaskForm):
    unit = HiddenField()  # a unit's id, or blank for everyone
    submit = SubmitField("Remind them to book", widget=GovSubmitInput())


class ClosePollForm(FlaskForm):
    submit = SubmitField("Close the poll", widget=GovSubmitInput())

