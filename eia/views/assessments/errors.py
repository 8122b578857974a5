"""Domain errors that every assessment page answers the same way."""

from flask import flash, redirect, request, url_for

from eia.services.editing import NotEditable
from eia.views.assessments.blueprint import bp


@bp.errorhandler(NotEditable)
def _not_editable(error: NotEditable):
    flash(str(error), "error")
    return redirect(url_for("assessments.view_task_list",
                            reference=request.view_args.get("reference")))
