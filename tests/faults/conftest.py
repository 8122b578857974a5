"""Fixtures for the fault tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask

from eia.extensions import db
from tests.conftest import make_test_app


@pytest.fixture
def own_database(new_database_url, smtp) -> Iterator[tuple[Flask, str]]:
    """An application (for setting up and reading back) and its new database's URL."""
    url = new_database_url("faults")
    app = make_test_app(url, smtp)
    yield app, url
    with app.app_context():
        db.engine.dispose()
