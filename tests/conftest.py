"""Fixtures for the whole suite.

The suite runs against one database per run: SQLite by default, PostgreSQL when
TEST_DATABASE=postgresql (a throwaway server is started for the run). The schema is built by
the real migrations. Each test runs inside a transaction that is rolled back afterwards, so
tests are isolated however often the services commit. Email goes to a real SMTP server on
loopback.

Under pytest-xdist (`make test` runs each database's suite in several processes) every
session fixture here runs once per process, so each process has its own SQLite files, its own
PostgreSQL server and its own SMTP server, and shares nothing with the others but the CPU.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType

import pytest
from flask import Flask
from flask_migrate import upgrade
from flask_sqlalchemy.session import Session
from sqlalchemy import Connection, inspect
from sqlalchemy.orm.state import InstanceState

from eia import create_app
from eia.domain import Role
from eia.extensions import db, limiter
from tests.factories import PASSWORD, UserFactory
from tests.pages import PageClient
from tests.support.postgres import ThrowawayPostgres
from tests.support.smtp import LoopbackSMTP

DATABASE = os.environ.get("TEST_DATABASE", "sqlite")


def pytest_report_header(config):
    return f"database: {DATABASE}"


def pytest_collection_modifyitems(config, items):
    """A test that belongs to one database's run (see `run_of`) is deselected by the other,
    counted in its summary as deselected, never skipped."""
    elsewhere = [item for item in items if run_of(item) not in (None, DATABASE)]
    if elsewhere:
        config.hook.pytest_deselected(items=elsewhere)
        deselected = set(map(id, elsewhere))
        items[:] = [item for item in items if id(item) not in deselected]


UNIT_TESTS = Path(__file__).resolve().parent / "unit"
BROWSER_JOURNEYS = Path(__file__).resolve().parent / "browser"
# Marks of tests that are the same on every database and run once, in SQLite's run (`run_of`).
RUN_ONCE_MARKS = ("route_walk", "document")


def run_of(item) -> str | None:
    """The one database whose run `item` belongs to; None for a test of both.

    A `postgresql` or `sqlite` mark gives the run: what only that database has, or what is the
    same on every database and given to PostgreSQL's run so that the two runs, side by side,
    take about as long (the longest browser journey, the hostile-text walk). What else is the
    same whatever the database runs once, in the SQLite run: the browser journeys, the unit
    tests (`tests/unit`, which test code that reads no database), the walks of every route
    as every role (a `route_walk` mark), which test the views and the access rules and take a
    minute or more, and the tests that read a built PDF back (a `document` mark), which test
    the document, not where its content was kept. Every page is still drawn on PostgreSQL, by
    every role it is for, in `test_get_changes_nothing.py`, and a PDF is still built from
    PostgreSQL, signed off and downloaded, in `test_pdf.py`.
    """
    for database in ("sqlite", "postgresql"):
        if item.get_closest_marker(database) is not None:
            return database
    folders = Path(item.path).resolve().parents
    if (UNIT_TESTS in folders or BROWSER_JOURNEYS in folders
            or any(item.get_closest_marker(mark) is not None for mark in RUN_ONCE_MARKS)):
        return "sqlite"
    return None


@pytest.fixture(scope="session")
def postgres() -> Iterator[ThrowawayPostgres | None]:
    """A PostgreSQL server of this test process's own.

    One server per process rather than one shared by all: starting one adds a few seconds to
    each process, and a server of its own lets each process name its databases freely and
    leave them behind without any coordination between processes.
    """
    if DATABASE != "postgresql":
        yield None
        return
    from tests.support import require_postgres

    require_postgres()
    with ThrowawayPostgres() as server:
        yield server


@pytest.fixture(scope="session")
def new_database_url(postgres, tmp_path_factory):
    """Make an empty database of the kind under test and return its URL."""
    made = 0

    def make(name: str) -> str:
        nonlocal made
        made += 1
        if postgres is not None:
            return postgres.create_database(f"{name}_{made}")
        path = tmp_path_factory.mktemp("db") / f"{name}.db"
        return f"sqlite:///{path}"

    return make


@pytest.fixture(scope="session")
def smtp() -> Iterator[LoopbackSMTP]:
    with LoopbackSMTP() as server:
        yield server


def make_test_app(database_url: str, smtp: LoopbackSMTP, **overrides) -> Flask:
    settings = {
        "TESTING": True,
        "SECRET_KEY": "test-secret-key",
        "SQLALCHEMY_DATABASE_URI": database_url,
        "MAIL_SERVER": smtp.host,
        "MAIL_PORT": smtp.port,
        "MAIL_TIMEOUT_SECONDS": 5,
        "PUBLIC_URL": "http://localhost",
        "RATELIMIT_STORAGE_URI": "memory://",
        # Argon2 at its least cost (see eia/passwords.py): every user a test makes is hashed
        # and every client_as signs in through the real form, and at production cost a hash
        # and its check take about half a second of processor time.
        "PASSWORD_HASHING_FOR_TESTS": True,
    }
    settings.update(overrides)
    app = create_app(settings)
    app.test_client_class = PageClient
    with app.app_context():
        upgrade(directory=str(Path(__file__).resolve().parent.parent / "migrations"))
    return app


@pytest.fixture(scope="session")
def app(new_database_url, smtp) -> Iterator[Flask]:
    app = make_test_app(new_database_url("suite"), smtp)
    yield app
    with app.app_context():
        db.engine.dispose()


class _ConnectionBoundSession(Session):
    """A session that uses the test's connection for every query.

    Flask-SQLAlchemy's session picks an engine per model and ignores `bind`, which would let
    queries escape the test's transaction.
    """

    def get_bind(self, *args, **kwargs):
        return self.bind


def _bound_session(connection):
    """A scoped session that runs every query on `connection`, a commit releasing a savepoint
    of the transaction the connection is in."""
    return db._make_scoped_session(
        {"bind": connection, "binds": {}, "class_": _ConnectionBoundSession,
         "join_transaction_mode": "create_savepoint"})


@pytest.fixture(autouse=True)
def _isolated(request, app: Flask) -> Iterator[None]:
    """Run each test in a transaction that is rolled back, whatever the code commits: its own,
    or a savepoint of its module's (see `module_transaction`)."""
    if "live_app" in request.fixturenames or request.node.get_closest_marker("own_app"):
        yield  # these tests run their own application and database
        return
    if "module_transaction" in request.fixturenames:
        request.getfixturevalue("module_transaction")
    # Once a module's transaction is open, each of its tests runs inside it, whether or not it
    # asks for the module's world: a connection of its own would wait on the write lock that
    # transaction holds.
    connection = _module_transactions.get(request.module)
    if connection is not None:
        with app.app_context():
            savepoint = connection.begin_nested()
            limiter.reset()
            try:
                yield
            finally:
                db.session.remove()
                savepoint.rollback()
        return
    with app.app_context(), _in_a_transaction():
        limiter.reset()
        yield
    if DATABASE == "postgresql" and next(_tests_rolled_back) % VACUUM_EVERY == 0:
        with app.app_context():
            _vacuum()


