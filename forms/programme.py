"""Forms of a training programme's pages: the programme itself, a pathway stage, a section of
the best-practice document, the question board, the resource library.

Choices that come from the database (people, sessions, revisions) are filled in by the view.
The rules (stage order, stale edits, who may do what) are the services'; these forms only
check what one field can.
"""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxesInput,
    GovCheckboxInput,
    GovFileInput,
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextInput,
)
from wtforms import (
    BooleanField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    SubmitField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import NumberRange, ValidationError

from eia.domain import PathwayStage
from eia.models.programme_shared import ResourceKind
from eia.services.collections import Upload
from eia.services.training import board, guide, pathway, resources
from eia.services.training.programmes import MAX_TARGET
from eia.uploads import (
    ALLOWED_EXTENSIONS,
    KINDS_IN_WORDS,
    UploadRejected,
    check_upload,
    megabytes,
)
from forms.fields import must_choose, required, text_area, text_input, upload_limit

NOBODY = ""


def optional_id(value):
    return int(value) if value not in (None, "", NOBODY) else None


def people_choices(people, none_label: str | None = None) -> list[SelectChoice]:
    choices = [SelectChoice(NOBODY, none_label)] if none_label else []
    return choices + [SelectChoice(str(p.id), p.name) for p in people]


class WholeNumberField(IntegerField):
    """An integer field whose "not a number" error says what to enter."""

    def __init__(self, *args, invalid: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.invalid = invalid

    def process_formdata(self, valuelist) -> None:
        try:
            super().process_formdata(valuelist)
        except ValueError as error:
            raise ValueError(self.invalid) from error


TARGET_MESSAGE = "Enter the target as a whole number, such as 200"


class ProgrammeForm(FlaskForm):
    name = text_input("Name", hint="For example, ‘EIA training 2027’.", limit=200,
                      what="The name", missing="Enter the programme’s name")
    target_delegates = WholeNumberField(
        "Target number of delegates", invalid=TARGET_MESSAGE,
        description="How many people the programme means to train. Enter 0 for no target.",
        widget=GovTextInput(),
        validators=[required(TARGET_MESSAGE),
                    NumberRange(min=0, max=MAX_TARGET,
                                message=f"The target must be a number from 0 to "
                                        f"{MAX_TARGET:,}")])
    lead_id = SelectField("Programme lead", description="A facilitator who runs the programme "
                                                        "and records each facilitator’s stage.",
                          widget=GovSelect(), coerce=optional_id,
                          **must_choose("Choose the programme lead"))
    description = text_area("Description (optional)", hint="What the programme is for and "
                                                            "who it is for.",
                            limit=5_000, what="The description")
    submit = SubmitField("Save programme", widget=GovSubmitInput())


class PathwayForm(FlaskForm):
    stage = RadioField(
        "Stage reached",
        description="Stages are reached in order. To put someone back a stage, say why in "
                    "the note.",
        widget=GovRadioInput(),
        choices=[SelectChoice(stage.value, stage.label) for stage in PathwayStage],
        **must_choose("Choose the stage reached"))
    evidence = SelectMultipleField(
        "Sessions that show it",
        description="For ‘Observed a rehearsal’, the rehearsals they watched; for the later "
                    "stages, sessions they facilitated. Select all that apply.",
        widget=GovCheckboxesInput(), coerce=int)
    paired_with_id = SelectField(
        "Paired with (optional)",
        description="An experienced facilitator who leads sessions.",
        widget=GovSelect(), coerce=optional_id,
        invalid_choice_message="Choose who they were paired with from the list")
    note = text_area("Note", hint="What they did well, what to work on next. Required when "
                                  "putting someone back a stage.",
                     limit=pathway.MAX_NOTE, what="The note")
    submit = SubmitField("Record stage", widget=GovSubmitInput())


class SectionForm(FlaskForm):
    heading = text_input("Heading", limit=guide.MAX_HEADING, what="The heading",
                         missing="Enter the section’s heading")
    text = text_area("Text", hint="Plain text. Leave a blank line between paragraphs.",
                     limit=guide.MAX_TEXT, what="The text")
    # The document revision the page was loaded at: an older one makes the save stale.
    base = HiddenField()
    submit = SubmitField("Save section", widget=GovSubmitInput())

    def base_revision(self) -> int:
        value = str(self.base.data or "")
        return int(value) if value.isascii() and value.isdigit() else 0


class CompareForm(FlaskForm):
    class Meta:
        csrf = False  # a GET comparison changes nothing

    earlier = SelectField("Compare revision", widget=GovSelect(), coerce=optional_id,
                          invalid_choice_message="Choose the earlier revision from the list")
    later = SelectField("with revision", widget=GovSelect(), coerce=optional_id,
                        invalid_choice_message="Choose the later revision from the list")
    submit = SubmitField("Compare", widget=GovSubmitInput())


class QuestionForm(FlaskForm):
    title = text_input("Your question", hint="One line, for example ‘How do we handle a "
                                             "delegate who is upset by a scenario?’",
                       limit=board.MAX_TITLE, what="The question",
                       missing="Enter your question")
    body = text_area("More detail (optional)", limit=board.MAX_BODY, what="The detail")
    submit = SubmitField("Post question", widget=GovSubmitInput())


class ReplyForm(FlaskForm):
    body = text_area("Your reply", limit=board.MAX_BODY, what="The reply",
                     missing="Enter your reply")
    submit = SubmitField("Post reply", widget=GovSubmitInput())


class DigestForm(FlaskForm):
    wanted = BooleanField(
        "Email me a daily digest of new posts on this board",
        description="At most one email a day, only when someone else has posted.",
        widget=GovCheckboxInput())
    # Not `submit`: the board page holds this form and the question form, and ids are unique.
    save_choice = SubmitField("Save email choice", widget=GovSubmitInput())


class ConfirmForm(FlaskForm):
    """A button that does one thing, protected by CSRF."""

    submit = SubmitField("Confirm", widget=GovSubmitInput())


class _FileForm(FlaskForm):
    file = FileField("File", widget=GovFileInput())
    note = text_area("What is in this version (optional)", limit=resources.MAX_NOTE,
                     what="The note")

    upload: Upload | None = None
    accept = ",".join(ALLOWED_EXTENSIONS)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.file.description = (f"A {KINDS_IN_WORDS} file smaller than "
                                 f"{megabytes(upload_limit())}.")

    def validate_file(self, field) -> None:
        data = field.data
        if data is None or not getattr(data, "filename", ""):
            raise ValidationError("Select a file")
        limit = upload_limit()
        content = data.stream.read(limit + 1)
        try:
            checked = check_upload(data.filename or "", content, max_bytes=limit)
        except UploadRejected as rejected:
            raise ValidationError(rejected.message) from rejected
        self.upload = Upload(checked, content)


class _ResourceDetails(FlaskForm):
    title = text_input("Title", limit=resources.MAX_TITLE, what="The title",
                       missing="Enter the resource’s title")
    kind = RadioField("Kind", description="What sort of resource it is.",
                      widget=GovRadioInput(),
                      choices=[SelectChoice(k.value, k.label) for k in ResourceKind],
                      **must_choose("Choose what kind of resource it is"))
    topic = text_input("Topic (optional)", hint="For example, ‘Evidence’ or ‘Running a "
                                                "session’.",
                       limit=resources.MAX_TOPIC, what="The topic")
    owner_id = SelectField("Owner", description="The facilitator who keeps it up to date.",
                           widget=GovSelect(), coerce=optional_id,
                           **must_choose("Choose the owner"))


class ResourceForm(_ResourceDetails, _FileForm):
    submit = SubmitField("Add resource", widget=GovSubmitInput())


class ResourceDetailsForm(_ResourceDetails):
    submit = SubmitField("Save details", widget=GovSubmitInput())


class ResourceVersionForm(_FileForm):
    submit = SubmitField("Upload new version", widget=GovSubmitInput())
