"""The facilitator pathway of a programme: everyone's stage, and one person's history with the
form on which the programme's lead records their next stage."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from eia.domain import DomainError, PathwayStage, label_of
from eia.formatting import format_datetime
from eia.permissions import leads_programme
from eia.services.training import pathway
from eia.views.shared import me
from eia.views.training.blueprint import bp
from eia.views.training.session_helpers import programme_or_404
from forms.programme import PathwayForm, people_choices


@bp.get("/programmes/<int:programme_id>/pathway")
def view_pathway(programme_id: int):
    programme = programme_or_404(programme_id)
    return render_template("training/programme/view_pathway.html", programme=programme,
                           standings=pathway.standings(programme))


@bp.route("/programmes/<int:programme_id>/pathway/<int:person_id>", methods=["GET", "POST"])
def record_stage(programme_id: int, person_id: int):
    programme = programme_or_404(programme_id)
    person = pathway.facilitator_or_none(person_id) or abort(404)
    may_record = leads_programme(current_user, programme)
    form = PathwayForm()
    sessions = pathway.evidence_choices(programme, person)
    form.evidence.choices = [SelectChoice(str(s.id), f"{s.title}, {format_datetime(s.starts_at)}")
                             for s in sessions]
    form.paired_with_id.choices = people_choices(pathway.partners(programme, person),
                                                 "Not paired")
    if form.is_submitted() and not may_record:
        abort(403)
    if form.validate_on_submit():
        partner = next((p for p in pathway.partners(programme, person)
                        if p.id == form.paired_with_id.data), None)
        try:
            record = pathway.record_stage(
                me(), programme, person, stage=PathwayStage(form.stage.data),
                note=form.note.data or "", evidence=form.evidence.data or [],
                paired_with=partner)
        except DomainError as error:
            form.stage.errors.append(str(error))
        else:
            flash(f"{person.name}: ‘{PathwayStage(record.stage).label}’ recorded.", "success")
            return redirect(url_for("training.record_stage", programme_id=programme.id,
                                    person_id=person.id))
    return render_template("training/programme/record_stage.html", programme=programme,
                           person=person, form=form, may_record=may_record,
                           history=pathway.history(programme, person),
                           stage=pathway.stage_of(programme, person),
                           stage_label=lambda value: label_of(PathwayStage, value))
