"""The reviewer's decision: send the assessment back for changes, or recommend sign-off.

On a practice attempt the reviewer is a facilitator, whose final decision is to accept it.
"""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for

from eia.models.assessments import AssessmentVersion
from eia.services import workflow as moves
from eia.services.training import attempts
from eia.views.review.blueprint import bp
from eia.views.shared import me, reviewable_version
from eia.workflow import Action, MoveRefused, why_not
from forms.review import RequestChangesForm


def queue_of(version: AssessmentVersion) -> str:
    """Where the reviewer goes back to: the review queue, or the attempts to review."""
    return url_for("training.list_attempts_to_review" if version.is_training else "review.queue")


@bp.route("/<reference>/request-changes", methods=["GET", "POST"])
def request_changes(reference: str):
    version = reviewable_version(reference)
    form = RequestChangesForm()
    if form.validate_on_submit():
        try:
            moves.request_changes(me(), version, form.reason.data)
        except MoveRefused as error:
            flash(str(error), "error")
        else:
            flash(f"{version.reference} has gone back to its authors with your comments",
                  "success")
            return redirect(queue_of(version))
    return render_template(
        "review/request_changes.html", version=version, form=form,
        back_url=url_for("review.overview", reference=version.reference),
        refused=why_not(version, Action.REQUEST_CHANGES, me()))


@bp.post("/<reference>/recommend")
def recommend(reference: str):
    version = reviewable_version(reference)
    try:
        moves.recommend(me(), version)
    except MoveRefused as error:
        flash(str(error), "error")
        return redirect(url_for("review.overview", reference=version.reference))
    flash(f"{version.reference} is recommended for sign-off. The signatories have been told.",
          "success")
    return redirect(url_for("review.queue"))


@bp.post("/<reference>/accept")
def accept_attempt(reference: str):
    version = reviewable_version(reference)
    try:
        result = attempts.accept_attempt(me(), version)
    except MoveRefused as error:
        flash(str(error), "error")
        return redirect(url_for("review.overview", reference=version.reference))
    verdict = ("competent: every critical point was found" if result.competent else
               "not yet competent: some critical points were missed")
    flash(f"You have accepted {version.reference}. The attempt is recorded as {verdict}.",
          "success")
    return redirect(url_for("training.list_attempts_to_review"))
