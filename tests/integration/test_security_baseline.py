"""Headers, error pages, limits and the health check."""

from __future__ import annotations

import re
import sqlite3

import pytest
from flask import Blueprint
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from eia import create_app
from eia.domain import Role
from eia.permissions import ACCESS, SIGNED_IN
from tests.conftest import make_test_app
from tests.pages import parse


def test_security_headers_on_every_page(client):
    """SECURITY.md (Headers): CSP with nonces, HSTS, nosniff, frame-ancestors 'none', Referrer-
    Policy."""
    response = client.get("/sign-in")
    headers = response.headers
    csp = headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
    nonce = re.search(r"'nonce-([^']+)'", csp).group(1)
    scripts = parse(response).find_all("script")
    assert scripts and all(script.get("nonce") == nonce for script in scripts)
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Strict-Transport-Security"].startswith("max-age=")
    assert headers["Referrer-Policy"] == "same-origin"
    # A new nonce every time.
    assert re.search(r"'nonce-([^']+)'", client.get("/sign-in").headers[
        "Content-Security-Policy"]).group(1) != nonce


def test_authenticated_pages_are_not_stored(client_as, client):
    """SECURITY.md (Headers): Cache-Control: no-store on authenticated pages."""
    assert "no-store" in client_as(Role.AUTHOR).get("/").headers["Cache-Control"]
    assert "no-store" not in client.get("/sign-in").headers.get("Cache-Control", "")


def test_session_cookie_flags(client_as):
    """SECURITY.md (Sessions): Secure, HttpOnly, SameSite cookies."""
    cookie = client_as(Role.AUTHOR).get_cookie("due-regard")
    assert cookie.http_only
    assert cookie.same_site == "Lax"


def test_health_check(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok"}


@pytest.mark.own_app
def test_health_check_is_503_when_the_database_is_unreachable(tmp_path):
    """SECURITY.md (Errors): A locked or lost database gives 503 and a retry, never a half-
    write."""
    unreachable = f"sqlite:///{tmp_path}/no-such-folder/due-regard.db"
    app = create_app({"TESTING": True, "SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": unreachable})
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json() == {"status": "unavailable", "database": "unreachable"}


def test_oversized_request_gets_413(client):
    """SECURITY.md (Uploads): Size cap enforced before the body is read."""
    response = client.post("/sign-in", data={"email": "x" * (11 * 1024 * 1024)})
    assert response.status_code == 413
    assert "too large" in response.get_data(as_text=True)


def test_unknown_page_gets_a_friendly_404(client_as):
    response = client_as(Role.AUTHOR).get("/no-such-page")
    assert response.status_code == 404
    assert "Page not found" in response.get_data(as_text=True)


def test_csrf_failure_explains_without_a_stack_trace(client_as):
    """SECURITY.md (Errors): Generic error pages, no stack traces; debug off."""
    client = client_as(Role.ADMIN)
    response = client.post("/admin/units/new", data={"name": "No token", "parent_id": ""})
    assert response.status_code == 400
    assert "Your form could not be sent" in response.get_data(as_text=True)


@pytest.fixture
def app_with_a_crashing_page(smtp, tmp_path):
    app = make_test_app(f"sqlite:///{tmp_path}/crash.db", smtp)
    crash = Blueprint("crash", __name__)

    @crash.get("/crash")
    def explode():
        raise RuntimeError("secret internals")

    @crash.get("/locked")
    def locked():
        raise OperationalError("UPDATE users", {}, sqlite3.OperationalError("database is locked"))

    app.register_blueprint(crash)
    ACCESS.update({"crash.explode": SIGNED_IN, "crash.locked": SIGNED_IN})
    yield app
    del ACCESS["crash.explode"], ACCESS["crash.locked"]


@pytest.mark.own_app
def test_unexpected_error_is_a_generic_500(app_with_a_crashing_page):
    """SECURITY.md (Errors): generic error pages, no stack traces; a database that is locked
    or gone gives 503 and a time to retry after."""
    from tests.conftest import sign_in_client
    from tests.factories import UserFactory

    app = app_with_a_crashing_page
    with app.app_context():
        user = UserFactory(roles={Role.AUTHOR})
        user.email  # noqa: B018  (load it before the context, and its transaction, ends)
    client = sign_in_client(app, user)
    response = client.get("/crash")
    assert response.status_code == 500
    body = response.get_data(as_text=True)
    assert "Sorry, there is a problem with the service" in body
    assert "secret internals" not in body and "Traceback" not in body
    response = client.get("/locked")
    assert response.status_code == 503
    assert response.headers["Retry-After"].isdigit()
    assert "database is locked" not in response.get_data(as_text=True)


@pytest.mark.own_app
def test_a_new_installation_has_no_accounts_at_all(smtp, tmp_path):
    """SECURITY.md (Authentication): no default admin account. A database just migrated holds
    nobody to sign in as; the first administrator is made with `flask eia create-user`."""
    from eia.models.users import User

    app = make_test_app(f"sqlite:///{tmp_path}/new.db", smtp)  # runs `db upgrade`
    with app.app_context():
        from eia.extensions import db

        assert db.session.scalar(select(func.count()).select_from(User)) == 0
