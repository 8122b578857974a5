"""The facilitators' pages: attempts to review, a cohort's attempts at one scenario, and each
person's training record.
"""

from __future__ import annotations

from flask import abort, render_template, request

from eia import queries
from eia.charts import Cell, grid_chart
from eia.services.training import records
from eia.views.shared import me
from eia.views.training.blueprint import bp
from eia.views.training.practice import entry_or_404
from forms.training import CohortFilterForm

FOUND, MISSED = "Found", "Missed"
# Light fills with dark text (see eia.charts.grid_chart); the words say the same as the colour.
GRID_COLOURS = {FOUND: "#cce2d8", MISSED: "#f4cdc6"}


@bp.get("/review")
def list_attempts_to_review():
    rows = records.attempts_to_review(me())
    return render_template("training/list_attempts_to_review.html",
                           waiting=[r for r in rows if r.reviewer is None],
                           mine=[r for r in rows if r.reviewer is not None
                                 and r.reviewer.id == me().id],
                           others=[r for r in rows if r.reviewer is not None
                                   and r.reviewer.id != me().id])


@bp.get("/library/<key>/cohort")
def view_cohort(key: str):
    entry = entry_or_404(key)
    form = CohortFilterForm(request.args)
    since = form.since.data if request.args and form.validate() else None
    cohort = records.cohort(entry.key, entry.scenario, since=since)
    return render_template("training/view_cohort.html", entry=entry, form=form, since=since,
                           cohort=cohort, chart=_grid(cohort) if cohort.marked else None)


def _grid(cohort: records.Cohort):
    """Points by trainees: found or missed in each trainee's latest submission."""
    marked = cohort.marked
    cells = {}
    for row_index, item in enumerate(cohort.items):
        for column, row in enumerate(marked):
            missed = records.ItemKey.of(item) in row.missed
            cells[(row_index, column)] = Cell(MISSED if missed else FOUND,
                                              MISSED if missed else FOUND)
    missed_most = cohort.most_missed()
    summary = (f"{len(marked)} trainee{'' if len(marked) == 1 else 's'} submitted an attempt. "
               + (f"The item missed most often: ‘{missed_most[0].item.label}’, by "
                  f"{missed_most[0].missed_by} of {missed_most[0].out_of}."
                  if missed_most else "Every item was found by everyone."))
    labels = [f"{item.label} ({'critical' if item.tag == 'critical' else 'good'})"
              for item in cohort.items]
    return grid_chart("What each trainee found", labels,
                      [row.trainee.name for row in marked], cells, GRID_COLOURS,
                      summary=summary)


@bp.get("/people")
def list_trainees():
    return render_template("training/list_trainees.html", people=records.list_trainees())


@bp.get("/people/<int:user_id>")
def view_record(user_id: int):
    person = queries.get_user(user_id)
    if person is None:
        abort(404)
    return render_template("training/record.html", record=records.record_of(person), own=False)
