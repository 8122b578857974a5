"""The reviewer's decision: send the assessment back for changes, or recommend sign-off."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for

from eia.services import workflow as moves
from eia.views.review.blueprint import bp
from eia.views.shared import latest_version, me
from eia.workflow import Action, MoveRefused, why_not
from forms.review import RequestChangesForm


@bp.route("/<reference>/request-changes", methods=["GET", "POST"])
def request_changes(reference: str):
    version = latest_version(reference)
    form = RequestChangesForm()
    if form.validate_on_submit():
        try:
            moves.request_changes(me(), version, form.reason.data)
        except MoveRefused as error:
            flash(str(error), "error")
        else:
            flash(f"{version.reference} has gone back to its authors with your comments",
                  "success")
            return redirect(url_for("review.queue"))
    return render_template(
        "review/request_changes.html", version=version, form=form,
        back_url=url_for("review.overview", reference=version.reference),
        refused=why_not(version, Action.REQUEST_CHANGES, me()))


@bp.post("/<reference>/recommend")
def recommend(reference: str):
    version = latest_version(reference)
    try:
        moves.recommend(me(), version)
    except MoveRefused as error:
        flash(str(error), "error")
        return redirect(url_for("review.overview", reference=version.reference))
    flash(f"{version.reference} is recommended for sign-off. The signatories have been told.",
          "success")
    return redirect(url_for("review.queue"))
