"""Bringing in the archive from the page: several files or a .zip, previewed, then imported
with its progress shown, then reported.

`prepare_import` reads the uploaded files and keeps them as an `ArchiveImport`; its page shows
the plan of every file (`plan`): what each will create, or every bad field. A Word document's
mapping (where each heading's text goes) is shown by `mapping_of` and corrected, before the
import runs, by `correct_mapping`, which reads the document again. Running it imports
each file on its own, all of it or nothing (`eia.services.archive`), one file a transaction
that also counts the file done, so the page's progress bar moves as the files go in; a second
runner takes the import's row lock and carries on where the first stopped, so no file is
imported twice. It runs in the background, as the delegate import does, except under test.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict

from sqlalchemy import select

from eia import audit
from eia.archive import ReadResult, UnknownTarget
from eia.archive.bundle import SourceFile, mapping_of, read_files, remap
from eia.domain import DomainError, Role
from eia.extensions import db
from eia.models.archive import ArchiveImport
from eia.models.types import utcnow
from eia.models.users import User
from eia.services import archive, frameworks
from eia.services.background import run_job
from eia.services.transaction import unit_of_work


def _check_actor(actor: User) -> None:
    if not actor.active or not actor.has_role(Role.ADMIN):
        raise archive.NotAnArchivist("Only an administrator can import records of past "
                                     "assessments")


def prepare_import(actor: User, uploads: list[tuple[str, bytes]]) -> ArchiveImport:
    """Read the uploaded files (a .zip is opened) and keep them, in import order, ready to be
    previewed and run. Nothing is imported yet."""
    _check_actor(actor)
    files = archive.in_import_order(read_files(uploads, frameworks.current_framework()))
    with unit_of_work():
        job = ArchiveImport(total=len(files), created_by=actor)
        _keep_files(job, files)
        db.session.add(job)
        db.session.flush()
        audit.record("archive_import_prepared", actor=actor, object_type="archive_import",
                     object_id=job.id, details={"files": len(files)})
    return job


def files_of(job: ArchiveImport) -> list[SourceFile]:
    return [SourceFile(**stored) for stored in json.loads(job.files)]


def _keep_files(job: ArchiveImport, files: list[SourceFile]) -> None:
    job.files = json.dumps([asdict(file) for file in files], ensure_ascii=False)


class AlreadyStarted(DomainError):
    """An import's files are fixed once it has started."""


def word_file(job: ArchiveImport, position: int) -> SourceFile | None:
    """The import's file at `position` if it is a Word document (whose mapping can be
    corrected), else None."""
    files = files_of(job)
    return files[position] if 0 <= position < len(files) and files[position].is_word else None


def mapping_of_file(file: SourceFile) -> ReadResult:
    return mapping_of(file, frameworks.current_framework())


def correct_mapping(actor: User, job: ArchiveImport, position: int,
                    targets: Sequence[str]) -> None:
    """Read the Word document at `position` again with each of its passages where `targets`
    says, before the import runs. Raises AlreadyStarted once it has, and UnknownTarget for a
    place that does not exist."""
    _check_actor(actor)
    with unit_of_work():
        job = _locked(job.id)
        if job.started_at is not None:
            raise AlreadyStarted("This import has started: its files can no longer be changed")
        files = files_of(job)
        file = files[position]
        try:
            files[position] = remap(file, targets, frameworks.current_framework())
        except ValueError as error:
            raise UnknownTarget("The mapping must say where every passage goes.") from error
        _keep_files(job, files)
        moved = sum(1 for before, after in zip(file.targets or [], targets, strict=True)
                    if before != after)
        audit.record("archive_import_mapping_corrected", actor=actor,
                     object_type="archive_import", object_id=job.id,
                     details={"file": file.filename, "passages_moved": moved})


def plan(job: ArchiveImport) -> list[archive.RecordPlan]:
    """What each file will create, or why it cannot be imported, as things stand now."""
    return archive.plan_batch(files_of(job))


def outcomes(job: ArchiveImport) -> list[archive.FileOutcome]:
    return [archive.FileOutcome(**stored) for stored in json.loads(job.outcomes or "[]")]


def get_import(import_id: int) -> ArchiveImport | None:
    return db.session.get(ArchiveImport, import_id)


def start_import(actor: User, job: ArchiveImport) -> None:
    """Run the import: now, under test, where one transaction holds the whole test; otherwise
    in the background, while its page shows the progress."""
    _check_actor(actor)
    if job.started_at is not None:
        return
    with unit_of_work():
        job.started_at = utcnow()
        audit.record("archive_import_started", actor=actor, object_type="archive_import",
                     object_id=job.id)
    run_job(run_import, job.id)


def run_import(job_id: int) -> None:
    while run_next(job_id):
        pass


def run_next(job_id: int) -> bool:
    """Import the next file, and count it done, in one transaction; False once finished."""
    with unit_of_work():
        job = _locked(job_id)
        if job.finished_at is not None:
            return False
        files = files_of(job)
        if job.done < len(files):
            outcome = archive.import_one(job.created_by, files[job.done])
            job.outcomes = json.dumps([*json.loads(job.outcomes or "[]"), asdict(outcome)],
                                      ensure_ascii=False)
            job.done += 1
        if job.done >= job.total:
            job.finished_at = utcnow()
            imported = sum(1 for stored in json.loads(job.outcomes) if stored["reference"])
            audit.record("archive_imported", actor=job.created_by,
                         object_type="archive_import", object_id=job.id,
                         details={"imported": imported, "refused": job.total - imported})
    return True


def _locked(job_id: int) -> ArchiveImport:
    """The import as it is now, its row locked until the transaction ends."""
    return db.session.scalars(select(ArchiveImport).where(ArchiveImport.id == job_id)
                              .with_for_update().execution_options(populate_existing=True)).one()
