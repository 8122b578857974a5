"""The blueprint the API's modules register their routes on, and `documented`, which records
each route's request and answers for the OpenAPI document."""

from __future__ import annotations

from dataclasses import dataclass, field

from flask import Blueprint
from marshmallow import Schema

bp = Blueprint("api", __name__, url_prefix="/api/v1")

JSON = "application/json"


@dataclass(frozen=True)
class Operation:
    summary: str
    tag: str
    ok: int = 200
    response: type[Schema] | None = None
    content: str = JSON  # of the successful answer
    body: type[Schema] | None = None
    query: type[Schema] | None = None
    writes: bool = False
    if_match: bool = False  # takes the version check in an If-Match header
    description: str = ""
    extra_statuses: tuple[int, ...] = field(default_factory=tuple)


OPERATIONS: dict[str, Operation] = {}


def documented(summary: str, *, tag: str, **details):
    """Record the decorated view's operation (by endpoint name) for `eia.api.spec`."""

    def record(view):
        OPERATIONS[f"{bp.name}.{view.__name__}"] = Operation(summary, tag, **details)
        return view

    return record
