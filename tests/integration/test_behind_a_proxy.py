"""Behind reverse proxies (PROXY_COUNT), the address a person signs in from is the one the
proxies report, so sign-in throttling counts each person's attempts, not the proxy's; without
it, an address a client claims in X-Forwarded-For is ignored, so it cannot dodge the limit."""

from __future__ import annotations

import pytest

from eia.extensions import db
from eia.views.auth import ADDRESS_ATTEMPTS
from tests.conftest import make_test_app
from tests.support.migrated import migrated_database_url

ALLOWED = int(ADDRESS_ATTEMPTS.split()[0])


def attempt(client, address: str, number: int) -> int:
    """A failed sign-in (an account that does not exist) from `address` as forwarded."""
    return client.post("/sign-in", headers={"X-Forwarded-For": address}, data={
        "csrf_token": client.csrf_token(), "email": f"nobody{number}@example.org",
        "password": "not a password"}).status_code


@pytest.fixture
def behind_a_proxy(new_database_url, postgres, smtp):
    url = migrated_database_url(new_database_url, postgres, smtp, "proxy")
    app = make_test_app(url, smtp, PROXY_COUNT=1)
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.mark.own_app
def test_behind_a_proxy_each_address_has_its_own_sign_in_limit(behind_a_proxy):
    client = behind_a_proxy.test_client()
    assert {attempt(client, "203.0.113.1", n) for n in range(ALLOWED)} == {200}
    assert attempt(client, "203.0.113.1", ALLOWED) == 429
    assert attempt(client, "203.0.113.2", ALLOWED + 1) == 200  # someone else, same proxy


def test_without_a_proxy_a_claimed_address_does_not_dodge_the_limit(client):
    assert {attempt(client, f"203.0.113.{n}", n) for n in range(ALLOWED)} == {200}
    assert attempt(client, "198.51.100.7", ALLOWED) == 429
