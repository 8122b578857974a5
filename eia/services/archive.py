"""Bringing in the archive: past assessments imported as records of the past.

A document with a `historical` part (`eia.document.historical`) is imported by an
administrator as a record that was signed off before Due Regard: version 1, held as signed off
with `imported` set (so the database keeps it as it is and the workflow refuses every move),
its content exactly as the document gives it, and what happened before Due Regard kept as
recorded facts: the original sign-off, the revisions, the people as the source names them.

`plan_record` checks one document without writing and says what importing it will create
(the record, the units it names that do not exist yet, the people and whether each has an
account). `import_record(importer, document, filename)` is the one way in, for every reader
of the archive (JSON, .zip, a Word document turned into the same document): all of a file, or
nothing of it. `plan_batch` and `import_batch` do the same for many files, parents before
their children, each file on its own (`eia.services.archive_imports` runs a batch from the
page, with its progress).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from eia import audit, queries
from eia.archive.bundle import SourceFile
from eia.document.historical import review_date_of
from eia.domain import AssessmentType, DomainError, RecordedRole, Role, VersionStatus
from eia.extensions import db
from eia.models.archive import (
    HistoricalImportedText,
    HistoricalRecord,
    HistoricalRevision,
    HistoricalSignOff,
    RecordedPerson,
)
from eia.models.assessments import Assessment, AssessmentVersion
from eia.models.review import Publication
from eia.models.users import OrgUnit, User
from eia.services import accounts, assessments, frameworks, units
from eia.services.transaction import unit_of_work
from eia.services.transfer import ImportRefused, add_content, load_document

REVIEW_SECTION, REVIEW_QUESTION = "monitoring_and_review", "review_date"
# Separates a directorate from its team in a unit's full name ("Communities: Libraries").
UNIT_SEPARATOR = ": "


class NotAnArchivist(DomainError):
    """Only an active administrator brings in the archive."""


@dataclass(frozen=True)
class PlannedPerson:
    role: RecordedRole
    name: str
    job_title: str
    user: User | None  # the account the person is matched to, when their email has one

    @property
    def described(self) -> str:
        return f"{self.name}, {self.job_title}" if self.job_title else self.name


@dataclass
class RecordPlan:
    """What importing one file will create, or every problem that stops it."""

    filename: str
    data: dict = field(default_factory=dict)
    errors: dict[str, list[str]] = field(default_factory=dict)
    people: list[PlannedPerson] = field(default_factory=list)
    unit: OrgUnit | None = None
    units_to_create: list[str] = field(default_factory=list)
    template: str | None = None  # the template a Word document was read with

    @property
    def imported_text(self) -> list[dict]:
        return self.historical.get("imported_text") or []

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def title(self) -> str:
        return (self.data.get("details") or {}).get("title") or self.filename

    @property
    def historical(self) -> dict:
        return self.data.get("historical") or {}

    @property
    def source_reference(self) -> str:
        return self.historical.get("source_reference") or ""

    @property
    def parent_reference(self) -> str | None:
        return self.historical.get("parent")


def _problem(errors: dict[str, list[str]], path: str, message: str) -> None:
    errors.setdefault(path, []).append(message)


def plan_record(document: object, filename: str,
                arriving: frozenset[str] = frozenset()) -> RecordPlan:
    """Check a document as a record of the past, writing nothing.

    `arriving` holds the source references of the other records in the same batch, which a
    child may name as its parent before they are imported.
    """
    data, errors = load_document(document)
    plan = RecordPlan(filename=filename, data=data, errors=errors)
    if isinstance(document, dict) and document.get("historical") is None:
        _problem(errors, "historical", "Is required: only a record of the past, with its "
                 "original sign-off and dates, is imported into the archive.")
    details = data.get("details") or {}
    plan.people = _people_named(details)
    if details.get("unit"):
        plan.unit, plan.units_to_create = _unit_for(details["unit"], errors)
    reference = plan.source_reference
    already = get_record(reference) if reference else None
    if already is not None:
        _problem(errors, "historical.source_reference",
                 f"A record with the reference {reference} has already been imported "
                 f"({already.reference}).")
    parent = plan.parent_reference
    if parent and parent not in arriving and get_record(parent) is None:
        _problem(errors, "historical.parent", f"No imported record, and no other file in "
                 f"this batch, has the reference {parent}.")
    return plan


def get_record(source_reference: str) -> Assessment | None:
    """The assessment holding the imported record with this source reference, if any."""
    return db.session.scalar(
        select(Assessment).join(AssessmentVersion).join(HistoricalRecord)
        .where(HistoricalRecord.source_reference == source_reference))


def _people_named(details: dict) -> list[PlannedPerson]:
    named = [(RecordedRole.LEAD_OFFICER, details.get("lead_officer")),
             (RecordedRole.HEAD_OF_SERVICE, details.get("head_of_service")),
             *((RecordedRole.CONTRIBUTOR, person) for person in details.get("contributors")
               or [])]
    return [_person(role, person) for role, person in named if person]


def _person(role: RecordedRole, person: dict) -> PlannedPerson:
    email = person.get("email")
    user = accounts.get_user_by_email(email) if email else None
    name = (person.get("name") or "").strip() or (user.name if user else email)
    return PlannedPerson(role=role, name=name, job_title=person.get("job_title") or "",
                         user=user)


def _unit_for(full_name: str, errors: dict[str, list[str]]) -> tuple[OrgUnit | None, list[str]]:
    """The unit with this full name, or the units to create for it ("Directorate", then
    "Directorate: Team")."""
    matches = [unit for unit in queries.list_units() if unit.full_name == full_name]
    if len(matches) > 1:
        _problem(errors, "details.unit", "More than one organisational unit has this name.")
        return None, []
    if matches:
        return matches[0], []
    directorate, _, team = full_name.partition(UNIT_SEPARATOR)
    if not directorate.strip() or (UNIT_SEPARATOR in full_name and not team.strip()):
        _problem(errors, "details.unit", f"Name a directorate, or a team as “Directorate"
                 f"{UNIT_SEPARATOR}Team”.")
        return None, []
    exists = any(unit.full_name == directorate for unit in queries.list_units())
    return None, ([] if exists else [directorate]) + ([full_name] if team else [])


def import_record(importer: User, document: object, filename: str) -> Assessment:
    """Import one record of the past, all of it or nothing.

    Raises ImportRefused with every problem found (nothing written), or NotAnArchivist when
    `importer` is not an active administrator. Creates the units the record names that do not
    exist yet, a new assessment whose version 1 holds the record's content and is signed off
    as imported, the recorded sign-off, revisions and people, and the link to its parent.
    """
    if not importer.active or not importer.has_role(Role.ADMIN):
        raise NotAnArchivist("Only an administrator can import records of past assessments")
    plan = plan_record(document, filename)
    if not plan.ok:
        raise ImportRefused(plan.errors)
    data, details, historical = plan.data, plan.data["details"], plan.historical
    with unit_of_work():
        unit = plan.unit or _create_units(importer, details["unit"], plan.units_to_create)
        version = assessments.start_record(importer, assessments.ControlDetails(
            title=details["title"], assessment_type=AssessmentType(details["type"]),
            unit_id=unit.id if unit else None,
            # The custodian of the record in Due Regard; the people it names are recorded.
            lead_officer_id=importer.id, contributor_ids=[],
            decision_maker=details["decision_maker"], decision_forum=details["decision_forum"],
            decision_date=details["decision_date"], work_started_on=details["work_started_on"],
            strategic_decision=details["strategic_decision"]))
        version.extra_groups = _extra_groups_json(data)
        if historical.get("parent"):
            version.assessment.parent = get_record(historical["parent"])
        _with_review_date(data, historical)
        add_content(version, data, importer)
        _record_history(version, importer, plan)
        if historical.get("public_summary", "").strip():
            db.session.add(Publication(version=version, summary=historical["public_summary"],
                                       published_by=importer))
        # Content first, then the status: the database refuses content for a signed-off one.
        version.imported = True
        version.status = VersionStatus.SIGNED_OFF.value
        db.session.flush()
        audit.record("assessment.imported_record", actor=importer, object_type="assessment",
                     object_id=version.reference,
                     details={"file": filename, "source_reference": plan.source_reference,
                              "units_created": plan.units_to_create})
    return version.assessment


def _extra_groups_json(data: dict) -> str:
    chosen = set(data.get("extra_groups") or [])
    return json.dumps([group.id for group in frameworks.current_framework().extra_groups
                       if group.id in chosen])


def _with_review_date(data: dict, historical: dict) -> None:
    """Put the record's review date where every version keeps it, for the reminders."""
    review_date = review_date_of(historical)
    if review_date is None:
        return
    section = data["sections"].setdefault(REVIEW_SECTION, {"completed": True, "answers": {}})
    section["answers"][REVIEW_QUESTION] = review_date.isoformat()


