"""Importing a programme's delegates from a CSV file (name, email, unit), all or nothing.

`check_file` reads the whole file and finds every bad row (a missing name, a bad email, a
unit that does not exist, an email given twice), each by its row number; nothing is made
while any row is bad. A good file becomes a `DelegateImport`, shown as a preview until a
facilitator runs it. Running it makes each new person's account through
`eia.services.accounts` (with the trainee role and an invitation email), gives the trainee
role to people who already have an account (without inviting them again), and books everyone
onto the chosen session, or its waiting list when it is full.

A large file is run in batches, each committed with the count of rows done, so that the
import's page can show its progress; a second runner (someone pressing the button again, or
a restart after a crash) takes the import's row lock and carries on where the first stopped,
so no row is handled twice.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import select

from eia import audit
from eia.domain import DomainError, Role
from eia.exports import neutralise
from eia.extensions import db
from eia.models.delegates import DelegateImport
from eia.models.programme import TrainingProgramme, TrainingSession
from eia.models.types import utcnow
from eia.models.users import OrgUnit, User
from eia.permissions import runs_training
from eia.services import accounts
from eia.services.background import run_job
from eia.services.mail import deliver_all_due
from eia.services.training import bookings
from eia.services.transaction import unit_of_work

MAX_ROWS = 5_000
MAX_BYTES = 2 * 1024 * 1024
BATCH = 100
HEADINGS = ("name", "email", "unit")
EMAIL = re.compile(r"^[^@\s,;<>]+@[^@\s,;<>]+\.[^@\s,;<>]+$")


class ImportRefused(DomainError):
    pass


@dataclass
class Row:
    """One row of the file as the preview shows it: every cell made safe to show or export."""

    number: int  # the row's line in the file, counting the headings
    name: str
    email: str
    unit_name: str
    unit: OrgUnit | None = None
    existing: User | None = None
    problems: list[str] = field(default_factory=list)

    @property
    def shown(self) -> tuple[str, str, str]:
        """Name, email and unit as typed, neutralised so that no spreadsheet runs a formula
        when they are copied into one."""
        return neutralise(self.name), neutralise(self.email), neutralise(self.unit_name)

    @property
    def outcome(self) -> str:
        if self.problems:
            return "Not imported"
        if self.existing is None:
            return "New account, invited by email"
        if Role.TRAINEE in self.existing.roles:
            return "Has an account already"
        return "Has an account already: gets the trainee role"


@dataclass
class CheckedFile:
    rows: list[Row]
    problems: list[str]  # problems with the file as a whole

    @property
    def bad_rows(self) -> list[Row]:
        return [row for row in self.rows if row.problems]

    @property
    def good(self) -> bool:
        return bool(self.rows) and not self.problems and not self.bad_rows


def _units() -> dict[str, list[OrgUnit]]:
    """Units by their name and by "Directorate / Team", case and spacing ignored."""
    found: dict[str, list[OrgUnit]] = {}
    for unit in db.session.scalars(select(OrgUnit)):
        names = [unit.name] + ([f"{unit.parent.name} / {unit.name}"] if unit.parent else [])
        for name in names:
            found.setdefault(_key(name), []).append(unit)
    return found


def _key(text: str) -> str:
    return " ".join(text.replace("/", " / ").split()).casefold()


def _read(content: bytes) -> tuple[list[list[str]], list[str]]:
    if len(content) > MAX_BYTES:
        return [], [f"The file must be smaller than {MAX_BYTES // (1024 * 1024)} MB"]
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return [], ["The file must be a CSV file saved as UTF-8 text"]
    try:
        lines = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as error:
        return [], [f"The file could not be read as CSV: {error}"]
    if lines and [cell.strip().casefold() for cell in lines[0][:3]] == list(HEADINGS):
        lines[0] = []  # the headings: kept as row 1 so that row numbers match the file
    return lines, []


def check_file(content: bytes) -> CheckedFile:
    """Every row of the file, each with whatever is wrong with it."""
    lines, problems = _read(content)
    numbered = [(number, cells) for number, cells in enumerate(lines, start=1)
                if any(cell.strip() for cell in cells)]
    if not problems and not numbered:
        problems = ["The file has no delegates in it: each row needs a name, an email address "
                    "and a unit"]
    if len(numbered) > MAX_ROWS:
        problems = [f"The file has {len(numbered):,} rows: import at most {MAX_ROWS:,} at once"]
    if problems:
        return CheckedFile([], problems)
    units = _units()
    emails = Counter(accounts.normalise_email(cells[1]) for _, cells in numbered
                     if len(cells) > 1 and cells[1].strip())
    existing = {user.email: user for user in db.session.scalars(
        select(User).where(User.email.in_(list(emails))))} if emails else {}
    rows = [_check_row(number, cells, units, emails, existing) for number, cells in numbered]
    return CheckedFile(rows, [])


def _check_row(number: int, cells: list[str], units: dict[str, list[OrgUnit]],
               emails: Counter, existing: dict[str, User]) -> Row:
    name, email, unit_name = ([cell.strip() for cell in cells] + ["", "", ""])[:3]
    row = Row(number, name, email, unit_name)
    if len(cells) > 3 and any(cell.strip() for cell in cells[3:]):
        row.problems.append("has more than three columns: give the name, email and unit only")
    if not name:
        row.problems.append("the name is missing")
    elif len(name) > 200:
        row.problems.append("the name must be 200 characters or fewer")
    address = accounts.normalise_email(email)
    if not email:
        row.problems.append("the email address is missing")
    elif len(address) > 320 or not EMAIL.match(address):
        row.problems.append(f"‘{neutralise(email)}’ is not an email address")
    elif emails[address] > 1:
        row.problems.append(f"{neutralise(email)} is in the file more than once")
    else:
        row.existing = existing.get(address)
    matches = units.get(_key(unit_name), []) if unit_name else []
    if not unit_name:
        row.problems.append("the unit is missing")
    elif not matches:
        row.problems.append(f"there is no unit called ‘{neutralise(unit_name)}’")
    elif len(matches) > 1:
        row.problems.append(f"more than one unit is called ‘{neutralise(unit_name)}’: write "
                            "it as ‘Directorate / Team’")
    else:
        row.unit = matches[0]
    return row


def _check_actor(actor: User) -> None:
    if not runs_training(actor):
        raise ImportRefused("Only facilitators and administrators can import delegates")


def prepare_import(actor: User, programme: TrainingProgramme, content: bytes, filename: str,
                   session: TrainingSession | None = None) -> tuple[CheckedFile,
                                                                     DelegateImport | None]:
    """Check the file; when every row is good, keep it as an import ready to run. Nothing is
    kept when any row is bad."""
    _check_actor(actor)
    if session is not None and session.programme_id != programme.id:
        raise ImportRefused("Choose one of this programme's sessions")
    checked = check_file(content)
    if not checked.good:
        return checked, None
    rows = [{"name": row.name, "email": accounts.normalise_email(row.email),
             "unit_id": row.unit.id} for row in checked.rows]
    with unit_of_work():
        job = DelegateImport(programme=programme, session=session, filename=filename[:200],
                             rows=json.dumps(rows), total=len(rows), created_by=actor)
        db.session.add(job)
        db.session.flush()
        audit.record("delegates_import_prepared", actor=actor, object_type="training_programme",
                     object_id=programme.id, details={"rows": len(rows), "import": job.id})
    return checked, job


def preview(job: DelegateImport) -> list[Row]:
    """The import's rows as they will be made (or were made)."""
    stored = json.loads(job.rows)
    units = {unit.id: unit for unit in db.session.scalars(select(OrgUnit))}
    existing = {user.email: user for user in db.session.scalars(
        select(User).where(User.email.in_([row["email"] for row in stored])))}
    return [Row(number, row["name"], row["email"], units[row["unit_id"]].name,
                units[row["unit_id"]], existing.get(row["email"]))
            for number, row in enumerate(stored, start=1)]


