"""What the training pages read: a person's attempts and record, what waits for a facilitator,
and a cohort's attempts at one scenario with the items it most often missed.

Read-only. Practice attempts are found here, never through `eia.queries`, whose lists are of
live assessments only.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from eia.domain import Purpose, Role, VersionStatus
from eia.extensions import db
from eia.formatting import LOCAL_ZONE
from eia.models.assessments import Assessment, AssessmentVersion
from eia.models.training import (
    PracticeAttempt,
    PracticeResult,
    PracticeScenario,
    PracticeScenarioVersion,
    PracticeSubmission,
)
from eia.models.users import User, UserRole
from eia.permissions import is_editor
from eia.services.training.marking import ItemKey
from eia.training.feedback import MarkedItem
from eia.training.marking import mark, model_attempt
from eia.workflow import current_review


def _attempts():
    return (select(PracticeAttempt).join(PracticeAttempt.assessment)
            .where(Assessment.purpose == Purpose.TRAINING.value)
            .options(selectinload(PracticeAttempt.assessment).selectinload(Assessment.versions),
                     selectinload(PracticeAttempt.scenario_version)
                     .selectinload(PracticeScenarioVersion.scenario),
                     selectinload(PracticeAttempt.submissions),
                     selectinload(PracticeAttempt.result),
                     selectinload(PracticeAttempt.trainee)))


def attempts_by(person_id: int) -> list[PracticeAttempt]:
    """A person's practice attempts, newest first."""
    return list(db.session.scalars(_attempts().where(PracticeAttempt.trainee_id == person_id)
                                   .order_by(PracticeAttempt.id.desc())))


@dataclass(frozen=True)
class TrainingRecord:
    person: User
    attempts: list[PracticeAttempt]

    @property
    def scenarios_attempted(self) -> int:
        return len({a.scenario_version.scenario.key for a in self.attempts})

    @property
    def competent_attempts(self) -> list[PracticeAttempt]:
        return [a for a in self.attempts if a.result is not None and a.result.competent]

    @property
    def competent(self) -> bool:
        return bool(self.competent_attempts)

    @property
    def in_progress(self) -> list[PracticeAttempt]:
        return [a for a in self.attempts
                if a.assessment.latest.status in (VersionStatus.DRAFT,
                                                  VersionStatus.CHANGES_REQUESTED)]

    @property
    def submitted(self) -> list[PracticeAttempt]:
        return [a for a in self.attempts if a.submissions]


def record_of(person: User) -> TrainingRecord:
    return TrainingRecord(person, attempts_by(person.id))


@dataclass(frozen=True)
class PersonSummary:
    person: User
    attempts: int
    competent: bool


def list_trainees() -> list[PersonSummary]:
    """Everyone who practises (trainees, and authors who have made an attempt), by name."""
    counts = dict(db.session.execute(
        select(PracticeAttempt.trainee_id, func.count()).group_by(PracticeAttempt.trainee_id)
    ).all())
    competent = set(db.session.scalars(
        select(PracticeAttempt.trainee_id).join(PracticeAttempt.result)
        .where(PracticeResult.competent.is_(True))))
    trainees = select(UserRole.user_id).where(UserRole.role == Role.TRAINEE.value)
    people = db.session.scalars(
        select(User).where(User.active.is_(True),
                           User.id.in_(trainees) | User.id.in_(list(counts) or [-1]))
        .order_by(func.lower(User.name)))
    return [PersonSummary(p, counts.get(p.id, 0), p.id in competent) for p in people]


@dataclass(frozen=True)
class AttemptToReview:
    attempt: PracticeAttempt
    version: AssessmentVersion
    reviewer: User | None
    own: bool  # the facilitator's own attempt: someone else must review it


def attempts_to_review(facilitator: User) -> list[AttemptToReview]:
    """Attempts submitted and waiting for a facilitator, or being reviewed, oldest first."""
    waiting = db.session.scalars(
        _attempts().join(Assessment.versions)
        .where(AssessmentVersion.status == VersionStatus.IN_REVIEW.value)
        .order_by(AssessmentVersion.updated_at))
    rows = []
    for attempt in waiting:
        version = attempt.assessment.latest
        review = current_review(version)
        rows.append(AttemptToReview(attempt, version, review.reviewer if review else None,
                                    is_editor(facilitator, version)))
    return rows