def _create_units(importer: User, full_name: str, names: list[str]) -> OrgUnit | None:
    unit = None
    for name in names:
        directorate, _, team = name.partition(UNIT_SEPARATOR)
        parent = next(u for u in queries.list_units() if u.full_name == directorate) \
            if team else None
        unit = units.create_unit(importer, name=team or directorate,
                                 parent_id=parent.id if parent else None)
    return unit if unit is not None and unit.full_name == full_name else None


def _record_history(version: AssessmentVersion, importer: User, plan: RecordPlan) -> None:
    historical = plan.historical
    review = historical.get("review") or {}
    record = HistoricalRecord(
        version=version, source_file=plan.filename[:255],
        source_reference=plan.source_reference, completed_on=historical.get("completed_on"),
        review_wording=review.get("wording", ""), imported_by=importer)
    record.sign_offs = [HistoricalSignOff(**sign_off)
                        for sign_off in historical.get("sign_offs") or []]
    record.revisions = [HistoricalRevision(**revision)
                        for revision in historical.get("revisions") or []]
    record.people = [RecordedPerson(role=person.role.value, name=person.name,
                                    job_title=person.job_title, user=person.user)
                     for person in plan.people]
    record.imported_text = [HistoricalImportedText(**kept)
                            for kept in historical.get("imported_text") or []]
    db.session.add(record)


