"""Saving answers to the framework's question pages and marking sections complete."""

from __future__ import annotations

from eia import audit
from eia.domain import DomainError
from eia.extensions import db
from eia.framework import Section
from eia.models.assessments import AssessmentVersion, SectionAnswers
from eia.models.users import User
from eia.services.editing import check_lock, committing, ensure_editable
from eia.services.transaction import use_case


class SectionNotReady(DomainError):
    """The section cannot be marked complete yet; `missing` says what is left."""

    def __init__(self, section_title: str, missing: list[str]):
        self.missing = missing
        super().__init__(f"{section_title} is not finished yet: {missing[0]}")


def _row(version: AssessmentVersion, section_id: str) -> SectionAnswers:
    row = version.section(section_id)
    if row is None:
        row = SectionAnswers(version=version, section_id=section_id)
        row.answers = {}
        db.session.add(row)
    return row


def save_answers(editor: User, version: AssessmentVersion, section: Section, answers: dict,
                 *, expected_lock: int | None) -> SectionAnswers:
    """Save one page's answers. Saving changes the section back to "in progress"."""
    ensure_editable(version)
    existing = version.section(section.id)
    saved = existing.answers if existing else {}
    check_lock(existing, expected_lock, answers, lambda: {k: saved.get(k) for k in answers})
    with committing(answers, lambda: {k: saved.get(k) for k in answers}):
        row = _row(version, section.id)
        row.answers = {**row.answers, **answers}
        row.completed = False
        row.updated_by = editor
        audit.record_for_version("assessment.answers_saved", editor, version,
                                 section=section.id, questions=sorted(answers))
    return row


@use_case
def set_section_completed(editor: User, version: AssessmentVersion, section: Section,
                          completed: bool, *, missing: list[str]) -> None:
    """Mark a section complete (refused while `missing` lists anything) or still in progress.

    The caller works out what is missing, because what "finished" means depends on the kind of
    section (answered questions, an impact for every group, at least one evidence source...).
    """
    ensure_editable(version)
    if completed and missing:
        raise SectionNotReady(section.title, missing)
    row = _row(version, section.id)
    row.completed = completed
    row.updated_by = editor
    audit.record_for_version(
        "assessment.section_completed" if completed else "assessment.section_reopened",
        editor, version, section=section.id)


def reopen_section(editor: User, version: AssessmentVersion, section_id: str) -> None:
    """A completed section goes back to "in progress" when its content changes (no commit).

    Evidence, engagement, impacts and actions live outside the section's answers, so their
    services call this; saving answers does the same through `save_answers`.
    """
    row = version.section(section_id)
    if row is not None and row.completed:
        # Someone else's change may be reopening it at this moment: wait for theirs to be
        # saved and read the row again, rather than overwrite it and fail on its lock.
        db.session.refresh(row, with_for_update=True)
    if row is not None and row.completed:
        row.completed = False
        row.updated_by = editor
