"""Invitations, password resets by email, and changing a password."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from eia.domain import Role
from eia.extensions import db
from eia.models.users import PasswordToken
from tests.conftest import sign_in_client
from tests.factories import PASSWORD, InvitedUserFactory, UserFactory
from tests.pages import banner_text, error_summary, parse

NEW_PASSWORD = "lantern meadow copper violin"


def link_in(message) -> str:
    body = message.get_content()
    match = re.search(r"http://localhost(/set-password/\S+)", body)
    assert match, body
    return match.group(1)


@pytest.fixture
def invited(app_context, outbox):
    user = InvitedUserFactory(email="new.starter@example.org", name="Nia Jones",
                              roles={Role.AUTHOR})
    return user


def test_invitation_email_lets_the_user_set_a_password_and_sign_in(app, invited, outbox):
    [message] = outbox.wait_for(1)
    assert message["To"] == "new.starter@example.org"
    assert message["Subject"] == "You have been invited to Due Regard"
    path = link_in(message)

    client = app.test_client()
    page = parse(client.get(path))
    assert page.h1.get_text(strip=True) == "Create your password"
    response = client.post(path, data={"csrf_token": client.csrf_token(),
                                       "password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert response.location == "/"
    assert "Your password has been set" in client.get("/").get_data(as_text=True)

    # The link works once.
    assert client.get(path).status_code == 404


def test_weak_or_mismatched_passwords_are_refused_with_clear_messages(app, invited, outbox):
    path = link_in(outbox.wait_for(1)[0])
    client = app.test_client()
    cases = [
        ("short", "short", "Password must be 12 characters or more"),
        ("password1234", "password1234", "Password is too common"),
        ("qwertyuiop123!", "qwertyuiop123!", "Password is too common"),
        ("njones-new.starter", "njones-new.starter", "must not contain your name or email"),
        (NEW_PASSWORD, NEW_PASSWORD + "x", "The passwords do not match"),
    ]
    for password, confirm, expected in cases:
        page = parse(client.post(path, data={"csrf_token": client.csrf_token(),
                                             "password": password, "confirm": confirm}))
        assert any(expected in e for e in error_summary(page)), (password, error_summary(page))
    assert PasswordToken.query.filter_by(user_id=invited.id, used_at=None).count() == 1


def test_expired_link_is_refused(app, invited, outbox):
    path = link_in(outbox.wait_for(1)[0])
    token = db.session.scalar(db.select(PasswordToken).where(PasswordToken.user_id == invited.id))
    token.expires_at -= timedelta(hours=25)
    db.session.commit()
    response = app.test_client().get(path)
    assert response.status_code == 404
    assert "expired or has already been used" in response.get_data(as_text=True)


def test_reset_by_email_for_a_known_address(app, outbox):
    user = UserFactory(email="reset.me@example.org", roles={Role.REVIEWER})
    outbox.clear()
    client = app.test_client()
    page = parse(client.post_form("auth.forgot_password", {"email": "Reset.Me@example.org"}))
    assert page.h1.get_text(strip=True) == "Check your email"
    [message] = outbox.wait_for(1)
    assert message["Subject"] == "Reset your Due Regard password"
    path = link_in(message)
    response = client.post(path, data={"csrf_token": client.csrf_token(),
                                       "password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert response.status_code == 302
    # The old password no longer works; the new one does.
    fresh = app.test_client()
    assert fresh.post_form("auth.sign_in", {"email": user.email,
                                            "password": PASSWORD}).status_code == 200
    assert fresh.post_form("auth.sign_in", {"email": user.email,
                                            "password": NEW_PASSWORD}).status_code == 302


def test_reset_for_an_unknown_address_looks_the_same_and_sends_nothing(app, outbox):
    """SECURITY.md (Authentication): One vague message for wrong password and unknown user."""
    client = app.test_client()
    page = parse(client.post_form("auth.forgot_password", {"email": "nobody@example.org"}))
    assert page.h1.get_text(strip=True) == "Check your email"
    assert outbox.messages == []


def test_change_password_ends_other_sessions_but_not_this_one(app, app_context):
    user = UserFactory(roles={Role.AUTHOR})
    laptop = sign_in_client(app, user)
    phone = sign_in_client(app, user)
    response = laptop.post_form("auth.change_password", {
        "current": PASSWORD, "password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert response.location == "/"
    assert "signed out everywhere else" in banner_text(laptop.get_page("main.home"))
    assert phone.get("/").status_code == 302


def test_change_password_with_the_wrong_current_password(app, app_context):
    user = UserFactory(roles={Role.AUTHOR})
    client = sign_in_client(app, user)
    page = parse(client.post_form("auth.change_password", {
        "current": "not my password", "password": NEW_PASSWORD, "confirm": NEW_PASSWORD}))
    assert error_summary(page) == ["Your current password is not correct"]
