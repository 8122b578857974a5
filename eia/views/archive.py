"""The archive, for administrators: importing records of past assessments (upload, preview of
every file, the import with its progress, the report), and matching the people they name to
accounts."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from wtforms.fields.choices import SelectChoice

from eia import queries
from eia.archive import all_targets
from eia.domain import DomainError
from eia.services import archive, archive_imports, frameworks
from eia.views.shared import me, staff_link_to
from forms.archive import (
    ArchiveUploadForm,
    MatchPersonForm,
    RunArchiveImportForm,
    mapping_form,
)

bp = Blueprint("archive", __name__, url_prefix="/admin/archive")


@bp.route("/import", methods=["GET", "POST"])
def import_records():
    form = ArchiveUploadForm()
    if form.validate_on_submit():
        job = archive_imports.prepare_import(me(), form.uploads)
        return redirect(url_for("archive.view_import", archive_import_id=job.id))
    return render_template("archive/import_records.html", form=form)


def _import_or_404(archive_import_id: int):
    return archive_imports.get_import(archive_import_id) or abort(404)


@bp.get("/imports/<int:archive_import_id>")
def view_import(archive_import_id: int):
    job = _import_or_404(archive_import_id)
    running = job.started_at is not None and job.finished_at is None
    plans = archive_imports.plan(job) if job.started_at is None else []
    return render_template(
        "archive/view_import.html", job=job, running=running, plans=plans,
        importable=sum(1 for plan in plans if plan.ok), form=RunArchiveImportForm(),
        outcomes=archive_imports.outcomes(job) if job.finished_at else [])


@bp.post("/imports/<int:archive_import_id>/run")
def run_import(archive_import_id: int):
    job = _import_or_404(archive_import_id)
    if RunArchiveImportForm().validate_on_submit():
        archive_imports.start_import(me(), job)
    return redirect(url_for("archive.view_import", archive_import_id=job.id))


@bp.route("/imports/<int:archive_import_id>/files/<int:position>/mapping",
          methods=["GET", "POST"])
def correct_mapping(archive_import_id: int, position: int):
    """Where each heading of a Word document goes, for the administrator to correct before
    the import runs."""
    job = _import_or_404(archive_import_id)
    file = archive_imports.word_file(job, position) or abort(404)
    back = url_for("archive.view_import", archive_import_id=job.id, _anchor=f"file-{position}")
    if job.started_at is not None:
        return redirect(back)
    result = archive_imports.mapping_of_file(file)
    form = mapping_form(result.mapping, all_targets(frameworks.current_framework()))
    if form.validate_on_submit():
        targets = [form[f"passage_{entry.position}"].data for entry in result.mapping]
        try:
            archive_imports.correct_mapping(me(), job, position, targets)
        except DomainError as error:
            flash(str(error))
        else:
            flash(f"Saved where the text of {file.filename} goes")
        return redirect(back)
    return render_template("archive/correct_mapping.html", job=job, file=file, result=result,
                           form=form, back=back)


@bp.get("/people")
def list_people():
    return render_template("archive/list_people.html", people=archive.list_people(),
                           link_to=staff_link_to)


@bp.route("/people/<int:recorded_person_id>", methods=["GET", "POST"])
def match_person(recorded_person_id: int):
    person = archive.get_person(recorded_person_id) or abort(404)
    form = MatchPersonForm()
    users = {str(user.id): user for user in queries.list_users() if user.active}
    form.user_id.choices = [SelectChoice("", "Choose an account")] + [
        SelectChoice(key, f"{user.name} ({user.email})") for key, user in users.items()]
    if form.validate_on_submit():
        if form.user_id.data not in users:
            form.user_id.errors = ["Choose the account of this person"]
        else:
            try:
                archive.match_person(me(), person, users[form.user_id.data])
            except DomainError as error:
                form.user_id.errors = [str(error)]
            else:
                flash(f"{person.name} is matched to {users[form.user_id.data].name}’s account")
                return redirect(url_for("archive.list_people"))
    return render_template("archive/match_person.html", person=person, form=form)
