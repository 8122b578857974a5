"""The signatory's queue, the one-page summary with the sign-off form, and returning."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for

from eia import queries
from eia.domain import VersionStatus
from eia.models.assessments import AssessmentVersion
from eia.services import workflow as moves
from eia.views.shared import latest_version, me
from eia.views.signoff import digest
from eia.views.signoff.blueprint import bp
from eia.workflow import Action, MoveRefused, why_not
from forms.signoff import ReturnForm, SignOffForm


@bp.get("")
def queue():
    waiting = [(version, queries.latest_review(version))
               for version in queries.versions_in_status(VersionStatus.AWAITING_SIGN_OFF)]
    return render_template("signoff/queue.html", waiting=waiting)


@bp.get("/<reference>")
def summary(reference: str):
    version = latest_version(reference)
    return _render_summary(version, SignOffForm())


@bp.post("/<reference>")
def sign_off(reference: str):
    version = latest_version(reference)
    form = SignOffForm()
    if not form.validate_on_submit():
        return _render_summary(version, form)
    try:
        moves.sign_off(me(), version, declaration_accepted=True)
    except MoveRefused as error:
        flash(_refusal_in_context(version, str(error)), "error")
        return _render_summary(version, form)
    flash(f"You have signed off {version.reference}, version {version.number}", "success")
    return redirect(url_for("signoff.summary", reference=version.reference))


@bp.route("/<reference>/return", methods=["GET", "POST"])
def return_assessment(reference: str):
    version = latest_version(reference)
    form = ReturnForm()
    if form.validate_on_submit():
        try:
            moves.return_for_changes(me(), version, form.reason.data)
        except MoveRefused as error:
            flash(_refusal_in_context(version, str(error)), "error")
        else:
            flash(f"{version.reference} has been returned to its authors", "success")
            return redirect(url_for("signoff.queue"))
    return render_template("signoff/return_assessment.html", version=version, form=form)


def _refusal_in_context(version: AssessmentVersion, message: str) -> str:
    """Tell a signatory who lost a race who won it, rather than a bare 'cannot be signed off'."""
    record = queries.sign_off_of(version)
    if record is not None and record.approver_id != me().id:
        return (f"{record.approver_name} has already signed off this version. Your sign-off "
                "was not recorded.")
    return message


def _render_summary(version: AssessmentVersion, form: SignOffForm):
    framework = version.framework
    awaiting = version.status == VersionStatus.AWAITING_SIGN_OFF
    return render_template(
        "signoff/summary.html", version=version, form=form,
        outcome=digest.outcome_of(version, framework),
        to_weigh=digest.rows_to_weigh(version, framework),
        aims=digest.three_aims(version, framework),
        justification=digest.justification(version, framework),
        decision=queries.decision_of(version),
        review=queries.latest_review(version),
        sign_off_record=queries.sign_off_of(version),
        publication=queries.live_publication(version),
        refused=why_not(version, Action.SIGN_OFF, me())
        if awaiting else None,
        awaiting=awaiting,
    )
