"""Read-only queries used by views, the CLI and the API. Nothing here writes.

Practice attempts are assessments too (purpose "training"), so every query that lists or finds
real assessments starts from `live_assessments()` or `live_versions()`: the one place that
keeps them out of the register, the queues, reminders, exports and the CLI.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.orm import contains_eager, joinedload, selectinload

from eia.domain import EDITABLE_STATES, Role, VersionStatus
from eia.extensions import db
from eia.models.assessments import (
    Assessment,
    AssessmentVersion,
    GroupImpact,
    impact_evidence,
    version_contributors,
)
from eia.models.audit import AuditEvent
from eia.models.mail import OutboundEmail
from eia.models.review import Decision, Publication, Review, SignOff, WorkflowEvent
from eia.models.training import PracticeAttempt, PracticeResult
from eia.models.users import OrgUnit, User, UserRole

PAGE_SIZE = 50


def _like(term: str) -> str:
    escaped = term.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def list_users(search: str = "") -> list[User]:
    query = select(User).options(selectinload(User.unit)).order_by(func.lower(User.name))
    if search:
        pattern = _like(search)
        query = query.where(
            or_(func.lower(User.name).like(pattern, escape="\\"),
                User.email.like(pattern, escape="\\"))
        )
    return list(db.session.scalars(query))


def get_user(user_id: int) -> User | None:
    return db.session.get(User, user_id)


def list_units() -> list[OrgUnit]:
    """Directorates in name order, each followed by its teams."""
    directorates = db.session.scalars(
        select(OrgUnit)
        .where(OrgUnit.parent_id.is_(None))
        .options(selectinload(OrgUnit.teams))
        .order_by(func.lower(OrgUnit.name))
    )
    ordered = []
    for directorate in directorates:
        ordered.append(directorate)
        ordered.extend(directorate.teams)
    return ordered


def list_directorates() -> list[OrgUnit]:
    return [unit for unit in list_units() if unit.is_directorate]


def get_unit(unit_id: int) -> OrgUnit | None:
    return db.session.get(OrgUnit, unit_id)


def count_people_in_unit(unit_id: int) -> int:
    return db.session.scalar(select(func.count()).select_from(User).where(User.unit_id == unit_id))


def list_audit_events(page: int = 1) -> tuple[list[AuditEvent], int]:
    """One page of the audit log, newest first, and the number of pages."""
    total = db.session.scalar(select(func.count()).select_from(AuditEvent)) or 0
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(page, 1), pages)
    events = db.session.scalars(
        select(AuditEvent).order_by(AuditEvent.id.desc())
        .offset((page - 1) * PAGE_SIZE).limit(PAGE_SIZE)
    )
    return list(events), pages


def list_audit_events_for_user(user_id: int, limit: int = 20) -> list[AuditEvent]:
    return list(db.session.scalars(
        select(AuditEvent)
        .where(or_(AuditEvent.actor_id == user_id,
                   (AuditEvent.object_type == "user") & (AuditEvent.object_id == str(user_id))))
        .order_by(AuditEvent.id.desc()).limit(limit)
    ))


# Assessments --------------------------------------------------------------------------------


def live_assessments():
    """A select of the assessments of real proposals: never a practice attempt."""
    return select(Assessment).where(Assessment.live())


def live_versions():
    """A select of the versions of live assessments (see `live_assessments`)."""
    return (select(AssessmentVersion).join(AssessmentVersion.assessment)
            .where(Assessment.live()))


def latest_version(reference: str, *, live_only: bool = False) -> AssessmentVersion | None:
    """The latest version of the assessment or practice attempt with this reference (of a live
    assessment only, when `live_only`), with its assessment and the framework snapshot every
    page of it reads, in one query; callers check who may see it."""
    query = (select(AssessmentVersion).join(AssessmentVersion.assessment)
             .options(contains_eager(AssessmentVersion.assessment),
                      joinedload(AssessmentVersion.framework_snapshot))
             .where(Assessment.reference == reference.upper())
             .order_by(AssessmentVersion.number.desc()).limit(1))
    return db.session.scalar(query.where(Assessment.live()) if live_only else query)


def get_live_assessment(reference: str):
    """The live assessment with this reference; None for a practice attempt."""
    return db.session.scalar(live_assessments().where(Assessment.reference == reference.upper()))


def list_assessments_for_editor(user_id: int):
    """Latest versions the user leads or contributes to, most recently started first.

    Records imported from the archive are left out: their custodian did not write them, and
    an archive can hold hundreds. Their reviews still fall due to the custodian.
    """
    latest = (
        select(func.max(AssessmentVersion.id).label("id"))
        .group_by(AssessmentVersion.assessment_id)
        .subquery()
    )
    contributed = select(version_contributors.c.version_id).where(
        version_contributors.c.user_id == user_id)
    versions = list(db.session.scalars(
        live_versions()
        .join(latest, latest.c.id == AssessmentVersion.id)
        .where(or_(AssessmentVersion.lead_officer_id == user_id,
                   AssessmentVersion.id.in_(contributed)),
               AssessmentVersion.imported.is_(False))
        .options(selectinload(AssessmentVersion.assessment))
        .order_by(Assessment.id.desc())
    ))
    # The home page works out the next step of each one still being written from its
    # content, loaded here in one go; the content of the others (every assessment the person
    # ever saw signed off) is not read.
    being_written = [v.id for v in versions if v.status in EDITABLE_STATES]
    if being_written:
        db.session.scalars(
            select(AssessmentVersion).where(AssessmentVersion.id.in_(being_written))
            .options(selectinload(AssessmentVersion.sections),
                     selectinload(AssessmentVersion.evidence),
                     selectinload(AssessmentVersion.engagements),
                     selectinload(AssessmentVersion.impacts),
                     selectinload(AssessmentVersion.actions))).all()
    return versions


def last_changes_of(references: list[str]) -> dict[str, object]:
    """When anyone last changed each assessment, from the audit log, in one query."""
    if not references:
        return {}
    return dict(db.session.execute(
        select(AuditEvent.object_id, func.max(AuditEvent.created_at))
        .where(AuditEvent.object_type == "assessment", AuditEvent.object_id.in_(references))
        .group_by(AuditEvent.object_id)
    ).all())


def list_authors() -> list[User]:
    return active_users_with_role(Role.AUTHOR)


def find_assessment_by_title(title: str, lead_officer_id: int):
    return db.session.scalar(
        live_versions().with_only_columns(AssessmentVersion.id)
        .where(AssessmentVersion.title == title,
               AssessmentVersion.lead_officer_id == lead_officer_id)
        .limit(1))


def reviews_of(version) -> list:
    """Every review round of `version`, oldest first."""
    return list(db.session.scalars(
        select(Review).where(Review.version_id == version.id).order_by(Review.round)))


def latest_review(version):
    return db.session.scalar(select(Review).where(Review.version_id == version.id)
                             .order_by(Review.round.desc()).limit(1))


def live_publication(version):
    """The version's publication while it is on the public register, else None."""
    return db.session.scalar(select(Publication).where(
        Publication.version_id == version.id, Publication.unpublished_at.is_(None)))


