"""Cumulative impact: for a set of proposals (a tag such as a budget round, a unit, a period),
which groups several of them hit at once, with a way into each assessment's answer."""

from __future__ import annotations

from dataclasses import dataclass

from flask import render_template, request, url_for

from eia import insights, progress, queries, registers
from eia.charts import Cell, grid_chart
from eia.domain import ImpactLevel
from eia.permissions import may_edit_assessment
from eia.services import frameworks
from eia.views.insights.blueprint import bp
from eia.views.shared import me
from forms.registers import CumulativeFilterForm

# Light fills, so the dark text on them reads; the words say the same as the colours.
IMPACT_COLOURS = {
    ImpactLevel.NEGATIVE.value: "#f6d7d2",
    ImpactLevel.BOTH.value: "#fbe0cc",
    ImpactLevel.NOT_KNOWN.value: "#fff7bf",
    ImpactLevel.POSITIVE.value: "#cce2d8",
    ImpactLevel.NEUTRAL.value: "#f3f2f1",
}


@dataclass(frozen=True)
class Link:
    text: str
    href: str | None
    key: str | None


@dataclass(frozen=True)
class Column:
    """One proposal of the grid: where each group's answer is, and whether the person may
    still change it (worked out once a proposal, not once a cell)."""

    version: object
    editable: bool
    section_of: dict[str, str]  # group id -> the section that asks for its impact


def _column(version) -> Column:
    framework = version.framework
    return Column(version, may_edit_assessment(me(), version),
                  {g.id: section.id for section in framework.sections
                   for g in progress.groups_in_section(version, framework, section)})


def _link(column: Column, group_id: str, impact: str | None) -> Link:
    """The cell's words, and where they lead: the impact page for its authors while they can
    change it, else the part of the version page that shows it."""
    text = ImpactLevel(impact).label if impact else "Not answered"
    if group_id not in column.section_of:
        return Link("Not covered", None, None)
    version = column.version
    if column.editable:
        href = url_for("assessments.edit_impact", reference=version.reference,
                       group_id=group_id)
    else:
        href = url_for("assessments.view_version", reference=version.reference,
                       number=version.number, _anchor=f"section-{column.section_of[group_id]}")
    return Link(text, href, impact)


@bp.get("/cumulative-impact")
def view_cumulative_impact():
    form = CumulativeFilterForm(request.args)
    form.fill(units=queries.list_units(), tags=registers.list_tags())
    form.validate()
    chosen = form.filter()
    result = insights.get_cumulative_impact(me(), chosen) if chosen.chosen else None
    groups = [g for g in frameworks.current_framework().groups
              if result and any((g.id, v.id) in result.impacts for v in result.versions)]
    table, chart = [], None
    if result and result.versions:
        columns = [_column(version) for version in result.versions]
        table = [(group, [_link(column, group.id,
                                result.impacts.get((group.id, column.version.id)))
                          for column in columns])
                 for group in groups]
        chart = _chart(result, groups)
    return render_template("insights/cumulative_impact.html", form=form, result=result,
                           table=table, chart=chart, groups=groups,
                           hit_often=[(g, result.hitting(g.id)) for g in groups
                                      if len(result.hitting(g.id)) > 1] if result else [])


def _chart(result: insights.CumulativeImpact, groups):
    cells = {}
    for row, group in enumerate(groups):
        for column, version in enumerate(result.versions):
            impact = result.impacts.get((group.id, version.id))
            if impact:
                cells[(row, column)] = Cell(ImpactLevel(impact).label, impact)
    several = [g.name for g in groups if len(result.hitting(g.id)) > 1]
    summary = (f"{len(several)} of {len(groups)} groups are hit by more than one proposal: "
               f"{', '.join(several)}." if several
               else "No group is hit by more than one of these proposals.")
    return grid_chart("Impact on each group, by proposal", [g.name for g in groups],
                      [v.reference for v in result.versions], cells, IMPACT_COLOURS,
                      summary=summary)