# Cohorts ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CohortRow:
    """One trainee's latest attempt at the scenario."""

    attempt: PracticeAttempt
    submission: PracticeSubmission | None
    missed: frozenset[ItemKey]

    @property
    def trainee(self) -> User:
        return self.attempt.trainee


@dataclass(frozen=True)
class MissedItem:
    item: MarkedItem
    missed_by: int
    out_of: int


@dataclass(frozen=True)
class CohortAttempt:
    """One attempt in the period, with its reference and the status of its latest version."""

    attempt: PracticeAttempt
    reference: str
    status: str


@dataclass(frozen=True)
class Cohort:
    items: tuple[MarkedItem, ...]  # everything the marking counts, in form order
    rows: list[CohortRow]  # one per trainee: their latest attempt
    attempts: list[CohortAttempt]  # every attempt in the period, newest first

    @property
    def marked(self) -> list[CohortRow]:
        """Trainees whose latest attempt has been submitted at least once."""
        return [row for row in self.rows if row.submission is not None]

    def most_missed(self) -> list[MissedItem]:
        """Items missed by at least one trainee, most often missed first, critical first."""
        marked = self.marked
        counts = Counter(key for row in marked for key in row.missed)
        missed = [MissedItem(item, counts[ItemKey.of(item)], len(marked))
                  for item in self.items if counts[ItemKey.of(item)]]
        return sorted(missed, key=lambda m: (-m.missed_by, m.item.tag != "critical"))


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=LOCAL_ZONE)


def cohort(key: str, scenario, *, since: date | None = None) -> Cohort:
    """Every attempt at the scenario `key` started since `since` (all when None); each
    trainee's latest attempt is theirs in the grid. `scenario` is the library's current text,
    which names the items.

    A facilitator keeps this page open while a whole room practises, so each attempt is read
    with its reference and status as columns, not with its assessment and versions as objects.
    """
    latest_status = (select(AssessmentVersion.status)
                     .where(AssessmentVersion.assessment_id == PracticeAttempt.assessment_id)
                     .order_by(AssessmentVersion.number.desc()).limit(1).scalar_subquery())
    query = (select(PracticeAttempt, Assessment.reference, latest_status)
             .join(PracticeAttempt.assessment).join(PracticeAttempt.scenario_version)
             .join(PracticeScenarioVersion.scenario)
             .where(Assessment.purpose == Purpose.TRAINING.value, PracticeScenario.key == key)
             .options(selectinload(PracticeAttempt.submissions),
                      selectinload(PracticeAttempt.result),
                      # The grid names each trainee; what they may do is not asked here.
                      selectinload(PracticeAttempt.trainee).lazyload(User.role_rows))
             .order_by(PracticeAttempt.id.desc()))
    if since is not None:
        query = query.where(PracticeAttempt.started_at >= _start_of(since))
    attempts = [CohortAttempt(*row) for row in db.session.execute(query)]
    latest: dict[int, PracticeAttempt] = {}
    for listed in attempts:
        latest.setdefault(listed.attempt.trainee_id, listed.attempt)
    rows = sorted((_row(a) for a in latest.values()), key=lambda r: r.trainee.name.lower())
    items = mark(model_attempt(scenario), scenario).items
    return Cohort(items, rows, attempts)


def _row(attempt: PracticeAttempt) -> CohortRow:
    submission = attempt.latest_submission
    missed = frozenset(ItemKey.of(m) for m in submission.missed) if submission else frozenset()
    return CohortRow(attempt, submission, missed)


__all__ = ["AttemptToReview", "Cohort", "CohortAttempt", "CohortRow", "ItemKey", "MissedItem",
           "PersonSummary", "TrainingRecord", "attempts_by", "attempts_to_review", "cohort",
           "list_trainees", "record_of"]
