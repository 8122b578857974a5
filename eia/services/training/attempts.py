"""Practice attempts: starting one from a scenario, submitting it, and a facilitator accepting it.

An attempt is started through `eia.services.assessments.start_assessment` with the purpose
"training", like any assessment: same framework, pages, checks, review and PDF. Its control
details and extra groups come from the scenario, and the scenario's evidence pack becomes its
evidence list, each source remembering its pack key. Submitting and accepting are the moves of
`eia.services.workflow`, with what the marking found recorded in the same transaction.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from eia import audit
from eia.domain import DomainError, Purpose
from eia.extensions import db
from eia.models.assessments import Assessment, AssessmentVersion, EvidenceSource
from eia.models.programme import TrainingSession
from eia.models.training import PracticeAttempt, PracticeResult, PracticeScenarioVersion
from eia.models.users import User
from eia.permissions import PRACTISING_ROLES
from eia.services import assessments
from eia.services import workflow as moves
from eia.services.training import library
from eia.services.training.bookings import booking_of
from eia.services.training.marking import feedback_for, record_submission
from eia.services.transaction import unit_of_work
from eia.training.scenario import EvidenceItem, Scenario


class NotAnAttempt(DomainError):
    def __init__(self, version: AssessmentVersion):
        super().__init__(f"{version.reference} is not a practice attempt")


def attempt_of(version: AssessmentVersion) -> PracticeAttempt | None:
    """The practice attempt a version belongs to; None for a live assessment."""
    if not version.is_training:
        return None
    # With the scenario it answers: every page of an attempt shows the scenario beside it.
    return db.session.scalar(select(PracticeAttempt).where(
        PracticeAttempt.assessment_id == version.assessment_id).options(
        joinedload(PracticeAttempt.scenario_version).joinedload(PracticeScenarioVersion.scenario)))


def scenario_of(attempt: PracticeAttempt) -> Scenario:
    """The scenario exactly as the attempt answered it."""
    return library.stored_scenario(attempt.scenario_version)


def _attempt_or_raise(version: AssessmentVersion) -> PracticeAttempt:
    attempt = attempt_of(version)
    if attempt is None:
        raise NotAnAttempt(version)
    return attempt


def pack_summary(item: EvidenceItem) -> str:
    """What a pack source shows, with its table written out line by line."""
    lines = [item.shows]
    if item.table is not None:
        lines += ["", item.table.caption, " | ".join(item.table.columns),
                  *(" | ".join(row) for row in item.table.rows)]
    return "\n".join(lines)


def _check_in_session(person: User, key: str, session: TrainingSession) -> None:
    booking = booking_of(person, session)
    if booking is None or not booking.holds_place:
        raise DomainError("Book a place on the session to practise in it")
    if key not in {scenario.key for scenario in session.scenarios}:
        raise DomainError("This session does not use that scenario")


def start_attempt(person: User, key: str, *, today: date | None = None,
                  session: TrainingSession | None = None) -> Assessment:
    """Start a practice attempt at the scenario `key`, led by `person`; in a training
    `session` when given, which the attempt records.

    Refused (DomainError) for a scenario that does not exist or is retired, for someone who
    does not practise (authors and trainees do), and in a session for someone without a place
    on it or a scenario the session does not use.
    """
    if not person.roles & PRACTISING_ROLES:
        raise DomainError("Only trainees and authors can practise on scenarios")
    if session is not None:
        _check_in_session(person, key, session)
    entry = library.get_entry(key)
    if entry is None:
        raise library.ScenarioNotFound(key)
    if entry.retired:
        raise DomainError(f"‘{entry.title}’ has been retired, so it cannot be started")
    scenario, start = entry.scenario, today or date.today()
    brief = scenario.assessment
    with unit_of_work():
        stored = library.stored_version(entry, person)
        assessment = assessments.start_assessment(person, assessments.ControlDetails(
            title=brief.title, assessment_type=brief.assessment_type, unit_id=person.unit_id,
            lead_officer_id=person.id, contributor_ids=[], decision_maker=brief.decision_maker,
            decision_forum=brief.decision_forum, decision_date=brief.decision_date(start),
            work_started_on=brief.work_started_on(start),
            strategic_decision=brief.strategic_decision,
        ), purpose=Purpose.TRAINING, extra_groups=brief.extra_groups)
        version = assessment.latest
        for item in scenario.evidence:
            db.session.add(EvidenceSource(version=version, title=item.title, kind=item.kind,
                                          period=item.period, summary=pack_summary(item),
                                          pack_key=item.key))
        db.session.add(PracticeAttempt(assessment=assessment, scenario_version=stored,
                                       trainee_id=person.id,
                                       session_id=session.id if session else None))
        db.session.flush()
        audit.record_for_version("practice.started", person, version, scenario=entry.key,
                                 scenario_version=stored.number)
    return assessment


def submit_attempt(person: User, version: AssessmentVersion, *, today: date | None = None):
    """Submit (or resubmit) a practice attempt for feedback and a facilitator's review, and keep
    what the marking found. Returns the submission record."""
    attempt = _attempt_or_raise(version)
    with unit_of_work():
        moves.submit(person, version, today=today)
        feedback = feedback_for(version, scenario_of(attempt))
        submission = record_submission(attempt, feedback)
        db.session.add(submission)
        db.session.flush()
        audit.record_for_version("practice.marked", person, version, submission=submission.number,
                                 critical_found=feedback.critical_found,
                                 critical_total=feedback.critical_total)
    return submission


def accept_attempt(facilitator: User, version: AssessmentVersion) -> PracticeResult:
    """A facilitator accepts an attempt after reviewing it. The result is competent only when
    the marking finds every critical item now; either way it is recorded, with the scenario
    version, the counts, who accepted it and when."""
    attempt = _attempt_or_raise(version)
    with unit_of_work():
        feedback = feedback_for(version, scenario_of(attempt))
        moves.accept(facilitator, version)
        result = PracticeResult(
            attempt=attempt, scenario_version_id=attempt.scenario_version_id,
            critical_found=feedback.critical_found, critical_total=feedback.critical_total,
            good_found=feedback.good_found, good_total=feedback.good_total,
            competent=feedback.all_critical_found, accepted_by_id=facilitator.id)
        db.session.add(result)
        db.session.flush()
        audit.record_for_version("practice.accepted", facilitator, version,
                                 competent=result.competent,
                                 critical_found=result.critical_found,
                                 critical_total=result.critical_total)
    return result
