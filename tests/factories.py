"""Test data made through the real services, so tests only build states the app can reach."""

from __future__ import annotations

import factory

from eia.domain import Role
from eia.services import accounts, units

PASSWORD = "correct horse battery staple"


class UserFactory(factory.Factory):
    """`UserFactory(roles={Role.AUTHOR})` creates and commits an active user with PASSWORD."""

    class Meta:
        model = dict

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    name = factory.Sequence(lambda n: f"Person {n}")
    job_title = "Policy Officer"
    roles = factory.LazyFunction(lambda: {Role.AUTHOR})
    unit_id = None
    password = PASSWORD

    @classmethod
    def _create(cls, model_class, **fields):
        return accounts.create_user(**fields)


class InvitedUserFactory(UserFactory):
    """A user who has been invited and has not yet set a password."""

    password = None


class UnitFactory(factory.Factory):
    class Meta:
        model = dict

    name = factory.Sequence(lambda n: f"Directorate {n}")
    parent_id = None

    @classmethod
    def _create(cls, model_class, **fields):
        return units.create_unit(None, **fields)


def start_assessment(author, **overrides):
    """Start an assessment as `author` through the real service; returns its latest version."""
    from datetime import date, timedelta

    from eia.domain import AssessmentType
    from eia.services import assessments

    details = {
        "title": "Moving outpatient physiotherapy to a single site",
        "assessment_type": AssessmentType.SERVICE_CHANGE,
        "unit_id": None,
        "lead_officer_id": author.id,
        "contributor_ids": [],
        "decision_maker": "Director of Community Health Services",
        "decision_forum": "Executive Management Team",
        "decision_date": date.today() + timedelta(days=90),
        "work_started_on": date.today() - timedelta(days=10),
    }
    details.update(overrides)
    assessment = assessments.start_assessment(author, assessments.ControlDetails(**details))
    return assessment.latest


def add_contributor(author, version, name: str):
    """A new author added to `version` as a contributor, through the real service."""
    from eia.domain import AssessmentType
    from eia.services import assessments

    contributor = UserFactory(roles={Role.AUTHOR}, name=name)
    details = assessments.ControlDetails(
        title=version.title, assessment_type=AssessmentType(version.assessment_type),
        unit_id=version.unit_id, lead_officer_id=author.id, contributor_ids=[contributor.id],
        decision_maker=version.decision_maker, decision_forum=version.decision_forum,
        decision_date=version.decision_date, work_started_on=version.work_started_on)
    assessments.update_control_details(author, version, details,
                                       expected_lock=version.lock_version)
    return contributor
