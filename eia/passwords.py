"""Password rules and hashing: argon2, length over complexity, and a blocklist of common ones.

Hashing uses argon2-cffi's default parameters (RFC 9106's low-memory profile). The one exception
is an application built for tests that asks for cheap hashing with PASSWORD_HASHING_FOR_TESTS as
well as TESTING: most tests make a user and sign in, and at production cost each hash is a large
fraction of a second spent testing nothing. Neither setting is read from the environment, so no
deployment can switch to the cheap hasher by mistake.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app, has_app_context

MIN_LENGTH = 12
MAX_LENGTH = 256



class _Hashing:
    """A hasher and a dummy hash of its own cost.

    Verifying against the dummy hash when no account matches keeps sign-in time the same either
    way, so its cost must be the hasher's.
    """

    def __init__(self, hasher: PasswordHasher, dummy_hash: str | None = None):
        self.hasher = hasher
        if dummy_hash is None or hasher.check_needs_rehash(dummy_hash):
            dummy_hash = hasher.hash(_DUMMY_PASSWORD)
        self.dummy_hash = dummy_hash


_DUMMY_PASSWORD = "not a real password, only for timing"  # noqa: S105  (hashed only for timing)
# _DUMMY_PASSWORD hashed with argon2-cffi's default parameters. Hashing it as each process starts
# costs a quarter of a second of processor time, paid again by every server worker and every
# `flask` command; should the defaults change, the hash no longer matches them and is made
# afresh.
_PRODUCTION_DUMMY_HASH = ("$argon2id$v=19$m=65536,t=3,p=4$jgY0wJuWtSkGc9PjJGaj9w"
                          "$nw6MU8LtOmbLXQJN7VM3iyXLUdYAwttwfmAq4oT+CXA")
_PRODUCTION = _Hashing(PasswordHasher(), _PRODUCTION_DUMMY_HASH)
# The least work argon2 accepts: same algorithm and code path, none of the cost.
_CHEAP_FOR_TESTS = _Hashing(PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
_PADDING = re.compile(r"[\d\W_]+$")
# Runs of keys or letters people type without thinking: "qwertyuiop", "abcdefgh", "12345678".
_SEQUENCES = ("qwertyuiopasdfghjklzxcvbnm", "abcdefghijklmnopqrstuvwxyz", "01234567890")


@cache
def _common_passwords() -> frozenset[str]:
    text = resources.files("eia.data").joinpath("common-passwords.txt").read_text("utf-8")
    return frozenset(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


def password_problem(password: str, *, email: str = "", name: str = "") -> str | None:
    """Say what is wrong with a new password, or None when it is acceptable."""
    if len(password) < MIN_LENGTH:
        return f"Password must be {MIN_LENGTH} characters or more"
    if len(password) > MAX_LENGTH:
        return f"Password must be {MAX_LENGTH} characters or fewer"
    lowered = password.lower()
    # "password1234!" is as weak as "password": judge what is left without trailing padding.
    core = _PADDING.sub("", lowered)
    common = _common_passwords()
    if (lowered in common or core in common or not core or len(set(lowered)) < 4
            or _is_sequence(lowered)):
        return "Password is too common or too easy to guess; try three or four random words"
    personal = {email.lower(), email.lower().split("@")[0], name.lower().replace(" ", "")}
    if any(part and len(part) >= 4 and part in lowered.replace(" ", "") for part in personal):
        return "Password must not contain your name or email address"
    return None


def _is_sequence(text: str) -> bool:
    return any(text in run or text in run[::-1] for run in _SEQUENCES)


def _hashing() -> _Hashing:
    """Production hashing, unless the current application is a test one that asks otherwise."""
    if (has_app_context() and current_app.config.get("TESTING")
            and current_app.config.get("PASSWORD_HASHING_FOR_TESTS")):
        return _CHEAP_FOR_TESTS
    return _PRODUCTION


def hash_password(password: str) -> str:
    return _hashing().hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """True when `password` matches; takes the same time when there is no hash to check."""
    hashing = _hashing()
    try:
        return (hashing.hasher.verify(password_hash or hashing.dummy_hash, password)
                and bool(password_hash))
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """True when the hash was made with other parameters than the current ones."""
    return _hashing().hasher.check_needs_rehash(password_hash)
