"""Putting a signed-off version on the public register, and taking it off again."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for

from eia import queries
from eia.models.assessments import AssessmentVersion
from eia.services import workflow as moves
from eia.views.shared import live_version_or_404, me
from eia.views.signoff.blueprint import bp
from eia.workflow import Action, MoveRefused, why_not
from forms.signoff import PublishForm, UnpublishForm


def _versions_url(version: AssessmentVersion) -> str:
    return url_for("assessments.list_versions", reference=version.reference)


@bp.route("/<reference>/versions/<int:number>/publish", methods=["GET", "POST"])
def publish(reference: str, number: int):
    version = live_version_or_404(reference, number)
    earlier = queries.publication_of(version)
    form = PublishForm(data={"summary": earlier.summary if earlier else ""})
    if form.validate_on_submit():
        try:
            moves.publish(me(), version, form.summary.data)
        except MoveRefused as error:
            flash(str(error), "error")
        else:
            flash(f"Version {version.number} of {version.reference} is on the public register",
                  "success")
            return redirect(_versions_url(version))
    return render_template("signoff/publish.html", version=version, form=form,
                           back_url=_versions_url(version),
                           refused=why_not(version, Action.PUBLISH, me()))


@bp.route("/<reference>/versions/<int:number>/unpublish", methods=["GET", "POST"])
def unpublish(reference: str, number: int):
    version = live_version_or_404(reference, number)
    form = UnpublishForm()
    if form.validate_on_submit():
        try:
            moves.unpublish(me(), version, form.reason.data)
        except MoveRefused as error:
            flash(str(error), "error")
        else:
            flash(f"Version {version.number} of {version.reference} is no longer on the "
                  "public register", "success")
            return redirect(_versions_url(version))
    return render_template("signoff/unpublish.html", version=version, form=form,
                           back_url=_versions_url(version),
                           refused=why_not(version, Action.UNPUBLISH, me()))
