"""The canonical JSON document of an assessment version (schema version 1).

One document describes one version: control details, framework answers by section, evidence
(with any uploaded file as base64), engagement, impact by group and the action plan. Evidence
is named by document keys ("E1", "E2" ... in the order the sources were added), never by
database ids, so a document that is exported, imported and exported again is the same apart
from `reference`, `version` and `status`, which an import assigns afresh, and the workflow
record (`workflow`: each move with its actor, reason and time; `sign_off`: name, job title,
time and fingerprint), which is exported for information and never imported.

`AssessmentDocumentSchema().dump(data)` turns the plain data the transfer service gathers into
the document: dates as ISO strings, file content as base64, keys and unordered lists sorted so
that the same content always gives the same document. `AssessmentDocumentSchema(framework=fw)
.load(document)` checks a document against that framework and gives the plain data back.

Schemas check shapes and values only. The framework is passed in, never looked up, and nothing
here queries the database: whether the people and the unit a document names exist is the
transfer service's business. Strings are kept exactly as given (no stripping); a string that
one of our databases cannot store (NUL, an unpaired surrogate) is refused on every database
alike. `flatten_errors` turns marshmallow's nested messages into `path: messages` pairs such as
`evidence[0].url` or `sections.screening.answers.change_nature`.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from collections.abc import Callable
from datetime import date
from typing import Any

from marshmallow import (
    Schema,
    ValidationError,
    fields,
    pre_load,
    validate,
    validates_schema,
)

from eia.framework import DEFAULT_MAX_LENGTH, FREE_TEXT_TYPES, Framework, Section
from eia.models.assessments import (
    ActionStatus,
    AssessmentType,
    EvidenceKind,
    ImpactLevel,
    VersionStatus,
)
from eia.uploads import UploadRejected, check_upload

SCHEMA_VERSION = 1
# Free text outside the framework's own questions (which carry their own limits).
MAX_TEXT = DEFAULT_MAX_LENGTH

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_SHA256 = re.compile(r"[0-9a-f]{64}")


def text_problem(value: str, max_length: int | None = None) -> str | None:
    """Why `value` cannot be stored as it is, or None."""
    if "\x00" in value:
        return "Must not contain the NUL character."
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return "Must be valid Unicode text (it contains an unpaired surrogate)."
    if max_length is not None and len(value) > max_length:
        return f"Must be {max_length:,} characters or fewer."
    return None


def is_iso_date(value: str) -> bool:
    if not _ISO_DATE.fullmatch(value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


# --- Fields ---------------------------------------------------------------------------------


class Text(fields.String):
    """A string kept exactly as given, no longer than `max_length`, optionally not blank."""

    default_error_messages = {"invalid": "Must be text.", "blank": "Must not be blank."}

    def __init__(self, *, max_length: int | None = MAX_TEXT, not_blank: bool = False,
                 **kwargs) -> None:
        super().__init__(**kwargs)
        self.max_length = max_length
        self.not_blank = not_blank

    def _deserialize(self, value, attr, data, **kwargs) -> str:
        if not isinstance(value, str):
            raise self.make_error("invalid")
        problem = text_problem(value, self.max_length)
        if problem:
            raise ValidationError(problem)
        if self.not_blank and not value.strip():
            raise self.make_error("blank")
        return value


class IsoDate(fields.Date):
    """A calendar date written exactly YYYY-MM-DD."""

    default_error_messages = {"invalid": "Not a valid date: use YYYY-MM-DD."}

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, str) or not is_iso_date(value):
            raise self.make_error("invalid")
        return super()._deserialize(value, attr, data, **kwargs)


class StrictInteger(fields.Integer):
    """A JSON integer: not a string of digits, a float or a boolean."""

    def __init__(self, **kwargs) -> None:
        super().__init__(strict=True, **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, bool):
            raise self.make_error("invalid")
        return super()._deserialize(value, attr, data, **kwargs)


class StrictBoolean(fields.Boolean):
    """JSON true or false only (marshmallow would also take "yes", 1, "on" ...)."""

    def _deserialize(self, value, attr, data, **kwargs) -> bool:
        if not isinstance(value, bool):
            raise self.make_error("invalid")
        return value


class Base64Bytes(fields.Field):
    """Bytes, written as standard base64 with padding."""

    default_error_messages = {"invalid": "Not valid base64."}

    def _serialize(self, value, attr, obj, **kwargs):
        return None if value is None else base64.b64encode(value).decode("ascii")

    def _deserialize(self, value, attr, data, **kwargs) -> bytes:
        if not isinstance(value, str):
            raise self.make_error("invalid")
        try:
            return base64.b64decode(value, validate=True)
        except (binascii.Error, ValueError) as error:
            raise self.make_error("invalid") from error


class Answer(fields.Field):
    """An answer to a framework question: text, or the option values ticked for checkboxes.

    Which of the two a question takes, and its options and length, depend on the framework, so
    the document schema checks those against it.
    """

    default_error_messages = {"invalid": "Must be text or a list of texts."}

    def _deserialize(self, value, attr, data, **kwargs):
        values = value if isinstance(value, list) else [value]
        if not all(isinstance(v, str) for v in values):
            raise self.make_error("invalid")
        for item in values:
            problem = text_problem(item)
            if problem:
                raise ValidationError(problem)
        return list(value) if isinstance(value, list) else value


class SortedList(fields.List):
    """A list whose order means nothing: dumped sorted, so documents compare equal."""

    def __init__(self, inner, *, sort_key: Callable[[Any], Any] | None = None, **kwargs) -> None:
        super().__init__(inner, **kwargs)
        self.sort_key = sort_key

    def _serialize(self, value, attr, obj, **kwargs):
        result = super()._serialize(value, attr, obj, **kwargs)
        return None if result is None else sorted(result, key=self.sort_key)


class ById(fields.Dict):
    """A JSON object keyed by framework id (section, question or group), dumped in key order.

    Unlike `fields.Dict`, errors are reported under the id itself
    (`sections.screening.completed`), not under an extra "value" or "key" level.
    """

    def __init__(self, values: fields.Field, **kwargs) -> None:
        super().__init__(keys=Text(max_length=100), values=values, **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        try:
            result = super()._deserialize(value, attr, data, **kwargs)
        except ValidationError as error:
            if not isinstance(error.messages, dict):
                raise
            messages = {key: parts.get("key", parts.get("value"))
                        for key, parts in error.messages.items()}
            raise ValidationError(messages, valid_data=error.valid_data) from error
        return dict(sorted(result.items()))

    def _serialize(self, value, attr, obj, **kwargs):
        result = super()._serialize(value, attr, obj, **kwargs)
        return None if result is None else dict(sorted(result.items()))


def _one_of(values) -> validate.OneOf:
    choices = [v.value for v in values]
    return validate.OneOf(choices, error=f"Must be one of: {', '.join(choices)}.")


_web_address = validate.URL(schemes={"http", "https"}, require_tld=False,
                            error="Must be a web address starting with http:// or https://.")


def _web_address_or_blank(value: str) -> None:
    if value:
        _web_address(value)


# --- Parts of the document -----------------------------------------------------------------


class PersonSchema(Schema):
    """A user, named by email address; the name is informative (the import looks it up)."""

    email = Text(required=True, max_length=320, not_blank=True)
    name = Text(load_default=None, allow_none=True, max_length=200)


class FrameworkRefSchema(Schema):
    id = Text(required=True, max_length=100)
    version = Text(required=True, max_length=50)
    sha256 = Text(required=True, validate=validate.Regexp(_SHA256, error="Not a SHA-256 digest."))


class DetailsSchema(Schema):
    title = Text(required=True, max_length=300, not_blank=True)
    type = Text(required=True, validate=_one_of(AssessmentType))
    unit = Text(load_default=None, allow_none=True, max_length=500)
    lead_officer = fields.Nested(PersonSchema, required=True)
    contributors = SortedList(fields.Nested(PersonSchema), load_default=list,
                              sort_key=lambda person: person["email"])
    decision_maker = Text(load_default="", max_length=300)
    decision_forum = Text(load_default="", max_length=300)
    decision_date = IsoDate(load_default=None, allow_none=True)
    work_started_on = IsoDate(load_default=None, allow_none=True)

    @validates_schema
    def _each_person_once(self, data, **kwargs) -> None:
        seen = {data["lead_officer"]["email"].strip().lower()}
        for index, person in enumerate(data.get("contributors", [])):
            email = person["email"].strip().lower()
            if email in seen:
                raise ValidationError({"contributors": {index: {"email": [
                    "Is already the lead officer or another contributor."]}}})
            seen.add(email)


class SectionSchema(Schema):
    completed = StrictBoolean(load_default=False)
    answers = ById(Answer(), load_default=dict)


class FileSchema(Schema):
    filename = Text(required=True, max_length=255, not_blank=True)
    content_type = Text(required=True, max_length=100)
    size = StrictInteger(required=True, validate=validate.Range(min=0))
    sha256 = Text(required=True, validate=validate.Regexp(_SHA256, error="Not a SHA-256 digest."))
    content = Base64Bytes(required=True, data_key="content_base64")

    @validates_schema
    def _content_matches(self, data, **kwargs) -> None:
        """The content must be what the document says it is, and a file we would accept."""
        content = data["content"]
        errors: dict[str, list[str]] = {}
        if len(content) != data["size"]:
            errors["size"] = [f"Does not match the content ({len(content):,} bytes)."]
        if hashlib.sha256(content).hexdigest() != data["sha256"]:
            errors["sha256"] = ["Does not match the content."]
        try:
            checked = check_upload(data["filename"], content)
        except UploadRejected as rejected:
            where = "filename" if rejected.reason == "type" else "content_base64"
            errors[where] = [f"{rejected.message}."]
        else:
            if checked.filename != data["filename"]:
                errors["filename"] = [f"Is not a safe file name: use {checked.filename!r}."]
            if checked.content_type != data["content_type"]:
                errors["content_type"] = [f"Must be {checked.content_type} for this file."]
        if errors:
            raise ValidationError(errors)


class EvidenceSchema(Schema):
    key = Text(required=True, max_length=20, not_blank=True)
    title = Text(required=True, max_length=300, not_blank=True)
    kind = Text(required=True, validate=_one_of(EvidenceKind))
    period = Text(load_default="", max_length=100)
    summary = Text(load_default="")
    url = Text(load_default="", max_length=2000, validate=_web_address_or_blank)
    file = fields.Nested(FileSchema, load_default=None, allow_none=True)


class EngagementSchema(Schema):
    who = Text(load_default="")
    when = Text(load_default="", max_length=100)
    how = Text(load_default="")
    what_they_said = Text(load_default="")
    what_changed = Text(load_default="")


class ImpactSchema(Schema):
    impact = Text(required=True, validate=_one_of(ImpactLevel))
    effect = Text(load_default="")
    # Document keys of evidence sources, in the order the sources appear in the document.
    evidence = fields.List(Text(max_length=20), load_default=list)
    no_evidence_reason = Text(load_default="")
    mitigation = Text(load_default="")
    residual_impact = Text(load_default="")


class ActionSchema(Schema):
    description = Text(required=True, not_blank=True)
    groups = SortedList(Text(max_length=100), load_default=list)
    owner = Text(load_default="", max_length=200)
    due_date = IsoDate(load_default=None, allow_none=True)
    success_measure = Text(load_default="")
    status = Text(load_default=ActionStatus.PLANNED.value, validate=_one_of(ActionStatus))


class WorkflowEventSchema(Schema):
    """One move in the version's workflow, as the due-regard trail records it."""

    action = Text(required=True, max_length=30)
    from_status = Text(required=True, max_length=30, data_key="from")
    to_status = Text(required=True, max_length=30, data_key="to")
    actor = Text(load_default=None, allow_none=True, max_length=320)  # the email address
    reason = Text(load_default="")
    at = fields.AwareDateTime(required=True, format="iso")


