"""Signing in and out, throttling, and how sessions end."""

from __future__ import annotations

import time

import pytest

from eia.domain import Role
from eia.extensions import db
from eia.models.audit import AuditEvent
from tests.conftest import sign_in_client
from tests.factories import PASSWORD, UserFactory
from tests.pages import error_summary, parse


@pytest.fixture
def author(app_context):
    return UserFactory(email="Priya.Shah@Example.org", roles={Role.AUTHOR})


def test_anonymous_page_request_goes_to_sign_in_and_comes_back(app, author):
    client = app.test_client()
    response = client.get("/admin/users")
    assert response.status_code == 302
    assert response.location == "/sign-in?next=/admin/users"

    response = client.post(
        "/sign-in?next=/admin/users",
        data={"csrf_token": client.csrf_token(), "email": author.email, "password": PASSWORD},
    )
    assert response.location == "/admin/users"


def test_sign_in_ignores_the_case_of_the_email(app, author):
    client = app.test_client()
    response = client.post_form(
        "auth.sign_in", {"email": "  PRIYA.SHAH@example.ORG ", "password": PASSWORD}
    )
    assert response.status_code == 302
    home = client.get_page("main.home")
    assert author.name in home.h1.get_text()


@pytest.mark.parametrize("email,password", [
    ("priya.shah@example.org", "wrong password here"),
    ("nobody@example.org", PASSWORD),
])
def test_wrong_password_and_unknown_email_get_the_same_vague_message(app, author, email, password):
    """SECURITY.md (Authentication): One vague message for wrong password and unknown user."""
    client = app.test_client()
    response = client.post_form("auth.sign_in", {"email": email, "password": password})
    assert response.status_code == 200
    page = parse(response)
    assert error_summary(page) == ["Enter a correct email address and password"]
    # What the user typed is kept, except the password.
    assert page.select_one("input[name=email]")["value"] == email
    assert not page.select_one("input[name=password]").get("value")


def test_empty_form_says_what_is_missing(app):
    client = app.test_client()
    page = parse(client.post_form("auth.sign_in", {"email": "", "password": ""}))
    assert error_summary(page) == ["Enter your email address", "Enter your password"]


def test_the_eleventh_wrong_password_in_a_row_is_refused_with_429(app, author):
    """SECURITY.md (Authentication): Sign-in throttled per account and per address."""
    client = app.test_client()
    for _ in range(10):
        response = client.post_form("auth.sign_in",
                                    {"email": author.email, "password": "not the password"})
        assert response.status_code == 200
    response = client.post_form("auth.sign_in", {"email": author.email, "password": PASSWORD})
    assert response.status_code == 429
    assert "Too many attempts" in response.get_data(as_text=True)


def test_throttling_one_account_does_not_lock_out_another(app, author):
    other = UserFactory(roles={Role.AUTHOR})
    client = app.test_client()
    for _ in range(10):
        client.post_form("auth.sign_in", {"email": author.email, "password": "not it at all"})
    response = client.post_form("auth.sign_in", {"email": other.email, "password": PASSWORD})
    assert response.status_code == 302


def test_failed_and_successful_sign_ins_are_audited(app, author):
    """SECURITY.md (Audit): Logins, failed logins and refused access audited."""
    client = app.test_client()
    client.post_form("auth.sign_in", {"email": author.email, "password": "not the password"})
    client.post_form("auth.sign_in", {"email": author.email, "password": PASSWORD})
    actions = [e.action for e in db.session.scalars(
        db.select(AuditEvent).where(AuditEvent.actor_email == author.email)
        .order_by(AuditEvent.id))]
    assert actions[-2:] == ["sign_in.failed", "sign_in"]


def test_tampered_session_cookie_is_anonymous(app, author):
    """SECURITY.md (Sessions): Sign-out and disablement end every session."""
    client = sign_in_client(app, author)
    cookie = client.get_cookie("due-regard")
    payload, _, signature = cookie.value.rpartition(".")
    forged = payload + "." + ("A" if signature[0] != "A" else "B") + signature[1:]
    client.set_cookie("due-regard", forged)
    response = client.get("/")
    assert response.status_code == 302
    assert response.location.startswith("/sign-in")


