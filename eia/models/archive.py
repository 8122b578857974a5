"""Historical records: past assessments brought in from an organisation's archive.

An imported record is an `AssessmentVersion` with `imported` set and the status "signed off",
so that everything that protects a signed-off version protects it too (the database refuses
any change to it or its content, the register lists it, its review falls due). What happened
before Due Regard is held here as recorded facts, never as Due Regard's own workflow rows: the
original sign-off, the revisions, the people as the source names them (an account or not), the
dates and wording the source used, and any text of the source that had no place of its own.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, backref, mapped_column, relationship

from eia.domain import RecordedRole, label_of
from eia.extensions import db
from eia.models.assessments import AssessmentVersion
from eia.models.types import UTCDateTime, utcnow
from eia.models.users import User


class HistoricalRecord(db.Model):
    """Where an imported version came from and the dates it holds as the source gave them."""

    __tablename__ = "historical_records"
    # One record per reference the organisation used, however many imports run at once; a
    # record without a reference is not checked.
    __table_args__ = (Index("uq_historical_records_source_reference", "source_reference",
                            unique=True, sqlite_where=text("source_reference != ''"),
                            postgresql_where=text("source_reference != ''")),)

    version_id: Mapped[int] = mapped_column(
        ForeignKey("assessment_versions.id", ondelete="CASCADE"), primary_key=True)
    # The file the record came from, and the reference the organisation used for it then.
    source_file: Mapped[str] = mapped_column(String(255), default="")
    source_reference: Mapped[str] = mapped_column(String(100), default="")
    completed_on: Mapped[date | None] = mapped_column(Date)
    # The review as the source worded it ("within a year, or earlier if required"); the date
    # it stands for is the monitoring section's review date, which the reminders read.
    review_wording: Mapped[str] = mapped_column(Text, default="")
    imported_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    # `version.historical` is this record (None for a version made in Due Regard).
    version: Mapped[AssessmentVersion] = relationship(backref=backref(
        "historical", uselist=False, cascade="all, delete-orphan"))
    imported_by: Mapped[User] = relationship()
    sign_offs: Mapped[list[HistoricalSignOff]] = relationship(
        cascade="all, delete-orphan", order_by="HistoricalSignOff.id", lazy="selectin")
    revisions: Mapped[list[HistoricalRevision]] = relationship(
        cascade="all, delete-orphan", order_by="HistoricalRevision.revised_on", lazy="selectin")
    people: Mapped[list[RecordedPerson]] = relationship(
        back_populates="record", cascade="all, delete-orphan", order_by="RecordedPerson.id",
        lazy="selectin")
    imported_text: Mapped[list[HistoricalImportedText]] = relationship(
        cascade="all, delete-orphan", order_by="HistoricalImportedText.id", lazy="selectin")

    def people_as(self, role: RecordedRole) -> list[RecordedPerson]:
        return [person for person in self.people if person.role == role]


class HistoricalSignOff(db.Model):
    """A sign-off given before Due Regard: who, in what role or body, when, and what they
    decided. A fact on record, not a sign-off made here."""

    __tablename__ = "historical_sign_offs"

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(
        ForeignKey("historical_records.version_id", ondelete="CASCADE"), index=True)
    signed_by: Mapped[str] = mapped_column(String(300))
    role_or_body: Mapped[str] = mapped_column(String(300), default="")
    signed_on: Mapped[date | None] = mapped_column(Date)
    decision: Mapped[str] = mapped_column(Text, default="")


class HistoricalRevision(db.Model):
    """A revision the record went through before it was imported, and what changed."""

    __tablename__ = "historical_revisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(
        ForeignKey("historical_records.version_id", ondelete="CASCADE"), index=True)
    revised_on: Mapped[date] = mapped_column(Date)
    what_changed: Mapped[str] = mapped_column(Text, default="")


class HistoricalImportedText(db.Model):
    """Words of the source that had no place in the assessment (a Word document's heading the
    template does not know, a note beside a table), kept as the source wrote them."""

    __tablename__ = "historical_imported_text"

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(
        ForeignKey("historical_records.version_id", ondelete="CASCADE"), index=True)
    heading: Mapped[str] = mapped_column(Text, default="")
    text: Mapped[str] = mapped_column(Text)


class RecordedPerson(db.Model):
    """Someone a historical record names (lead officer, head of service, contributor), as the
    source names them; `user` is set when an administrator matches them to an account."""

    __tablename__ = "recorded_people"

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(
        ForeignKey("historical_records.version_id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(30))
    name: Mapped[str] = mapped_column(String(200))
    job_title: Mapped[str] = mapped_column(String(200), default="")
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)

    record: Mapped[HistoricalRecord] = relationship(back_populates="people")
    user: Mapped[User | None] = relationship()

    @property
    def role_label(self) -> str:
        return label_of(RecordedRole, self.role)

    @property
    def described(self) -> str:
        return f"{self.name}, {self.job_title}" if self.job_title else self.name


class ArchiveImport(db.Model):
    """A batch of files brought in from the archive, kept while it runs so that its page can
    show the preview, then the progress, then the report.

    `files` holds every file as read (JSON: the fields of eia.archive.bundle.SourceFile,
    parents before their children); `outcomes` what became of each file handled so far (JSON:
    [{"filename", "title", "reference", "errors"}]). The batch is finished when `finished_at`
    is set.
    """

    __tablename__ = "archive_imports"

    id: Mapped[int] = mapped_column(primary_key=True)
    files: Mapped[str] = mapped_column(Text)
    outcomes: Mapped[str] = mapped_column(Text, default="[]")
    total: Mapped[int]
    done: Mapped[int] = mapped_column(default=0)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    created_by: Mapped[User] = relationship()

    @property
    def percent(self) -> int:
        return 100 if not self.total else self.done * 100 // self.total
