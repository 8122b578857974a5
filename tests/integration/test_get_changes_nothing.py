"""Reading a page writes nothing: every GET route, requested about real objects by every role
the access matrix lets in, leaves every table exactly as it was.

A GET that wrote would be replayed by browsers, prefetchers and link checkers, and would slip
past the CSRF check that guards every POST. Refused requests are not walked here: they write
an `access.refused` audit row on purpose.
"""

from __future__ import annotations

import hashlib

from sqlalchemy import func, select

from eia.extensions import db
from eia.models.audit import AuditEvent
from tests.integration.world import ROLES, allowed, build_world, every_rule, label, url_of


def _tables():
    return db.metadata.sorted_tables


def row_counts() -> dict[str, int]:
    """Every table's number of rows (from the models' metadata), in one query, and the audit
    chain's head: cheap enough to take around every request."""
    counts = db.session.execute(select(*[
        select(func.count()).select_from(table).scalar_subquery().label(table.name)
        for table in _tables()])).one()._asdict()
    head = db.session.scalar(select(AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1))
    return {**counts, "audit chain head": head}


def contents() -> dict[str, str]:
    """A digest of everything in every table, so that an UPDATE is seen too: slower, so taken
    around each role's walk rather than each request."""
    digests = {}
    for table in _tables():
        digest = hashlib.sha256()
        for row in db.session.execute(select(table).order_by(*table.primary_key.columns)):
            digest.update(repr(tuple(bytes(v) if isinstance(v, memoryview) else v
                                     for v in row)).encode())
        digests[table.name] = digest.hexdigest()
    return digests


def _changed(before: dict, after: dict) -> list[str]:
    return sorted(name for name in before if before[name] != after[name])


def test_no_allowed_get_writes_anything(app, client_as, outbox, app_context):
    """Slow (half a minute or so): builds the same world as the access-matrix test, then
    counts every table's rows around each of some two hundred page requests."""
    world = build_world(app, client_as, outbox)
    wrong = []
    for role in ROLES:
        client = world.client(role)
        at_start, reported = contents(), set()
        for rule in every_rule(app):
            if "GET" not in rule.methods or not allowed(rule.endpoint, role):
                continue
            before = row_counts()
            response = client.get(url_of(world, rule, role))
            changed = _changed(before, row_counts())
            reported.update(changed)
            if changed or response.status_code not in (200, 302):
                wrong.append(f"{label(role)} GET {rule.endpoint} {response.request.path}: "
                             f"{response.status_code}, wrote to {changed}")
        updated = sorted(set(_changed(at_start, contents())) - reported)
        if updated:
            wrong.append(f"{label(role)}'s page requests updated rows in {updated}")
    assert not wrong, "page requests that wrote:\n" + "\n".join(wrong)
