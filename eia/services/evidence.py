"""Adding, changing and removing the evidence sources of an assessment version.

A source has a link, an uploaded file, or neither (a named internal dataset), never both.
Uploaded files are checked by the view's form with `eia.uploads.check_upload` before they get
here, and are kept in the database so app instances stay stateless. A file can be shared with
other versions (a revision links the same file), so a file is deleted only when no source links
it any more: evidence may hold personal data, and what the author removes should go.

Every change puts the evidence section back "in progress" and writes an audit event.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from eia.extensions import db
from eia.models.assessments import AssessmentVersion, EvidenceFile, EvidenceKind, EvidenceSource
from eia.models.users import User
from eia.services import audit, sections
from eia.services.editing import check_lock, committing, ensure_editable
from eia.uploads import CheckedFile

SECTION_ID = "evidence"


@dataclass(frozen=True)
class EvidenceDetails:
    title: str
    kind: EvidenceKind
    period: str
    summary: str
    url: str

    def as_dict(self) -> dict:
        return {"title": self.title, "kind": self.kind.label, "period": self.period,
                "summary": self.summary, "url": self.url}


@dataclass(frozen=True)
class Upload:
    """A file that passed `check_upload`, with its bytes."""

    checked: CheckedFile
    content: bytes


def add_evidence(editor: User, version: AssessmentVersion, details: EvidenceDetails,
                 upload: Upload | None = None) -> EvidenceSource:
    """Add a source to `version`, with its uploaded file if there is one."""
    ensure_editable(version)
    source = EvidenceSource(version=version)
    _apply(source, details)
    if upload is not None:
        source.file = _stored_file(editor, upload)
    db.session.add(source)
    db.session.flush()
    sections.reopen_section(editor, version, SECTION_ID)
    _record("assessment.evidence_added", editor, version, source)
    db.session.commit()
    return source


def change_evidence(editor: User, version: AssessmentVersion, source: EvidenceSource,
                    details: EvidenceDetails, *, upload: Upload | None = None,
                    remove_file: bool = False, expected_lock: int | None) -> None:
    """Change a source; a new upload replaces its file, `remove_file` drops it.

    Raises StaleEdit when someone else saved the source after the user opened it.
    """
    ensure_editable(version)
    mine = details.as_dict()
    check_lock(source, expected_lock, mine, lambda: _saved(source))
    with committing(mine, lambda: _saved(source)):
        old_file = source.file
        _apply(source, details)
        if upload is not None:
            source.file = _stored_file(editor, upload)
        elif remove_file:
            source.file = None
        sections.reopen_section(editor, version, SECTION_ID)
        _record("assessment.evidence_changed", editor, version, source)
        if old_file is not None and source.file is not old_file:
            _delete_if_unused(old_file)


def remove_evidence(editor: User, version: AssessmentVersion, source: EvidenceSource, *,
                    expected_lock: int | None) -> None:
    """Remove a source, and its file if nothing else links it.

    Impacts that cited the source simply stop citing it. Raises StaleEdit when someone else
    changed the source after the user opened the confirmation page.
    """
    ensure_editable(version)
    check_lock(source, expected_lock, {}, dict)
    with committing({}, dict):
        file = source.file
        _record("assessment.evidence_removed", editor, version, source)
        version.evidence.remove(source)
        db.session.delete(source)
        sections.reopen_section(editor, version, SECTION_ID)
        db.session.flush()
        if file is not None:
            _delete_if_unused(file)


def _apply(source: EvidenceSource, details: EvidenceDetails) -> None:
    source.title = details.title.strip()
    source.kind = details.kind.value
    source.period = details.period.strip()
    source.summary = details.summary.strip()
    source.url = details.url.strip()


def _saved(source: EvidenceSource) -> dict:
    return {"title": source.title, "kind": EvidenceKind(source.kind).label,
            "period": source.period, "summary": source.summary, "url": source.url}


def _stored_file(editor: User, upload: Upload) -> EvidenceFile:
    checked = upload.checked
    return EvidenceFile(filename=checked.filename, content_type=checked.content_type,
                        size=checked.size, sha256=checked.sha256, content=upload.content,
                        uploaded_by_id=editor.id)


def _delete_if_unused(file: EvidenceFile) -> None:
    db.session.flush()
    links = db.session.scalar(
        select(func.count()).select_from(EvidenceSource).where(EvidenceSource.file_id == file.id))
    if not links:
        db.session.delete(file)


def _record(action: str, editor: User, version: AssessmentVersion,
            source: EvidenceSource) -> None:
    details = {"evidence_id": source.id, "title": source.title}
    if source.file is not None:
        details["file"] = {"filename": source.file.filename, "sha256": source.file.sha256,
                           "size": source.file.size}
    audit.record_for_version(action, editor, version, **details)
