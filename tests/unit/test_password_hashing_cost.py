"""Password hashing cost: production parameters everywhere except an application built for tests.

The suite's applications hash cheaply because tests/conftest.py asks for it. These tests hold
the other side: the cheap hasher needs both TESTING and the explicit setting, and the real
application, configured as a deployment would be, hashes with argon2-cffi's own parameters.
"""

from __future__ import annotations

import contextvars

import pytest
from argon2 import PasswordHasher, extract_parameters
from flask import Flask

from eia import create_app
from eia.passwords import hash_password, needs_rehash, verify_password

PASSWORD = "correct horse battery staple"
_DEFAULTS = PasswordHasher()
PRODUCTION = (_DEFAULTS.time_cost, _DEFAULTS.memory_cost, _DEFAULTS.parallelism)


def cost(password_hash: str) -> tuple[int, int, int]:
    parameters = extract_parameters(password_hash)
    return parameters.time_cost, parameters.memory_cost, parameters.parallelism


def test_outside_any_application_hashing_has_production_cost():
    # A new, empty context holds no Flask application (the suite runs each test inside one).
    assert cost(contextvars.Context().run(hash_password, PASSWORD)) == PRODUCTION


@pytest.mark.parametrize("config", [
    {},
    {"TESTING": True},
    {"PASSWORD_HASHING_FOR_TESTS": True},
    {"TESTING": False, "PASSWORD_HASHING_FOR_TESTS": True},
])
def test_cheap_hashing_needs_both_testing_and_the_setting(config):
    app = Flask(__name__)
    app.config.update(config)
    with app.app_context():
        assert cost(hash_password(PASSWORD)) == PRODUCTION


def test_the_application_as_deployed_hashes_with_production_cost(tmp_path):
    app = create_app({"SECRET_KEY": "test", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/x.db"})
    assert not app.config["TESTING"]
    with app.app_context():
        hashed = hash_password(PASSWORD)
        assert cost(hashed) == PRODUCTION
        assert verify_password(hashed, PASSWORD)
        assert not needs_rehash(hashed)


def test_a_cheap_hash_is_strengthened_at_the_next_production_sign_in(app):
    with app.app_context():
        cheap = hash_password(PASSWORD)
    assert cost(cheap) != PRODUCTION  # the suite's own application hashes cheaply
    production = create_app({"SECRET_KEY": "test", "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    with production.app_context():
        assert verify_password(cheap, PASSWORD)
        assert needs_rehash(cheap)
