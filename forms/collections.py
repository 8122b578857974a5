"""The forms of the collections (evidence, engagement, actions): adding or changing one item,
removing one, and leaving the list.

Each form declares its fields (the question, the hint, the messages); what the fields are, their
limits and how values are stored come from the collection's description in `eia.collections`,
so `values()` and the group choices are the same code for every collection. An uploaded
evidence file is checked here, as field-level validation (`eia.uploads.check_upload` is pure),
so a refused file is reported on the file field while the other fields keep what was typed.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxesInput,
    GovCheckboxInput,
    GovFileInput,
    GovRadioInput,
    GovSubmitInput,
)
from wtforms import BooleanField, RadioField, SelectMultipleField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import ValidationError

from eia.collections import ACTIONS, ENGAGEMENT, EVIDENCE, Collection, FieldKind
from eia.domain import ActionStatus, EvidenceKind
from eia.models.assessments import AssessmentVersion
from eia.services.collections import Upload
from eia.uploads import (
    ALLOWED_EXTENSIONS,
    KINDS_IN_WORDS,
    UploadRejected,
    check_upload,
    megabytes,
)
from forms.dates import DateInputField
from forms.fields import LockedForm, must_choose, required, text_area, text_input, upload_limit

MESSAGE_LINK_AND_FILE = "Give a link or upload a file, not both"
MESSAGE_BAD_LINK = "Enter a link in the correct format, starting with https:// or http://"


class CollectionForm(LockedForm):
    """One item of `collection`; the subclass declares a form field per description field."""

    collection: Collection
    # Set by validation when an uploaded file passed the checks (evidence only).
    upload: Upload | None = None

    def removes_file(self) -> bool:
        """Whether the user asked to drop the item's file (evidence only)."""
        return False

    def values(self) -> dict:
        """The submitted values by field name, as the collection service takes them."""
        return {f.name: getattr(self, f.name).data for f in self.collection.fields}

    def offer_groups(self, version: AssessmentVersion) -> None:
        """An item can name any group this version covers, and no other."""
        groups = version.covered_groups
        for field in self.collection.fields:
            if field.kind is FieldKind.GROUPS:
                getattr(self, field.name).choices = [SelectChoice(g.id, g.name) for g in groups]


def _limit(collection: Collection, name: str) -> int:
    return collection.field(name).max_length


def _choices(enum) -> list[SelectChoice]:
    return [SelectChoice(member.value, member.label) for member in enum]


def web_address(form, field) -> None:
    """A link readers can follow: http or https only, so no script can hide in it."""
    if not field.data:
        return
    parts = urlsplit(field.data)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or any(
            ch.isspace() for ch in field.data):
        raise ValidationError(MESSAGE_BAD_LINK)


class EvidenceForm(CollectionForm):
    collection = EVIDENCE
    title = text_input(
        "Title of the evidence", hint="For example, Census 2021: age profile of Eastfield.",
        limit=_limit(EVIDENCE, "title"), what="Title",
        missing="Enter a title for the evidence")
    kind = RadioField(
        "What kind of evidence is it?", description="Choose the one that fits best.",
        widget=GovRadioInput(), choices=_choices(EvidenceKind),
        **must_choose("Select what kind of evidence it is"))
    period = text_input(
        "What period does it cover?",
        hint="Say how recent it is. For example, April 2024 to March 2025.",
        limit=_limit(EVIDENCE, "period"), what="The period",
        missing="Enter the period the evidence covers")
    summary = text_area(
        "What does it tell you about the people affected?",
        hint="Say what it shows for each group it covers, and what it does not cover.",
        limit=_limit(EVIDENCE, "summary"), what="What the evidence tells you",
        missing="Enter what the evidence tells you")
    url = text_input(
        "Link to the evidence (optional)",
        hint="A web address starting with https://. Leave it blank if you upload a file, or if "
             "the evidence is not published, such as an internal dataset.",
        limit=_limit(EVIDENCE, "url"), what="The link")
    file = FileField("Upload a file (optional)", widget=GovFileInput())
    remove_file = BooleanField(
        "Remove the current file",
        description="Use this when the file no longer belongs here. To replace it, upload a "
                    "different file instead.",
        widget=GovCheckboxInput())
    submit = SubmitField("Save evidence", widget=GovSubmitInput())

    # Set by the view when the source already has a file; None when adding.
    saved_filename: str | None = None

    accept = ",".join(ALLOWED_EXTENSIONS)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.url.validators.append(web_address)
        self.file.description = (f"A {KINDS_IN_WORDS} file smaller than "
                                 f"{megabytes(upload_limit())}.")

    def validate_file(self, field) -> None:
        if field.data is None:
            return
        limit = upload_limit()
        content = field.data.stream.read(limit + 1)
        try:
            checked = check_upload(field.data.filename or "", content, max_bytes=limit)
        except UploadRejected as rejected:
            raise ValidationError(rejected.message) from rejected
        self.upload = Upload(checked, content)

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if self.url.data and not self.url.errors and self._will_have_file():
            self.url.errors.append(MESSAGE_LINK_AND_FILE)
            valid = False
        return valid

    def removes_file(self) -> bool:
        return bool(self.remove_file.data)

    def _will_have_file(self) -> bool:
        if self.upload is not None:
            return True
        return bool(self.saved_filename) and not self.remove_file.data


