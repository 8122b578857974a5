"""The staff register page and its CSV exports, all fed by the same filters.

Filters live in the query string, so a filtered view can be bookmarked and shared, and the
export links carry the same filters: the CSV holds exactly what the page lists (every page of
it). Who sees what is decided in `eia.registers.visible_to`, the SQL form of the object rule.
"""

from __future__ import annotations

from datetime import date

from flask import Response, render_template, stream_with_context

from eia import register_exports, registers
from eia.views.filters import export_url, outcome_choices, pagination, staff_filter_form
from eia.views.shared import me
from eia.views.staff_register.blueprint import bp


@bp.get("")
def list_assessments():
    form = staff_filter_form()
    today = date.today()
    page = registers.list_register(me(), form.filter(), today)
    return render_template(
        "staff_register/list_assessments.html", form=form, page=page,
        pagination=pagination(page), outcomes=dict(outcome_choices()), today=today,
        csv_url=export_url("staff_register.download_register_csv"),
        actions_csv_url=export_url("staff_register.download_actions_csv"))


def _csv(lines, filename: str) -> Response:
    return Response(stream_with_context(lines), mimetype="text/csv", headers={
        "Content-Disposition": f'attachment; filename="{filename}"',
        "X-Content-Type-Options": "nosniff"})


@bp.get("/register.csv")
def download_register_csv():
    today = date.today()
    lines = register_exports.register_csv(me(), staff_filter_form().filter(), today,
                                          dict(outcome_choices()))
    return _csv(lines, f"assessments-{today.isoformat()}.csv")


@bp.get("/actions.csv")
def download_actions_csv():
    today = date.today()
    lines = register_exports.actions_csv(me(), staff_filter_form().filter(), today)
    return _csv(lines, f"open-actions-{today.isoformat()}.csv")
