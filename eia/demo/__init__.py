"""Demo data for trying Due Regard out: only ever created by `flask eia demo`.

Accounts and units first, then assessments loaded through the same import as
`flask eia import`, so the demo content is checked like any other document. Then copies of
them are taken through review and sign-off (`eia.demo.journeys`), so that every stage of the
workflow has an example, and the proposals of a budget round are tagged together
(`eia.demo.budget`). Then trainees practise on scenarios and a facilitator reviews them
(`eia.demo.practice`), a training programme runs its sessions (`eia.demo.programme`), and a
small archive of past assessments is brought in (`eia.demo.past_records`). Everything is looked
for before it is made, so running the demo again adds nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from sqlalchemy import select

from eia import queries
from eia.demo import (
    budget,
    day_services,
    journeys,
    past_records,
    payroll_hosting,
    physiotherapy,
    practice,
    programme,
)
from eia.domain import Role
from eia.extensions import db
from eia.models.users import OrgUnit
from eia.services import accounts, transfer, units

DEMO_PASSWORD = "eia-demo-2026"  # noqa: S105  (published in the README on purpose)

UNITS = {
    "Adult Social Care": ["Day Services", "Carers Support"],
    "Community Health Services": ["Outpatient Physiotherapy", "Community Nursing"],
    "Corporate Services": [
        "People and Organisational Development",
        "Equality, Diversity and Inclusion",
    ],
}

# email, name, job title, team, roles
ACCOUNTS = [
    ("author@example.org", "Priya Shah", "Service Manager, Outpatient Physiotherapy",
     "Outpatient Physiotherapy", {Role.AUTHOR}),
    ("author2@example.org", "Tom Evans", "Day Services Manager", "Day Services", {Role.AUTHOR}),
    ("reviewer@example.org", "Grace Okafor", "Equality and Inclusion Lead",
     "Equality, Diversity and Inclusion", {Role.REVIEWER}),
    ("approver@example.org", "David Lloyd", "Director of Community Health Services",
     "Community Health Services", {Role.APPROVER}),
    ("facilitator@example.org", "Hannah Morgan", "Organisational Development Adviser",
     "People and Organisational Development", {Role.FACILITATOR}),
    ("trainee@example.org", "Sam Patel", "Team Leader, Carers Support", "Carers Support",
     {Role.TRAINEE}),
    # The rest of the demo's training cohort (see eia.demo.practice).
    ("trainee2@example.org", "Jordan Reid", "Customer Services Adviser", "Carers Support",
     {Role.TRAINEE}),
    ("trainee3@example.org", "Amira Haddad", "Library Service Manager", "Day Services",
     {Role.TRAINEE}),
    ("trainee4@example.org", "Chris Byrne", "Housing Officer", "Community Nursing",
     {Role.TRAINEE}),
    ("admin@example.org", "Alex Murray", "Systems Administrator",
     "People and Organisational Development", {Role.ADMIN}),
]


def _unit(name: str, parent: OrgUnit | None) -> OrgUnit | None:
    query = select(OrgUnit).where(OrgUnit.name == name)
    query = query.where(OrgUnit.parent_id.is_(None) if parent is None
                        else OrgUnit.parent_id == parent.id)
    return db.session.scalar(query)


def _ensure_units() -> dict[str, OrgUnit]:
    """Every demo unit by name, directorates and teams alike."""
    teams = {}
    for directorate_name, team_names in UNITS.items():
        directorate = _unit(directorate_name, None) or units.create_unit(
            None, name=directorate_name, parent_id=None)
        teams[directorate_name] = directorate
        for team_name in team_names:
            teams[team_name] = _unit(team_name, directorate) or units.create_unit(
                None, name=team_name, parent_id=directorate.id)
    return teams


# (module with TITLE and document(), email of the lead officer)
ASSESSMENTS = (
    (physiotherapy, "author@example.org"),
    (day_services, "author2@example.org"),
    (payroll_hosting, "author@example.org"),
)


def _load_assessments() -> Iterator[str]:
    for module, email in ASSESSMENTS:
        lead = accounts.get_user_by_email(email)
        if queries.find_assessment_by_title(module.TITLE, lead.id):
            yield f"exists: {module.TITLE}"
            continue
        assessment = transfer.import_document(lead, module.document(email, date.today()))
        yield f"created: {assessment.reference} {module.TITLE}"


def load_demo_data() -> Iterator[str]:
    teams = _ensure_units()
    for email, name, job_title, team, roles in ACCOUNTS:
        if accounts.get_user_by_email(email):
            yield f"exists: {email}"
            continue
        accounts.create_user(email=email, name=name, job_title=job_title,
                             unit_id=teams[team].id, roles=roles, password=DEMO_PASSWORD)
        yield f"created: {email} ({', '.join(sorted(r.value for r in roles))})"
    yield from _load_assessments()
    yield from budget.load_budget(date.today())
    yield from journeys.load_journeys(date.today())
    yield from practice.load_practice(date.today())
    yield from programme.load_programme(date.today(), DEMO_PASSWORD)
    yield from past_records.load_past_records("admin@example.org")
    yield f"Demo accounts share the password {DEMO_PASSWORD}"
