"""Recording the decision an assessment was for, once it is signed off.

The signed-off version itself never changes; the decision is a record beside it: when and where
it was made, the report or minute, whether the assessment was before the decision-maker, what
was decided and which mitigations were accepted. It is written once, by a signatory or one of
the assessment's authors, and audited.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from eia import audit, queries
from eia.domain import SIGNED_OFF_STATES, DomainError, Role
from eia.extensions import db
from eia.models.assessments import AssessmentVersion
from eia.models.review import Decision
from eia.models.users import User
from eia.permissions import is_editor
from eia.services.transaction import use_case


class DecisionRefused(DomainError):
    """The decision cannot be recorded; the message says why."""


@dataclass(frozen=True)
class DecisionDetails:
    decided_on: date
    forum: str
    minute_reference: str
    assessment_considered: bool
    what_was_decided: str
    accepted_mitigations: list[str] = field(default_factory=list)


def may_record_decision(user: User, version: AssessmentVersion) -> bool:
    """Signatories and the assessment's authors record what was decided."""
    return Role.APPROVER in user.roles or is_editor(user, version)


def mitigations_to_accept(version: AssessmentVersion) -> list:
    """The groups whose mitigation a decision-maker can accept: those with a negative impact
    and a mitigation set out, in framework order."""
    return [group for group in version.covered_groups
            if (impact := version.impact_for(group.id)) is not None
            and impact.level.is_negative and impact.mitigation.strip()]


def decision_problem(user: User, version: AssessmentVersion,
                     details: DecisionDetails | None = None) -> str | None:
    """Why the decision cannot be recorded now (or with these details), or None."""
    if version.status not in SIGNED_OFF_STATES:
        return "The decision is recorded once the assessment is signed off"
    if not may_record_decision(user, version):
        return "Only a signatory or one of the assessment’s authors can record the decision"
    if queries.decision_of(version) is not None:
        return "The decision has already been recorded"
    signed = queries.sign_off_of(version)
    if details and signed and details.decided_on < signed.signed_at.date():
        return ("The decision date is before the assessment was signed off: the assessment "
                "must be signed off before the decision is made")
    return None


@use_case
def record_decision(user: User, version: AssessmentVersion, details: DecisionDetails) -> Decision:
    """Record what was decided. Raises DecisionRefused (see `decision_problem`)."""
    problem = decision_problem(user, version, details)
    if problem:
        raise DecisionRefused(problem)
    covered = {g.id for g in version.covered_groups}
    decision = Decision(
        version=version, decided_on=details.decided_on, forum=details.forum.strip(),
        minute_reference=details.minute_reference.strip(),
        assessment_considered=details.assessment_considered,
        what_was_decided=details.what_was_decided.strip(), recorded_by_id=user.id)
    decision.accepted_mitigations = [g for g in details.accepted_mitigations if g in covered]
    db.session.add(decision)
    db.session.flush()
    audit.record_for_version("assessment.decision_recorded", user, version,
                             decided_on=details.decided_on.isoformat(),
                             assessment_considered=details.assessment_considered)
    return decision
