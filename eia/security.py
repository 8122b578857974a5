"""Request guards and response headers: the security baseline, in one place.

Before each request: choose the transaction kind, end stale sessions, and apply the access
matrix. After each response: security headers. Sessions are signed cookies that carry the
user's session epoch (see `User.get_id`), so signing out anywhere ends them all server-side.
"""

from __future__ import annotations

import secrets
import time
import unicodedata
from hmac import compare_digest
from urllib.parse import urlsplit

from flask import Flask, abort, current_app, flash, g, redirect, request, session, url_for
from flask_login import current_user, login_user, logout_user
from itsdangerous import BadData, URLSafeTimedSerializer
from sqlalchemy.orm import joinedload

from eia import audit, metrics
from eia.database import set_write_intent, writing
from eia.extensions import db, login_manager
from eia.models.users import User
from eia.permissions import MONITORING, Decision, access_for, decide
from eia.services import held_forms, tokens

# The session's note of a form kept for its author to send again (eia.services.held_forms).
HELD_FORM = "held_form"
# The field the page offering a kept form adds to it, so that sending it again ends the offer.
RESENDING_HELD_FORM = "resending_held_form"
# Flask-WTF's: where the session keeps its CSRF token, and how the forms' copies are signed.
CSRF_SESSION_KEY, CSRF_SALT = "csrf_token", "wtf-csrf-token"
# The CSRF token of the session this browser had before, and whose it was: [token, user id].
EARLIER_CSRF = "earlier_csrf_token"
# Re-issuing the cookie on every request is wasteful; a minute's precision is plenty.
LAST_SEEN_GRANULARITY = 60


@login_manager.user_loader
def load_user(session_id: str) -> User | None:
    user_id, _, epoch = session_id.partition(":")
    if not (user_id.isdigit() and epoch.isdigit()):
        return None
    # With the roles in the same query: every request asks what the person may do.
    user = db.session.get(User, int(user_id), options=[joinedload(User.role_rows)])
    if user is None or not user.active or user.session_epoch != int(epoch):
        return None
    return user


def start_session(user: User) -> None:
    """Sign `user` in with a fresh session, keeping the note of the CSRF token of the session
    before it (see `end_session`)."""
    earlier = session.get(EARLIER_CSRF)
    session.clear()
    if earlier:
        session[EARLIER_CSRF] = earlier
    login_user(user)
    session.permanent = True
    now = int(time.time())
    session["signed_in_at"] = now
    session["last_seen"] = now


def end_session() -> None:
    """Sign out. The ended session's CSRF token, and whose it was, are remembered, so that a
    form still open in another tab is known as this browser's when it is sent (and kept for
    that person to send again: `hold_posted_form`)."""
    raw = session.get(CSRF_SESSION_KEY)
    owner = current_user.id if current_user.is_authenticated else None
    logout_user()
    session.clear()
    if isinstance(raw, str):
        session[EARLIER_CSRF] = [raw, owner]


