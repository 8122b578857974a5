"""The canonical JSON document of an assessment version (schema version 2; version 1 is read).

One document describes one version: control details, framework answers by section, evidence
(with any uploaded file as base64), engagement, impact by group and the action plan. Evidence
is named by document keys ("E1", "E2" ... in the order the sources were added), never by
database ids, so a document that is exported, imported and exported again is the same apart
from `reference`, `version` and `status`, which an import assigns afresh, and the workflow
record (`workflow`: each move with its actor, reason and time; `sign_off`: name, job title,
time and fingerprint; `decision`: what the decision-maker decided), which is exported for
information and never imported.

`AssessmentDocumentSchema().dump(data)` turns the plain data the transfer service gathers into
the document: dates as ISO strings, file content as base64, keys and unordered lists sorted so
that the same content always gives the same document. `AssessmentDocumentSchema(framework=fw,
max_file_bytes=n).load(document)` checks a document against that framework (and its files
against the upload limit) and gives the plain data back.

Schemas check shapes and values only. The framework is passed in, never looked up, and nothing
here queries the database: whether the people and the unit a document names exist is the
transfer service's business. Strings are kept exactly as given (no stripping); a string that
one of our databases cannot store (NUL, an unpaired surrogate) is refused on every database
alike. `flatten_errors` turns marshmallow's nested messages into `path: messages` pairs such as
`evidence[0].url` or `sections.screening.answers.change_nature`.
"""

from __future__ import annotations

import hashlib
import re

from marshmallow import Schema, ValidationError, fields, pre_load, validate, validates_schema

from eia.collections import COLLECTIONS, Collection, FieldKind
from eia.collections import Field as CollectionField
from eia.document.fields import (
    Answer,
    Base64Bytes,
    ById,
    IsoDate,
    SortedList,
    StrictBoolean,
    StrictInteger,
    Text,
    is_iso_date,
    one_of,
    text_problem,
    web_address_or_blank,
)
from eia.document.historical import HistoricalSchema
from eia.domain import MAX_ANSWER_LENGTH, AssessmentType, ImpactLevel, VersionStatus
from eia.formatting import dates_in_words
from eia.framework import FREE_TEXT_TYPES, RELEVANCE_LEVELS, Framework, Section
from eia.uploads import UploadRejected, check_upload

SCHEMA_VERSION = 2
# Version 1 documents (engagement dates as free text) are read and turned into version 2.
READABLE_VERSIONS = (1, 2)
_SHA256 = re.compile(r"[0-9a-f]{64}")


# --- Parts of the document -----------------------------------------------------------------


class PersonSchema(Schema):
    """A user, named by email address; the name is informative (the import looks it up).

    A historical record may name someone without an account: a name and job title, and no
    email address (the document checks that only a historical record does so).
    """

    email = Text(load_default=None, allow_none=True, max_length=320, not_blank=True)
    name = Text(load_default=None, allow_none=True, max_length=200)
    # Absent from the loaded data when the document leaves it out, as documents always have.
    job_title = Text(max_length=200)

    @validates_schema
    def _named(self, data, **kwargs) -> None:
        if not data.get("email") and not (data.get("name") or "").strip():
            raise ValidationError({"email": ["Give an email address or, for a historical "
                                             "record, a name."]})


def _person_key(person: dict) -> tuple[str, str]:
    return ((person.get("email") or "").lower(), person.get("name") or "")


class FrameworkRefSchema(Schema):
    id = Text(required=True, max_length=100)
    version = Text(required=True, max_length=50)
    sha256 = Text(required=True, validate=validate.Regexp(_SHA256, error="Not a SHA-256 digest."))


class DetailsSchema(Schema):
    title = Text(required=True, max_length=300, not_blank=True)
    type = Text(required=True, validate=one_of(AssessmentType))
    unit = Text(load_default=None, allow_none=True, max_length=500)
    # Required of Due Regard's own assessments; a record of the past may name none.
    lead_officer = fields.Nested(PersonSchema, load_default=None, allow_none=True)
    contributors = SortedList(fields.Nested(PersonSchema), load_default=list,
                              sort_key=_person_key)
    # Named by historical records only: Due Regard's own assessments do not record one.
    head_of_service = fields.Nested(PersonSchema, load_default=None, allow_none=True)
    decision_maker = Text(load_default="", max_length=300)
    decision_forum = Text(load_default="", max_length=300)
    decision_date = IsoDate(load_default=None, allow_none=True)
    work_started_on = IsoDate(load_default=None, allow_none=True)
    strategic_decision = StrictBoolean(load_default=False)

    @validates_schema
    def _each_person_once(self, data, **kwargs) -> None:
        seen = {_person_key(data["lead_officer"])} if data.get("lead_officer") else set()
        for index, person in enumerate(data.get("contributors", [])):
            email = _person_key(person)
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
        """The content must be what the document says it is. (Whether it is a file we would
        accept is the document's check, which knows the size limit.)"""
        content = data["content"]
        errors: dict[str, list[str]] = {}
        if len(content) != data["size"]:
            errors["size"] = [f"Does not match the content ({len(content):,} bytes)."]
        if hashlib.sha256(content).hexdigest() != data["sha256"]:
            errors["sha256"] = ["Does not match the content."]
        if errors:
            raise ValidationError(errors)


