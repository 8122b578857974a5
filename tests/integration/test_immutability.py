"""A signed-off version cannot be changed, even by SQL issued directly against the database."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DatabaseError

from eia.extensions import db
from tests.factories import UserFactory
from tests.integration.sign_off_helpers import complete_draft, signed_off

CHANGES = {
    "the title": "UPDATE assessment_versions SET title = 'Rewritten' WHERE id = :version",
    "an answer": "UPDATE section_answers SET answers = '{}' WHERE version_id = :version",
    "an impact": "UPDATE group_impacts SET mitigation = 'None' WHERE version_id = :version",
    "an action": "UPDATE actions SET description = 'Nothing' WHERE version_id = :version",
    "a removed action": "DELETE FROM actions WHERE version_id = :version",
}


def _run(statement: str, version_id: int) -> int:
    with db.session.begin_nested():  # a failed statement must not end the test's transaction
        return db.session.execute(text(statement), {"version": version_id}).rowcount


@pytest.mark.parametrize("what", CHANGES)
def test_sql_cannot_change_a_signed_off_version(app_context, what):
    """SECURITY.md (Workflow integrity): Signed-off versions immutable at the database level."""
    version = signed_off()
    with pytest.raises(DatabaseError, match="a signed-off version cannot be changed"):
        _run(CHANGES[what], version.id)
    db.session.expire_all()
    assert version.title != "Rewritten"
    assert version.actions and all(a.description != "Nothing" for a in version.actions)


@pytest.mark.parametrize("what", CHANGES)
def test_the_same_sql_changes_a_draft(app_context, what):
    version = complete_draft(UserFactory())
    assert _run(CHANGES[what], version.id) >= 1
