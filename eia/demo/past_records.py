"""A small archive of past assessments, brought in as an organisation's archive would be.

The library strategy is modelled on a published county council assessment: completed in 2014,
revised after consultation in 2015, signed off by a departmental equality group, nine named
officers who are not users, and a directorate that is not a unit yet. Two branch libraries are
its children; their reviews fell due in 2016, so they are overdue from the day they arrive, as
is the strategy's ("within a year, or earlier if required"). The archive's tests import the
same records.
"""

from __future__ import annotations

from collections.abc import Iterator

from eia.archive.bundle import SourceFile
from eia.services import accounts, archive

LIBRARY_REFERENCE = "CLS-EIA-2014-07"
LIBRARY_DIRECTORATE = "Communities Directorate"
LIBRARY_TEAM = "Library and Heritage Service"
LIBRARY_OFFICERS = [
    ("Margaret Holloway", "Head of Library and Heritage Services"),
    ("Dev Chauhan", "Library Strategy Manager"),
    ("Siân Pritchard", "Community Libraries Manager"),
    ("Owen Blackwood", "Senior Librarian, Stock and Reader Development"),
    ("Grace Achterberg", "Mobile and Home Library Services Coordinator"),
    ("Tunde Okafor", "Equality and Diversity Officer"),
    ("Hannah Ferris", "Consultation and Engagement Officer"),
    ("Rory McAllister", "Performance and Information Analyst"),
    ("Bethan Lloyd-Evans", "Property and Facilities Manager"),
]
EQUALITY_GROUP = "Communities Departmental Equality Group"
WITHIN_A_YEAR = "within a year, or earlier if required"


def _person(name: str, job_title: str) -> dict:
    return {"name": name, "job_title": job_title}


def library_strategy() -> dict:
    head, lead, *contributors = LIBRARY_OFFICERS
    return {
        "schema_version": 2,
        "details": {
            "title": "County Library Strategy 2014 to 2019",
            "type": "strategy",
            "unit": f"{LIBRARY_DIRECTORATE}: {LIBRARY_TEAM}",
            "lead_officer": _person(*lead),
            "head_of_service": _person(*head),
            "contributors": [_person(*officer) for officer in contributors],
            "decision_maker": "Cabinet Member for Communities",
            "decision_forum": "Cabinet",
            "decision_date": "2015-03-17",
            "work_started_on": "2014-01-13",
        },
        "sections": {
            "aims_and_scope": {"completed": True, "answers": {
                "purpose": "Modernise the county's library service within a reduced budget, "
                           "keeping a library within reach of every community."}},
        },
        "engagement": [{
            "who": "Library users, non-users, parish councils and community groups",
            "started_on": "2014-09-01", "ended_on": "2014-11-30",
            "how": "Public consultation: survey, drop-in sessions in every library",
            "what_they_said": "Older and disabled people feared losing the mobile library.",
            "what_changed": "The mobile library route was kept and extended to care homes.",
        }],
        "historical": {
            "source_reference": LIBRARY_REFERENCE,
            "completed_on": "2014-07-21",
            "revisions": [{"revised_on": "2015-02-09",
                           "what_changed": "Revised after the public consultation: the mobile "
                                           "library kept, opening hours changed at four "
                                           "branches."}],
            "review": {"date": None, "wording": WITHIN_A_YEAR},
            "sign_offs": [{"signed_by": "Councillor Janet Mowbray, chair",
                           "role_or_body": EQUALITY_GROUP, "signed_on": "2015-02-24",
                           "decision": "Approved, with the action plan to be monitored "
                                       "quarterly"}],
        },
    }


def branch_library(name: str, number: int) -> dict:
    return {
        "schema_version": 2,
        "details": {
            "title": f"{name} Library: changes to opening hours",
            "type": "service_change",
            "unit": f"{LIBRARY_DIRECTORATE}: {LIBRARY_TEAM}",
            "lead_officer": _person(*LIBRARY_OFFICERS[2]),
        },
        "historical": {
            "source_reference": f"{LIBRARY_REFERENCE}-{number:02d}",
            "completed_on": "2015-01-12",
            "review": {"date": "2016-01-31", "wording": ""},
            "sign_offs": [{"signed_by": "Siân Pritchard",
                           "role_or_body": "Community Libraries Manager",
                           "signed_on": "2015-01-20", "decision": "Approved"}],
            "parent": LIBRARY_REFERENCE,
        },
    }


def batch() -> list[tuple[str, dict]]:
    """The archive as files, children listed before their parent, as a folder may hold them."""
    return [("branch-ashby.json", branch_library("Ashby", 1)),
            ("branch-thornbury.json", branch_library("Thornbury", 2)),
            ("library-strategy.json", library_strategy())]


def load_past_records(archivist_email: str) -> Iterator[str]:
    """Import the archive as `archivist_email` (an administrator), unless it is there already."""
    if archive.get_record(LIBRARY_REFERENCE) is not None:
        yield f"exists: the archived {LIBRARY_REFERENCE} and its children"
        return
    archivist = accounts.get_user_by_email(archivist_email)
    for outcome in archive.import_batch(archivist, [SourceFile(name, document)
                                                    for name, document in batch()]):
        if outcome.reference is None:
            raise ValueError(f"The demo archive's {outcome.filename} was refused: "
                             f"{outcome.errors}")
        yield f"created: {outcome.reference} {outcome.title} (an imported record)"
