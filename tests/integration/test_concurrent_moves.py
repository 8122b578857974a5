"""Two people (or one double-click) making the same move at the same moment: exactly one move.

Each attempt runs in its own thread, application context and database connection, against a
database of its own (committed, not rolled back), as two web requests would.
"""

from __future__ import annotations

import threading
from datetime import date

import pytest
from sqlalchemy import func, select

from eia.demo import physiotherapy
from eia.domain import Role, VersionStatus
from eia.extensions import db
from eia.models.assessments import AssessmentVersion
from eia.models.review import WorkflowEvent
from eia.services import transfer
from eia.services import workflow as moves
from eia.workflow import MOVED_BY_SOMEONE_ELSE
from tests.conftest import make_test_app
from tests.factories import UserFactory
from tests.support.migrated import migrated_database_url

pytestmark = pytest.mark.own_app


@pytest.fixture
def concurrent_app(new_database_url, postgres, smtp):
    url = migrated_database_url(new_database_url, postgres, smtp, "concurrent")
    app = make_test_app(url, smtp)
    yield app
    with app.app_context():
        db.engine.dispose()


def complete_draft(app) -> tuple[int, int]:
    """A complete assessment in draft; returns (version id, author id)."""
    with app.app_context():
        author = UserFactory(roles={Role.AUTHOR})
        document = physiotherapy.document(author.email, date.today())
        document["details"]["unit"] = None  # this database has no organisational units
        version = transfer.import_document(author, document).latest
        return version.id, author.id


def at_once(app, attempt, times: int = 2) -> list[str]:
    """Run `attempt(version)` in `times` threads released together; returns each outcome."""
    barrier = threading.Barrier(times)
    outcomes: list[str] = []

    def run():
        with app.app_context():
            barrier.wait()
            try:
                attempt()
                outcomes.append("moved")
            except moves.MoveRefused as refused:
                outcomes.append(str(refused))

    threads = [threading.Thread(target=run) for _ in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


def test_a_double_clicked_submit_makes_one_move(concurrent_app):
    """SECURITY.md (Workflow integrity): Double submits change nothing twice."""
    version_id, author_id = complete_draft(concurrent_app)

    def submit():
        from eia.models.users import User

        version = db.session.get(AssessmentVersion, version_id)
        moves.submit(db.session.get(User, author_id), version)

    outcomes = at_once(concurrent_app, submit)
    assert len(outcomes) == 2 and outcomes.count("moved") == 1, outcomes
    [refused] = [o for o in outcomes if o != "moved"]
    assert refused in (MOVED_BY_SOMEONE_ELSE, "An assessment that is in review cannot be submitted")
    with concurrent_app.app_context():
        events = db.session.scalar(select(func.count()).select_from(WorkflowEvent).where(
            WorkflowEvent.version_id == version_id, WorkflowEvent.action == "submit"))
        assert events == 1
        assert db.session.get(AssessmentVersion, version_id).status == VersionStatus.IN_REVIEW
