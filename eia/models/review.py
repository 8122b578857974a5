"""The due-regard trail: workflow events, reviews and their points, sign-off and publication.

A version's `status` says where it is now; `WorkflowEvent` rows say how it got there, one per
move, never changed. A `Review` is one round with one reviewer: its `ReviewPoint`s are the
reviewer's verdict and comment on each section, which the authors answer (`PointReply`) and
mark resolved; rounds are kept, so the conversation has its whole history.
"""

from __future__ import annotations

import json
from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from eia.domain import ReviewDecision, Verdict, label_of
from eia.extensions import db
from eia.models.assessments import AssessmentVersion
from eia.models.types import UTCDateTime, utcnow
from eia.models.users import User


class WorkflowEvent(db.Model):
    __tablename__ = "workflow_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(
        ForeignKey("assessment_versions.id", ondelete="CASCADE"), index=True)
    action: Mapped[str] = mapped_column(String(30))
    from_status: Mapped[str] = mapped_column(String(30))
    to_status: Mapped[str] = mapped_column(String(30))
    actor_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    version: Mapped[AssessmentVersion] = relationship()
    actor: Mapped[User] = relationship()






# The fixed quality checklist a reviewer completes before deciding (EIA-DOMAIN.md).
CHECKLIST = (
    ("before_decision", "The analysis was done before the decision, not after it"),
    ("evidence_each_group", "There is evidence for each group, or a reason why not"),
    ("negative_impacts_answered", "Each negative impact has a mitigation or a justification"),
    ("engagement", "The people most affected were engaged, in time to change the proposal"),
    ("cumulative_impact", "Combined and cumulative effects on the same people are analysed"),
    ("outcome_fits", "The outcome fits the findings, and any remaining harm is justified"),
    ("actions_owned", "Every action has an owner and a due date"),
    ("monitoring_planned", "Monitoring and a review date are planned"),
)


class Review(db.Model):
    """One round of review of one version by one reviewer."""

    __tablename__ = "reviews"
    __table_args__ = (UniqueConstraint("version_id", "round", name="uq_reviews_version_round"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(
        ForeignKey("assessment_versions.id", ondelete="CASCADE"), index=True)
    round: Mapped[int]
    reviewer_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    decision: Mapped[str | None] = mapped_column(String(30))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    reason: Mapped[str] = mapped_column(Text, default="")
    checklist_json: Mapped[str] = mapped_column("checklist", Text, default="{}")

    version: Mapped[AssessmentVersion] = relationship()
    reviewer: Mapped[User] = relationship()
    points: Mapped[list[ReviewPoint]] = relationship(
        back_populates="review", cascade="all, delete-orphan", order_by="ReviewPoint.id")

    @property
    def checklist(self) -> dict[str, bool]:
        return json.loads(self.checklist_json)

    @checklist.setter
    def checklist(self, value: dict[str, bool]) -> None:
        self.checklist_json = json.dumps(value, sort_keys=True)

    def point_for(self, section_id: str) -> ReviewPoint | None:
        return next((p for p in self.points if p.section_id == section_id), None)

    @property
    def decision_label(self) -> str:
        return label_of(ReviewDecision, self.decision, "Review under way")


class ReviewPoint(db.Model):
    """A reviewer's verdict and comment on one section, in one round."""

    __tablename__ = "review_points"
    __table_args__ = (UniqueConstraint("review_id", "section_id",
                                       name="uq_review_points_review_section"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("reviews.id", ondelete="CASCADE"),
                                           index=True)
    section_id: Mapped[str] = mapped_column(String(60))
    verdict: Mapped[str] = mapped_column(String(20))
    comment: Mapped[str] = mapped_column(Text, default="")
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    resolved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # Set when an "improvable" point was turned into an action in the plan.
    action_id: Mapped[int | None] = mapped_column(ForeignKey("actions.id", ondelete="SET NULL"))

    review: Mapped[Review] = relationship(back_populates="points")
    resolved_by: Mapped[User | None] = relationship()
    # Loaded with the points, in one query for all of them: a point is never shown without
    # its conversation.
    replies: Mapped[list[PointReply]] = relationship(
        back_populates="point", cascade="all, delete-orphan", order_by="PointReply.id",
        lazy="selectin")

    @property
    def needs_answer(self) -> bool:
        return self.verdict != Verdict.ACCEPTABLE and self.resolved_at is None


class PointReply(db.Model):
    __tablename__ = "point_replies"

    id: Mapped[int] = mapped_column(primary_key=True)
    point_id: Mapped[int] = mapped_column(ForeignKey("review_points.id", ondelete="CASCADE"),
                                          index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    point: Mapped[ReviewPoint] = relationship(back_populates="replies")
    author: Mapped[User] = relationship()


DECLARATION = ("I have read this assessment and will take it into account before the decision "
               "is made")


class SignOff(db.Model):
    """The signatory's declaration, with what exactly was signed (the document fingerprint)."""

    __tablename__ = "sign_offs"

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(
        ForeignKey("assessment_versions.id", ondelete="CASCADE"), unique=True)
    approver_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    # Name and job title as they were at the time: people change jobs, the record must not.
    approver_name: Mapped[str] = mapped_column(String(200))
    approver_job_title: Mapped[str] = mapped_column(String(200), default="")
    declaration: Mapped[str] = mapped_column(Text)
    fingerprint: Mapped[str] = mapped_column(String(64), index=True)
    signed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    version: Mapped[AssessmentVersion] = relationship()
    approver: Mapped[User] = relationship()


class Publication(db.Model):
    """A signed-off version on the public register; unpublishing keeps the row, with a reason."""

    __tablename__ = "publications"

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(
        ForeignKey("assessment_versions.id", ondelete="CASCADE"), unique=True)
    summary: Mapped[str] = mapped_column(Text)
    published_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    # Indexed: the public register and its feed list the newest publications first.
    published_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    unpublished_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    unpublished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    unpublish_reason: Mapped[str] = mapped_column(Text, default="")

    version: Mapped[AssessmentVersion] = relationship()
    published_by: Mapped[User] = relationship(foreign_keys=[published_by_id])

    @property
    def is_live(self) -> bool:
        return self.unpublished_at is None


class Decision(db.Model):
    """What the decision-maker decided, recorded after sign-off: the record the assessment was
    for. Written once; the audit log keeps who recorded it."""

    __tablename__ = "decisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(
        ForeignKey("assessment_versions.id", ondelete="CASCADE"), unique=True)
    decided_on: Mapped[date] = mapped_column(Date)
    forum: Mapped[str] = mapped_column(String(300))
    minute_reference: Mapped[str] = mapped_column(String(300), default="")
    # Whether the signed-off assessment was before the decision-maker when they decided.
    assessment_considered: Mapped[bool]
    what_was_decided: Mapped[str] = mapped_column(Text, default="")
    # The groups whose mitigations the decision-maker accepted, as a JSON list of group ids.
    accepted_json: Mapped[str] = mapped_column("accepted_mitigations", Text, default="[]")
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    version: Mapped[AssessmentVersion] = relationship()
    recorded_by: Mapped[User] = relationship()

    @property
    def accepted_mitigations(self) -> list[str]:
        return json.loads(self.accepted_json or "[]")

    @accepted_mitigations.setter
    def accepted_mitigations(self, group_ids: list[str]) -> None:
        self.accepted_json = json.dumps(list(group_ids))
