"""The programme lead's page, who has not yet booked in each unit, and the reminder to book."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for

from eia.domain import DomainError
from eia.models.programme import TrainingProgramme
from eia.permissions import leads_programme
from eia.services.training import dashboard, reports
from eia.views.shared import me
from eia.views.training.blueprint import bp
from eia.views.training.session_helpers import programme_or_404
from forms.feedback import RemindForm


def _readable(programme_id: int) -> TrainingProgramme:
    programme = programme_or_404(programme_id)
    if not dashboard.may_read_dashboard(me(), programme):
        abort(404)
    return programme


@bp.get("/programmes/<int:programme_id>/dashboard")
def view_dashboard(programme_id: int):
    programme = _readable(programme_id)
    return render_template("training/feedback/dashboard.html", programme=programme,
                           page=dashboard.dashboard(programme), hidden=reports.HIDDEN,
                           may_remind=leads_programme(me(), programme), form=RemindForm())


@bp.get("/programmes/<int:programme_id>/not-booked/<int:unit_id>")
def list_not_booked(programme_id: int, unit_id: int):
    programme = _readable(programme_id)
    units = {unit.unit_id: unit for unit in dashboard.not_booked_by_unit(programme)}
    unit_name = units[unit_id].name if unit_id in units else None
    return render_template("training/feedback/not_booked.html", programme=programme,
                           unit_id=unit_id, unit_name=unit_name,
                           people=dashboard.not_booked_in(programme, unit_id),
                           may_remind=leads_programme(me(), programme),
                           form=RemindForm(data={"unit": str(unit_id)}))


@bp.post("/programmes/<int:programme_id>/not-booked/remind")
def remind_to_book(programme_id: int):
    programme = _readable(programme_id)
    form = RemindForm()
    unit = (form.unit.data or "").strip()
    if not form.validate_on_submit() or (unit and not unit.isdigit()):
        flash("The reminder could not be sent: try again from the page", "error")
        return redirect(url_for("training.view_dashboard", programme_id=programme.id))
    try:
        reminded = dashboard.remind_not_booked(me(), programme,
                                               unit_id=int(unit) if unit else None)
    except DomainError as error:
        flash(str(error), "error")
    else:
        flash(_reminded_message(reminded), "success")
    if unit:
        return redirect(url_for("training.list_not_booked", programme_id=programme.id,
                                unit_id=int(unit)))
    return redirect(url_for("training.view_dashboard", programme_id=programme.id))


def _reminded_message(reminded: dashboard.Reminded) -> str:
    sent = (f"Reminded {reminded.sent} {'person' if reminded.sent == 1 else 'people'} to book, "
            "in the application and by email." if reminded.sent else "Nobody was reminded.")
    if reminded.already_today:
        sent += (f" {reminded.already_today} had already been reminded today, so were not "
                 "reminded again.")
    return sent
