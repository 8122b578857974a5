"""The framework in force, and what an import answers."""

from __future__ import annotations

from marshmallow import Schema, fields


class OptionSchema(Schema):
    value = fields.String(required=True)
    label = fields.String(required=True)


class QuestionSchema(Schema):
    id = fields.String(required=True)
    label = fields.String(required=True)
    type = fields.String(required=True)
    options = fields.List(fields.Nested(OptionSchema), required=True)


class SectionSchema(Schema):
    id = fields.String(required=True)
    title = fields.String(required=True)
    kind = fields.String(required=True)
    questions = fields.List(fields.Nested(QuestionSchema), required=True)


class GroupSchema(Schema):
    id = fields.String(required=True)
    name = fields.String(required=True)
    protected = fields.Boolean(required=True)


class FrameworkSchema(Schema):
    id = fields.String(required=True)
    version = fields.String(required=True)
    sections = fields.List(fields.Nested(SectionSchema), required=True)
    groups = fields.List(fields.Nested(GroupSchema), required=True)


class ImportedSchema(Schema):
    reference = fields.String(required=True)
    version = fields.Integer(required=True)
    url = fields.String(required=True)


class DocumentBodySchema(Schema):
    """The canonical JSON document (see the README, "The canonical document"): checked in full
    by the import, which lists every problem by path."""

    class Meta:
        unknown = "include"

    schema_version = fields.Integer(required=True)
    details = fields.Dict(required=True)