def _file_problems(file: dict, max_bytes: int) -> dict[str, str]:
    """Why a document's file is not one we would accept as an upload, by field."""
    try:
        checked = check_upload(file["filename"], file["content"], max_bytes=max_bytes)
    except UploadRejected as rejected:
        where = "filename" if rejected.reason == "type" else "content_base64"
        return {where: f"{rejected.message}."}
    problems = {}
    if checked.filename != file["filename"]:
        problems["filename"] = f"Is not a safe file name: use {checked.filename!r}."
    if checked.content_type != file["content_type"]:
        problems["content_type"] = f"Must be {checked.content_type} for this file."
    return problems


class _EvidenceExtras(Schema):
    """What a document holds of a source beyond its fields: its key and its file."""

    key = Text(required=True, max_length=20, not_blank=True)
    file = fields.Nested(FileSchema, load_default=None, allow_none=True)


def _field(field: CollectionField, names_the_item: bool) -> fields.Field:
    """The document field for a field of a collection's description. Only the field that names
    an item must be given; the rest may be left out, as blank items can be saved."""
    if field.kind is FieldKind.DATE:
        return IsoDate(load_default=None, allow_none=True)
    if field.kind is FieldKind.GROUPS:
        return SortedList(Text(max_length=100), load_default=list)
    if field.kind is FieldKind.CHOICE:
        given = {"required": True} if field.default is None else {"load_default": field.default}
        return Text(validate=one_of(field.choices), **given)
    checks = {"validate": web_address_or_blank} if field.kind is FieldKind.URL else {}
    given = {"required": True, "not_blank": True} if names_the_item else {"load_default": ""}
    return Text(max_length=field.max_length, **given, **checks)


def item_schema(collection: Collection) -> type[Schema]:
    """The schema of one item of `collection`, from its description."""
    declared = {f.name: _field(f, index == 0) for index, f in enumerate(collection.fields)}
    base = _EvidenceExtras if collection.has_file else Schema
    return base.from_dict(declared, name=f"{collection.noun.capitalize()}Schema")


ITEM_SCHEMAS = {collection.key: item_schema(collection) for collection in COLLECTIONS}


class ImpactSchema(Schema):
    impact = Text(required=True, validate=one_of(ImpactLevel))
    effect = Text(load_default="")
    # Document keys of evidence sources, in the order the sources appear in the document.
    evidence = fields.List(Text(max_length=20), load_default=list)
    no_evidence_reason = Text(load_default="")
    mitigation = Text(load_default="")
    harm_remains = StrictBoolean(load_default=None, allow_none=True)
    residual_impact = Text(load_default="")


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


class DecisionSchema(Schema):
    """What the decision-maker decided, recorded after sign-off."""

    decided_on = IsoDate(required=True)
    forum = Text(required=True, max_length=300)
    minute_reference = Text(load_default="", max_length=300)
    assessment_considered = StrictBoolean(required=True)
    what_was_decided = Text(load_default="")
    accepted_mitigations = SortedList(Text(max_length=100), load_default=list)


# --- The document ---------------------------------------------------------------------------

# Where the version is in its workflow and how it got there: exported for the record, never
# imported (an import is always a new draft), and left out of the fingerprint, which covers
# the content that was signed and must not change when the version later moves on.
WORKFLOW_KEYS = ("status", "workflow", "sign_off", "decision")


