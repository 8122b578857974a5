"""The pipeline: where assessments are, how long review and sign-off take, and what is late."""

from __future__ import annotations

from datetime import date

from flask import render_template

from eia import insights
from eia.charts import Cell, Series, bar_chart, grid_chart
from eia.domain import VersionStatus
from eia.views.insights.blueprint import bp
from eia.views.shared import me

STATUS_COLOURS = {"few": "#d2e2f1", "some": "#8eb8dc", "many": "#5694ca"}


def _days(value: float | None) -> str:
    return "no moves yet" if value is None else f"{value:g} days"


def status_chart(pipeline: insights.Pipeline):
    statuses = [s for s in VersionStatus if pipeline.by_status.get(s.value)]
    total = sum(pipeline.by_status.values())
    busiest = max(statuses, key=lambda s: pipeline.by_status[s.value], default=None)
    summary = (f"{total} assessments in all; the most are {busiest.label.lower()} "
               f"({pipeline.by_status[busiest.value]})." if busiest else "No assessments yet.")
    return bar_chart("Assessments by status", [s.label for s in statuses],
                     [Series("Assessments", tuple(pipeline.by_status[s.value]
                                                  for s in statuses))], summary=summary)


def unit_chart(pipeline: insights.Pipeline):
    units = list(pipeline.by_unit)
    statuses = [s for s in VersionStatus if pipeline.by_status.get(s.value)]
    top = max((n for counts in pipeline.by_unit.values() for n in counts.values()), default=1)
    cells = {}
    for row, unit in enumerate(units):
        for column, status in enumerate(statuses):
            count = pipeline.by_unit[unit].get(status.value, 0)
            if count:
                share = count / top
                key = "many" if share > 0.66 else "some" if share > 0.33 else "few"
                cells[(row, column)] = Cell(str(count), key)
    most = max(units, key=lambda u: sum(pipeline.by_unit[u].values()), default=None)
    summary = (f"{most} has the most assessments ({sum(pipeline.by_unit[most].values())})."
               if most else "No assessments yet.")
    return grid_chart("Assessments by directorate and status", units,
                      [s.label for s in statuses], cells, STATUS_COLOURS, summary=summary)


def duration_chart(pipeline: insights.Pipeline):
    stages = (("In review", pipeline.in_review), ("Awaiting sign-off",
                                                  pipeline.awaiting_sign_off))
    summary = (f"Over the last year, review took a median of "
               f"{_days(pipeline.in_review.median)} (90% within "
               f"{_days(pipeline.in_review.p90)}), and sign-off a median of "
               f"{_days(pipeline.awaiting_sign_off.median)} (90% within "
               f"{_days(pipeline.awaiting_sign_off.p90)}).")
    return bar_chart("Days at each stage, over the last year", [name for name, _ in stages], [
        Series("Median", tuple(d.median or 0 for _, d in stages)),
        Series("90th percentile", tuple(d.p90 or 0 for _, d in stages))],
        unit=" days", summary=summary)


@bp.get("")
def view_pipeline():
    today = date.today()
    pipeline = insights.get_pipeline(me(), today)
    return render_template(
        "insights/pipeline.html", pipeline=pipeline, today=today,
        charts=[status_chart(pipeline), unit_chart(pipeline), duration_chart(pipeline)])
