"""Submitting an assessment for review (and resubmitting it) from "Check your answers".

A practice attempt is submitted the same way; its feedback, marked at that moment, is the
next page.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import flash, redirect, url_for

from eia import queries
from eia.domain import VersionStatus
from eia.models.assessments import AssessmentVersion
from eia.permissions import is_editor
from eia.services import workflow as moves
from eia.services.training import attempts
from eia.views.assessments.blueprint import bp
from eia.views.shared import me, readable_version
from eia.workflow import Action, MoveRefused, why_not


@dataclass(frozen=True)
class Submission:
    """What "Check your answers" offers an author at its foot."""

    action: Action
    refused: str | None  # why it cannot be sent yet, or None when it can
    practice: bool = False

    @property
    def heading(self) -> str:
        if self.practice:
            return "Resubmit for feedback" if self.action is Action.RESUBMIT \
                else "Submit for feedback"
        return "Resubmit for review" if self.action is Action.RESUBMIT else "Submit for review"


def submission_for(version: AssessmentVersion, problems) -> Submission | None:
    """The submit (or resubmit) an editor could make, given the blocking `problems` found.

    None for people who could never submit this version, so they see no button at all.
    """
    user = me()
    if not is_editor(user, version) or version.status not in (VersionStatus.DRAFT,
                                                             VersionStatus.CHANGES_REQUESTED):
        return None
    blocking = tuple(finding.message for finding in problems)
    action = (Action.RESUBMIT if version.status == VersionStatus.CHANGES_REQUESTED
              else Action.SUBMIT)
    return Submission(action, why_not(version, action, user, blocking_problems=blocking),
                      practice=version.is_training)


@bp.app_context_processor
def _submission_helpers() -> dict:
    return {"submission_for": submission_for}


@bp.post("/<reference>/submit")
def submit(reference: str):
    version = readable_version(reference)
    if version.is_training:
        return _submit_attempt(version)
    try:
        moves.submit(me(), version)
    except MoveRefused as error:
        if _submitted_by_me(version):
            # A double click: the first click did the work, so say so rather than refuse.
            flash("You have submitted this assessment for review", "success")
            return redirect(url_for("assessments.view_task_list", reference=reference))
        flash(str(error), "error")
        return redirect(url_for("assessments.check_answers", reference=reference))
    flash("You have submitted this assessment for review. The equality reviewers have been "
          "told, and you will hear when one of them starts.", "success")
    return redirect(url_for("assessments.view_task_list", reference=reference))


def _submit_attempt(version: AssessmentVersion):
    feedback = url_for("training.view_feedback", reference=version.reference)
    try:
        attempts.submit_attempt(me(), version)
    except MoveRefused as error:
        if _submitted_by_me(version):
            return redirect(feedback)  # a double click: the first one was marked
        flash(str(error), "error")
        return redirect(url_for("assessments.check_answers", reference=version.reference))
    flash("You have submitted your practice attempt. Here is your feedback; a facilitator "
          "will also review it.", "success")
    return redirect(feedback)


def _submitted_by_me(version: AssessmentVersion) -> bool:
    if version.status != VersionStatus.IN_REVIEW:
        return False
    events = queries.workflow_events_of(version)
    last = events[-1] if events else None
    return (last is not None and last.actor_id == me().id
            and last.action in (Action.SUBMIT.value, Action.RESUBMIT.value))
