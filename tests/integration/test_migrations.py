"""The migrations build exactly the schema the models describe, and can be undone."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask_migrate import check, downgrade, upgrade

from tests.conftest import make_test_app

MIGRATIONS = str(Path(__file__).resolve().parents[2] / "migrations")


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
