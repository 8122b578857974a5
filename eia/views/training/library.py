"""The facilitators' scenario library: browse, preview, duplicate, edit, retire, import, export.

The shipped scenarios are read-only; edits are made to the organisation's own copies, each
save a new version. A scenario's text is checked in full before anything is saved, and every
problem is listed by its key on the page, next to the text the facilitator wrote.
"""

from __future__ import annotations

from flask import Response, abort, flash, redirect, render_template, url_for

from eia.domain import DomainError
from eia.services import frameworks
from eia.services.training import library
from eia.training.scenario import ScenarioError
from eia.uploads import content_disposition
from eia.views.shared import me
from eia.views.training.blueprint import bp
from eia.views.training.labels import labellers
from eia.views.training.practice import entry_or_404
from forms.training import ImportScenarioForm, ScenarioTextForm

TOML_TYPE = "application/toml; charset=utf-8"


@bp.get("/library")
def list_library():
    entries = library.list_library(include_retired=True)
    return render_template("training/list_library.html",
                           in_use=[e for e in entries if not e.retired],
                           retired=[e for e in entries if e.retired])


@bp.get("/library/<key>")
def preview_scenario(key: str):
    entry = entry_or_404(key)
    model = entry.scenario.model_answer
    return render_template("training/preview_scenario.html", entry=entry,
                           scenario=entry.scenario, model=model, texts=model.texts(),
                           **labellers(frameworks.current_framework()))


@bp.post("/library/<key>/duplicate")
def duplicate_scenario(key: str):
    entry = entry_or_404(key)
    try:
        copy = library.duplicate_scenario(me(), entry.key)
    except (DomainError, ScenarioError) as error:
        flash(str(error), "error")
        return redirect(url_for("training.preview_scenario", key=entry.key))
    flash(f"You have made a copy of ‘{entry.title}’ with the id {copy.key}. Change it here.",
          "success")
    return redirect(url_for("training.edit_scenario", key=copy.key))


def _problems(field, error: ScenarioError) -> list[str]:
    """Mark the field in error with how many problems there are, and return them all: the
    page lists every one, by its key."""
    count = len(error.errors)
    field.errors = [*field.errors, f"The scenario has {count} problem{'' if count == 1 else 's'}"
                                   " to fix: each is listed by its key"]
    return error.errors


@bp.route("/library/<key>/edit", methods=["GET", "POST"])
def edit_scenario(key: str):
    entry = entry_or_404(key)
    if entry.shipped:
        abort(404)  # shipped scenarios are read-only: they have no edit page
    form = ScenarioTextForm(data={"source": entry.source})
    problems: list[str] = []
    if form.validate_on_submit():
        try:
            version = library.save_scenario(me(), entry.key, form.source.data)
        except ScenarioError as error:
            problems = _problems(form.source, error)
        except DomainError as error:
            form.source.errors = [*form.source.errors, str(error)]
        else:
            flash(f"Saved as version {version.number} of ‘{entry.title}’. New attempts use "
                  "this version; attempts already made keep theirs.", "success")
            return redirect(url_for("training.preview_scenario", key=entry.key))
    return render_template("training/edit_scenario.html", entry=entry, form=form,
                           problems=problems)


@bp.post("/library/<key>/retire")
def retire_scenario(key: str):
    entry = entry_or_404(key)
    try:
        library.retire_scenario(me(), entry.key)
    except DomainError as error:
        flash(str(error), "error")
    else:
        flash(f"‘{entry.title}’ is retired: nobody can start it now. Attempts already made "
              "keep it.", "success")
    return redirect(url_for("training.preview_scenario", key=entry.key))


@bp.post("/library/<key>/restore")
def restore_scenario(key: str):
    entry = entry_or_404(key)
    try:
        library.restore_scenario(me(), entry.key)
    except DomainError as error:
        flash(str(error), "error")
    else:
        flash(f"‘{entry.title}’ is offered to trainees again.", "success")
    return redirect(url_for("training.preview_scenario", key=entry.key))


@bp.get("/library/<key>/export")
def export_scenario(key: str):
    entry = entry_or_404(key)
    return Response(entry.source.encode("utf-8"), mimetype=TOML_TYPE, headers={
        "Content-Disposition": content_disposition(entry.filename),
        "X-Content-Type-Options": "nosniff",
    })


@bp.route("/import", methods=["GET", "POST"])
def import_scenario():
    form = ImportScenarioForm()
    problems: list[str] = []
    if form.validate_on_submit():
        try:
            version = library.import_scenario(me(), form.text, form.filename)
        except ScenarioError as error:
            problems = _problems(form.file, error)
        except DomainError as error:
            form.file.errors = [*form.file.errors, str(error)]
        else:
            key = version.scenario.key
            flash(f"Imported ‘{key}’ as version {version.number}.", "success")
            return redirect(url_for("training.preview_scenario", key=key))
    return render_template("training/import_scenario.html", form=form, problems=problems)
