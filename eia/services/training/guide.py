"""A programme's live best-practice document, written together by its facilitators.

The document is a list of headed sections. Each change (a section added, renamed, rewritten
or moved) is a new numbered revision holding the whole document as it then stood, with who
made it and when, so any two revisions can be compared word by word.

An edit carries the revision its page was loaded at (`base`). If someone else has changed
that section since, the edit is refused with `StaleSection`, which holds both texts so the
page can show them side by side; nothing is overwritten. Two saves at the same moment both
claim the next revision number and the database lets one of them win.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime
from difflib import SequenceMatcher

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from eia import audit
from eia.domain import DomainError
from eia.extensions import db
from eia.formatting import format_datetime
from eia.models.programme import TrainingProgramme
from eia.models.programme_shared import PracticeNoteRevision, PracticeNoteSection
from eia.models.users import User
from eia.permissions import runs_training
from eia.services.transaction import unit_of_work

MAX_HEADING = 200
MAX_TEXT = 20_000


class GuideRefused(DomainError):
    pass


class StaleSection(DomainError):
    """Someone changed the section after the page was loaded: both texts, for the page."""

    def __init__(self, section: PracticeNoteSection, *, heading: str, text: str,
                 saved_by: str, saved_at: datetime | None):
        super().__init__(f"{saved_by} changed ‘{section.heading}’ after you opened it, so your "
                         "changes have not been saved")
        self.mine = {"heading": heading, "text": text}
        self.theirs = {"heading": section.heading, "text": section.text}
        self.saved_by = saved_by
        self.saved_at = saved_at


def sections(programme: TrainingProgramme) -> list[PracticeNoteSection]:
    return list(db.session.scalars(
        select(PracticeNoteSection).where(PracticeNoteSection.programme_id == programme.id)
        .order_by(PracticeNoteSection.position, PracticeNoteSection.id)))


def current_revision(programme: TrainingProgramme) -> int:
    """The number of the latest revision; 0 while the document is empty."""
    return db.session.scalar(select(func.max(PracticeNoteRevision.number)).where(
        PracticeNoteRevision.programme_id == programme.id)) or 0


def revisions(programme: TrainingProgramme) -> list[PracticeNoteRevision]:
    """Every revision, newest first."""
    return list(db.session.scalars(
        select(PracticeNoteRevision).where(PracticeNoteRevision.programme_id == programme.id)
        .order_by(PracticeNoteRevision.number.desc())))


def get_revision(programme: TrainingProgramme, number: int) -> PracticeNoteRevision | None:
    return db.session.scalar(select(PracticeNoteRevision).where(
        PracticeNoteRevision.programme_id == programme.id,
        PracticeNoteRevision.number == number))


def get_section(programme: TrainingProgramme, section_id: int) -> PracticeNoteSection | None:
    section = db.session.get(PracticeNoteSection, section_id)
    return section if section is not None and section.programme_id == programme.id else None


def _check(actor: User, heading: str, text: str) -> None:
    if not runs_training(actor):
        raise GuideRefused("Only facilitators and administrators can change the document")
    if not heading:
        raise GuideRefused("Enter the section’s heading")
    if len(heading) > MAX_HEADING:
        raise GuideRefused(f"The heading must be {MAX_HEADING} characters or fewer")
    if len(text) > MAX_TEXT:
        raise GuideRefused(f"The text must be {MAX_TEXT:,} characters or fewer")


def _save_revision(actor: User, programme: TrainingProgramme, summary: str) -> int:
    """Flush the change, then record the document as it now stands as the next revision."""
    db.session.flush()
    number = current_revision(programme) + 1
    snapshot = [{"id": s.id, "heading": s.heading, "text": s.text}
                for s in sections(programme)]
    db.session.add(PracticeNoteRevision(programme_id=programme.id, number=number,
                                        summary=summary[:300], author=actor,
                                        snapshot=json.dumps(snapshot, ensure_ascii=False)))
    audit.record("best_practice_changed", actor=actor, object_type="programme",
                 object_id=programme.id, details={"revision": number, "summary": summary})
    return number


def _in_one_revision(work):
    """Run `work` in a unit of work; a revision number claimed at the same moment by someone
    else is refused rather than raised as a database error."""
    try:
        with unit_of_work():
            return work()
    except IntegrityError as error:
        raise GuideRefused("Someone else saved the document at the same moment: open it "
                           "again and make your change once more") from error


def add_section(actor: User, programme: TrainingProgramme, *, heading: str,
                text: str = "") -> PracticeNoteSection:
    heading, text = heading.strip(), text.strip()
    _check(actor, heading, text)

    def work() -> PracticeNoteSection:
        position = (db.session.scalar(select(func.max(PracticeNoteSection.position)).where(
            PracticeNoteSection.programme_id == programme.id)) or 0) + 1
        section = PracticeNoteSection(programme_id=programme.id, position=position,
                                      heading=heading, text=text)
        db.session.add(section)
        db.session.flush()
        section.changed_in = _save_revision(actor, programme, f"Added ‘{heading}’")
        return section

    return _in_one_revision(work)


def edit_section(actor: User, programme: TrainingProgramme, section: PracticeNoteSection, *,
                 heading: str, text: str, base: int) -> bool:
    """Save the section's new heading and text, made from the page as it stood at revision
    `base`. False when nothing changed. Raises StaleSection if the section changed since."""
    heading, text = heading.strip(), text.strip()
    _check(actor, heading, text)
    if section.changed_in > base:
        change = get_revision(programme, section.changed_in)
        raise StaleSection(section, heading=heading, text=text,
                           saved_by=change.author.name if change else "Someone else",
                           saved_at=change.saved_at if change else None)
    if (heading, text) == (section.heading, section.text):
        return False
    renamed = heading != section.heading
    summary = (f"Renamed ‘{section.heading}’ to ‘{heading}’" if renamed
               else f"Changed ‘{heading}’")

    def work() -> None:
        section.heading, section.text = heading, text
        section.changed_in = _save_revision(actor, programme, summary)

    _in_one_revision(work)
    return True


def move_section(actor: User, programme: TrainingProgramme, section: PracticeNoteSection,
                 *, up: bool) -> None:
    """Swap the section with the one above (or below) it; at either end, nothing happens."""
    if not runs_training(actor):
        raise GuideRefused("Only facilitators and administrators can change the document")
    ordered = sections(programme)
    index = next(i for i, s in enumerate(ordered) if s.id == section.id)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(ordered):
        return

    def work() -> None:
        ordered[index], ordered[other] = ordered[other], ordered[index]
        for position, each in enumerate(ordered, start=1):
            each.position = position
        _save_revision(actor, programme,
                       f"Moved ‘{section.heading}’ {'up' if up else 'down'}")

    _in_one_revision(work)


# Comparing two revisions -------------------------------------------------------------------

# A word with the space after it, so that a changed run of words reads as one change.
_WORDS = re.compile(r"\s+|\S+\s*")


@dataclass(frozen=True)
class Piece:
    """A run of text in a comparison: "same", "removed" or "added"."""

    change: str
    text: str


@dataclass(frozen=True)
class SectionComparison:
    heading: str  # as in the later revision, or the earlier one if it was removed
    status: str  # "added", "removed", "changed" or "unchanged"
    heading_pieces: list[Piece]
    text_pieces: list[Piece]


def word_changes(before: str, after: str) -> list[Piece]:
    """The words of `after` compared with `before`: runs that stayed, went and came."""
    old, new = _WORDS.findall(before), _WORDS.findall(after)
    pieces: list[Piece] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if op == "equal":
            pieces.append(Piece("same", "".join(old[i1:i2])))
            continue
        if i2 > i1:
            pieces.append(Piece("removed", "".join(old[i1:i2])))
        if j2 > j1:
            pieces.append(Piece("added", "".join(new[j1:j2])))
    return pieces


def compare(earlier: PracticeNoteRevision, later: PracticeNoteRevision
            ) -> list[SectionComparison]:
    """Every section of either revision, in the later one's order, removed ones last."""
    before = {s["id"]: s for s in earlier.sections}
    after = [s["id"] for s in later.sections]
    result = []
    for section in later.sections:
        old = before.get(section["id"])
        if old is None:
            status = "added"
            old = {"heading": "", "text": ""}
        elif (old["heading"], old["text"]) == (section["heading"], section["text"]):
            status = "unchanged"
        else:
            status = "changed"
        result.append(SectionComparison(section["heading"], status,
                                        word_changes(old["heading"], section["heading"]),
                                        word_changes(old["text"], section["text"])))
    for section_id, old in before.items():
        if section_id not in after:
            result.append(SectionComparison(old["heading"], "removed",
                                            word_changes(old["heading"], ""),
                                            word_changes(old["text"], "")))
    return result


def as_markdown(programme: TrainingProgramme) -> str:
    """The document as it stands, with its revision history, for the hand-over pack."""
    lines = [f"# Best practice: {programme.name}", ""]
    for section in sections(programme):
        lines += [f"## {section.heading}", "", section.text, ""]
    lines += ["## Revision history", ""]
    for revision in revisions(programme):
        lines.append(f"- Revision {revision.number}, {format_datetime(revision.saved_at)}, "
                     f"{revision.author.name}: {revision.summary}")
    return "\n".join(lines).rstrip() + "\n"
