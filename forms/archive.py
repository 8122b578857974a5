"""Forms of the archive pages: uploading past records, running their import, and matching a
person a record names to an account. Choices are filled in by the view."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import MultipleFileField
from govuk_frontend_wtf.wtforms_widgets import GovFileInput, GovSelect, GovSubmitInput
from wtforms import SelectField, SubmitField
from wtforms.validators import ValidationError

from eia.document.bundle import readable_suffixes

# All the files of one upload together: the request limit stops anything larger first.
MAX_UPLOAD_BYTES = 50 * 1024 * 1024


class ArchiveUploadForm(FlaskForm):
    files = MultipleFileField(
        "Files", description="JSON documents of past assessments, or a .zip holding them. "
                             "Choose several at once if you like.",
        widget=GovFileInput(multiple=True))
    submit = SubmitField("Check the files", widget=GovSubmitInput())

    uploads: list[tuple[str, bytes]]

    def validate_files(self, field) -> None:
        chosen = [upload for upload in field.data or [] if getattr(upload, "filename", "")]
        if not chosen:
            raise ValidationError("Select at least one file")
        kinds = readable_suffixes()
        wrong = [u.filename for u in chosen if not u.filename.lower().endswith(tuple(kinds))]
        if wrong:
            raise ValidationError(f"{wrong[0]} cannot be read: choose files ending "
                                  f"{', '.join(kinds)}")
        self.uploads = [(upload.filename, upload.stream.read()) for upload in chosen]
        if sum(len(content) for _, content in self.uploads) > MAX_UPLOAD_BYTES:
            raise ValidationError(f"The files must be smaller than "
                                  f"{MAX_UPLOAD_BYTES // (1024 * 1024)} MB together")


class RunArchiveImportForm(FlaskForm):
    submit = SubmitField("Import the records", widget=GovSubmitInput())


class MatchPersonForm(FlaskForm):
    user_id = SelectField("Their account", widget=GovSelect(), validate_choice=True)
    submit = SubmitField("Match", widget=GovSubmitInput())
