"""Error pages: generic, friendly, and never a stack trace.

A database that is locked or unreachable is a 503 with Retry-After, after the transaction has
been rolled back, so nothing is half-written.
"""

from __future__ import annotations

import logging

from flask import Flask, jsonify, render_template, request
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import HTTPException, InternalServerError

from eia.api.problems import problem
from eia.extensions import db

log = logging.getLogger(__name__)

PAGES = {400, 401, 403, 404, 405, 413, 429, 500, 503}


def _wants_json() -> bool:
    return request.blueprint == "api" or request.path == "/healthz"


def _is_api() -> bool:
    # A URL under the API that matches no route has no blueprint, and is still the API's.
    return request.blueprint == "api" or request.path.startswith("/api/")


def _render(status: int, **context):
    if _is_api():
        detail = ("Send the X-CSRFToken header with the session's token, or use an API token"
                  if context.get("csrf") else context.get("message", ""))
        return problem(status, detail), status
    if _wants_json():
        return jsonify({"error": status, "message": context.get("message", "")}), status
    template = f"errors/{status if status in PAGES else 'generic'}.html"
    return render_template(template, status=status, **context), status


def init_app(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def _csrf(error):
        return _render(400, csrf=True)

    @app.errorhandler(HTTPException)
    def _http(error: HTTPException):
        response = _render(error.code or 500)
        if error.code == 503:
            return response[0], 503, {"Retry-After": "5"}
        return response

    @app.errorhandler(OperationalError)
    def _database_unavailable(error):
        db.session.rollback()
        log.warning("Database unavailable: %s", error)
        body, _ = _render(503)
        return body, 503, {"Retry-After": "5"}

    @app.errorhandler(Exception)
    def _unexpected(error):
        if isinstance(error, HTTPException):
            return _http(error)
        db.session.rollback()
        log.exception("Unhandled error on %s %s", request.method, request.path)
        return _render(InternalServerError.code)

