"""Two people adding to a completed section at the same moment: both items are added and the
section is reopened once, never a stale-row error.

Each addition runs in its own thread, application context and database connection, against a
database of its own (committed, not rolled back), as two web requests would.
"""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import select

from eia.collections import EVIDENCE
from eia.database import set_write_intent
from eia.extensions import db
from eia.models.assessments import AssessmentVersion, EvidenceSource
from eia.models.users import User
from eia.services import collections as items
from tests.conftest import make_test_app
from tests.integration.test_concurrent_moves import complete_draft
from tests.support.migrated import migrated_database_url

pytestmark = pytest.mark.own_app


@pytest.fixture
def concurrent_app(new_database_url, postgres, smtp):
    url = migrated_database_url(new_database_url, postgres, smtp, "concurrent_items")
    app = make_test_app(url, smtp)
    yield app
    with app.app_context():
        db.engine.dispose()


def test_two_additions_at_once_to_a_completed_section_both_go_in(concurrent_app):
    version_id, author_id = complete_draft(concurrent_app)
    with concurrent_app.app_context():
        version = db.session.get(AssessmentVersion, version_id)
        section = next(s for s in version.framework.sections if s.kind == EVIDENCE.key)
        assert version.section(section.id).completed
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def add(title: str) -> None:
        with concurrent_app.app_context():
            set_write_intent(False)  # as a web request: read first, write in the use case
            version = db.session.get(AssessmentVersion, version_id)
            author = db.session.get(User, author_id)
            version.section(section.id)  # both have read the section as completed
            try:
                barrier.wait(timeout=30)
                items.add_item(author, version, EVIDENCE, {
                    "title": title, "kind": "service_data", "period": "2025",
                    "summary": "Waiting times by postcode", "url": ""})
            except BaseException as error:  # reported below, in the test's thread
                errors.append(error)

    threads = [threading.Thread(target=add, args=(f"Added at once {n}",), daemon=True)
               for n in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    with concurrent_app.app_context():
        titles = db.session.scalars(select(EvidenceSource.title).where(
            EvidenceSource.title.startswith("Added at once"))).all()
        assert sorted(titles) == ["Added at once 1", "Added at once 2"]
        assert not db.session.get(AssessmentVersion, version_id).section(section.id).completed
