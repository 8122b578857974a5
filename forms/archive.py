"""Forms of the archive pages: uploading past records, running their import, and matching a
person a record names to an account. Choices are filled in by the view."""

from __future__ import annotations

from collections.abc import Sequence

from flask_wtf import FlaskForm
from flask_wtf.file import MultipleFileField
from govuk_frontend_wtf.wtforms_widgets import GovFileInput, GovSelect, GovSubmitInput
from wtforms import SelectField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import ValidationError

from eia.archive.bundle import readable_suffixes

# All the files of one upload together: the request limit stops anything larger first.
MAX_UPLOAD_BYTES = 50 * 1024 * 1024


class ArchiveUploadForm(FlaskForm):
    files = MultipleFileField(
        "Files", description="Past assessments as Word documents (.docx) or JSON documents, "
                             "or a .zip holding them. Choose several at once if you like.",
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


# How much of a passage's text its hint shows, to recognise it by.
HINT_WORDS = 30


def mapping_form(passages: Sequence, choices: list[tuple[str, str]]) -> FlaskForm:
    """A form with one choice per passage of a Word document (`eia.archive.MappingEntry`s):
    where its text goes, from `choices` ((target, label) pairs), starting where it is now."""

    class MappingForm(FlaskForm):
        submit = SubmitField("Save where the text goes", widget=GovSubmitInput())

    for passage in passages:
        heading = f"“{passage.heading}”" if passage.heading else "Text before the first heading"
        words = passage.text.split()
        shown = " ".join(words[:HINT_WORDS]) + ("…" if len(words) > HINT_WORDS else "")
        setattr(MappingForm, f"passage_{passage.position}", SelectField(
            heading, choices=[SelectChoice(target, label) for target, label in choices],
            default=passage.target, widget=GovSelect(),
            invalid_choice_message=f"Choose where the text under {heading} goes from the list",
            description=f"{passage.words:,} {'word' if passage.words == 1 else 'words'}"
                        + (f": {shown}" if shown else "")))
    return MappingForm()


class MatchPersonForm(FlaskForm):
    user_id = SelectField("Their account", widget=GovSelect(), validate_choice=True,
                          invalid_choice_message="Choose their account from the list")
    submit = SubmitField("Match", widget=GovSubmitInput())