def get_import(programme: TrainingProgramme, import_id: int) -> DelegateImport | None:
    job = db.session.get(DelegateImport, import_id)
    return job if job is not None and job.programme_id == programme.id else None


def start_import(actor: User, job: DelegateImport) -> None:
    """Run the import: now, under test, where one transaction holds the whole test; otherwise
    in the background, while its page shows the progress."""
    _check_actor(actor)
    if job.finished_at is not None:
        return
    with unit_of_work():
        job.started_at = job.started_at or utcnow()
        audit.record("delegates_import_started", actor=actor, object_type="training_programme",
                     object_id=job.programme_id, details={"import": job.id})
    run_job(run_import, job.id)


def _locked_job(job_id: int) -> DelegateImport:
    return db.session.scalars(select(DelegateImport).where(DelegateImport.id == job_id)
                              .with_for_update().execution_options(populate_existing=True)
                              ).one()


def run_import(job_id: int) -> None:
    """Handle every row not yet done, a batch per transaction, sending each batch's
    invitations and bookings before the next (the delivery after a commit sends only what a
    request should wait for)."""
    while run_batch(job_id):
        deliver_all_due()


# What adding one row did, as `_add_delegate` says.
CREATED, BOOKED, WAITLISTED = "created", "booked", "waitlisted"


def run_batch(job_id: int) -> bool:
    """Handle the next batch of rows; False once the import is finished."""
    with unit_of_work():
        job = _locked_job(job_id)
        if job.finished_at is not None:
            return False
        job.started_at = job.started_at or utcnow()
        # Counted once a batch: a count changed row by row would be written again before each
        # of the next row's queries.
        outcomes = Counter(outcome for row in json.loads(job.rows)[job.done:job.done + BATCH]
                           for outcome in _add_delegate(job, row))
        job.created += outcomes[CREATED]
        job.booked += outcomes[BOOKED]
        job.waitlisted += outcomes[WAITLISTED]
        job.done = min(job.done + BATCH, job.total)
        if job.done >= job.total:
            job.finished_at = utcnow()
            audit.record("delegates_imported", actor=job.created_by,
                         object_type="training_programme", object_id=job.programme_id,
                         details={"import": job.id, "created": job.created,
                                  "booked": job.booked, "waitlisted": job.waitlisted})
    return True


def _add_delegate(job: DelegateImport, row: dict) -> list[str]:
    """Make or find the row's person, and book them when the import books; what it did."""
    outcomes = []
    try:
        person = accounts.create_user(email=row["email"], name=row["name"],
                                      roles={Role.TRAINEE}, unit_id=row["unit_id"],
                                      created_by=job.created_by)
        outcomes.append(CREATED)
    except accounts.EmailInUse:
        person = accounts.get_user_by_email(row["email"])
        if Role.TRAINEE not in person.roles:
            accounts.update_user(job.created_by, person, name=person.name,
                                 job_title=person.job_title, unit_id=person.unit_id,
                                 roles={*person.roles, Role.TRAINEE})
    if job.session is None:
        return outcomes
    try:
        booking = bookings.book(person, job.session)
    except DomainError:
        return outcomes  # not offered to them, or they facilitate it: the summary counts who was
    outcomes.append(BOOKED if booking.holds_place else WAITLISTED)
    return outcomes
