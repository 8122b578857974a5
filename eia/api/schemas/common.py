"""Schemas every part of the API shares: problems, links and people."""

from __future__ import annotations

from marshmallow import Schema, fields


class ProblemSchema(Schema):
    """An error (RFC 9457). `errors` lists messages by field (422); a stale edit carries
    `mine` (what was sent) and `theirs` (what is saved now)."""

    type = fields.String(required=True)
    title = fields.String(required=True)
    status = fields.Integer(required=True)
    detail = fields.String(required=True)
    errors = fields.Dict(keys=fields.String(), values=fields.List(fields.String()))
    mine = fields.Dict()
    theirs = fields.Dict()


class PageLinksSchema(Schema):
    self_ = fields.String(data_key="self", required=True)
    first = fields.String(required=True)
    last = fields.String(required=True)
    prev = fields.String(allow_none=True, required=True)
    next = fields.String(allow_none=True, required=True)


class PersonSchema(Schema):
    id = fields.Integer(required=True)
    name = fields.String(required=True)
    email = fields.String(required=True)
