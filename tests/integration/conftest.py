"""Fixtures for the integration tests: an author, a reviewer and an approver signed in, the
author's new assessment, the demo loaded, and reading back what was saved and audited.

Test modules that need a different person (another name, more roles) define their own.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date

import pytest
from flask import Flask
from sqlalchemy import select

from eia.cli import eia_cli
from eia.domain import Role
from eia.extensions import db
from eia.models.assessments import AssessmentVersion
from eia.models.audit import AuditEvent
from eia.models.users import User
from tests.conftest import make_test_app
from tests.factories import start_assessment


@pytest.fixture(scope="session")
def demo_app(new_database_url, smtp) -> Iterator[Flask]:
    """An application whose database holds what `flask eia demo` loads, loaded once for every
    test that reads the demo (a test using it is marked `own_app`). Loading it takes seconds,
    most of a minute on PostgreSQL; tests may sign in and add people of their own, but leave
    the demo's assessments, training and archive as they are."""
    app = make_test_app(new_database_url("demo"), smtp)
    with app.app_context():
        result = app.test_cli_runner().invoke(eia_cli, ["demo"])
        assert result.exit_code == 0, result.output
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def demo_context(demo_app) -> Iterator[Flask]:
    """Inside the demo application's context (see `demo_app`)."""
    with demo_app.app_context():
        yield demo_app


@pytest.fixture
def author_client(client_as):
    return client_as(Role.AUTHOR, name="Priya Shah")


@pytest.fixture
def author(author_client, app_context):
    return db.session.get(User, author_client.user_id)


@pytest.fixture
def version(author):
    return start_assessment(author)


@pytest.fixture
def reviewer_client(client_as):
    return client_as(Role.REVIEWER, name="Grace Okafor")


@pytest.fixture
def approver_client(client_as):
    return client_as(Role.APPROVER, name="David Lloyd", job_title="Director of Community Health")


def saved(version) -> AssessmentVersion:
    """`version` as the database now holds it, not as this session last saw it."""
    db.session.expire_all()
    return db.session.get(AssessmentVersion, version.id)


def audit_events(version) -> list[AuditEvent]:
    """Every audit event about `version`'s assessment, oldest first."""
    return list(db.session.scalars(select(AuditEvent).where(
        AuditEvent.object_id == version.reference).order_by(AuditEvent.id)))


def audit_details(action: str) -> list[dict]:
    """The details of every audit event of kind `action`, oldest first."""
    return [json.loads(e.details) for e in db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id))]


# Two facilitators of a training programme, for its shared pages (document, board).
@pytest.fixture
def tomasz_client(client_as):
    return client_as(Role.FACILITATOR, name="Tomasz Nowak")


@pytest.fixture
def ana_client(client_as):
    return client_as(Role.FACILITATOR, name="Ana Costa")


@pytest.fixture
def tomasz(tomasz_client, app_context):
    return db.session.get(User, tomasz_client.user_id)


@pytest.fixture
def ana(ana_client, app_context):
    return db.session.get(User, ana_client.user_id)


def date_parts(day: date | None) -> list[str]:
    """A date as the day, month and year boxes of a date field send it (blank for None)."""
    return [str(day.day), str(day.month), str(day.year)] if day else ["", "", ""]


def details_form(version, **changes) -> dict:
    """The control details page's form as it was loaded for `version`, with `changes`."""
    form = {"title": version.title, "assessment_type": version.assessment_type,
            "unit_id": str(version.unit_id or ""), "lead_officer_id": str(version.lead_officer_id),
            "decision_maker": version.decision_maker, "decision_forum": version.decision_forum,
            "decision_date": date_parts(version.decision_date),
            "work_started_on": date_parts(version.work_started_on),
            "strategic_decision": "yes" if version.strategic_decision else "no",
            "lock_version": str(version.lock_version)}
    form.update(changes)
    return form
