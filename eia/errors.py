"""Error pages: generic, friendly, and never a stack trace.

A database that is locked or unreachable is a 503 with Retry-After, after the transaction has
been rolled back, so nothing is half-written; the page is drawn without the database. A
database with no room left to grow (a full disk) is a 507: waiting a few seconds would not help,
and the page says that nothing was saved.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3

from flask import Flask, flash, g, jsonify, redirect, render_template, request, session, url_for
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from werkzeug.exceptions import HTTPException, InternalServerError

from eia.api.problems import problem
from eia.extensions import db, login_manager
from eia.security import HELD_FORM, hold_posted_form

log = logging.getLogger(__name__)

PAGES = {400, 401, 403, 404, 405, 413, 429, 500, 503, 507}

NO_ROOM = "The server has no room to save this; nothing was saved."
POSTGRESQL_DISK_FULL = "53100"  # SQLSTATE disk_full


def _out_of_space(error: OperationalError) -> bool:
    """SQLite's "database or disk is full" (SQLITE_FULL), or PostgreSQL's disk_full."""
    original = error.orig
    return (getattr(original, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL
            or getattr(original, "sqlstate", None) == POSTGRESQL_DISK_FULL)


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
    try:
        return render_template(template, status=status, **context), status
    except OperationalError:
        if status == 503:
            raise
        # The database was lost while this page was drawn (the header reads the unread
        # count): say so, as for any request that finds it gone.
        return _unavailable()


def _unavailable():
    """The "try again" page, drawn as for someone signed out: the signed-in person (and their
    unread count in the header) would be read from the database that is not there."""
    _drop_the_transaction()
    g._login_user = login_manager.anonymous_user()
    body, _ = _render(503)
    return body, 503, {"Retry-After": "5"}


def _drop_the_transaction() -> None:
    """Roll back what the request did. On a connection that was lost this fails, and there is
    nothing to roll back: the database server has already dropped the transaction."""
    try:
        db.session.rollback()
    except SQLAlchemyError:
        with contextlib.suppress(SQLAlchemyError):
            db.session.close()


def init_app(app: Flask) -> None:
    @app.teardown_appcontext
    def _end_the_session(_error) -> None:
        # Runs before Flask-SQLAlchemy's own removal (registered earlier), which would raise
        # on a connection lost after the response was made, and turn it into a 500.
        try:
            db.session.remove()
        except SQLAlchemyError as error:
            log.warning("Database connection lost after the response: %s", error)
            _drop_the_transaction()
            db.session.remove()

    @app.errorhandler(CSRFError)
    def _csrf(error):
        # The form's token belongs to a session that has ended: keep what it carried, for
        # its author to send again with a token of the session they have now.
        held = hold_posted_form()
        if held is None:
            return _render(400, csrf=True)
        session[HELD_FORM] = held
        if not current_user.is_authenticated:
            flash("Your session had ended. What you were saving has been kept: sign in again "
                  "to send it.")
            return redirect(url_for("auth.sign_in"))
        return redirect(url_for("account.view_held_form"))

    @app.errorhandler(HTTPException)
    def _http(error: HTTPException):
        response = _render(error.code or 500)
        if error.code == 503:
            return response[0], 503, {"Retry-After": "5"}
        return response

    @app.errorhandler(OperationalError)
    def _database_unavailable(error):
        _drop_the_transaction()
        if _out_of_space(error):
            log.error("No room left in the database: %s", error)
            return _render(507, message=NO_ROOM)
        log.warning("Database unavailable: %s", error)
        return _unavailable()

    @app.errorhandler(Exception)
    def _unexpected(error):
        if isinstance(error, HTTPException):
            return _http(error)
        _drop_the_transaction()
        log.exception("Unhandled error on %s %s", request.method, request.path)
        return _render(InternalServerError.code)

