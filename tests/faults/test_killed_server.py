"""Kill -9 during writes: gunicorn's workers, then its master, are killed without warning in
the middle of a stream of saves, and the server is started again on the same database."""

from __future__ import annotations

import threading
import time

import pytest
import requests

from tests.conftest import DATABASE
from tests.faults.records import (
    Draft,
    audited_evidence,
    chain_break,
    evidence_titles,
    make_draft,
    sqlite_damage,
)
from tests.support.served import Served, flask_command

pytestmark = pytest.mark.own_app

PREFIX = "Streamed source"


class SaveStream:
    """People adding sources of evidence through the API, each source with a title of its own;
    keeps the titles the server acknowledged (201) and every status it answered."""

    def __init__(self, base: str, draft: Draft, people: int = 4):
        self.url = f"{base}/api/v1/assessments/{draft.reference}/evidence"
        self.headers = {"Authorization": f"Bearer {draft.token}"}
        self.acknowledged: set[str] = set()
        self.statuses: list[int] = []
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._threads = [threading.Thread(target=self._save, args=(n,)) for n in range(people)]

    def _save(self, person: int) -> None:
        number = 0
        while not self._stopping.is_set():
            number += 1
            self._save_one(f"{PREFIX} {person}-{number}")

    def _save_one(self, title: str) -> None:
        try:
            answer = requests.post(self.url, headers=self.headers, timeout=30, json={
                "title": title, "kind": "service_data", "period": "2025",
                "summary": "Waiting times by postcode"})
        except requests.RequestException:
            # No answer: the save may or may not have been made. Refused at once while the
            # server is down: pause rather than spin, which would take the processor from the
            # workers starting again.
            self._stopping.wait(0.05)
            return
        with self._lock:
            self.statuses.append(answer.status_code)
            if answer.status_code == 201:
                self.acknowledged.add(title)

    def wait_for(self, more: int, timeout: float = 90) -> None:
        """Wait until `more` further saves have been acknowledged."""
        target = len(self.acknowledged) + more
        deadline = time.monotonic() + timeout
        while len(self.acknowledged) < target:
            assert time.monotonic() < deadline, f"saves stalled at {len(self.acknowledged)}"
            time.sleep(0.05)

    def __enter__(self) -> SaveStream:
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stopping.set()
        for thread in self._threads:
            thread.join(timeout=60)


def test_every_acknowledged_save_survives_kill_9_and_nothing_is_half_written(own_database):
    """SECURITY.md, No lost work: "a crash mid-write leaves no half-written record"; How it is
    shown: "kill the server during writes, then check integrity and that every acknowledged
    write is there". Kill -9 of the workers, then the master: every save acknowledged to the
    user is there after a restart, nothing is half-written (SQLite's integrity and foreign key
    checks; each source saved with its audit entry, and no entry without its source), and the
    audit chain verifies ("append-only and hash-chained")."""
    app, url = own_database
    draft = make_draft(app)
    server = Served({"DATABASE_URL": url, "API_RATE_LIMIT": "100000 per minute"}, workers=2)
    server.start()
    try:
        with SaveStream(server.url, draft) as stream:
            stream.wait_for(20)
            killed = server.kill_workers()
            stream.wait_for(20)  # the master's new workers take the saves
            assert not set(killed) & set(server.workers())
            server.kill_all()
            acknowledged_before_restart = set(stream.acknowledged)
            server.start()  # the same database, on a new port
            stream.url = stream.url.replace(stream.url.split("/api/")[0], server.url)
            stream.wait_for(10)
    finally:
        server.stop()

    assert set(stream.statuses) <= {201, 503}  # never a 500
    saved = evidence_titles(app, PREFIX)
    assert acknowledged_before_restart <= stream.acknowledged <= set(saved)
    assert audited_evidence(app, PREFIX) == saved  # no source without its audit entry, or back
    if DATABASE == "sqlite":
        assert sqlite_damage(url) == []
    assert chain_break(app) is None
    verified = flask_command(url, "verify-audit")
    assert verified.returncode == 0, verified.stdout + verified.stderr
