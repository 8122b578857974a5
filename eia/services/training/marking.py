"""A practice attempt as the marking reads it, the feedback, and what each submission found.

`attempt_input` turns a practice assessment into the marking's `Attempt` (its screening
decision, impact rows with the pack keys of the evidence linked to them, outcome, free-text
answers and actions). The free-text areas follow `eia.training.attempt.Attempt`: where a
marking point "looks in the screening" it reads what the person wrote about the change, its
likely impacts and the basis of the decision, and so on. The marking itself is pure
(`eia.training.marking.mark`).

A submission records the counts and the items missed (`PracticeSubmission`), so that progress
shows across submissions, and so that the feedback of the last submission can be shown while
the attempt is being changed without marking the changes as they are typed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from eia.checks import Finding, check_assessment
from eia.framework import AIMS, JUSTIFICATION_QUESTIONS
from eia.models.assessments import AssessmentVersion
from eia.models.training import PracticeAttempt, PracticeSubmission
from eia.training.attempt import GroupRelevance
from eia.training.feedback import Feedback
from eia.training.marking import Attempt, AttemptAction, AttemptImpact, mark
from eia.training.scenario import Scenario


def _joined(*texts) -> str:
    return "\n\n".join(text.strip() for text in texts if isinstance(text, str) and text.strip())


def _texts(version: AssessmentVersion) -> dict[str, str]:
    screening = version.answers_to("screening")
    engagement = version.answers_to("engagement")
    combined = version.answers_to("intersectional_and_cumulative")
    aims = version.answers_to("three_aims")
    outcome = version.answers_to("outcome")
    monitoring = version.answers_to("monitoring_and_review")
    activities = [_joined(e.who, e.how, e.what_they_said, e.what_changed)
                  for e in version.engagements]
    return {
        "screening": _joined(screening.get("change_description"),
                             screening.get("likely_impacts"),
                             screening.get("not_relevant_reason"),
                             screening.get("screening_basis")),
        "engagement": _joined(*activities, engagement.get("engagement_gaps")),
        "evidence_gaps": _joined(version.answers_to("evidence").get("evidence_gaps")),
        "intersectional": _joined(combined.get("intersectional_impact")),
        "cumulative": _joined(combined.get("cumulative_impact")),
        **{f"aim_{aim}": _joined(aims.get(f"aim_{aim}")) for aim in AIMS},
        "outcome": _joined(outcome.get("outcome_summary"), outcome.get("adjustments"),
                           outcome.get("stop_instead")),
        "proportionality": _joined(outcome.get("remaining_impact_proportionality")),
        **{question: _joined(outcome.get(question)) for question in JUSTIFICATION_QUESTIONS},
        "monitoring": _joined(monitoring.get("monitoring_indicators"),
                              monitoring.get("review_triggers")),
    }


def attempt_input(version: AssessmentVersion) -> Attempt:
    """What the marking reads from a practice assessment version."""
    impacts = {
        row.group_id: AttemptImpact(
            level=row.impact, effect=row.effect, mitigation=row.mitigation,
            residual=row.residual_impact,
            evidence=tuple(source.pack_key for source in row.evidence if source.pack_key),
            own_evidence=tuple(source.title for source in row.evidence if not source.pack_key),
            harm_remains=row.harm_remains)
        for row in version.impacts}
    relevance = {group.id: GroupRelevance(found["relevance"], found.get("reason") or "")
                 for group in version.covered_groups
                 if (found := version.relevance_of(group.id)).get("relevance")}
    actions = tuple(AttemptAction(description=a.description, groups=tuple(a.groups),
                                  owner=a.owner, due_date=a.due_date) for a in version.actions)
    return Attempt(screening_decision=version.answers_to("screening").get("screening_decision"),
                   impacts=impacts, outcome=version.outcome, texts=_texts(version),
                   actions=actions, relevance=relevance)


def feedback_for(version: AssessmentVersion, scenario: Scenario) -> Feedback:
    """The version marked against the scenario's model answer, as it stands now."""
    return mark(attempt_input(version), scenario, version.framework)


def live_blockers(version: AssessmentVersion, today: date | None = None) -> list[Finding]:
    """The quality-check problems that would have stopped a live assessment being submitted."""
    findings = check_assessment(version, version.framework, today=today or date.today())
    return [finding for finding in findings if finding.blocking]


def missed_items(feedback: Feedback) -> list[dict]:
    """What a submission keeps of the items not found, critical first."""
    return [{"kind": item.kind, "id": item.id, "tag": item.tag, "label": item.label}
            for item in feedback.missed]


def record_submission(attempt: PracticeAttempt, feedback: Feedback) -> PracticeSubmission:
    """Keep what the marking found at this submission (in the caller's transaction)."""
    submission = PracticeSubmission(
        attempt=attempt, number=len(attempt.submissions) + 1,
        critical_found=feedback.critical_found, critical_total=feedback.critical_total,
        good_found=feedback.good_found, good_total=feedback.good_total)
    submission.missed = missed_items(feedback)
    return submission


@dataclass(frozen=True)
class ItemKey:
    """How the cohort view and the records name a marked item across attempts."""

    kind: str
    id: str

    @classmethod
    def of(cls, item) -> ItemKey:
        if isinstance(item, dict):
            return cls(item["kind"], item["id"])
        return cls(item.kind, item.id)
