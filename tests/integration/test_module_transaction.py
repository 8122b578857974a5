"""A world built once for a module (`module_transaction`): each test finds it as it was built,
whatever the tests before it saved, and each test's own commits are seen within it."""

from __future__ import annotations

import itertools

import pytest

from eia.domain import Role
from eia.services import accounts
from tests.conftest import reloaded
from tests.factories import UserFactory

# The second test proves something only when the first ran before it, in the same process:
# `make test` keeps a module's tests on one worker, in file order (--dist loadfile), and the
# second test fails, rather than passing with nothing to prove, if the first did not run.
_builds = itertools.count(1)
_first_ran: list[bool] = []


@pytest.fixture(scope="module")
def built(module_transaction):
    return {"person": UserFactory(roles={Role.AUTHOR}, name="Built Once"),
            "build": next(_builds)}


@pytest.fixture
def world(built, app_context):
    return reloaded(built)


def test_a_test_saves_changes_to_the_world_and_a_new_person(world):
    person = world["person"]
    admin = UserFactory(roles={Role.ADMIN})
    accounts.disable_user(admin, person)
    accounts.create_user(email="made-in-a-test@example.org", name="Made in a test",
                         job_title="", roles={Role.AUTHOR}, password=None)
    assert not reloaded(person).active
    assert accounts.get_user_by_email("made-in-a-test@example.org") is not None
    _first_ran.append(True)


def test_the_next_finds_the_world_as_built_and_nothing_the_first_saved(world):
    assert _first_ran, "the test before this one did not run first in this process"
    assert world["build"] == 1
    assert world["person"].name == "Built Once" and world["person"].active
    assert accounts.get_user_by_email("made-in-a-test@example.org") is None
