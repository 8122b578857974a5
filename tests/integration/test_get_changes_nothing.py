"""Reading a page writes nothing: every GET route, requested about real objects by every role
the access matrix lets in, leaves every table exactly as it was.

A GET that wrote would be replayed by browsers, prefetchers and link checkers, and would slip
past the CSRF check that guards every POST. Refused requests are not walked here: they write
an `access.refused` audit row on purpose.
"""

from __future__ import annotations

from sqlalchemy import text

from eia.extensions import db
from tests.conftest import DATABASE
from tests.integration.world import ROLES, allowed, build_world, every_rule, label, url_of


def rows_written() -> dict[str, int]:
    """How many rows this connection has inserted, updated or deleted so far, by table where
    the database can tell: one cheap query, so it is taken around every request, and unlike a
    count of rows it sees an UPDATE too.

    The test's transaction is the requests' transaction (every test runs inside one), so the
    database's own counters for this connection count what each request wrote."""
    if DATABASE == "postgresql":
        return dict(db.session.execute(text(
            "SELECT relname, n_tup_ins + n_tup_upd + n_tup_del FROM pg_stat_xact_user_tables"
            " WHERE n_tup_ins + n_tup_upd + n_tup_del > 0")).all())
    # SQLite counts for the whole connection, not by table.
    return {"rows in any table": db.session.scalar(text("SELECT total_changes()"))}


def _changed(before: dict, after: dict) -> list[str]:
    return sorted(name for name in before.keys() | after.keys()
                  if before.get(name) != after.get(name))


def test_no_allowed_get_writes_anything(app, client_as, outbox, app_context):
    """Slow (ten to twenty seconds): builds the same world as the access-matrix test, then
    reads the database's count of rows written around each of some two hundred page
    requests."""
    world = build_world(app, client_as, outbox)
    wrong = []
    for role in ROLES:
        client = world.client(role)
        for rule in every_rule(app):
            if "GET" not in rule.methods or not allowed(rule.endpoint, role):
                continue
            before = rows_written()
            response = client.get(url_of(world, rule, role))
            changed = _changed(before, rows_written())
            if changed or response.status_code not in (200, 302):
                wrong.append(f"{label(role)} GET {rule.endpoint} {response.request.path}: "
                             f"{response.status_code}, wrote to {changed}")
    assert not wrong, "page requests that wrote:\n" + "\n".join(wrong)
