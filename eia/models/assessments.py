"""Assessments and their content.

An `Assessment` is the lasting record (its reference, who started it). Its content lives in
`AssessmentVersion` rows: version 1 is the first draft; a signed-off version is never changed,
and a revision is a new version with the content copied. Everything an author writes hangs
off a version: framework answers by section, evidence, engagement, impact by group, actions.

Rows that two people might edit at once carry `lock_version`, which SQLAlchemy checks on every
UPDATE, so a save based on stale content can never silently overwrite a newer one.
"""

from __future__ import annotations

import json
from datetime import date, datetime

from sqlalchemy import (
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from eia.domain import (
    IMPORTED_LABEL,
    ActionStatus,
    AssessmentType,
    EvidenceKind,
    ImpactLevel,
    Purpose,
    RecordedRole,
    Relevance,
    VersionStatus,
    label_of,
)
from eia.extensions import db
from eia.formatting import parse_iso_date
from eia.framework import Framework, Group, stored_framework
from eia.models.types import UTCDateTime, utcnow
from eia.models.users import OrgUnit, User

# The extra group a strategic decision always covers.
SOCIO_ECONOMIC = "socio_economic"


class Assessment(db.Model):
    __tablename__ = "assessments"

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(20), unique=True)  # EIA-2026-0001
    # Live, or a practice attempt (TRN-2026-0001), numbered on its own; never changes.
    purpose: Mapped[str] = mapped_column(String(20), default=Purpose.LIVE.value, index=True)
    year: Mapped[int]
    sequence: Mapped[int]
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    __table_args__ = (UniqueConstraint("purpose", "year", "sequence",
                                       name="uq_assessments_purpose_year_sequence"),)

    # A linked assessment: one of the children of a parent (one assessment per site of a
    # strategy). Set when the record is made and never changed.
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("assessments.id"), index=True)

    created_by: Mapped[User] = relationship()
    parent: Mapped[Assessment | None] = relationship(remote_side=[id], back_populates="children")
    children: Mapped[list[Assessment]] = relationship(back_populates="parent",
                                                      order_by="Assessment.reference")
    versions: Mapped[list[AssessmentVersion]] = relationship(
        back_populates="assessment", order_by="AssessmentVersion.number"
    )

    @property
    def latest(self) -> AssessmentVersion:
        return self.versions[-1]

    @property
    def is_training(self) -> bool:
        return self.purpose == Purpose.TRAINING

    @classmethod
    def live(cls):
        """The SQL condition for the assessment of a real proposal, never a practice attempt:
        every listing of live work (queries, registers, insights, the API) filters with it."""
        return cls.purpose == Purpose.LIVE.value


version_contributors = Table(
    "version_contributors",
    db.Model.metadata,
    Column("version_id", ForeignKey("assessment_versions.id", ondelete="CASCADE"),
           primary_key=True),
    Column("user_id", ForeignKey("users.id"), primary_key=True, index=True),
)


