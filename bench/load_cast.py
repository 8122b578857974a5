"""The load benchmark's throwaway database: the demo data and the simulated people's accounts.

`bench/load.py` serves this database with gunicorn, so it is prepared here, in the benchmark's
own process, before any server starts: migrated, the demo data loaded as `flask eia demo`
loads it, then one account per simulated person, each with the assessment they work on.
Everything is made through the application's own services (import, start, submit, review),
so the rows look like the ones real use makes. Nothing here is timed.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from unittest import mock

from support import ROOT

# The scenario the burst's trainees practise on, and whose cohort the facilitators read.
PRACTICE_SCENARIO = "library-photo-id-check"
PASSWORD = "load-bench-2026"  # noqa: S105  (throwaway accounts in a throwaway database)


@dataclass(frozen=True)
class Person:
    """One simulated person: who signs in, and the assessment they work on."""

    email: str
    kind: str  # author, reviewer, trainee or facilitator: what the scenario makes them do
    reference: str | None = None


@dataclass(frozen=True)
class Cast:
    office: tuple[Person, ...] = ()
    burst: tuple[Person, ...] = ()

    @property
    def everyone(self) -> tuple[Person, ...]:
        return self.office + self.burst


def office_split(users: int) -> tuple[int, int]:
    """Authors and reviewers among `users`: about one equality reviewer to nine authors."""
    reviewers = max(1, round(users / 10)) if users > 1 else 0
    return users - reviewers, reviewers


def prepare(url: str, secret_key: str, *, office_users: int, burst_users: int,
            facilitators: int) -> Cast:
    """Migrate the database at `url`, load the demo data and make the simulated people."""
    # Settings are read from the environment before overrides apply: with the database and the
    # key given, nothing is written to instance/.
    os.environ["DATABASE_URL"] = url
    os.environ["SECRET_KEY"] = secret_key
    os.environ.pop("MAIL_SERVER", None)
    from flask_migrate import upgrade

    from eia import create_app, demo
    from eia.extensions import db

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "LOG_LEVEL": "WARNING"})
    with app.app_context():
        # The migrations log each step at INFO; the benchmark's output is its figures.
        logging.disable(logging.INFO)
        try:
            upgrade(directory=str(ROOT / "migrations"))
        finally:
            logging.disable(logging.NOTSET)
        for _line in demo.load_demo_data():
            pass
        # Every account gets the same argon2 hash, computed once: hashing hundreds of
        # passwords would add minutes to the set-up and nothing to what is measured. Signing
        # in still verifies each one in full.
        from eia.passwords import hash_password
        from eia.services import accounts

        with mock.patch.object(accounts, "hash_password", return_value=hash_password(PASSWORD)):
            cast = Cast(office=tuple(_office(office_users)),
                        burst=tuple(_burst(burst_users, facilitators if burst_users else 0)))
        db.session.remove()
        db.engine.dispose()
    return cast


def _account(email: str, name: str, *roles):
    from eia.services import accounts

    return accounts.create_user(email=email, name=name, roles=set(roles), password=PASSWORD)


def _office(users: int):
    """Authors with their own complete draft; reviewers each reviewing a submitted copy."""
    from eia.demo import physiotherapy
    from eia.permissions import Role
    from eia.services import accounts, transfer
    from eia.services import workflow as moves

    authors, reviewers = office_split(users)
    today = date.today()
    for number in range(1, authors + 1):
        author = _account(f"office-author-{number:03d}@example.org", f"Office Author {number}",
                          Role.AUTHOR)
        assessment = transfer.import_document(author, physiotherapy.document(author.email, today))
        yield Person(author.email, "author", assessment.reference)
    # The copies under review are led by a demo author, so no simulated author is also the
    # author of what a simulated reviewer reviews.
    lead = accounts.get_user_by_email("author2@example.org")
    for number in range(1, reviewers + 1):
        reviewer = _account(f"office-reviewer-{number:03d}@example.org",
                            f"Office Reviewer {number}", Role.REVIEWER)
        document = physiotherapy.document(lead.email, today)
        document["details"]["title"] = f"Physiotherapy change for load testing, copy {number}"
        version = transfer.import_document(lead, document).latest
        moves.submit(lead, version)
        moves.start_review(reviewer, version)
        yield Person(reviewer.email, "reviewer", version.reference)


def _burst(trainees: int, facilitators: int):
    """Trainees each with a practice attempt just started; facilitators reading the cohort of
    the scenario they practise on."""
    from eia.permissions import Role
    from eia.services.training import attempts

    leads = [_account(f"facilitator-{number:03d}@example.org", f"Facilitator {number}",
                      Role.FACILITATOR) for number in range(1, facilitators + 1)]
    for number in range(1, trainees + 1):
        trainee = _account(f"trainee-{number:03d}@example.org", f"Trainee {number}",
                           Role.TRAINEE)
        attempt = attempts.start_attempt(trainee, PRACTICE_SCENARIO, today=date.today())
        yield Person(trainee.email, "trainee", attempt.reference)
    for lead in leads:
        yield Person(lead.email, "facilitator")


def sqlite_url(folder: Path) -> str:
    return f"sqlite:///{folder / 'load.db'}"
