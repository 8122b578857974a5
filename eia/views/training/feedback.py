"""Feedback on a practice attempt, and the attempt side by side with the model answer.

Feedback is marked when the attempt is submitted. While the attempt is being changed again,
the page shows what the last submission found rather than marking each change as it is made;
the full feedback comes back with the next submission.
"""

from __future__ import annotations

from flask import abort, render_template

from eia.domain import EDITABLE_STATES
from eia.framework import AIMS, JUSTIFICATION_QUESTIONS
from eia.models.assessments import AssessmentVersion
from eia.permissions import may_edit_assessment, may_read_attempt
from eia.services.training import attempts, marking
from eia.training.feedback import VERDICT_LABELS
from eia.training.scenario_model import TEXT_FIELDS
from eia.views.shared import me, readable_version
from eia.views.training.blueprint import bp
from eia.views.training.labels import labellers


def attempt_version(reference: str) -> AssessmentVersion:
    """The latest version of a practice attempt the signed-in person may read, or 404."""
    version = readable_version(reference)
    if not may_read_attempt(me(), version):
        abort(404)
    return version


@bp.get("/attempts/<reference>/feedback")
def view_feedback(reference: str):
    version = attempt_version(reference)
    attempt = attempts.attempt_of(version)
    scenario = attempts.scenario_of(attempt)
    being_changed = version.status in EDITABLE_STATES
    feedback = None if being_changed else marking.feedback_for(version, scenario)
    return render_template(
        "training/feedback.html", version=version, attempt=attempt, scenario=scenario,
        feedback=feedback, submission=attempt.latest_submission,
        blockers=[] if being_changed else marking.live_blockers(version),
        can_edit=may_edit_assessment(me(), version), verdict_labels=VERDICT_LABELS,
        **labellers(version.framework),
    )


@bp.get("/attempts/<reference>/model-answer")
def compare_with_model(reference: str):
    version = attempt_version(reference)
    attempt = attempts.attempt_of(version)
    scenario = attempts.scenario_of(attempt)
    framework = version.framework
    # The person practising sees the model answer once they have submitted; a facilitator
    # may read it at any time (it is in the library too).
    hidden = not attempt.submissions and attempt.trainee_id == me().id
    yours = marking.attempt_input(version)
    return render_template(
        "training/compare_with_model.html", version=version, attempt=attempt,
        scenario=scenario, hidden=hidden, yours=yours, model=scenario.model_answer,
        groups=framework.groups_for(version.enabled_extra_groups),
        text_areas=_text_areas(scenario), **labellers(framework),
    )


def _text_areas(scenario) -> list[tuple[str, str]]:
    """The free-text areas compared, in the order of the form: (key, label)."""
    keys = ["screening", "evidence_gaps", "engagement", "intersectional", "cumulative",
            *(f"aim_{aim}" for aim in AIMS), "outcome"]
    if scenario.model_answer.outcome.justification is not None:
        keys += list(JUSTIFICATION_QUESTIONS)
    keys.append("monitoring")
    return [(key, TEXT_FIELDS[key]) for key in keys]