class FrameworkSnapshot(db.Model):
    """The exact framework file an assessment was written against, kept for as long as needed."""

    __tablename__ = "framework_snapshots"

    id: Mapped[int] = mapped_column(primary_key=True)
    framework_id: Mapped[str] = mapped_column(String(100))
    version: Mapped[str] = mapped_column(String(50))
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    # Some 70 kB, parsed once per process (see `AssessmentVersion.framework`): read from the
    # database only when a process meets a snapshot for the first time.
    source: Mapped[str] = mapped_column(Text, deferred=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class AssessmentVersion(db.Model):
    __tablename__ = "assessment_versions"
    __table_args__ = (UniqueConstraint("assessment_id", "number",
                                       name="uq_assessment_versions_assessment_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id"), index=True)
    number: Mapped[int] = mapped_column(default=1)
    status: Mapped[str] = mapped_column(String(30), default=VersionStatus.DRAFT.value, index=True)
    framework_snapshot_id: Mapped[int] = mapped_column(ForeignKey("framework_snapshots.id"))
    # Extra groups switched on when this version was started, as a JSON list of group ids.
    extra_groups: Mapped[str] = mapped_column(Text, default="[]")

    # Control details (section 0 of an EIA).
    title: Mapped[str] = mapped_column(String(300))
    # Indexed for the registers' filters.
    assessment_type: Mapped[str] = mapped_column(String(30), index=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("org_units.id"), index=True)
    lead_officer_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    decision_maker: Mapped[str] = mapped_column(String(300), default="")
    decision_forum: Mapped[str] = mapped_column(String(300), default="")
    decision_date: Mapped[date | None] = mapped_column(Date, index=True)
    work_started_on: Mapped[date | None] = mapped_column(Date)
    # A strategic decision brings in the socio-economic duties (Wales, and the Fairer Scotland
    # Duty), so the assessment covers socio-economic disadvantage whatever the settings.
    strategic_decision: Mapped[bool] = mapped_column(default=False)
    # A record of a past assessment brought in from the archive (`eia.models.archive`): held as
    # signed off, never moved through the workflow, its history in `historical`.
    imported: Mapped[bool] = mapped_column(default=False, index=True)

    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    lock_version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": lock_version}

    assessment: Mapped[Assessment] = relationship(back_populates="versions")
    framework_snapshot: Mapped[FrameworkSnapshot] = relationship()
    unit: Mapped[OrgUnit | None] = relationship()
    lead_officer: Mapped[User] = relationship(foreign_keys=[lead_officer_id])
    updated_by: Mapped[User | None] = relationship(foreign_keys=[updated_by_id])
    contributors: Mapped[list[User]] = relationship(secondary=version_contributors,
                                                    order_by="User.name")
    sections: Mapped[list[SectionAnswers]] = relationship(
        back_populates="version", cascade="all, delete-orphan")
    evidence: Mapped[list[EvidenceSource]] = relationship(
        back_populates="version", cascade="all, delete-orphan", order_by="EvidenceSource.id")
    engagements: Mapped[list[Engagement]] = relationship(
        back_populates="version", cascade="all, delete-orphan", order_by="Engagement.id")
    impacts: Mapped[list[GroupImpact]] = relationship(
        back_populates="version", cascade="all, delete-orphan")
    actions: Mapped[list[Action]] = relationship(
        back_populates="version", cascade="all, delete-orphan", order_by="Action.id")

    @property
    def reference(self) -> str:
        return self.assessment.reference

    @property
    def is_training(self) -> bool:
        """A practice attempt at a training scenario, not an assessment of a real proposal."""
        return self.assessment.is_training

    @property
    def framework(self) -> Framework:
        """The framework this version was written against (not necessarily the current one),
        as it applies to the groups this version covers."""
        snapshot = self.framework_snapshot
        return stored_framework(snapshot.sha256, lambda: snapshot.source,
                                frozenset(self.enabled_extra_groups))

    @property
    def covered_groups(self) -> tuple[Group, ...]:
        """The groups this version covers: the nine protected characteristics, then the extra
        groups it covers, in framework order."""
        return self.framework.groups_for(self.enabled_extra_groups)

    @property
    def status_label(self) -> str:
        if self.imported:
            return IMPORTED_LABEL
        return label_of(VersionStatus, self.status)

    @property
    def type_label(self) -> str:
        return label_of(AssessmentType, self.assessment_type)

    @property
    def enabled_extra_groups(self) -> list[str]:
        """The extra groups this version covers: those switched on when it was started, and
        socio-economic disadvantage for a strategic decision."""
        chosen = json.loads(self.extra_groups or "[]")
        if self.strategic_decision and SOCIO_ECONOMIC not in chosen:
            chosen.append(SOCIO_ECONOMIC)
        return chosen

    @property
    def lead_officer_named(self) -> str:
        """The lead officer as the record names them: an imported record's as its source did."""
        record = getattr(self, "historical", None)
        if record is None:
            return self.lead_officer.name
        return ", ".join(person.described for person in record.people_as(
            RecordedRole.LEAD_OFFICER)) or "Not recorded"

    @property
    def contributors_named(self) -> str:
        record = getattr(self, "historical", None)
        people = (self.contributors if record is None
                  else record.people_as(RecordedRole.CONTRIBUTOR))
        return ", ".join(getattr(person, "described", None) or person.name
                         for person in people) or "None"

    @property
    def editors(self) -> list[User]:
        return [self.lead_officer, *self.contributors]

    def section(self, section_id: str) -> SectionAnswers | None:
        return next((s for s in self.sections if s.section_id == section_id), None)

    def answers_to(self, section_id: str) -> dict:
        """The saved answers of one section ({} when none); a version built in memory may have
        no JSON yet."""
        row = self.section(section_id)
        return json.loads(row.answers_json) if row is not None and row.answers_json else {}

    @property
    def screening_decided(self) -> bool:
        return bool(self.answers_to("screening").get("screening_decision"))

    @property
    def screened_out(self) -> bool:
        """Screening found the proposal not relevant: a short-form assessment."""
        return self.answers_to("screening").get("screening_decision") == "not_relevant"

    @property
    def outcome(self) -> str | None:
        return self.answers_to("outcome").get("outcome")

    def relevance_of(self, group_id: str) -> dict:
        """What screening found for one group: {"relevance": ..., "reason": ...} or {}."""
        table = self.answers_to("screening").get("group_relevance") or {}
        row = table.get(group_id)
        return row if isinstance(row, dict) else {}

    def needs_impact(self, group_id: str) -> bool:
        """Whether the group needs a full impact answer: every group does, unless screening
        found the proposal not relevant to it and said why (a proportionate analysis)."""
        row = self.relevance_of(group_id)
        return not (row.get("relevance") == Relevance.NONE and (row.get("reason") or "").strip())

    @property
    def review_date(self) -> date | None:
        """The date set to review the assessment; None when missing or unreadable."""
        return parse_iso_date(self.answers_to("monitoring_and_review").get("review_date"))

    def impact_for(self, group_id: str) -> GroupImpact | None:
        return next((i for i in self.impacts if i.group_id == group_id), None)


class SectionAnswers(db.Model):
    """The answers to one framework section's questions, as a JSON object by question id."""

    __tablename__ = "section_answers"
    __table_args__ = (UniqueConstraint("version_id", "section_id",
                                       name="uq_section_answers_version_section"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(
        ForeignKey("assessment_versions.id", ondelete="CASCADE"), index=True)
    section_id: Mapped[str] = mapped_column(String(60))
    answers_json: Mapped[str] = mapped_column("answers", Text, default="{}")
    completed: Mapped[bool] = mapped_column(default=False)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    lock_version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": lock_version}

    version: Mapped[AssessmentVersion] = relationship(back_populates="sections")
    updated_by: Mapped[User | None] = relationship()

    @property
    def answers(self) -> dict:
        return json.loads(self.answers_json)

    @answers.setter
    def answers(self, value: dict) -> None:
        self.answers_json = json.dumps(value, ensure_ascii=False, sort_keys=True)




impact_evidence = Table(
    "impact_evidence",
    db.Model.metadata,
    Column("impact_id", ForeignKey("group_impacts.id", ondelete="CASCADE"), primary_key=True),
    Column("evidence_id", ForeignKey("evidence_sources.id", ondelete="CASCADE"),
           primary_key=True, index=True),
)


class EvidenceSource(db.Model):
    __tablename__ = "evidence_sources"

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(
        ForeignKey("assessment_versions.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(30))
    period: Mapped[str] = mapped_column(String(100), default="")
    summary: Mapped[str] = mapped_column(Text, default="")
    url: Mapped[str] = mapped_column(String(2000), default="")
    file_id: Mapped[int | None] = mapped_column(ForeignKey("evidence_files.id"))
    # In a practice attempt, the key of the scenario's evidence pack this source came from
    # ("E3"), so the marking knows which pack sources an impact rests on. Not editable.
    pack_key: Mapped[str | None] = mapped_column(String(20))
    lock_version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": lock_version}

    version: Mapped[AssessmentVersion] = relationship(back_populates="evidence")
    file: Mapped[EvidenceFile | None] = relationship()

    @property
    def kind_label(self) -> str:
        return label_of(EvidenceKind, self.kind)


class EvidenceFile(db.Model):
    """An uploaded evidence document, kept in the database so app instances stay stateless.

    Files are shared between versions (a revision links the same file) and never changed.
    """

    __tablename__ = "evidence_files"

    id: Mapped[int] = mapped_column(primary_key=True)
    filename: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    uploaded_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Engagement(db.Model):
    __tablename__ = "engagements"

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(
        ForeignKey("assessment_versions.id", ondelete="CASCADE"), index=True)
    who: Mapped[str] = mapped_column(Text)
    started_on: Mapped[date | None] = mapped_column(Date)
    ended_on: Mapped[date | None] = mapped_column(Date)
    groups_json: Mapped[str] = mapped_column("groups", Text, default="[]")
    how: Mapped[str] = mapped_column(Text)
    what_they_said: Mapped[str] = mapped_column(Text)
    what_changed: Mapped[str] = mapped_column(Text)
    lock_version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": lock_version}

    version: Mapped[AssessmentVersion] = relationship(back_populates="engagements")

    @property
    def groups(self) -> list[str]:
        """The groups the engagement reached (framework group ids)."""
        return json.loads(self.groups_json or "[]")

    @groups.setter
    def groups(self, value: list[str]) -> None:
        self.groups_json = json.dumps(list(value))




class GroupImpact(db.Model):
    """The impact on one protected characteristic or extra group. No row means not answered."""

    __tablename__ = "group_impacts"
    __table_args__ = (UniqueConstraint("version_id", "group_id",
                                       name="uq_group_impacts_version_group"),
                      # The registers and the cumulative view look for groups hit by proposals.
                      Index("ix_group_impacts_group_id_impact", "group_id", "impact"))

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(
        ForeignKey("assessment_versions.id", ondelete="CASCADE"), index=True)
    group_id: Mapped[str] = mapped_column(String(60))
    impact: Mapped[str] = mapped_column(String(20))
    effect: Mapped[str] = mapped_column(Text, default="")
    no_evidence_reason: Mapped[str] = mapped_column(Text, default="")
    mitigation: Mapped[str] = mapped_column(Text, default="")
    # For a negative impact: whether some negative impact remains after mitigation.
    harm_remains: Mapped[bool | None] = mapped_column()
    residual_impact: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
    lock_version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": lock_version}

    version: Mapped[AssessmentVersion] = relationship(back_populates="impacts")
    # Loaded with the impacts, in one query for all of them: every page that shows impacts
    # shows what each cites.
    evidence: Mapped[list[EvidenceSource]] = relationship(secondary=impact_evidence,
                                                          order_by="EvidenceSource.id",
                                                          lazy="selectin")

    @property
    def level(self) -> ImpactLevel:
        return ImpactLevel(self.impact)




class Action(db.Model):
    __tablename__ = "actions"

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(
        ForeignKey("assessment_versions.id", ondelete="CASCADE"), index=True)
    description: Mapped[str] = mapped_column(Text)
    groups_json: Mapped[str] = mapped_column("groups", Text, default="[]")
    owner: Mapped[str] = mapped_column(String(200), default="")
    due_date: Mapped[date | None] = mapped_column(Date)
    success_measure: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default=ActionStatus.PLANNED.value)
    lock_version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": lock_version}

    version: Mapped[AssessmentVersion] = relationship(back_populates="actions")

    @property
    def status_label(self) -> str:
        return label_of(ActionStatus, self.status)

    @property
    def groups(self) -> list[str]:
        return json.loads(self.groups_json)

    @groups.setter
    def groups(self, value: list[str]) -> None:
        self.groups_json = json.dumps(list(value))
