"""The migrations build exactly the schema the models describe, can be undone, and end where
the last reviewed one says."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from flask_migrate import check, downgrade, upgrade

from tests.conftest import make_test_app

MIGRATIONS = str(Path(__file__).resolve().parents[2] / "migrations")

# The newest migration, read and reviewed by hand. Adding a migration means changing this.
HEAD = "0013"


def test_the_migrations_have_one_head_and_it_is_the_reviewed_one():
    heads = ScriptDirectory(MIGRATIONS).get_heads()
    assert len(heads) == 1, (
        f"the migrations have {len(heads)} heads {sorted(heads)}: two branches each added "
        "one; make one revise the other (down_revision) so there is a single line")
    assert heads[0] == HEAD, (
        f"the newest migration is {heads[0]}, not {HEAD}. If you added it: read it by hand "
        "against the models (autogenerate misses renames, server defaults and data), check "
        "that its downgrade undoes it, then set HEAD in this test to its revision")


@pytest.mark.own_app
def test_upgrade_matches_the_models_and_downgrade_undoes_it(new_database_url, smtp):
    app = make_test_app(new_database_url("migrations"), smtp)  # runs `db upgrade`
    with app.app_context():
        check(directory=MIGRATIONS)  # raises when models and migrations disagree
        downgrade(directory=MIGRATIONS, revision="base")
        from eia.extensions import db

        tables = set(db.inspect(db.engine).get_table_names()) - {"alembic_version"}
        assert tables == set()
        upgrade(directory=MIGRATIONS)
        check(directory=MIGRATIONS)
        db.engine.dispose()


def _as_date(value) -> date | None:
    """A date column read with plain SQL: SQLite gives text, PostgreSQL a date."""
    return date.fromisoformat(value) if isinstance(value, str) else value


@pytest.mark.own_app
def test_0004_turns_engagement_when_into_dates_and_keeps_the_lock(new_database_url, smtp):
    """Engagement "when" text becomes dates on the way up (and words on the way down); text
    that names no date is kept in "how"; signed-off versions stay locked afterwards."""
    from sqlalchemy import text

    from eia.extensions import db
    from tests.integration.sign_off_helpers import complete_draft, signed_off

    app = make_test_app(new_database_url("migration-0004"), smtp)
    with app.app_context():
        from tests.factories import UserFactory

        author = UserFactory()
        locked = signed_off(author=author)
        draft = complete_draft(author)
        dated = {e.id: (e.started_on, e.ended_on) for e in locked.engagements}
        draft_ids = [e.id for e in draft.engagements]
        db.session.commit()

        downgrade(directory=MIGRATIONS, revision="0003")
        words = dict(db.session.execute(text("SELECT id, \"when\" FROM engagements")).all())
        first_id = next(iter(dated))
        started = dated[first_id][0]
        assert words[first_id].startswith(f"{started.day} {started:%B %Y}")
        db.session.execute(text("UPDATE engagements SET \"when\" = :when, how = 'Workshops' "
                                "WHERE id = :id"), [
            {"when": "Spring, with the youth forum", "id": draft_ids[0]},
            {"when": "12 January to 9 March 2026", "id": draft_ids[1]}])
        db.session.commit()

        upgrade(directory=MIGRATIONS)
        db.session.expire_all()
        rows = {row.id: row for row in db.session.execute(text(
            "SELECT id, started_on, ended_on, how FROM engagements")).all()}
        as_dates = {i: (_as_date(rows[i].started_on),
                        _as_date(rows[i].ended_on)) for i in dated}
        assert as_dates == dated  # the round trip through words loses nothing
        assert rows[draft_ids[0]].started_on is None
        assert rows[draft_ids[0]].how == "Workshops\n\nWhen: Spring, with the youth forum"
        assert (_as_date(rows[draft_ids[1]].started_on),
                _as_date(rows[draft_ids[1]].ended_on)) == (
            date(2026, 1, 12), date(2026, 3, 9))

        with pytest.raises(Exception, match="signed-off version cannot be changed"):
            db.session.execute(text("UPDATE engagements SET how = 'changed' WHERE id = :id"),
                               {"id": first_id})
        db.session.rollback()
        with pytest.raises(Exception, match="signed-off version cannot be changed"):
            db.session.execute(text("UPDATE assessment_versions SET strategic_decision = :yes "
                                    "WHERE id = :id"), {"yes": True, "id": locked.id})
        db.session.rollback()
        db.engine.dispose()


@pytest.mark.own_app
def test_0005_keeps_every_assessment_live_and_removes_attempts_on_the_way_down(
        new_database_url, smtp):
    """Undoing practice on a database with assessments in it removes the attempts (they would
    pass for live ones) and keeps everything else; redoing it makes every assessment live,
    with its references and signed-off lock intact."""
    from sqlalchemy import text

    from eia.extensions import db
    from tests.integration.sign_off_helpers import signed_off

    app = make_test_app(new_database_url("migration-0005"), smtp)
    with app.app_context():
        from tests.factories import UserFactory, practice_attempt

        author = UserFactory()
        locked = signed_off(author=author)
        attempt = practice_attempt("submitted")
        live_reference, attempt_reference = locked.reference, attempt.reference
        db.session.commit()

        downgrade(directory=MIGRATIONS, revision="0004")
        references = set(db.session.execute(text("SELECT reference FROM assessments")).scalars())
        assert references == {live_reference}
        db.session.rollback()
        upgrade(directory=MIGRATIONS)
        rows = db.session.execute(text("SELECT reference, purpose FROM assessments")).all()
        assert [tuple(row) for row in rows] == [(live_reference, "live")]
        assert not attempt_reference.startswith("EIA")
        with pytest.raises(Exception, match="signed-off version cannot be changed"):
            db.session.execute(text("UPDATE assessment_versions SET title = 'changed' "
                                    "WHERE id = :id"), {"id": locked.id})
        db.session.rollback()
        db.engine.dispose()
