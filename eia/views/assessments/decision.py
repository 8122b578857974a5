"""Recording the decision a signed-off assessment was for (`eia.services.decisions`)."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from wtforms.fields.choices import SelectChoice

from eia import queries
from eia.services import decisions
from eia.views.assessments.blueprint import bp
from eia.views.shared import live_version_or_404, me
from forms.signoff import DecisionForm


@bp.route("/<reference>/versions/<int:number>/decision", methods=["GET", "POST"])
def record_decision(reference: str, number: int):
    version = live_version_or_404(reference, number)
    if not decisions.may_record_decision(me(), version):
        abort(404)
    form = DecisionForm()
    form.accepted_mitigations.choices = [SelectChoice(group.id, group.name) for group
                                         in decisions.mitigations_to_accept(version)]
    refused = decisions.decision_problem(me(), version)
    if not refused and form.validate_on_submit():
        details = decisions.DecisionDetails(
            decided_on=form.decided_on.data, forum=form.forum.data,
            minute_reference=form.minute_reference.data or "",
            assessment_considered=form.assessment_considered.data == "yes",
            what_was_decided=form.what_was_decided.data,
            accepted_mitigations=list(form.accepted_mitigations.data or []))
        try:
            decisions.record_decision(me(), version, details)
        except decisions.DecisionRefused as error:
            form.decided_on.errors.append(str(error))
        else:
            flash("The decision is recorded with the assessment", "success")
            return redirect(url_for("assessments.view_version", reference=reference,
                                    number=number))
    return render_template("assessments/versions/record_decision.html", version=version, form=form,
                           refused=refused, sign_off=queries.sign_off_of(version))