def sign_off_of(version):
    return db.session.scalar(select(SignOff).where(SignOff.version_id == version.id))


def decision_of(version) -> Decision | None:
    """What the decision-maker decided, once it is recorded."""
    return db.session.scalar(select(Decision).where(Decision.version_id == version.id))


def workflow_events_of(version) -> list:
    return list(db.session.scalars(select(WorkflowEvent).where(
        WorkflowEvent.version_id == version.id).order_by(WorkflowEvent.id)))


def versions_in_status(*statuses: str) -> list:
    """Latest-first versions in any of `statuses` (the reviewers' and approvers' queues)."""
    return list(db.session.scalars(live_versions().where(
        AssessmentVersion.status.in_(statuses)).order_by(AssessmentVersion.updated_at)))


def publication_of(version):
    """The version's publication row, live or unpublished, if it was ever published."""
    return db.session.scalar(select(Publication).where(Publication.version_id == version.id))


def active_users_with_role(role) -> list[User]:
    """Active holders of `role`, in name order."""
    return list(db.session.scalars(
        select(User).join(UserRole).where(UserRole.role == role.value, User.active.is_(True))
        .order_by(func.lower(User.name))))


# Versions, history, the review date and the public register ----------------------------------


def get_version_of(assessment, number: int):
    """Version `number` of `assessment`, or None."""
    return next((v for v in assessment.versions if v.number == number), None)