class AssessmentDocumentSchema(Schema):
    """The whole document. Loading needs the framework in force: `(framework=...)`.

    `reference`, `version`, `status`, `framework`, `workflow` and `sign_off` describe where a
    document came from and what happened to it; an import may leave them out and never uses
    them for the new assessment.
    """

    schema_version = StrictInteger(required=True)
    reference = Text(load_default=None, allow_none=True, max_length=50)
    version = StrictInteger(load_default=None, allow_none=True, validate=validate.Range(min=1))
    status = Text(load_default=None, allow_none=True, validate=one_of(VersionStatus))
    framework = fields.Nested(FrameworkRefSchema, load_default=None, allow_none=True)
    extra_groups = SortedList(Text(max_length=100), load_default=list)
    details = fields.Nested(DetailsSchema, required=True)
    sections = ById(fields.Nested(SectionSchema), load_default=dict)
    evidence = fields.List(fields.Nested(ITEM_SCHEMAS["evidence"]), load_default=list)
    engagement = fields.List(fields.Nested(ITEM_SCHEMAS["engagement"]), load_default=list)
    impacts = ById(fields.Nested(ImpactSchema), load_default=dict)
    actions = fields.List(fields.Nested(ITEM_SCHEMAS["actions"]), load_default=list)
    workflow = fields.List(fields.Nested(WorkflowEventSchema), load_default=list)
    sign_off = fields.Nested(SignOffSchema, load_default=None, allow_none=True)
    decision = fields.Nested(DecisionSchema, load_default=None, allow_none=True)
    historical = fields.Nested(HistoricalSchema, load_default=None, allow_none=True)

    def __init__(self, *, framework: Framework | None = None,
                 max_file_bytes: int | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        # Passed in explicitly (marshmallow 4 has no `context=`); only loading needs them.
        self._framework = framework
        self._max_file_bytes = max_file_bytes

    def load(self, data, **kwargs):
        if self._framework is None or self._max_file_bytes is None:
            raise TypeError("AssessmentDocumentSchema needs framework= and max_file_bytes= to "
                            "load a document")
        return super().load(data, **kwargs)

    @pre_load
    def _known_schema_version(self, data, **kwargs):
        # A document of another schema version would fail in confusing ways: say why once.
        if isinstance(data, dict) and "schema_version" in data:
            found = data["schema_version"]
            if type(found) is not int or found not in READABLE_VERSIONS:
                raise ValidationError({"schema_version": [
                    f"Only schema version {SCHEMA_VERSION} documents (and version 1, which is "
                    f"read as version {SCHEMA_VERSION}) can be imported; this one says "
                    f"{found!r}."]})
            if found == 1:
                return _from_version_1(data)
        return data

    @validates_schema(skip_on_field_errors=False, pass_original=True)
    def _accounts_unless_historical(self, data, original, **kwargs) -> None:
        """Due Regard's own assessments name people by account; only a record of the past may
        name people as the source did, and a head of service."""
        if isinstance(original, dict) and original.get("historical") is not None:
            return
        details = data.get("details") or {}
        errors: dict = {}
        if "lead_officer" in details and details["lead_officer"] is None:
            _add(errors, ("details", "lead_officer"), "Missing data for required field.")
        people = {("lead_officer",): details.get("lead_officer")}
        people.update({("contributors", index): person
                       for index, person in enumerate(details.get("contributors") or [])})
        for path, person in people.items():
            if person is not None and not person.get("email"):
                _add(errors, ("details", *path, "email"), "Is required (only a historical "
                     "record may name someone without an account).")
        if details.get("head_of_service") is not None:
            _add(errors, ("details", "head_of_service"), "Only a historical record names a "
                 "head of service.")
        if errors:
            raise ValidationError(errors)

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
            file = (source or {}).get("file") or {}
            if {"filename", "content", "content_type"} <= file.keys():  # loaded cleanly
                for name, problem in _file_problems(file,
                                                    self._max_file_bytes).items():
                    _add(errors, ("evidence", index, "file", name), problem)
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


def _from_version_1(document: dict) -> dict:
    """A version 1 document as version 2: engagement's "when" (free text) becomes its dates,
    and text that names no date is kept at the end of "how"."""
    document = {**document, "schema_version": SCHEMA_VERSION}
    items = document.get("engagement")
    if isinstance(items, list):
        document["engagement"] = [_engagement_from_version_1(item) for item in items]
    return document


def _engagement_from_version_1(item):
    if not isinstance(item, dict) or "when" not in item:
        return item
    item = dict(item)
    when = item.pop("when")
    started, ended = dates_in_words(when) if isinstance(when, str) else (None, None)
    if started is None:
        if isinstance(when, str) and when.strip():
            how = item.get("how") if isinstance(item.get("how"), str) else ""
            item["how"] = f"{how}\n\nWhen: {when}".strip()
        return item
    item["started_on"] = started.isoformat()
    if ended is not None:
        item["ended_on"] = ended.isoformat()
    return item


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
    if question.type == "group_relevance":
        return _relevance_problem(answer)
    if isinstance(answer, dict):
        return "Must be text or a list, not a table."
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
        return text_problem(answer, question.max_length or MAX_ANSWER_LENGTH)
    return None


def section_answer_problem(section: Section, question_id: str, answer) -> str | None:
    """What is wrong with `answer` to a question of `section`, or None: the document's rules,
    for the API's answers too."""
    return _answer_problem(section, question_id, answer)


def _relevance_problem(answer) -> str | None:
    if not isinstance(answer, dict):
        return "Must be a table of relevance by group."
    for group_id, row in answer.items():
        if set(row) - {"relevance", "reason"}:
            return f"{group_id}: only relevance and reason are recorded."
        if row.get("relevance", "") not in ("", *RELEVANCE_LEVELS):
            return (f"{group_id}: relevance must be one of {', '.join(RELEVANCE_LEVELS)}.")
        problem = text_problem(row.get("reason", ""), MAX_ANSWER_LENGTH)
        if problem:
            return f"{group_id}: {problem}"
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