@contextmanager
def _in_a_transaction() -> Iterator[Connection]:
    """A connection in a transaction that is rolled back at the end, with `db.session` bound
    to it meanwhile."""
    connection = db.engine.connect()
    outer = connection.begin()
    original = db.session
    db.session = _bound_session(connection)
    try:
        yield connection
    finally:
        db.session.remove()
        db.session = original
        outer.rollback()
        connection.close()


_module_transactions: dict[ModuleType, Connection] = {}


@pytest.fixture(scope="module")
def module_transaction(request, app: Flask) -> Iterator[Connection]:
    """One transaction for a whole module, for a world that takes seconds to build through the
    services: a module fixture that asks for this builds it once, inside it; each test runs in
    a savepoint of it, rolled back when the test ends, and reads the world's objects again in
    its own session (`reloaded`). The transaction is rolled back when the module ends."""
    with app.app_context(), _in_a_transaction() as connection:
        _module_transactions[request.module] = connection
        try:
            yield connection
        finally:
            del _module_transactions[request.module]


def reloaded(value):
    """`value` (a model instance, or a dict, list or tuple holding some) with each instance
    read again in this test's session."""
    if isinstance(value, dict):
        return {key: reloaded(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(reloaded(item) for item in value)
    state = inspect(value, raiseerr=False)
    if isinstance(state, InstanceState):
        return db.session.get(state.mapper.class_, state.identity)
    return value


# The PostgreSQL server runs no autovacuum (see tests/support/postgres.py): the suite's database
# is vacuumed here, between two tests, when no transaction holds a lock on any table, so each
# table shrinks back to the rows it really holds (none: every test rolls back).
VACUUM_EVERY = 100
_tests_rolled_back = itertools.count(1)


def _vacuum() -> None:
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.exec_driver_sql("VACUUM")


@pytest.fixture
def app_context(app):
    with app.app_context():
        yield


@pytest.fixture
def outbox(smtp: LoopbackSMTP) -> LoopbackSMTP:
    smtp.clear()
    return smtp


@pytest.fixture
def client(app) -> PageClient:
    return app.test_client()


def sign_in_client(app: Flask, user) -> PageClient:
    """A client signed in as `user` through the real sign-in form."""
    client = app.test_client()
    response = client.post_form("auth.sign_in", {"email": user.email, "password": PASSWORD})
    assert response.status_code == 302, "sign-in failed"
    client.forget_csrf()
    return client


@pytest.fixture
def client_as(app):
    """`client_as(Role.ADMIN)` → a client signed in as a new user holding that role."""

    def make(*roles: Role, **user_fields) -> PageClient:
        with app.app_context():
            user = UserFactory(roles=set(roles), **user_fields)
            client = sign_in_client(app, user)
        client.user_id = user.id
        client.user_email = user.email
        return client

    return make
