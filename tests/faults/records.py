"""Making a draft for the fault tests, and reading back what a fault may have left behind."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import date

from flask import Flask
from sqlalchemy import select
from sqlalchemy.engine import make_url

from eia.audit import verify_chain
from eia.collections import EVIDENCE
from eia.demo import physiotherapy
from eia.domain import Role
from eia.extensions import db
from eia.models.assessments import EvidenceSource
from eia.models.audit import AuditEvent
from eia.models.tokens import TokenScope
from eia.services import tokens, transfer
from tests.factories import UserFactory


@dataclass(frozen=True)
class Draft:
    reference: str
    author_email: str
    token: str  # the author's API token, allowed to write


def make_draft(app: Flask) -> Draft:
    with app.app_context():
        author = UserFactory(roles={Role.AUTHOR})
        document = physiotherapy.document(author.email, date.today())
        document["details"]["unit"] = None  # these databases have no organisational units
        reference = transfer.import_document(author, document).reference
        _, secret = tokens.create_token(author, "Fault tests", TokenScope.WRITE, 30)
        return Draft(reference, author.email, secret)


def sqlite_damage(url: str) -> list:
    """What SQLite's own checks find wrong with the file: nothing, when it is whole."""
    with sqlite3.connect(make_url(url).database) as connection:
        integrity = connection.execute("PRAGMA integrity_check").fetchall()
        orphans = connection.execute("PRAGMA foreign_key_check").fetchall()
    return [row for row in integrity if row != ("ok",)] + orphans


def evidence_titles(app: Flask, prefix: str) -> dict[str, int]:
    """Title → id of every source of evidence whose title starts with `prefix`."""
    with app.app_context():
        rows = db.session.execute(select(EvidenceSource.title, EvidenceSource.id)
                                  .where(EvidenceSource.title.startswith(prefix)))
        return dict(rows.all())


def audited_evidence(app: Flask, prefix: str) -> dict[str, int]:
    """Title → id of every source of evidence the audit log says was added, like the above."""
    with app.app_context():
        details = db.session.scalars(select(AuditEvent.details)
                                     .where(AuditEvent.action == EVIDENCE.added))
        added = [json.loads(d) for d in details]
        return {d["title"]: d["evidence_id"] for d in added if d["title"].startswith(prefix)}


def chain_break(app: Flask):
    with app.app_context():
        return verify_chain()[1]
