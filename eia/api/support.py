"""What the API's routes share: reading a JSON body or query against its schema (422 by
field), the version check (body or If-Match), finding the assessment a request is about with
the same object rules as the pages, and turning domain errors into problems."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

from flask import abort, request
from marshmallow import Schema, ValidationError, fields
from werkzeug.exceptions import HTTPException

from eia.api.problems import ApiProblem, invalid
from eia.document.schema import flatten_errors
from eia.domain import DomainError
from eia.services.editing import NotEditable, StaleEdit
from eia.views.shared import editable_version, readable_version


def load_body(schema: Schema) -> dict:
    """The request's JSON object loaded by `schema`; 422 listing every field at fault."""
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise invalid({"body": ["Send a JSON object (Content-Type: application/json)."]},
                      "The request body is not a JSON object")
    return _load(schema, data)


def load_query(schema: Schema) -> dict:
    """The query string loaded by `schema` (a list field takes every value given)."""
    data = {name: values if isinstance(schema.fields.get(name), fields.List) else values[-1]
            for name, values in request.args.lists()}
    return _load(schema, data)


def _load(schema: Schema, data: dict) -> dict:
    try:
        return schema.load(data)
    except ValidationError as error:
        raise invalid(flatten_errors(error.messages)) from error


def expected_lock(body: dict, *, required: bool = True) -> int | None:
    """The lock_version the caller read: from the body, else from an If-Match header."""
    if body.get("lock_version") is not None:
        return body["lock_version"]
    header = request.headers.get("If-Match", "").strip().removeprefix("W/").strip('"')
    if header.isascii() and header.isdigit():
        return int(header)
    if required:
        raise invalid({"lock_version": ["Give the lock_version you read, in the body or as "
                                        "an If-Match header."]})
    return None


# What a reference can look like (EIA-2026-0001): anything else is not looked up at all.
_REFERENCE = re.compile(r"[A-Za-z]{2,5}-[0-9]{4}-[0-9]{1,8}")


def readable(reference: str):
    """The latest version, or 404 for anyone who may not see it (as on the pages)."""
    if not _REFERENCE.fullmatch(reference):
        abort(404)
    return readable_version(reference)


def numbered(reference: str, number: int):
    """Version `number` of an assessment the caller may see, else 404."""
    latest = readable(reference)
    version = next((v for v in latest.assessment.versions if v.number == number), None)
    if version is None:
        raise ApiProblem(404, f"{reference} has no version {number}")
    return version


def editable(reference: str):
    """The latest version for its editors while it can change: 404, 403, or 409."""
    if not _REFERENCE.fullmatch(reference):
        abort(404)
    try:
        return editable_version(reference)
    except NotEditable as error:
        raise ApiProblem(409, str(error)) from error


@contextmanager
def answering_domain_errors() -> Iterator[None]:
    """A stale edit is 409 with both texts; any other refusal by a rule is 409 with why."""
    try:
        yield
    except StaleEdit as error:
        raise ApiProblem(409, str(error), mine=error.mine, theirs=error.theirs) from error
    except HTTPException:
        raise
    except DomainError as error:
        raise ApiProblem(409, str(error)) from error