class EngagementForm(CollectionForm):
    collection = ENGAGEMENT
    who = text_area(
        "Who did you engage or consult?",
        hint="Name the groups, forums, staff networks or people. For example, the Eastfield "
             "Disability Forum and 40 patients of the clinic.",
        limit=_limit(ENGAGEMENT, "who"), what="Who you engaged",
        missing="Enter who you engaged or consulted")
    started_on = DateInputField(
        "When did it start?", description="For example, 12 1 2026.",
        name_in_errors="The start date", validators=[required("Enter when the engagement started")])
    ended_on = DateInputField(
        "When did it end? (optional)",
        description="Leave it blank for a single meeting or day. For example, 9 3 2026.",
        name_in_errors="The end date")
    groups = SelectMultipleField(
        "Which groups did it reach?",
        description="Select the groups whose members or representatives took part. A group with "
                    "a negative impact that no engagement reached is worth a second look.",
        widget=GovCheckboxesInput())
    how = text_area(
        "How did you engage them?",
        hint="For example a public consultation, a survey, focus groups, a meeting with a staff "
             "network. Say how you made it accessible.",
        limit=_limit(ENGAGEMENT, "how"), what="How you engaged them",
        missing="Enter how you engaged them")
    what_they_said = text_area(
        "What did they tell you?", hint="Record what people actually said, including criticism.",
        limit=_limit(ENGAGEMENT, "what_they_said"), what="What they told you",
        missing="Enter what they told you")
    what_changed = text_area(
        "What changed as a result?",
        hint="Say what you changed in the proposal because of what you heard. If nothing "
             "changed, say why.",
        limit=_limit(ENGAGEMENT, "what_changed"), what="What changed",
        missing="Enter what changed as a result, or why nothing changed")
    submit = SubmitField("Save engagement", widget=GovSubmitInput())

    def validate_ended_on(self, field) -> None:
        if field.data and self.started_on.data and field.data < self.started_on.data:
            raise ValidationError("The end date must be the same as or after the start date")


class ActionForm(CollectionForm):
    """Owner and due date may be left for later: the quality checks stop submission until
    every action has both."""

    collection = ACTIONS
    description = text_area(
        "What will be done?",
        hint="Turn a mitigation, an evidence gap or engagement still to do into a specific "
             "action.",
        limit=_limit(ACTIONS, "description"), what="The action",
        missing="Enter what will be done")
    groups = SelectMultipleField(
        "Which groups does it address?", description="Select all that apply.",
        widget=GovCheckboxesInput())
    owner = text_input(
        "Who owns the action?",
        hint="A named person or post, for example ‘Outpatient Services Manager’. You can add "
             "this later, but the assessment cannot be submitted without it.",
        limit=_limit(ACTIONS, "owner"), what="The owner")
    due_date = DateInputField(
        "When is it due?",
        description="For example, 27 3 2027. You can add this later, but the assessment cannot "
                    "be submitted without it.",
        name_in_errors="The due date")
    success_measure = text_area(
        "How will you know it has worked? (optional)",
        hint="A measure you can check, broken down by group where you can.",
        limit=_limit(ACTIONS, "success_measure"), what="How success will be measured")
    status = RadioField(
        "Status", description="Planned, under way or done.", widget=GovRadioInput(),
        choices=_choices(ActionStatus), default=ActionStatus.PLANNED.value,
        **must_choose("Select the status of the action"))
    submit = SubmitField("Save action", widget=GovSubmitInput())


FORMS: dict[str, type[CollectionForm]] = {form.collection.key: form
                                          for form in (EvidenceForm, EngagementForm, ActionForm)}


class RemoveItemForm(LockedForm):
    """"Yes, remove this ...": the button carries the lock the confirmation page showed."""

    submit = SubmitField("Yes, remove it", widget=GovSubmitInput())


class ContinueForm(FlaskForm):
    """"Save and continue" from a list page: nothing to save, but a POST all the same."""

    submit = SubmitField("Save and continue", widget=GovSubmitInput())
