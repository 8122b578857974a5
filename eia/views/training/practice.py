"""Practising: the scenarios a person may start, one scenario's brief, starting an attempt, the
person's own training record, and the brief and evidence pack beside every page of an attempt.
"""

from __future__ import annotations

from flask import abort, flash, g, redirect, render_template, url_for
from markupsafe import Markup

from eia.domain import DomainError
from eia.kept import Kept
from eia.models.assessments import AssessmentVersion
from eia.services.training import attempts, library, records
from eia.training.scenario import Scenario
from eia.training.scenario_model import LEVEL_LABELS
from eia.views.shared import me
from eia.views.training.blueprint import bp


def practice_scenario(version: AssessmentVersion) -> Scenario | None:
    """The scenario a practice attempt answers (once per request); None for a live one."""
    cache = g.setdefault("_practice_scenarios", {})
    if version.id not in cache:
        attempt = attempts.attempt_of(version)
        cache[version.id] = attempts.scenario_of(attempt) if attempt else None
    return cache[version.id]


# The brief and evidence pack drawn for each scenario text this process has met, by the
# identity of its parsed Scenario (one object per text: see library.stored_scenario). Each entry
# holds its Scenario, so no other object can take that identity while the entry is kept.
_materials: Kept[tuple[Scenario, Markup]] = Kept(limit=128)


def scenario_materials(scenario: Scenario) -> Markup:
    """The brief and evidence pack beside every page of an attempt: the same for every attempt
    at one scenario text, so drawn once rather than on every page a room of trainees saves."""
    return _materials.get(id(scenario), lambda: (scenario, _draw_materials(scenario)))[1]


def _draw_materials(scenario: Scenario) -> Markup:
    # An autoescaped template: everything from the scenario in it is escaped already.
    return Markup(render_template("training/_scenario_materials.html",  # noqa: S704
                                  scenario=scenario))


@bp.app_context_processor
def _practice_helpers() -> dict:
    return {"practice_scenario": practice_scenario, "attempt_scenario": attempts.scenario_of,
            "scenario_materials": scenario_materials, "level_labels": LEVEL_LABELS}


def entry_or_404(key: str) -> library.Entry:
    entry = library.get_entry(key)
    if entry is None:
        abort(404)
    return entry


@bp.get("/scenarios")
def list_scenarios():
    record = records.record_of(me())
    return render_template("training/list_scenarios.html", entries=library.list_library(),
                           record=record)


@bp.get("/scenarios/<key>")
def view_scenario(key: str):
    entry = entry_or_404(key)
    mine = [a for a in records.attempts_by(me().id)
            if a.scenario_version.scenario.key == entry.key]
    return render_template("training/view_scenario.html", entry=entry,
                           scenario=entry.scenario, attempts=mine)


@bp.post("/scenarios/<key>/start")
def start_attempt(key: str):
    entry = entry_or_404(key)
    try:
        assessment = attempts.start_attempt(me(), entry.key)
    except DomainError as error:
        flash(str(error), "error")
        return redirect(url_for("training.view_scenario", key=entry.key))
    flash(f"You have started a practice attempt, {assessment.reference}. The brief and the "
          "evidence pack are beside every page.", "success")
    return redirect(url_for("assessments.view_task_list", reference=assessment.reference))


@bp.get("/record")
def my_record():
    return render_template("training/record.html", record=records.record_of(me()), own=True)
