"""What a programme's facilitators share: the live best-practice document, the question board
and the resource library.

The best-practice document is a list of headed sections. Every change to it is a numbered
revision holding a copy of the whole document as it then stood (`snapshot`, JSON), so any two
revisions can be compared and nothing anyone wrote is ever lost. A section remembers the
revision that last changed it (`changed_in`): an edit made from a page loaded before that
revision is stale and refused. Two saves at the same moment claim the same revision number;
the unique constraint lets one of them win.

A resource (a guide, slides, the learning booklet, FAQs) has versions: uploading a new file
adds one and keeps the old. Files are kept in the database, like evidence files, so app
instances stay stateless.
"""

from __future__ import annotations

import json
from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from eia.extensions import db
from eia.models.programme import TrainingProgramme
from eia.models.types import UTCDateTime, utcnow
from eia.models.users import User


class ResourceKind(StrEnum):
    GUIDE = "guide"
    SLIDES = "slides"
    BOOKLET = "booklet"
    FAQ = "faq"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {"guide": "Guide", "slides": "Slides", "booklet": "Learning booklet",
                "faq": "Frequently asked questions", "other": "Other"}[self.value]


# The best-practice document ---------------------------------------------------------------


class PracticeNoteSection(db.Model):
    """One headed section of a programme's best-practice document, as it stands now."""

    __tablename__ = "practice_note_sections"

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("training_programmes.id"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    heading: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text, default="")
    # The document revision that last changed this section.
    changed_in: Mapped[int] = mapped_column(default=1)

    programme: Mapped[TrainingProgramme] = relationship()


class PracticeNoteRevision(db.Model):
    """The whole best-practice document after one change, with who made it and when."""

    __tablename__ = "practice_note_revisions"
    __table_args__ = (UniqueConstraint("programme_id", "number",
                                       name="uq_practice_note_revisions_programme_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("training_programmes.id"), index=True)
    number: Mapped[int]
    summary: Mapped[str] = mapped_column(String(300))  # what changed, in words
    # [{"id": section id, "heading": ..., "text": ...}, ...] in the document's order.
    snapshot: Mapped[str] = mapped_column(Text)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    saved_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    author: Mapped[User] = relationship()

    @property
    def sections(self) -> list[dict]:
        return json.loads(self.snapshot)


# The question board ------------------------------------------------------------------------


class BoardQuestion(db.Model):
    __tablename__ = "board_questions"

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("training_programmes.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    posted_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    answered_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    author: Mapped[User] = relationship(foreign_keys=[author_id])
    answered_by: Mapped[User | None] = relationship(foreign_keys=[answered_by_id])
    replies: Mapped[list[BoardReply]] = relationship(back_populates="question",
                                                     order_by="BoardReply.id")

    @property
    def answered(self) -> bool:
        return self.answered_at is not None


class BoardReply(db.Model):
    __tablename__ = "board_replies"

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("board_questions.id"), index=True)
    body: Mapped[str] = mapped_column(Text)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    posted_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)

    question: Mapped[BoardQuestion] = relationship(back_populates="replies")
    author: Mapped[User] = relationship()


class BoardDigestChoice(db.Model):
    """A facilitator's choice of a daily email of new posts on a programme's board."""

    __tablename__ = "board_digest_choices"

    programme_id: Mapped[int] = mapped_column(ForeignKey("training_programmes.id"),
                                              primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True, index=True)
    chosen_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # Posts after this went into no digest yet.
    covered_until: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    programme: Mapped[TrainingProgramme] = relationship()
    user: Mapped[User] = relationship()


# The resource library ----------------------------------------------------------------------


class ProgrammeResource(db.Model):
    __tablename__ = "programme_resources"

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("training_programmes.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20))
    topic: Mapped[str] = mapped_column(String(200), default="")
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    owner: Mapped[User] = relationship()
    versions: Mapped[list[ResourceVersion]] = relationship(
        back_populates="resource", order_by="ResourceVersion.number")

    @property
    def latest(self) -> ResourceVersion:
        return self.versions[-1]


class ResourceVersion(db.Model):
    """One uploaded file of a resource; never changed once made."""

    __tablename__ = "resource_versions"
    __table_args__ = (UniqueConstraint("resource_id", "number",
                                       name="uq_resource_versions_resource_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    resource_id: Mapped[int] = mapped_column(ForeignKey("programme_resources.id"), index=True)
    number: Mapped[int]
    note: Mapped[str] = mapped_column(Text, default="")  # what changed in this version
    filename: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    uploaded_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    resource: Mapped[ProgrammeResource] = relationship(back_populates="versions")
    uploaded_by: Mapped[User] = relationship()
