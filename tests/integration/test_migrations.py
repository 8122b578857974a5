"""The migrations build exactly the schema the models describe, can be undone, and end where
the last reviewed one says."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from flask_migrate import check, downgrade, upgrade

from tests.conftest import make_test_app

MIGRATIONS = str(Path(__file__).resolve().parents[2] / "migrations")

# The newest migration, read and reviewed by hand. Adding a migration means changing this.
HEAD = "0006"


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
