"""Training forms: a scenario's TOML text, a scenario file to import, the cohort's period.

Whether a scenario is valid is decided by the library service (every problem, by key); these
forms only check what a field can: something was given, it is not too long, and a file is a
.toml file of UTF-8 text.
"""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from govuk_frontend_wtf.wtforms_widgets import GovFileInput, GovSubmitInput, GovTextArea
from wtforms import SubmitField, TextAreaField
from wtforms.validators import ValidationError

from eia.services.training.library import MAX_SCENARIO_CHARACTERS
from forms.dates import DateInputField
from forms.fields import at_most, required

MESSAGE_NOT_TOML = "The selected file must be a scenario file ending in .toml"
MESSAGE_NOT_TEXT = "The selected file must be UTF-8 text"
MESSAGE_TOO_BIG = f"The selected file must be smaller than {MAX_SCENARIO_CHARACTERS // 1000} KB"


class ScenarioTextForm(FlaskForm):
    source = TextAreaField(
        "The scenario file",
        description="The whole scenario in TOML, as described in the guide to writing "
                    "scenarios. It is checked in full when you save: every problem is listed "
                    "by its key, and nothing is saved until there are none.",
        widget=GovTextArea(),
        validators=[required("Enter the scenario"),
                    at_most(MAX_SCENARIO_CHARACTERS, "The scenario")],
    )
    submit = SubmitField("Save as a new version", widget=GovSubmitInput())


class ImportScenarioForm(FlaskForm):
    file = FileField("Scenario file", description="A .toml file exported from Due Regard or "
                                                  "written by hand.", widget=GovFileInput())
    submit = SubmitField("Import scenario", widget=GovSubmitInput())

    text: str = ""
    filename: str = ""

    def validate_file(self, field) -> None:
        upload = field.data
        if upload is None or not getattr(upload, "filename", ""):
            raise ValidationError("Select a scenario file")
        if not upload.filename.lower().endswith(".toml"):
            raise ValidationError(MESSAGE_NOT_TOML)
        content = upload.stream.read(MAX_SCENARIO_CHARACTERS * 4 + 1)
        if len(content) > MAX_SCENARIO_CHARACTERS * 4:
            raise ValidationError(MESSAGE_TOO_BIG)
        try:
            self.text = content.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ValidationError(MESSAGE_NOT_TEXT) from error
        self.filename = upload.filename


class CohortFilterForm(FlaskForm):
    class Meta:
        csrf = False  # a GET filter changes nothing

    since = DateInputField(
        "Attempts started on or after", description="For example, 1 12 2026. Leave it blank "
                                                    "for every attempt.",
        name_in_errors="The date")
    submit = SubmitField("Show attempts", widget=GovSubmitInput())
