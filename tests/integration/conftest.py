"""Fixtures for the guided-assessment tests: an author signed in, and their new assessment.

Test modules that need a different author (another name, more roles) define their own.
"""

from __future__ import annotations

import pytest

from eia.extensions import db
from eia.models.users import User
from eia.permissions import Role
from tests.factories import start_assessment


@pytest.fixture
def author_client(client_as):
    return client_as(Role.AUTHOR, name="Priya Shah")


@pytest.fixture
def author(author_client, app_context):
    return db.session.get(User, author_client.user_id)


@pytest.fixture
def version(author):
    return start_assessment(author)
