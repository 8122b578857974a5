"""Fixtures for the fault tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask

from eia.extensions import db
from tests.conftest import make_test_app
from tests.support.migrated import migrated_database_url


@pytest.fixture
def own_database(new_database_url, postgres, smtp) -> Iterator[tuple[Flask, str]]:
    """An application (for setting up and reading back) and its new database's URL."""
    url = migrated_database_url(new_database_url, postgres, smtp, "faults")
    app = make_test_app(url, smtp)
    yield app, url
    with app.app_context():
        db.engine.dispose()
