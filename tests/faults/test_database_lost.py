"""Database lost mid-request (PostgreSQL): the application's connections are cut while requests
run, and the database server is stopped and started again, under a running gunicorn."""

from __future__ import annotations

import threading
import time

import pytest
import requests
from bs4 import BeautifulSoup
from sqlalchemy import func, select

from eia import queries
from eia.extensions import db
from eia.models.audit import AuditEvent
from tests.conftest import make_test_app
from tests.factories import PASSWORD
from tests.faults.records import Draft, chain_break, make_draft
from tests.support import require_postgres
from tests.support.postgres import ThrowawayPostgres
from tests.support.served import Served

pytestmark = [pytest.mark.own_app, pytest.mark.postgresql]

SECTION, PAGE = "aims_and_scope", "sections/aims-and-scope/purpose"
TRY_AGAIN = "Try again in a few seconds."


class Person:
    """Someone signed in with a browser's session, saving the purpose of the draft."""

    def __init__(self, base: str, draft: Draft):
        self.base, self.session = base, requests.Session()
        self.page = f"{base}/assessments/{draft.reference}/{PAGE}"
        signed_in = self.session.post(f"{base}/sign-in", allow_redirects=False, timeout=30,
                                      data={"csrf_token": self._token(f"{base}/sign-in"),
                                            "email": draft.author_email, "password": PASSWORD})
        assert signed_in.status_code == 302, "sign-in failed"
        self.csrf = self._token(self.page)

    def _token(self, url: str) -> str:
        page = BeautifulSoup(self.session.get(url, timeout=30).text, "html.parser")
        return page.select_one("input[name=csrf_token]")["value"]

    def save(self, purpose: str) -> requests.Response:
        return self.session.post(self.page, allow_redirects=False, timeout=30, data={
            "csrf_token": self.csrf, "purpose": purpose, "intended_outcomes": "Shorter waits",
            "intent": "continue"})


class Cutter:
    """Cut the database's connections over and over, from a thread, until the block ends."""

    def __init__(self, server, database: str):
        self.server, self.database = server, database
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._cut)

    def _cut(self) -> None:
        while not self._stopping.wait(0.02):
            self.server.terminate_connections(self.database)

    def __enter__(self) -> Cutter:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stopping.set()
        self._thread.join(timeout=30)


def _saves_recorded(app, reference: str) -> tuple[int, int]:
    """The section's lock (one more for each save of its answers) and its audited saves."""
    with app.app_context():
        row = queries.latest_version(reference).section(SECTION)
        audited = db.session.scalar(select(func.count()).select_from(AuditEvent).where(
            AuditEvent.action == "assessment.answers_saved", AuditEvent.object_id == reference))
        return row.lock_version, audited


def _assert_try_again(answer: requests.Response) -> None:
    assert answer.status_code == 503, answer.status_code
    assert answer.headers["Retry-After"] == "5"
    assert TRY_AGAIN in BeautifulSoup(answer.text, "html.parser").get_text()


@pytest.fixture
def own_server():
    """A PostgreSQL server of the test's own, which it may stop without harming other tests."""
    require_postgres()
    with ThrowawayPostgres() as server:
        yield server


def test_a_lost_database_is_a_try_again_page_and_the_application_recovers_by_itself(
        own_server, smtp):
    """SECURITY.md, Errors: "database lock or connection failures give 503 and a retry, never
    a half-write". Database lost mid-request: the user gets the 503 "try again" page, never a
    500; every save is its answers with its audit entry; and the application recovers without
    a restart (pool pre-ping), after the cuts and after the server is started again."""
    app = make_test_app(own_server.url, smtp)
    draft = make_draft(app)
    with app.app_context():
        db.engine.dispose()
    before = _saves_recorded(app, draft.reference)
    statuses: list[int] = []
    with Served({"DATABASE_URL": own_server.url}, workers=2) as server:
        person = Person(server.url, draft)

        with Cutter(own_server, own_server.DATABASE):
            deadline = time.monotonic() + 60
            while statuses.count(503) < 3 and time.monotonic() < deadline:
                answer = person.save(f"Purpose {len(statuses)}")
                statuses.append(answer.status_code)
                if answer.status_code == 503:
                    _assert_try_again(answer)
        assert set(statuses) <= {302, 503} and statuses.count(503) >= 3, statuses
        recovered = [person.save(f"After the cuts {n}").status_code for n in range(4)]
        assert recovered == [302] * 4

        own_server.shut_down()
        own_server.start_again()
        # The pooled connections died with the server: pre-ping replaces each before a request
        # is given it, so not a single save fails.
        restarted = [person.save(f"After the restart {n}").status_code for n in range(4)]
        assert restarted == [302] * 4

        own_server.shut_down()
        try:
            _assert_try_again(person.save("While the database is down"))
        finally:
            own_server.start_again()
        assert person.save("Back again").status_code == 302

    lock, audited = _saves_recorded(app, draft.reference)
    assert lock - before[0] == audited - before[1]  # each save: its answers with its audit entry
    assert audited - before[1] >= statuses.count(302) + 9
    with app.app_context():
        saved = queries.latest_version(draft.reference).section(SECTION)
        assert saved.answers["purpose"] == "Back again"
    assert chain_break(app) is None
