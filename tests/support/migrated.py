"""New databases already at the latest migration, for tests that need a database of their own.

Migrating an empty database takes a second or two of processor time; each test process
migrates one template once, and every database asked for after it is a copy: the SQLite file
copied, or a PostgreSQL database created from the template.
"""

from __future__ import annotations

import functools
import itertools
import shutil
from pathlib import Path

from sqlalchemy.engine import make_url

from eia.extensions import db
from tests.conftest import make_test_app

_copies = itertools.count(1)


@functools.cache
def _template(new_database_url, smtp) -> str:
    app = make_test_app(new_database_url("template"), smtp)
    with app.app_context():
        db.engine.dispose()  # PostgreSQL copies only a template nobody is connected to
    return app.config["SQLALCHEMY_DATABASE_URI"]


def migrated_database_url(new_database_url, postgres, smtp, name: str,
                          sqlite_file: Path | None = None) -> str:
    """The URL of a new database of the kind under test, at the latest migration: on SQLite
    at `sqlite_file` when given. Pass the session's fixtures of the same names."""
    template = _template(new_database_url, smtp)
    if postgres is not None:
        return postgres.create_database(f"{name}_copy_{next(_copies)}",
                                        template=make_url(template).database)
    url = f"sqlite:///{sqlite_file}" if sqlite_file else new_database_url(name)
    shutil.copyfile(make_url(template).database, make_url(url).database)
    return url