def safe_next(target: str | None) -> str | None:
    """Return `target` if it is a path on this site, else None (no open redirects)."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return None
    if any(unicodedata.category(ch).startswith("C") or ch == "\\" for ch in target):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    return target


def _begin_by_reading() -> None:
    # Whatever the method: a request's writes take the lock in their use case (`writing()`).
    set_write_intent(False)


def _authenticate_api_token():
    """A request to the API with `Authorization: Bearer <token>` acts as the token's user,
    whatever cookie it carries; a token that does not work is a 401, never a fallback."""
    header = request.headers.get("Authorization")
    if request.blueprint != "api" or header is None:
        return
    scheme, _, secret = header.partition(" ")
    token = tokens.find_usable_token(secret.strip()) if scheme.lower() == "bearer" else None
    if token is None:
        abort(401)
    if tokens.use_is_news(token):
        with writing():
            tokens.record_use(token)
    g.api_token = token
    g._login_user = token.user  # Flask-Login's current user for this request only


def _end_stale_session() -> None:
    if request.endpoint == "static" or g.get("api_token"):
        return
    if not current_user.is_authenticated:
        if "_user_id" in session:
            # The cookie named a user whose epoch moved on or who was disabled.
            session.clear()
        return
    now = int(time.time())
    started, seen = session.get("signed_in_at"), session.get("last_seen")
    config = current_app.config
    if (
        started is None
        or seen is None
        or now - seen > config["SESSION_IDLE_TIMEOUT"].total_seconds()
        or now - started > config["SESSION_ABSOLUTE_TIMEOUT"].total_seconds()
    ):
        held = hold_posted_form()
        end_session()
        if held:
            session[HELD_FORM] = held
            flash("You were signed out because your session timed out. What you were saving "
                  "has been kept: sign in again to send it.")
        else:
            flash("You were signed out because your session timed out. Sign in again to "
                  "continue.")
        return
    if now - seen >= LAST_SEEN_GRANULARITY:
        session["last_seen"] = now


def _forget_held_form_once_sent_again() -> None:
    """A kept form sent again has reached its page, which saves it or shows it back with what
    stops it being saved: either way the kept copy is no longer offered."""
    if (request.method == "POST" and HELD_FORM in session and current_user.is_authenticated
            and request.form.get(RESENDING_HELD_FORM)):
        held_forms.forget(session.pop(HELD_FORM))


def hold_posted_form() -> str | None:
    """Keep what this request's form carried, when it cannot be saved because its session has
    ended, for the person whose form it was; the token that finds it again, or None. Never for
    the API (its clients retry) nor for signing in and passwords, whose fields are not kept."""
    if request.method != "POST" or request.blueprint in ("api", "auth") or not request.form:
        return None
    sent, owner = _sender()
    if not sent:
        return None
    return held_forms.hold(owner, request.full_path.rstrip("?"),
                           list(request.form.items(multi=True)), bool(request.files))


def _sender() -> tuple[bool, int | None]:
    """Whether the form's CSRF token was given to this browser, for this session or the one
    it ended before, and to whom (None: to someone not signed in). A form another site makes
    a browser send has no such token, so it is never kept nor offered back to be sent again."""
    try:
        raw = URLSafeTimedSerializer(current_app.secret_key, salt=CSRF_SALT).loads(
            request.form.get(CSRF_SESSION_KEY, ""))
    except BadData:
        return False, None
    if not isinstance(raw, str):
        return False, None
    current = session.get(CSRF_SESSION_KEY)
    if isinstance(current, str) and compare_digest(raw, current):
        return True, current_user.id if current_user.is_authenticated else None
    earlier, owner = (session.get(EARLIER_CSRF) or [None, None])[:2]
    if isinstance(earlier, str) and compare_digest(raw, earlier):
        return True, owner
    return False, None


def _is_trusted_monitor(endpoint: str) -> bool:
    if access_for(endpoint) is not MONITORING:
        return False
    config = current_app.config
    return metrics.may_scrape(
        request.headers.get("Authorization"), request.remote_addr,
        forwarded="Forwarded" in request.headers or "X-Forwarded-For" in request.headers,
        token=config["METRICS_TOKEN"], allowed=config["METRICS_ALLOW"])


def _apply_access_matrix():
    endpoint = request.endpoint
    if endpoint is None:
        return None  # no such URL: routing answers 404 (or 405)
    roles = current_user.roles if current_user.is_authenticated else None
    decision = decide(endpoint, roles, monitor=_is_trusted_monitor(endpoint))
    if decision is Decision.ALLOW:
        return None
    if decision is Decision.HIDE:
        abort(404)
    if decision is Decision.SIGN_IN:
        if request.blueprint == "api":
            abort(401)
        return redirect(url_for("auth.sign_in", next=safe_next(request.full_path.rstrip("?"))))
    with writing():
        audit.record("access.refused", actor=current_user,
                     details={"endpoint": endpoint, "method": request.method,
                              "path": request.path[:500]})
        db.session.commit()
    abort(404 if decision is Decision.CONCEAL else 403)


def _set_security_headers(response):
    headers = response.headers
    nonce = g.get("csp_nonce", "")
    headers["Content-Security-Policy"] = (
        "default-src 'self'; "
        f"script-src 'self' 'nonce-{nonce}'; "
        "style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )
    headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"
    headers["X-Content-Type-Options"] = "nosniff"
    headers["X-Frame-Options"] = "DENY"
    headers["Referrer-Policy"] = "same-origin"
    headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), interest-cohort=()"
    headers["Cross-Origin-Opener-Policy"] = "same-origin"
    if request.endpoint != "static" and (current_user.is_authenticated
                                         or request.blueprint == "api"):
        headers["Cache-Control"] = "no-store"
    return response


def init_app(app: Flask) -> None:
    @app.before_request
    def _make_nonce():
        g.csp_nonce = secrets.token_urlsafe(16)

    app.before_request(_begin_by_reading)
    app.before_request(_authenticate_api_token)
    # Work after the request (CLI, tests, background jobs) may write again.
    app.teardown_request(lambda _error: set_write_intent(True))
    app.before_request(_end_stale_session)
    app.before_request(_forget_held_form_once_sent_again)
    app.before_request(_apply_access_matrix)
    app.after_request(_set_security_headers)
