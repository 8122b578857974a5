"""The action plan: the list of actions, adding, changing and removing one."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from wtforms.fields.choices import SelectChoice

from eia.models.assessments import AssessmentVersion
from eia.services import actions
from eia.services.editing import StaleEdit
from eia.services.frameworks import framework_of
from eia.views.assessments import bp, navigation
from eia.views.assessments.loading import editable_version, item_or_404, me
from eia.views.assessments.stale import render_stale
from forms.actions import ActionForm, RemoveActionForm

STALE_LABELS = {
    "description": "What will be done",
    "groups": "Groups it addresses",
    "owner": "Owner",
    "due_date": "Due date",
    "success_measure": "How success will be measured",
    "status": "Status",
}


@bp.route("/<reference>/actions", methods=["GET", "POST"])
def list_actions(reference: str):
    version = editable_version(reference)
    framework = framework_of(version)
    section = framework.section(actions.SECTION_ID)
    if request.method == "POST":
        return redirect(navigation.after(version, framework, section, request.path))
    return render_template("assessments/actions/list_actions.html", version=version,
                           section=section, groups=framework.groups)


@bp.route("/<reference>/actions/add", methods=["GET", "POST"])
def add_action(reference: str):
    version = editable_version(reference)
    form = _with_groups(ActionForm(), version)
    if form.validate_on_submit():
        actions.add_action(me(), version, form.details())
        return redirect(_list_url(version))
    return render_template("assessments/actions/action_form.html", form=form, version=version,
                           heading="Add an action", back_url=_list_url(version))


@bp.route("/<reference>/actions/<int:action_id>", methods=["GET", "POST"])
def edit_action(reference: str, action_id: int):
    version = editable_version(reference)
    action = item_or_404(version.actions, action_id)
    form = _with_groups(ActionForm(obj=action), version)
    if form.validate_on_submit():
        try:
            actions.change_action(me(), version, action, form.details(),
                                  expected_lock=form.expected_lock())
        except StaleEdit as error:
            return render_stale(error, version, labels=STALE_LABELS, back=request.path)
        return redirect(_list_url(version))
    return render_template("assessments/actions/action_form.html", form=form, version=version,
                           heading="Change an action", back_url=_list_url(version))


@bp.route("/<reference>/actions/<int:action_id>/remove", methods=["GET", "POST"])
def remove_action(reference: str, action_id: int):
    version = editable_version(reference)
    action = item_or_404(version.actions, action_id)
    form = RemoveActionForm(obj=action)
    if form.validate_on_submit():
        try:
            actions.remove_action(me(), version, action, expected_lock=form.expected_lock())
        except StaleEdit as error:
            return render_stale(error, version, labels=STALE_LABELS, back=_list_url(version))
        flash("Action removed", "success")
        return redirect(_list_url(version))
    return render_template("assessments/actions/remove_action.html", form=form,
                           version=version, action=action, back_url=_list_url(version))


def _with_groups(form: ActionForm, version: AssessmentVersion) -> ActionForm:
    """An action can address any group this version covers, and no other."""
    groups = framework_of(version).groups_for(version.enabled_extra_groups)
    form.groups.choices = [SelectChoice(group.id, group.name) for group in groups]
    return form


def _list_url(version: AssessmentVersion) -> str:
    return url_for("assessments.list_actions", reference=version.reference)
