"""schemathesis against the OpenAPI document, in process, on the database under test.

Every operation gets generated requests, valid by the document (positive) and not (negative),
about real assessments half the time and made-up ones otherwise, sent with a read-write token.
Each answer must be no server error, have a documented status and content type, and match its
schema; a request the document forbids must be refused. Then every writing operation is sent
with a read-only token, which must be refused with 403. Bounded (a few examples an operation)
so that it runs in a minute or two.
"""

from __future__ import annotations

import contextvars

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

from eia.domain import Role
from eia.extensions import db
from eia.models.tokens import TokenScope
from eia.services import tokens
from tests.factories import AssessmentFactory, UserFactory

EXAMPLES = 8
WRITES = {"POST", "PUT", "PATCH", "DELETE"}
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance]


class Isolated:
    """The application as a browser meets it: each request in a context of its own (so `g`
    and the signed-in user never carry over), its body read there too."""

    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        def run():
            body = self.app(environ, start_response)
            try:
                return [b"".join(body)]
            finally:
                if hasattr(body, "close"):
                    body.close()

        return contextvars.Context().run(run)


@pytest.fixture
def callers(app):
    """A read-write and a read-only token of one author, and a real assessment's reference."""
    with app.app_context():
        author = UserFactory(roles={Role.AUTHOR, Role.REVIEWER}, name="Ada Lovelace")
        version = AssessmentFactory(complete=True, author=author)
        _, write = tokens.create_token(author, "schemathesis", TokenScope.WRITE, 30)
        _, read = tokens.create_token(author, "schemathesis read", TokenScope.READ, 30)
        reference = version.reference
        db.session.remove()
    app.config["API_RATE_LIMIT"] = "100000 per minute"
    yield {"write": {"Authorization": f"Bearer {write}"},
           "read": {"Authorization": f"Bearer {read}"}, "reference": reference}
    app.config["API_RATE_LIMIT"] = "300 per minute"


def _schema(app, headers):
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", Isolated(app),
                                          headers=headers)


def _operations(schema):
    return [result.ok() for result in schema.get_all_operations()]


def _real_sometimes(case, data, reference: str) -> None:
    if "reference" in (case.path_parameters or {}) and data.draw(st.booleans()):
        case.path_parameters["reference"] = reference


RUN = settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
               suppress_health_check=list(HealthCheck))


def test_every_operation_answers_as_its_document_says(app, callers):
    schema = _schema(app, callers["write"])
    operations = _operations(schema)
    assert len(operations) >= 20
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            _exercise(operation, mode, callers)


def _exercise(operation, mode: GenerationMode, callers) -> None:
    checks = CHECKS + ([negative_data_rejection] if mode is GenerationMode.NEGATIVE else [])

    @RUN
    @given(case=operation.as_strategy(generation_mode=mode), data=st.data())
    def exercise(case, data):
        _real_sometimes(case, data, callers["reference"])
        response = case.call(headers=callers["write"])
        case.validate_response(response, checks=checks)

    exercise()


def test_a_read_only_token_cannot_write(app, callers):
    schema = _schema(app, callers["read"])
    writing = [op for op in _operations(schema) if op.method.upper() in WRITES]
    assert len(writing) >= 15
    answers: dict[str, set[int]] = {}
    for operation in writing:
        _refuse(operation, callers, answers)
    never_refused = sorted(name for name, statuses in answers.items() if 403 not in statuses)
    assert never_refused == []


def _refuse(operation, callers, answers: dict[str, set[int]]) -> None:
    @RUN
    @given(case=operation.as_strategy(), data=st.data())
    def refused(case, data):
        _real_sometimes(case, data, callers["reference"])
        response = case.call(headers=callers["read"])
        answers.setdefault(f"{operation.method} {operation.path}", set()).add(
            response.status_code)
        # Only a URL that names nothing at all (404) is answered before the scope check.
        assert response.status_code in (403, 404)

    refused()
