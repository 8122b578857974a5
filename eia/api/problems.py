"""Every API error as `application/problem+json` (RFC 9457): type, title, status, detail, and
the extra members a problem needs (`errors` by field for 422, both texts for a stale edit)."""

from __future__ import annotations

import json

from flask import Response
from werkzeug.http import HTTP_STATUS_CODES

PROBLEM_TYPE = "application/problem+json"


def problem(status: int, detail: str = "", **extra) -> Response:
    body = {"type": "about:blank", "title": HTTP_STATUS_CODES.get(status, "Error"),
            "status": status, "detail": detail, **extra}
    response = Response(json.dumps(body, ensure_ascii=False, default=str), status,
                        mimetype=PROBLEM_TYPE)
    if status == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="Due Regard API"'
    return response


class ApiProblem(Exception):
    """Raised by API code to answer with a problem; turned into a response by the blueprint."""

    def __init__(self, status: int, detail: str = "", **extra):
        super().__init__(detail)
        self.status, self.detail, self.extra = status, detail, extra

    def response(self) -> Response:
        return problem(self.status, self.detail, **self.extra)


def invalid(errors: dict[str, list[str]], detail: str = "The request has invalid fields") -> \
        ApiProblem:
    """422 with the messages by field."""
    return ApiProblem(422, detail, errors=errors)
