"""Password rules: length over complexity, with a blocklist of common passwords."""

import pytest

from eia.passwords import hash_password, password_problem, verify_password


@pytest.mark.parametrize("password", [
    "correct horse battery staple", "eia-demo-2026", "Tŵr Gŵyr ŷd melyn", "8jK#2mPq!x9Z",
])
def test_good_passwords_pass(password):
    """SECURITY.md (Authentication): Length over complexity, a blocklist of common passwords."""
    assert password_problem(password) is None


@pytest.mark.parametrize("password,problem", [
    ("elevenchars", "12 characters or more"),
    ("password1234", "too common"),
    ("Password1234!!", "too common"),
    ("123456789012", "too common"),
    ("qwertyuiopasdf", "too common"),
    ("aaaaaaaaaaaaaaa", "too common"),
    ("x" * 257, "256 characters or fewer"),
])
def test_weak_passwords_fail(password, problem):
    """SECURITY.md (Authentication): Length over complexity, a blocklist of common passwords."""
    assert problem in password_problem(password)


def test_password_may_not_contain_the_users_name_or_email():
    assert "name or email" in password_problem("priya.shah is great", email="priya.shah@x.org")
    assert "name or email" in password_problem("PriyaShah-2026-ok", name="Priya Shah")


def test_hash_and_verify():
    """SECURITY.md (Authentication): Passwords hashed with argon2."""
    hashed = hash_password("correct horse battery staple")
    assert hashed.startswith("$argon2id$")
    assert verify_password(hashed, "correct horse battery staple")
    assert not verify_password(hashed, "correct horse battery stapler")
    assert not verify_password(None, "anything at all")
    assert not verify_password("not-a-hash", "anything at all")
