"""Disk full on SQLite: the database file is size-limited (SQLite's max_page_count, set through
the SQLITE_MAX_PAGES setting, which works without privileges on any machine), and a save that
would grow it is refused cleanly."""

from __future__ import annotations

import io
import sqlite3
from types import SimpleNamespace

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from eia.extensions import db
from eia.models.assessments import EvidenceFile
from eia.models.audit import AuditEvent
from tests.conftest import make_test_app, sign_in_client
from tests.faults.records import chain_break, evidence_titles, make_draft, sqlite_damage
from tests.pages import parse
from tests.support.migrated import migrated_database_url

# A full disk is tested on SQLite, whose file's size can be limited without privileges.
pytestmark = [pytest.mark.own_app, pytest.mark.sqlite]

ROOMY = 2**30  # pages: far more than the disk of any test
TITLE = "Waiting list by postcode, full extract"
EXTRACT = b"postcode,waiting\n" + b"EF1 2AB,12\n" * 20_000  # about 220 KB: room for it is needed


@pytest.fixture
def full_disk(new_database_url, postgres, smtp, tmp_path):
    url = migrated_database_url(new_database_url, postgres, smtp, "full",
                                sqlite_file=tmp_path / "full.db")
    app = make_test_app(url, smtp, SQLITE_MAX_PAGES=ROOMY)
    yield app, url
    with app.app_context():
        db.engine.dispose()


def _fill_the_disk(app, url: str) -> None:
    """Leave the database no free page, and no room to grow."""
    with sqlite3.connect(make_url(url).database) as connection:
        connection.execute("VACUUM")
        pages = connection.execute("PRAGMA page_count").fetchone()[0]
    app.config["SQLITE_MAX_PAGES"] = pages


def _add_evidence(client, reference: str):
    return client.post(client.url("assessments.add_evidence", reference=reference),
                       content_type="multipart/form-data", data={
                           "csrf_token": client.csrf_token(), "title": TITLE,
                           "kind": "service_data", "period": "2025",
                           "summary": "Who waits longest, by where they live.", "url": "",
                           "file": (io.BytesIO(EXTRACT), "waiting-list.csv")})


def _counts(app) -> tuple[int, int]:
    with app.app_context():
        return (db.session.scalar(select(func.count()).select_from(EvidenceFile)),
                db.session.scalar(select(func.count()).select_from(AuditEvent)))


def test_a_save_on_a_full_disk_is_refused_cleanly_and_works_once_there_is_room(full_disk):
    """SECURITY.md, Errors: "generic error pages ... never a half-write". Disk full: a save
    that needs room the disk has not got is a clear 507 page ("the server has no room to save
    this; nothing was saved"), never a 500; no partial rows are left; pages still read; and
    once space is freed, the same save works without a restart."""
    app, url = full_disk
    draft = make_draft(app)
    client = sign_in_client(app, SimpleNamespace(email=draft.author_email))
    before = _counts(app)
    _fill_the_disk(app, url)

    refused = _add_evidence(client, draft.reference)
    assert refused.status_code == 507
    assert "The server has no room to save this; nothing was saved." in parse(refused).get_text()
    assert evidence_titles(app, TITLE) == {}
    assert _counts(app) == before  # no file, no audit entry: nothing of the save at all
    through_the_api = client.post(
        f"/api/v1/assessments/{draft.reference}/evidence",
        headers={"Authorization": f"Bearer {draft.token}"},
        json={"title": TITLE, "kind": "service_data", "period": "2025", "summary": "x" * 20_000})
    assert through_the_api.status_code == 507
    assert through_the_api.get_json()["detail"] == "The server has no room to save this; " \
        "nothing was saved."
    assert evidence_titles(app, TITLE) == {}
    assert _counts(app) == before
    listed = client.get(client.url("assessments.list_evidence", reference=draft.reference))
    assert listed.status_code == 200

    app.config["SQLITE_MAX_PAGES"] = ROOMY  # space is freed
    saved = _add_evidence(client, draft.reference)
    assert saved.status_code == 302
    assert list(evidence_titles(app, TITLE)) == [TITLE]
    assert _counts(app) == (before[0] + 1, before[1] + 1)
    assert sqlite_damage(url) == []
    assert chain_break(app) is None