def audit_events_for_assessment(reference: str) -> list[AuditEvent]:
    """Everything the audit log says happened to one assessment, oldest first."""
    return list(db.session.scalars(
        select(AuditEvent)
        .where(AuditEvent.object_type == "assessment", AuditEvent.object_id == reference)
        .order_by(AuditEvent.id)))


def date_moves_of(reference: str) -> list[tuple[AuditEvent, dict]]:
    """Every change to an assessment's decision date or work start date, oldest first, with
    what moved (from the audit log, which records each move)."""
    events = db.session.scalars(
        select(AuditEvent).where(AuditEvent.object_type == "assessment",
                                 AuditEvent.object_id == reference,
                                 AuditEvent.action == "assessment.details_changed")
        .order_by(AuditEvent.id))
    return [(event, event.details_dict["dates_moved"]) for event in events
            if "dates_moved" in event.details_dict]


def users_by_id(ids) -> dict[int, User]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    return {u.id: u for u in db.session.scalars(select(User).where(User.id.in_(wanted)))}


REVIEW_DUE_WITHIN_DAYS = 30


def list_versions_due_for_review(today, editor_id: int | None = None,
                                 within_days: int = REVIEW_DUE_WITHIN_DAYS) -> list:
    """Signed-off versions (not superseded) whose review date is within `within_days` or past.

    Soonest first, as (version, review date) pairs; only those `editor_id` leads or
    contributes to when given.
    """

    query = (live_versions()
             .where(AssessmentVersion.status == VersionStatus.SIGNED_OFF.value)
             .options(selectinload(AssessmentVersion.sections),
                      selectinload(AssessmentVersion.assessment)))
    if editor_id is not None:
        contributed = select(version_contributors.c.version_id).where(
            version_contributors.c.user_id == editor_id)
        query = query.where(or_(AssessmentVersion.lead_officer_id == editor_id,
                                AssessmentVersion.id.in_(contributed)))
    horizon = today + timedelta(days=within_days)
    due = [(version, version.review_date) for version in db.session.scalars(query)]
    return sorted(((v, d) for v, d in due if d is not None and d <= horizon),
                  key=lambda pair: (pair[1], pair[0].id))


def reviews_decided_by(reviewer_id: int, limit: int = 10) -> list:
    """The reviewer's latest decisions on live assessments, newest first."""
    live = live_versions().with_only_columns(AssessmentVersion.id)
    return list(db.session.scalars(
        select(Review).where(Review.reviewer_id == reviewer_id, Review.decision.is_not(None),
                             Review.version_id.in_(live))
        .order_by(Review.decided_at.desc(), Review.id.desc()).limit(limit)))


def has_competent_practice(user_id: int) -> bool:
    """Whether a facilitator has accepted one of the person's practice attempts as competent."""
    return db.session.scalar(
        select(PracticeResult.id).join(PracticeAttempt)
        .where(PracticeAttempt.trainee_id == user_id, PracticeResult.competent.is_(True))
        .limit(1)) is not None


def evidence_citations(version: AssessmentVersion) -> dict[int, list[str]]:
    """For each evidence source of `version` that an impact cites, the names of the groups
    whose impact cites it, in framework order. One query, however many impacts and sources."""
    rows = db.session.execute(
        select(impact_evidence.c.evidence_id, GroupImpact.group_id)
        .join(GroupImpact, GroupImpact.id == impact_evidence.c.impact_id)
        .where(GroupImpact.version_id == version.id))
    citing: dict[int, set[str]] = {}
    for evidence_id, group_id in rows:
        citing.setdefault(evidence_id, set()).add(group_id)
    return {evidence_id: [g.name for g in version.framework.groups if g.id in groups]
            for evidence_id, groups in citing.items()}


def get_outbox_backlog() -> tuple[int, datetime | None]:
    """How many emails wait in the outbox (those given up on after every attempt included)
    and when the oldest of them was queued: one query, through the index on `sent_at`."""
    count, oldest = db.session.execute(
        select(func.count(), func.min(OutboundEmail.created_at))
        .where(OutboundEmail.sent_at.is_(None))).one()
    return count, oldest
