"""Importing a programme's delegates from a CSV file: upload and check (every bad row shown,
nothing made), a preview of a good file, then the import with its progress. For facilitators
and administrators."""

from __future__ import annotations

from flask import abort, redirect, render_template, url_for
from wtforms.fields.choices import SelectChoice

from eia.domain import DomainError
from eia.formatting import format_datetime
from eia.models.programme import TrainingProgramme
from eia.models.types import utcnow
from eia.services.training import delegates, sessions
from eia.views.shared import me
from eia.views.training.blueprint import bp
from eia.views.training.session_helpers import programme_or_404
from forms.sessions import DelegateImportForm, RunImportForm

NO_SESSION = ""


def _session_choices(programme: TrainingProgramme) -> list[SelectChoice]:
    upcoming = [s for s in sessions.sessions_of(programme)
                if not s.cancelled and s.starts_at > utcnow()]
    return [SelectChoice(NO_SESSION, "Do not book them now")] + [
        SelectChoice(str(s.id), f"{s.title}, {format_datetime(s.starts_at)}") for s in upcoming]


@bp.route("/programmes/<int:programme_id>/delegates/import", methods=["GET", "POST"])
def import_delegates(programme_id: int):
    programme = programme_or_404(programme_id)
    form = DelegateImportForm()
    form.session_id.choices = _session_choices(programme)
    checked = None
    if form.validate_on_submit():
        session = (sessions.get_session(int(form.session_id.data))
                   if (form.session_id.data or "").isdigit() else None)
        try:
            checked, job = delegates.prepare_import(me(), programme, form.content,
                                                    form.filename, session)
        except DomainError as error:
            form.session_id.errors = [*form.session_id.errors, str(error)]
        else:
            if job is not None:
                return redirect(url_for("training.view_delegate_import",
                                        programme_id=programme.id, import_id=job.id))
    return render_template("training/sessions/import_delegates.html", programme=programme,
                           form=form, checked=checked)


def _import_or_404(programme: TrainingProgramme, import_id: int):
    return delegates.get_import(programme, import_id) or abort(404)


@bp.get("/programmes/<int:programme_id>/delegates/import/<int:import_id>")
def view_delegate_import(programme_id: int, import_id: int):
    programme = programme_or_404(programme_id)
    job = _import_or_404(programme, import_id)
    running = job.started_at is not None and job.finished_at is None
    return render_template("training/sessions/view_delegate_import.html", programme=programme,
                           job=job, running=running, form=RunImportForm(),
                           rows=delegates.preview(job) if job.started_at is None else [])


@bp.post("/programmes/<int:programme_id>/delegates/import/<int:import_id>/run")
def run_delegate_import(programme_id: int, import_id: int):
    programme = programme_or_404(programme_id)
    job = _import_or_404(programme, import_id)
    if RunImportForm().validate_on_submit():
        delegates.start_import(me(), job)
    return redirect(url_for("training.view_delegate_import", programme_id=programme.id,
                            import_id=job.id))