def test_a_cookie_saved_before_sign_out_does_not_work_after_it(app, author):
    """SECURITY.md (Sessions): Sign-out and disablement end every session."""
    client = sign_in_client(app, author)
    saved = client.get_cookie("due-regard").value
    client.post_form("auth.sign_out")

    thief = app.test_client()
    thief.set_cookie("due-regard", saved)
    response = thief.get("/")
    assert response.status_code == 302
    assert response.location.startswith("/sign-in")


def test_sign_out_needs_a_post_with_a_csrf_token(app, author):
    client = sign_in_client(app, author)
    assert client.get("/sign-out").status_code == 405
    assert client.post("/sign-out").status_code == 400
    assert client.get("/").status_code == 200


def test_a_disabled_users_next_request_is_signed_out(app, author):
    """SECURITY.md (Sessions): Sign-out and disablement end every session."""
    from eia.services import accounts

    admin = UserFactory(roles={Role.ADMIN})
    client = sign_in_client(app, author)
    assert client.get("/").status_code == 200
    accounts.disable_user(admin, author)
    response = client.get("/")
    assert response.status_code == 302
    assert response.location.startswith("/sign-in")
    # And they cannot sign back in.
    page = parse(client.post_form("auth.sign_in", {"email": author.email, "password": PASSWORD}))
    assert error_summary(page) == ["Enter a correct email address and password"]


def _age_session(client, *, idle: int = 0, since_sign_in: int = 0) -> None:
    with client.session_transaction() as session:
        session["last_seen"] -= idle
        session["signed_in_at"] -= since_sign_in


def test_idle_timeout_after_thirty_minutes(app, author):
    """SECURITY.md (Sessions): Idle and absolute timeouts."""
    client = sign_in_client(app, author)
    _age_session(client, idle=29 * 60, since_sign_in=29 * 60)
    assert client.get("/").status_code == 200
    _age_session(client, idle=31 * 60, since_sign_in=31 * 60)
    response = client.get("/", follow_redirects=True)
    assert "signed out because your session timed out" in response.get_data(as_text=True)
    assert client.get("/").status_code == 302


def test_absolute_timeout_even_when_busy(app, author):
    """SECURITY.md (Sessions): Idle and absolute timeouts."""
    client = sign_in_client(app, author)
    _age_session(client, since_sign_in=13 * 3600)
    assert client.get("/").status_code == 302


def test_next_only_accepts_local_paths(app, author):
    """SECURITY.md (Redirects): next accepts only local paths."""
    for hostile in ["//evil.example", "/\\evil.example", "https://evil.example/",
                    "/\r\nSet-Cookie:x", "javascript:alert(1)", "/\tjavascript"]:
        client = app.test_client()
        response = client.post(
            "/sign-in", query_string={"next": hostile},
            data={"csrf_token": client.csrf_token(), "email": author.email, "password": PASSWORD},
        )
        assert response.status_code == 302
        assert response.location == "/", hostile


def test_signed_in_user_visiting_sign_in_goes_home(app, author):
    client = sign_in_client(app, author)
    assert client.get("/sign-in").location == "/"


def test_last_sign_in_is_recorded(app, author):
    before = time.time()
    sign_in_client(app, author)
    db.session.refresh(author)
    assert author.last_sign_in_at.timestamp() >= before - 1


def test_signing_in_starts_a_new_session(app, author):
    """SECURITY.md (Sessions): a new session on sign-in, so nothing planted in the session
    before it (a fixed session) survives into the signed-in one."""
    client = app.test_client()
    client.get("/sign-in")
    with client.session_transaction() as before:
        before["planted"] = "by someone else"
        token_before = before.get("csrf_token")
    assert token_before, "the sign-in page should have put a CSRF token in the session"
    response = client.post_form("auth.sign_in", {"email": author.email, "password": PASSWORD})
    assert response.status_code == 302
    with client.session_transaction() as after:
        assert "planted" not in after
        assert after.get("csrf_token") != token_before


def test_many_wrong_passwords_from_one_address_are_refused_whatever_the_accounts(app, author):
    """SECURITY.md (Authentication): sign-in is throttled per address as well as per account:
    fifty failures spread over accounts, none past its own limit, stop the fifty-first try."""
    client = app.test_client()
    for attempt in range(50):
        response = client.post_form("auth.sign_in", {
            "email": f"guess{attempt % 10}@example.org", "password": "not the password"})
        assert response.status_code == 200
    response = client.post_form("auth.sign_in", {"email": author.email, "password": PASSWORD})
    assert response.status_code == 429
