"""Evidence sources: adding or changing one, removing one, and leaving the list.

The upload is checked here, as field-level validation (`eia.uploads.check_upload` is pure), so
a refused file is reported on the file field while the other fields keep what was typed.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from govuk_frontend_wtf.wtforms_widgets import (
    GovCharacterCount,
    GovCheckboxInput,
    GovFileInput,
    GovRadioInput,
    GovSubmitInput,
    GovTextInput,
)
from wtforms import BooleanField, RadioField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, ValidationError

from eia.models.assessments import EvidenceKind
from eia.services.evidence import EvidenceDetails, Upload
from eia.uploads import ALLOWED_EXTENSIONS, MAX_UPLOAD_BYTES, UploadRejected, check_upload
from forms.fields import LockedForm, at_most, stripped

SUMMARY_MAX_CHARS = 20_000
MESSAGE_LINK_AND_FILE = "Give a link or upload a file, not both"
MESSAGE_BAD_LINK = "Enter a link in the correct format, starting with https:// or http://"


def kind_choices() -> list[SelectChoice]:
    return [SelectChoice(kind.value, kind.label) for kind in EvidenceKind]


def web_address(form, field) -> None:
    """A link readers can follow: http or https only, so no script can hide in it."""
    if not field.data:
        return
    parts = urlsplit(field.data)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or any(
            ch.isspace() for ch in field.data):
        raise ValidationError(MESSAGE_BAD_LINK)


class EvidenceForm(LockedForm):
    title = StringField(
        "Title of the evidence",
        description="For example, Census 2021: age profile of Eastfield.",
        widget=GovTextInput(), filters=[stripped],
        validators=[DataRequired("Enter a title for the evidence"), at_most(300, "Title")],
    )
    kind = RadioField(
        "What kind of evidence is it?",
        description="Choose the one that fits best.",
        widget=GovRadioInput(), choices=kind_choices(),
        validators=[DataRequired("Select what kind of evidence it is")],
    )
    period = StringField(
        "What period does it cover?",
        description="Say how recent it is. For example, April 2024 to March 2025.",
        widget=GovTextInput(), filters=[stripped],
        validators=[DataRequired("Enter the period the evidence covers"),
                    at_most(100, "The period")],
    )
    summary = TextAreaField(
        "What does it tell you about the people affected?",
        description="Say what it shows for each group it covers, and what it does not cover.",
        widget=GovCharacterCount(), filters=[stripped],
        validators=[DataRequired("Enter what the evidence tells you"),
                    Length(max=SUMMARY_MAX_CHARS,
                           message=f"What the evidence tells you must be "
                                   f"{SUMMARY_MAX_CHARS:,} characters or fewer")],
    )
    url = StringField(
        "Link to the evidence (optional)",
        description="A web address starting with https://. Leave it blank if you upload a "
                    "file, or if the evidence is not published, such as an internal dataset.",
        widget=GovTextInput(), filters=[stripped],
        validators=[at_most(2000, "The link"), web_address],
    )
    file = FileField(
        "Upload a file (optional)",
        description=f"A PDF, Word, Excel, CSV, PNG or JPEG file smaller than "
                    f"{MAX_UPLOAD_BYTES // 2**20} MB.",
        widget=GovFileInput(),
    )
    remove_file = BooleanField(
        "Remove the current file",
        description="Use this when the file no longer belongs here. To replace it, upload a "
                    "different file instead.",
        widget=GovCheckboxInput(),
    )
    submit = SubmitField("Save evidence", widget=GovSubmitInput())

    # Set by the view when the source already has a file; None when adding.
    saved_filename: str | None = None
    # Set by validation when a file passed the checks.
    upload: Upload | None = None

    accept = ",".join(ALLOWED_EXTENSIONS)

    def validate_file(self, field) -> None:
        if field.data is None:
            return
        content = field.data.stream.read(MAX_UPLOAD_BYTES + 1)
        try:
            checked = check_upload(field.data.filename or "", content)
        except UploadRejected as rejected:
            raise ValidationError(rejected.message) from rejected
        self.upload = Upload(checked, content)

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if self.url.data and not self.url.errors and self._will_have_file():
            self.url.errors.append(MESSAGE_LINK_AND_FILE)
            valid = False
        return valid

    def _will_have_file(self) -> bool:
        if self.upload is not None:
            return True
        return bool(self.saved_filename) and not self.remove_file.data

    def details(self) -> EvidenceDetails:
        return EvidenceDetails(title=self.title.data, kind=EvidenceKind(self.kind.data),
                               period=self.period.data, summary=self.summary.data,
                               url=self.url.data or "")


class RemoveEvidenceForm(LockedForm):
    submit = SubmitField("Yes, remove this evidence", widget=GovSubmitInput())


class ContinueForm(FlaskForm):
    """"Save and continue" from a list page: nothing to save, but a POST all the same."""

    submit = SubmitField("Save and continue", widget=GovSubmitInput())