class SignOffSchema(Schema):
    """Who signed the version off, when, and the fingerprint of exactly what they signed."""

    name = Text(required=True, max_length=200)
    job_title = Text(load_default="", max_length=200)
    declaration = Text(load_default="")
    signed_at = fields.AwareDateTime(required=True, format="iso")
    fingerprint = Text(required=True,
                       validate=validate.Regexp(_SHA256, error="Not a SHA-256 digest."))


# --- The document ---------------------------------------------------------------------------

# Where the version is in its workflow and how it got there: exported for the record, never
# imported (an import is always a new draft), and left out of the fingerprint, which covers
# the content that was signed and must not change when the version later moves on.
WORKFLOW_KEYS = ("status", "workflow", "sign_off")


class AssessmentDocumentSchema(Schema):
    """The whole document. Loading needs the framework in force: `(framework=...)`.

    `reference`, `version`, `status`, `framework`, `workflow` and `sign_off` describe where a
    document came from and what happened to it; an import may leave them out and never uses
    them for the new assessment.
    """

    schema_version = StrictInteger(required=True)
    reference = Text(load_default=None, allow_none=True, max_length=50)
    version = StrictInteger(load_default=None, allow_none=True, validate=validate.Range(min=1))
    status = Text(load_default=None, allow_none=True, validate=_one_of(VersionStatus))
    framework = fields.Nested(FrameworkRefSchema, load_default=None, allow_none=True)
    extra_groups = SortedList(Text(max_length=100), load_default=list)
    details = fields.Nested(DetailsSchema, required=True)
    sections = ById(fields.Nested(SectionSchema), load_default=dict)
    evidence = fields.List(fields.Nested(EvidenceSchema), load_default=list)
    engagement = fields.List(fields.Nested(EngagementSchema), load_default=list)
    impacts = ById(fields.Nested(ImpactSchema), load_default=dict)
    actions = fields.List(fields.Nested(ActionSchema), load_default=list)
    workflow = fields.List(fields.Nested(WorkflowEventSchema), load_default=list)
    sign_off = fields.Nested(SignOffSchema, load_default=None, allow_none=True)

    def __init__(self, *, framework: Framework | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        # Passed in explicitly (marshmallow 4 has no `context=`); only loading needs it.
        self._framework = framework

    def load(self, data, **kwargs):
        if self._framework is None:
            raise TypeError("AssessmentDocumentSchema needs framework= to load a document")
        return super().load(data, **kwargs)

    @pre_load
    def _known_schema_version(self, data, **kwargs):
        # A document of another schema version would fail in confusing ways: say why once.
        if isinstance(data, dict) and "schema_version" in data:
            found = data["schema_version"]
            if type(found) is not int or found != SCHEMA_VERSION:
                raise ValidationError({"schema_version": [
                    f"Only schema version {SCHEMA_VERSION} documents can be imported; "
                    f"this one says {found!r}."]})
        return data

    @validates_schema(skip_on_field_errors=False)
    def _fits_the_framework(self, data, **kwargs) -> None:
        # Runs on whatever loaded cleanly, so every problem is reported in one go.
        errors: dict = {}
        framework = self._framework
        extra = self._check_extra_groups(framework, data.get("extra_groups") or [], errors)
        for section_id, section in (data.get("sections") or {}).items():
            if not framework.has_section(section_id):
                _add(errors, ("sections", section_id), "Is not a section of the framework.")
                continue
            for question_id, answer in ((section or {}).get("answers") or {}).items():
                problem = _answer_problem(framework.section(section_id), question_id, answer)
                if problem:
                    _add(errors, ("sections", section_id, "answers", question_id), problem)
        keys: dict[str, int] = {}
        for index, source in enumerate(data.get("evidence") or []):
            key = (source or {}).get("key")
            if key in keys:
                _add(errors, ("evidence", index, "key"),
                     f"Is already the key of evidence[{keys[key]}].")
            elif key is not None:
                keys[key] = index
        for group_id, impact in (data.get("impacts") or {}).items():
            problem = _group_problem(framework, group_id, extra)
            if problem:
                _add(errors, ("impacts", group_id), problem)
                continue
            for index, key in _with_repeats(errors, ("impacts", group_id, "evidence"),
                                            (impact or {}).get("evidence") or []):
                if key not in keys:
                    _add(errors, ("impacts", group_id, "evidence", index),
                         f"No evidence source has the key {key!r}.")
        for number, action in enumerate(data.get("actions") or []):
            for index, group_id in _with_repeats(errors, ("actions", number, "groups"),
                                                 (action or {}).get("groups") or []):
                problem = _group_problem(framework, group_id, extra)
                if problem:
                    _add(errors, ("actions", number, "groups", index), problem)
        if errors:
            raise ValidationError(errors)

    @staticmethod
    def _check_extra_groups(framework: Framework, group_ids: list[str], errors: dict) -> set[str]:
        extra = set()
        for index, group_id in _with_repeats(errors, ("extra_groups",), group_ids):
            try:
                group = framework.group(group_id)
            except KeyError:
                _add(errors, ("extra_groups", index), "Is not a group in the framework.")
                continue
            if group.is_protected:
                _add(errors, ("extra_groups", index), "Is a protected characteristic, which "
                     "every assessment covers: list only extra groups here.")
                continue
            extra.add(group_id)
        return extra


def _add(errors: dict, path: tuple, message: str) -> None:
    node = errors
    for part in path[:-1]:
        node = node.setdefault(part, {})
    node.setdefault(path[-1], []).append(message)


def _with_repeats(errors: dict, path: tuple, items: list):
    """(index, item) for each item listed for the first time; repeats are reported."""
    seen = set()
    for index, item in enumerate(items):
        if item in seen:
            _add(errors, (*path, index), "Is listed twice.")
            continue
        seen.add(item)
        yield index, item


def _group_problem(framework: Framework, group_id: str, extra: set[str]) -> str | None:
    try:
        group = framework.group(group_id)
    except KeyError:
        return "Is not a group in the framework."
    if not group.is_protected and group_id not in extra:
        return "Is an extra group not switched on for this assessment (see extra_groups)."
    return None


def _answer_problem(section: Section, question_id: str, answer) -> str | None:
    try:
        question = section.question(question_id)
    except KeyError:
        return f"Is not a question in the section {section.id!r}."
    choices = [option.value for option in question.choices]
    if question.type == "checkboxes":
        if not isinstance(answer, list):
            return "Must be a list of option values."
        wrong = [value for value in answer if value not in choices]
        if wrong:
            return f"{wrong[0]!r} is not an option: choose from {', '.join(choices)}."
        if len(set(answer)) != len(answer):
            return "Lists an option twice."
        return None
    if not isinstance(answer, str):
        return "Must be text, not a list."
    if question.type in ("radios", "yes_no") and answer and answer not in choices:
        return f"{answer!r} is not an option: choose from {', '.join(choices)}."
    if question.type == "date" and answer and not is_iso_date(answer):
        return "Not a valid date: use YYYY-MM-DD."
    if question.type in FREE_TEXT_TYPES:
        return text_problem(answer, question.max_length or DEFAULT_MAX_LENGTH)
    return None


def in_document_order(errors: dict[str, list[str]]) -> dict[str, list[str]]:
    """`errors` ordered by the top-level field each path starts in, as a document lists them."""
    order = {name: index for index, name in enumerate(AssessmentDocumentSchema._declared_fields)}

    def top(path: str) -> int:
        return order.get(re.split(r"[.\[]", path, maxsplit=1)[0], len(order))

    return dict(sorted(errors.items(), key=lambda item: top(item[0])))


def flatten_errors(messages, prefix: str = "") -> dict[str, list[str]]:
    """marshmallow's nested messages as {"evidence[0].url": [...], ...}, in document order."""
    flat: dict[str, list[str]] = {}
    _flatten(messages, prefix, flat)
    return flat


def _flatten(messages, prefix: str, flat: dict[str, list[str]]) -> None:
    if isinstance(messages, dict):
        for key, value in messages.items():
            if key == "_schema":
                path = prefix
            elif isinstance(key, int):
                path = f"{prefix}[{key}]"
            else:
                path = f"{prefix}.{key}" if prefix else str(key)
            _flatten(value, path, flat)
    elif isinstance(messages, list | tuple):
        for message in messages:
            _flatten(message, prefix, flat)
    else:
        flat.setdefault(prefix or "document", []).append(str(messages))
