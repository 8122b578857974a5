"""Insights across assessments, for the equality team: the pipeline, cumulative impact, and
where authors struggle. Read-only, and each answer is a handful of grouped queries.

Every set of assessments starts from `eia.registers.live_versions`, so training attempts never
count, and is narrowed to what the person may see. The figures here are plain data; the pages
turn them into charts with their tables (`eia.charts`).
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from eia.checks import check_assessment
from eia.domain import ActionStatus, ImpactLevel, VersionStatus
from eia.extensions import db
from eia.models.assessments import Action, Assessment, AssessmentVersion, GroupImpact
from eia.models.review import Review, ReviewPoint, WorkflowEvent
from eia.models.tags import Tag, assessment_tags
from eia.models.users import OrgUnit
from eia.registers import RegisterFilter, alias, list_register, live_versions, visible_to

# A decision this close while the assessment is still with its authors needs attention.
DECISION_NEAR_DAYS = 30
# How far back durations and verdicts look.
LOOKBACK_DAYS = 365
# The most assessments the cumulative view compares at once (a budget round is dozens).
MAX_CUMULATIVE = 60
# How many drafts the "checks that block" figure runs the quality checks over.
DRAFTS_CHECKED = 200
WITH_AUTHORS = (VersionStatus.DRAFT.value, VersionStatus.CHANGES_REQUESTED.value)


# --- The pipeline -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Durations:
    """Days spent at a stage, over the moves that left it in the look-back period."""

    median: float | None
    p90: float | None
    count: int


@dataclass
class Pipeline:
    by_status: dict[str, int]
    by_unit: dict[str, dict[str, int]]  # directorate name -> status -> count
    in_review: Durations
    awaiting_sign_off: Durations
    decision_near: list  # (version, assessment reference) still with authors, decision soon
    overdue_actions: list  # (reference, title, action)
    overdue_action_count: int
    reviews_due: list  # (reference, title, review date)


def _directorate_name():
    unit, parent = alias(OrgUnit, "unit"), alias(OrgUnit, "parent_unit")
    return unit, parent, func.coalesce(parent.name, unit.name, "No unit")


def _counts(user) -> tuple[dict[str, int], dict[str, dict[str, int]]]:
    unit, parent, directorate = _directorate_name()
    rows = db.session.execute(
        live_versions().where(visible_to(user))
        .outerjoin(unit, unit.id == AssessmentVersion.unit_id)
        .outerjoin(parent, parent.id == unit.parent_id)
        .with_only_columns(directorate, AssessmentVersion.status, func.count())
        .group_by(directorate, AssessmentVersion.status)).all()
    by_status: Counter = Counter()
    by_unit: dict[str, dict[str, int]] = defaultdict(dict)
    for name, status, count in rows:
        by_status[status] += count
        by_unit[name][status] = count
    return dict(by_status), dict(sorted(by_unit.items()))


def _percentile(values: list[float], share: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(share * (len(ordered) - 1))))
    return ordered[index]


def _durations(values: list[float]) -> Durations:
    return Durations(statistics.median(values) if values else None,
                     _percentile(values, 0.9), len(values))


def stage_durations(today: date) -> tuple[Durations, Durations]:
    """Days in review (submitted to decided) and awaiting sign-off (recommended to signed off
    or returned), for stages that ended in the look-back period."""
    since = _start_of(today - timedelta(days=LOOKBACK_DAYS))
    events = db.session.execute(
        select(WorkflowEvent.version_id, WorkflowEvent.action, WorkflowEvent.created_at)
        .where(WorkflowEvent.action.in_(("submit", "resubmit", "request_changes", "recommend",
                                         "sign_off", "return")),
               WorkflowEvent.version_id.in_(_live_version_ids()),
               WorkflowEvent.version_id.in_(select(WorkflowEvent.version_id).where(
                   WorkflowEvent.created_at >= since)))
        .order_by(WorkflowEvent.version_id, WorkflowEvent.id)).all()
    review, sign_off = [], []
    started: dict[int, tuple[str, datetime]] = {}
    for version_id, action, at in events:
        if action in ("submit", "resubmit", "recommend"):
            if action == "recommend" and version_id in started:
                review.append(_days(started.pop(version_id)[1], at))
            started[version_id] = (action, at)
        elif action == "request_changes" and version_id in started:
            review.append(_days(started.pop(version_id)[1], at))
        elif action in ("sign_off", "return") and version_id in started:
            stage, moment = started.pop(version_id)
            if stage == "recommend":
                sign_off.append(_days(moment, at))
    return _durations(review), _durations(sign_off)


def _start_of(day: date) -> datetime:
    return datetime.combine(day, datetime.min.time(), tzinfo=UTC)


def _live_version_ids():
    """Every version of every live assessment (not only the latest): where moves and reviews
    that count happened."""
    return live_versions(latest=False).with_only_columns(AssessmentVersion.id)


def _days(start: datetime, end: datetime) -> float:
    return round((end - start).total_seconds() / 86_400, 1)


def get_pipeline(user, today: date) -> Pipeline:
    by_status, by_unit = _counts(user)
    in_review, awaiting = stage_durations(today)
    near = list(db.session.scalars(
        live_versions().where(visible_to(user), AssessmentVersion.status.in_(WITH_AUTHORS),
                              AssessmentVersion.decision_date.is_not(None),
                              AssessmentVersion.decision_date
                              <= today + timedelta(days=DECISION_NEAR_DAYS))
        .options(selectinload(AssessmentVersion.assessment))
        .order_by(AssessmentVersion.decision_date).limit(50)))
    overdue = (live_versions().where(visible_to(user))
               .join(Action, Action.version_id == AssessmentVersion.id)
               .where(Action.status != ActionStatus.DONE.value, Action.due_date < today))
    overdue_count = db.session.scalar(overdue.with_only_columns(func.count())) or 0
    overdue_rows = db.session.execute(overdue.with_only_columns(
        Assessment.reference, AssessmentVersion.title, Action)
        .order_by(Action.due_date, Action.id).limit(50)).all()
    due = list_register(user, RegisterFilter(review="due", sort="decision_date"), today,
                        page_size=50).rows
    late = list_register(user, RegisterFilter(review="overdue", sort="decision_date"), today,
                         page_size=50).rows
    reviews_due = sorted(((r.reference, r.title, r.review_date) for r in [*late, *due]),
                         key=lambda item: item[2])
    return Pipeline(by_status, by_unit, in_review, awaiting, near,
                    [tuple(row) for row in overdue_rows], overdue_count, reviews_due)


# --- Cumulative impact ------------------------------------------------------------------------


@dataclass(frozen=True)
class CumulativeFilter:
    tag: str | None = None
    unit_id: int | None = None
    decided_from: date | None = None
    decided_to: date | None = None

    @property
    def chosen(self) -> bool:
        return any((self.tag, self.unit_id, self.decided_from, self.decided_to))


@dataclass
class CumulativeImpact:
    versions: list  # AssessmentVersion, in reference order
    impacts: dict[tuple[str, int], str]  # (group id, version id) -> impact
    total: int  # assessments matching, of which at most MAX_CUMULATIVE are shown
    hit: dict[str, list] = field(default_factory=dict)  # group id -> versions hitting it

    def hitting(self, group_id: str) -> list:
        return self.hit.get(group_id, [])


def get_cumulative_impact(user, chosen: CumulativeFilter) -> CumulativeImpact:
    """The latest versions matching `chosen` and the impact each records on each group: which
    groups several proposals hit at once. Three queries, whatever the numbers."""
    query = live_versions().where(visible_to(user))
    if chosen.tag:
        query = query.where(Assessment.id.in_(
            select(assessment_tags.c.assessment_id).join(Tag, Tag.id == assessment_tags.c.tag_id)
            .where(Tag.key == chosen.tag)))
    if chosen.unit_id is not None:
        teams = select(OrgUnit.id).where(OrgUnit.parent_id == chosen.unit_id)
        query = query.where((AssessmentVersion.unit_id == chosen.unit_id)
                            | AssessmentVersion.unit_id.in_(teams))
    if chosen.decided_from:
        query = query.where(AssessmentVersion.decision_date >= chosen.decided_from)
    if chosen.decided_to:
        query = query.where(AssessmentVersion.decision_date <= chosen.decided_to)
    total = db.session.scalar(select(func.count()).select_from(query.subquery())) or 0
    versions = list(db.session.scalars(
        query.options(selectinload(AssessmentVersion.assessment),
                      selectinload(AssessmentVersion.framework_snapshot),
                      selectinload(AssessmentVersion.lead_officer),
                      selectinload(AssessmentVersion.contributors))
        .order_by(Assessment.reference).limit(MAX_CUMULATIVE)))
    ids = [v.id for v in versions]
    impacts = {(group_id, version_id): impact for version_id, group_id, impact in
               db.session.execute(select(GroupImpact.version_id, GroupImpact.group_id,
                                         GroupImpact.impact)
                                  .where(GroupImpact.version_id.in_(ids)))} if ids else {}
    hit: dict[str, list] = defaultdict(list)
    by_id = {v.id: v for v in versions}
    for (group_id, version_id), impact in sorted(impacts.items(), key=lambda i: i[0][1]):
        if impact != ImpactLevel.POSITIVE and impact != ImpactLevel.NEUTRAL:
            hit[group_id].append(by_id[version_id])
    return CumulativeImpact(versions, impacts, total,
                            {group_id: _each_child_once(hitting)
                             for group_id, hitting in hit.items()})


def _each_child_once(hitting: list) -> list:
    """The versions hitting a group, with a linked parent (a strategy) left out where its own
    children (an assessment per site) hit the group: the children are the same proposal in
    detail, so the parent would count each of them twice."""
    parents = {version.assessment.parent_id for version in hitting}
    return [version for version in hitting if version.assessment_id not in parents]


# --- Quality ----------------------------------------------------------------------------------


@dataclass
class Quality:
    verdicts_by_section: dict[str, Counter]  # section id -> verdict -> count
    verdicts_by_quarter: dict[str, Counter]  # "2026 Q3" -> verdict -> count
    blocking_checks: list  # (rule id, count, an example message)
    drafts_checked: int
    average_rounds: float | None
    decided_versions: int


def _quarter(moment: datetime) -> str:
    return f"{moment.year} Q{(moment.month - 1) // 3 + 1}"


def get_quality(user, today: date) -> Quality:
    since = _start_of(today - timedelta(days=LOOKBACK_DAYS))
    by_section: dict[str, Counter] = defaultdict(Counter)
    by_quarter: dict[str, Counter] = defaultdict(Counter)
    for section_id, verdict, started in db.session.execute(
            select(ReviewPoint.section_id, ReviewPoint.verdict, Review.started_at)
            .join(Review, Review.id == ReviewPoint.review_id)
            .where(Review.started_at >= since, Review.version_id.in_(_live_version_ids()))):
        by_section[section_id][verdict] += 1
        by_quarter[_quarter(started)][verdict] += 1
    drafts = list(db.session.scalars(
        live_versions().where(visible_to(user), AssessmentVersion.status.in_(WITH_AUTHORS))
        .options(selectinload(AssessmentVersion.sections),
                 selectinload(AssessmentVersion.evidence),
                 selectinload(AssessmentVersion.engagements),
                 selectinload(AssessmentVersion.impacts).selectinload(GroupImpact.evidence),
                 selectinload(AssessmentVersion.actions),
                 selectinload(AssessmentVersion.framework_snapshot))
        .order_by(AssessmentVersion.updated_at.desc()).limit(DRAFTS_CHECKED)))
    found: Counter = Counter()
    example: dict[str, str] = {}
    for version in drafts:
        for finding in check_assessment(version, version.framework, today=today):
            if finding.blocking:
                found[finding.rule] += 1
                example.setdefault(finding.rule, finding.message)
    rounds = select(Review.version_id, func.count().label("rounds")).where(
        Review.decision.is_not(None), Review.version_id.in_(_live_version_ids())
    ).group_by(Review.version_id).subquery()
    average, decided = db.session.execute(
        select(func.avg(rounds.c.rounds), func.count())).one()
    return Quality(dict(by_section), dict(sorted(by_quarter.items())),
                   [(rule, count, example[rule]) for rule, count in found.most_common(10)],
                   len(drafts), float(average) if average is not None else None, decided or 0)

