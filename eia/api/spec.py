"""The OpenAPI 3.1 document, generated with apispec from the routes and their schemas, and a
readable reference page made from the same document.

Each route says what it takes and answers (`documented`); the paths, their parameters and
methods come from the URL map, so a route cannot be missing from the document. Every
operation lists the problems it can answer with.
"""

from __future__ import annotations

import re

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin
from flask import current_app, render_template
from werkzeug.routing import AnyConverter, IntegerConverter

from eia.api.blueprint import JSON, OPERATIONS, Operation, bp, documented
from eia.api.problems import PROBLEM_TYPE
from eia.api.schemas.common import ProblemSchema
from eia.converters import SlugConverter

TITLE = "Due Regard API"
VERSION = "1"
_ARGUMENT = re.compile(r"<(?:[^:<>]+:)?([^<>]+)>")
PROBLEMS = {
    400: "The request could not be read (or, with a session cookie, no CSRF header)",
    401: "No API token, or one that has expired or been revoked",
    403: "Your roles, or the token's scope, do not allow this",
    404: "No such thing, or nothing you may see",
    409: "Refused by a rule: the assessment cannot change now, or someone else saved first "
         "(then `mine` and `theirs` hold both texts)",
    422: "Fields at fault, by name, in `errors`",
    429: "Too many requests for this token: wait a minute",
}


def _parameters(rule) -> list[dict]:
    parameters = []
    for name, converter in rule._converters.items():
        if isinstance(converter, IntegerConverter):
            schema = {"type": "integer", "minimum": 0}
        elif isinstance(converter, AnyConverter):
            schema = {"type": "string", "enum": list(converter.items)}
        elif isinstance(converter, SlugConverter):
            # Framework ids with hyphens for underscores: religion-or-belief.
            schema = {"type": "string", "pattern": f"^{SlugConverter.regex}$"}
        else:
            schema = {"type": "string", "pattern": "^[^/]+$", "minLength": 1}
        parameters.append({"in": "path", "name": name, "required": True, "schema": schema})
    return parameters


def _operation(rule, operation: Operation, endpoint: str) -> dict:
    responses: dict = {}
    if operation.ok == 204:
        responses["204"] = {"description": "Done"}
    elif operation.content == JSON:
        schema = operation.response if operation.response is not None else {"type": "object"}
        responses[str(operation.ok)] = {"description": "Done",
                                        "content": {JSON: {"schema": schema}}}
    else:
        responses[str(operation.ok)] = {
            "description": "The file",
            "content": {operation.content: {"schema": {"type": "string"}}}}
    statuses = [401, 403, 404, 429]
    if operation.query is not None or operation.body is not None:
        statuses += [400, 422]
    if operation.writes:
        statuses += [400, 409, 422]
    for status in sorted(set(statuses)):
        responses[str(status)] = {"description": PROBLEMS[status],
                                  "content": {PROBLEM_TYPE: {"schema": "Problem"}}}
    details: dict = {"summary": operation.summary, "operationId": endpoint.partition(".")[2],
                     "tags": [operation.tag], "responses": responses,
                     "parameters": _parameters(rule)}
    if operation.description:
        details["description"] = operation.description
    if operation.query is not None:
        details["parameters"].append({"in": "query", "schema": operation.query})
    if operation.if_match:
        details["parameters"].append({
            "in": "header", "name": "If-Match", "required": False,
            "schema": {"type": "string", "pattern": "^[0-9]{1,9}$"},
            "description": "The lock_version you read, instead of giving it in the body"})
    if operation.body is not None:
        details["requestBody"] = {"required": True,
                                  "content": {JSON: {"schema": operation.body}}}
    return details


def build_spec(app) -> dict:
    spec = APISpec(title=TITLE, version=VERSION, openapi_version="3.1.0",
                   plugins=[MarshmallowPlugin()],
                   info={"description": "Equality impact assessments, their registers, "
                                        "documents and workflow. Every request acts as the "
                                        "person whose token it carries."},
                   servers=[{"url": "/"}])
    spec.components.schema("Problem", schema=ProblemSchema)
    spec.components.security_scheme("token", {"type": "http", "scheme": "bearer"})
    paths: dict[str, dict] = {}
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        operation = OPERATIONS.get(rule.endpoint)
        if operation is None:
            continue
        path = _ARGUMENT.sub(r"{\1}", rule.rule)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            paths.setdefault(path, {})[method.lower()] = _operation(rule, operation,
                                                                    rule.endpoint)
    for path, operations in paths.items():
        spec.path(path=path, operations=operations)
    document = spec.to_dict()
    document["security"] = [{"token": []}]
    return document


def openapi_document() -> dict:
    """The document for this application, built once."""
    cached = current_app.extensions.get("eia_openapi")
    if cached is None:
        cached = current_app.extensions["eia_openapi"] = build_spec(current_app)
    return cached


@bp.get("/openapi.json")
@documented("This OpenAPI document", tag="Reference")
def get_openapi():
    return openapi_document()


@bp.get("/reference")
def view_reference():
    document = openapi_document()
    operations = [(path, method.upper(), details)
                  for path, methods in document["paths"].items()
                  for method, details in methods.items()]
    return render_template("api/reference.html", document=document, operations=operations,
                           schemas=document["components"]["schemas"])
