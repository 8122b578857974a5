"""The training programme: sessions, who facilitates them, bookings and attendance, and each
facilitator's progress through the train-the-trainer pathway.

A programme is an organisation's roll-out of EIA training (a target number of delegates, a
lead). Its sessions are delegate sessions, facilitator rehearsals or follow-up question
sessions. A booking is one person's place on one session, or their place on its waiting list;
`TrainingSession.booked_count` is the number of places taken, changed only by a conditional
update so that capacity holds however many people book at once. Pathway stages are recorded by
the programme lead, each with the sessions that show it.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import CheckConstraint, Column, ForeignKey, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from eia.domain import Attendance, BookingStatus, SessionFormat, SessionKind
from eia.extensions import db
from eia.models.training import PracticeScenario
from eia.models.types import UTCDateTime, utcnow
from eia.models.users import OrgUnit, User


class TrainingProgramme(db.Model):
    __tablename__ = "training_programmes"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    target_delegates: Mapped[int] = mapped_column(default=0)
    lead_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    lead: Mapped[User | None] = relationship()
    sessions: Mapped[list[TrainingSession]] = relationship(
        back_populates="programme", order_by="TrainingSession.starts_at")


session_scenarios = Table(
    "session_scenarios",
    db.metadata,
    Column("session_id", ForeignKey("training_sessions.id", ondelete="CASCADE"),
           primary_key=True),
    Column("scenario_id", ForeignKey("practice_scenarios.id"), primary_key=True),
)


class TrainingSession(db.Model):
    __tablename__ = "training_sessions"
    __table_args__ = (
        CheckConstraint("booked_count >= 0 AND booked_count <= capacity",
                        name="places_within_capacity"),
        CheckConstraint("capacity > 0", name="capacity_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("training_programmes.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20), default=SessionKind.DELEGATE.value)
    format: Mapped[str] = mapped_column(String(20), default=SessionFormat.IN_PERSON.value)
    place: Mapped[str] = mapped_column(String(300), default="")  # in person: where
    link: Mapped[str] = mapped_column(String(500), default="")  # online: how to join
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    duration_minutes: Mapped[int]
    capacity: Mapped[int]
    booked_count: Mapped[int] = mapped_column(default=0)
    audience: Mapped[str] = mapped_column(String(20))
    audience_unit_id: Mapped[int | None] = mapped_column(ForeignKey("org_units.id"))
    description: Mapped[str] = mapped_column(Text, default="")
    announced_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    cancel_reason: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # Bumped by every edit, so an edit made from an older copy of the form is refused.
    revision: Mapped[int] = mapped_column(default=1)

    programme: Mapped[TrainingProgramme] = relationship(back_populates="sessions")
    audience_unit: Mapped[OrgUnit | None] = relationship()
    created_by: Mapped[User] = relationship(foreign_keys=[created_by_id])
    facilitators: Mapped[list[SessionFacilitator]] = relationship(
        back_populates="session", cascade="all, delete-orphan",
        order_by="SessionFacilitator.position")
    scenarios: Mapped[list[PracticeScenario]] = relationship(secondary=session_scenarios)
    bookings: Mapped[list[Booking]] = relationship(back_populates="session",
                                                   order_by="Booking.id")

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.duration_minutes)

    @property
    def cancelled(self) -> bool:
        return self.cancelled_at is not None

    @property
    def places_left(self) -> int:
        return self.capacity - self.booked_count


class SessionFacilitator(db.Model):
    """One of a session's one to three facilitators, in the order they were named."""

    __tablename__ = "session_facilitators"

    session_id: Mapped[int] = mapped_column(
        ForeignKey("training_sessions.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True, index=True)
    position: Mapped[int] = mapped_column(default=0)

    session: Mapped[TrainingSession] = relationship(back_populates="facilitators")
    user: Mapped[User] = relationship()


class Booking(db.Model):
    """A person's place on a session or on its waiting list (the earliest `queued_at` first)."""

    __tablename__ = "bookings"
    __table_args__ = (UniqueConstraint("session_id", "person_id",
                                       name="uq_bookings_session_person"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("training_sessions.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    status: Mapped[str] = mapped_column(String(20), default=BookingStatus.BOOKED.value)
    # Seen by the session's facilitators only.
    access_needs: Mapped[str] = mapped_column(Text, default="")
    booked_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    queued_at: Mapped[datetime | None] = mapped_column(UTCDateTime())  # joined the waiting list
    promoted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    attendance: Mapped[str | None] = mapped_column(String(20))
    attendance_marked_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    attendance_marked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    session: Mapped[TrainingSession] = relationship(back_populates="bookings")
    person: Mapped[User] = relationship(foreign_keys=[person_id])

    @property
    def attended(self) -> bool:
        return self.attendance == Attendance.ATTENDED.value

    @property
    def holds_place(self) -> bool:
        return self.status == BookingStatus.BOOKED.value


class PathwayRecord(db.Model):
    """A stage of the train-the-trainer pathway reached by a facilitator, as the lead recorded
    it. The latest record is the person's stage; earlier ones are their history."""

    __tablename__ = "pathway_records"

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("training_programmes.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    stage: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text, default="")
    # An experienced facilitator the person is paired with while learning.
    paired_with_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    person: Mapped[User] = relationship(foreign_keys=[person_id])
    paired_with: Mapped[User | None] = relationship(foreign_keys=[paired_with_id])
    recorded_by: Mapped[User] = relationship(foreign_keys=[recorded_by_id])
    evidence: Mapped[list[TrainingSession]] = relationship(secondary="pathway_evidence")


pathway_evidence = Table(
    "pathway_evidence",
    db.metadata,
    Column("record_id", ForeignKey("pathway_records.id", ondelete="CASCADE"), primary_key=True),
    Column("session_id", ForeignKey("training_sessions.id"), primary_key=True),
)
