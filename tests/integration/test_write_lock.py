"""A request takes the database's write lock for its writes alone.

While another writer holds the lock, a form with mistakes is answered at once (checking it
and showing it again writes nothing), and a save waits its turn, then goes through. On SQLite
the other writer holds the database's one write lock; on PostgreSQL, which locks rows, it locks
the audit log, which every save writes to.

The application runs against a database of its own, committed as a server's would be.
"""

from __future__ import annotations

import threading
import time
from datetime import date
from types import SimpleNamespace

import pytest
from sqlalchemy import create_engine

from eia import queries
from eia.demo import physiotherapy
from eia.domain import Role
from eia.extensions import db
from eia.services import transfer
from tests.conftest import make_test_app, sign_in_client
from tests.factories import UserFactory
from tests.pages import error_summary, parse

pytestmark = pytest.mark.own_app


@pytest.fixture
def server_app(new_database_url, smtp):
    app = make_test_app(new_database_url("write_lock"), smtp)
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def other_writer(server_app):
    """Hold the write lock from another connection until `release()`."""
    engine = create_engine(server_app.config["SQLALCHEMY_DATABASE_URI"])
    connection = engine.connect().execution_options(isolation_level="AUTOCOMMIT")

    class Writer:
        def hold(self):
            if engine.dialect.name == "sqlite":
                connection.exec_driver_sql("BEGIN IMMEDIATE")
            else:
                connection.exec_driver_sql("BEGIN")
                connection.exec_driver_sql("LOCK TABLE audit_events IN EXCLUSIVE MODE")

        def release(self):
            connection.exec_driver_sql("ROLLBACK")

    yield Writer()
    connection.close()
    engine.dispose()


def _author_with_a_draft(app):
    """A client signed in as an author, and the reference of the author's draft."""
    with app.app_context():
        author = UserFactory(roles={Role.AUTHOR})
        document = physiotherapy.document(author.email, date.today())
        document["details"]["unit"] = None  # this database has no organisational units
        reference = transfer.import_document(author, document).reference
        email = author.email
    return sign_in_client(app, SimpleNamespace(email=email)), reference


def _save(client, reference, purpose):
    return client.post_form("assessments.edit_page",
                            {"purpose": purpose, "intended_outcomes": "Shorter waits",
                             "intent": "continue"},
                            reference=reference, section_id="aims_and_scope", page_id="purpose")


def test_a_form_with_mistakes_does_not_wait_for_another_writer_and_a_save_waits_its_turn(
        server_app, other_writer):
    client, reference = _author_with_a_draft(server_app)
    client.csrf_token()
    other_writer.hold()
    try:
        started = time.monotonic()
        page = parse(_save(client, reference, "x" * 20_001))
        assert error_summary(page) == ["Your answer must be 20,000 characters or fewer"]
        assert time.monotonic() - started < 5  # the lock waits up to 15 s before giving up

        answers = []
        saving = threading.Thread(
            target=lambda: answers.append(_save(client, reference, "Cut waiting times")))
        saving.start()
        saving.join(timeout=1.0)
        assert saving.is_alive(), "the save did not wait for the other writer"
    finally:
        other_writer.release()
    saving.join(timeout=30)
    assert [answer.status_code for answer in answers] == [302]
    with server_app.app_context():
        version = queries.latest_version(reference)
        assert version.section("aims_and_scope").answers["purpose"] == "Cut waiting times"