# --- People as they were ---------------------------------------------------------------------


def list_people() -> list[RecordedPerson]:
    """Everyone the imported records name, those not yet matched to an account first."""
    return list(db.session.scalars(
        select(RecordedPerson).order_by(RecordedPerson.user_id.is_not(None),
                                        RecordedPerson.name, RecordedPerson.id)))


def get_person(person_id: int) -> RecordedPerson | None:
    return db.session.get(RecordedPerson, person_id)


def match_person(actor: User, person: RecordedPerson, user: User) -> None:
    """Record that the person a record names is `user`. The record itself is unchanged: it
    still names them as its source did. NotAnArchivist unless `actor` is an administrator."""
    if not actor.active or not actor.has_role(Role.ADMIN):
        raise NotAnArchivist("Only an administrator can match people to accounts")
    with unit_of_work():
        person.user = user
        audit.record("recorded_person.matched", actor=actor, object_type="assessment",
                     object_id=person.record.version.reference,
                     details={"person": person.name, "user": user.email})


# --- Batches --------------------------------------------------------------------------------


@dataclass
class FileOutcome:
    """What became of one file of a batch: the record made, or why not."""

    filename: str
    title: str
    reference: str | None = None
    errors: dict[str, list[str]] = field(default_factory=dict)


def plan_batch(files: list[SourceFile]) -> list[RecordPlan]:
    """The plan of every file, each checked knowing what the others will bring."""
    arriving = frozenset(
        (file.document.get("historical") or {}).get("source_reference") or ""
        for file in files if isinstance(file.document, dict)
        and isinstance(file.document.get("historical"), dict)) - {""}
    plans = [RecordPlan(file.filename, errors={"file": [file.problem]}) if file.problem
             else plan_record(file.document, file.filename, arriving) for file in files]
    for plan, file in zip(plans, files, strict=True):
        plan.template = file.template
    return plans


def in_import_order(files: list[SourceFile]) -> list[SourceFile]:
    """Parents before the children that name them; otherwise as given."""
    def depth(file: SourceFile, seen: frozenset[str] = frozenset()) -> int:
        parent = _parent_named(file)
        if parent is None or parent in seen or parent not in by_reference:
            return 0
        return 1 + depth(by_reference[parent], seen | {parent})

    by_reference = {_reference_of(file): file for file in files if _reference_of(file)}
    return sorted(files, key=depth)


def _historical_of(file: SourceFile) -> dict:
    document = file.document if isinstance(file.document, dict) else {}
    historical = document.get("historical")
    return historical if isinstance(historical, dict) else {}


def _reference_of(file: SourceFile) -> str:
    reference = _historical_of(file).get("source_reference")
    return reference if isinstance(reference, str) else ""


def _parent_named(file: SourceFile) -> str | None:
    parent = _historical_of(file).get("parent")
    return parent if isinstance(parent, str) else None


def import_batch(importer: User, files: list[SourceFile]) -> list[FileOutcome]:
    """Import each file on its own (all of it or nothing), parents first, and say what became
    of each."""
    return [import_one(importer, file) for file in in_import_order(files)]


def import_one(importer: User, file: SourceFile) -> FileOutcome:
    """Import one file of a batch, or nothing of it, and say which.

    Inside a savepoint, so that when it runs within a larger unit of work (the page's import,
    which counts each file done in the same transaction) a refused file leaves nothing behind.
    """
    title = _title_of(file)
    if file.problem:
        return FileOutcome(file.filename, title, errors={"file": [file.problem]})
    with unit_of_work():
        savepoint = db.session.begin_nested()
        try:
            assessment = import_record(importer, file.document, file.filename)
            db.session.flush()
        except IntegrityError:  # another import brought in the same reference meanwhile
            savepoint.rollback()
            return FileOutcome(file.filename, title, errors={"historical.source_reference": [
                f"A record with the reference {_reference_of(file)} has already been "
                "imported."]})
        except ImportRefused as refused:
            savepoint.rollback()
            return FileOutcome(file.filename, title, errors=refused.errors)
        except DomainError as error:
            savepoint.rollback()
            return FileOutcome(file.filename, title, errors={"file": [str(error)]})
        savepoint.commit()
    return FileOutcome(file.filename, assessment.latest.title, reference=assessment.reference)


def _title_of(file: SourceFile) -> str:
    details = (file.document.get("details") if isinstance(file.document, dict) else None) or {}
    title = details.get("title") if isinstance(details, dict) else None
    return title if isinstance(title, str) and title else file.filename
