"""Administration: users, organisational units and the audit log."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from eia import queries
from eia.domain import DomainError, Role
from eia.services import accounts, frameworks, units
from forms.admin import (
    NO_UNIT,
    ConfirmForm,
    CreateUserForm,
    ExtraGroupsForm,
    PresetForm,
    UnitForm,
    UserDetailsForm,
    UserSearchForm,
)

bp = Blueprint("admin", __name__, url_prefix="/admin")


def _unit_choices() -> list[SelectChoice]:
    choices = [SelectChoice(NO_UNIT, "None")]
    choices += [SelectChoice(str(unit.id), unit.full_name) for unit in queries.list_units()]
    return choices


def _directorate_choices() -> list[SelectChoice]:
    choices = [SelectChoice(NO_UNIT, "None (this is a directorate)")]
    choices += [SelectChoice(str(unit.id), unit.name) for unit in queries.list_directorates()]
    return choices


def _user_or_404(user_id: int):
    return queries.get_user(user_id) or abort(404)


def _unit_or_404(unit_id: int):
    return queries.get_unit(unit_id) or abort(404)


def _me():
    return current_user._get_current_object()


# Users --------------------------------------------------------------------------------------


@bp.get("/users")
def list_users():
    search = UserSearchForm(request.args)
    term = search.q.data if search.validate() else ""
    return render_template("admin/list_users.html", users=queries.list_users(term or ""),
                           search=search, term=term)


@bp.route("/users/new", methods=["GET", "POST"])
def create_user():
    form = CreateUserForm()
    form.unit_id.choices = _unit_choices()
    if form.validate_on_submit():
        try:
            user = accounts.create_user(
                email=form.email.data, name=form.name.data, job_title=form.job_title.data,
                unit_id=form.unit_id.data, roles={Role(r) for r in form.roles.data},
                created_by=_me(),
            )
        except accounts.EmailInUse as error:
            form.email.errors.append(str(error))
        else:
            flash(f"{user.name} has been added and sent an invitation to {user.email}.")
            return redirect(url_for("admin.view_user", user_id=user.id))
    return render_template("admin/create_user.html", form=form)


@bp.get("/users/<int:user_id>")
def view_user(user_id: int):
    user = _user_or_404(user_id)
    return render_template("admin/view_user.html", user=user, confirm=ConfirmForm(),
                           events=queries.list_audit_events_for_user(user.id))


@bp.route("/users/<int:user_id>/edit", methods=["GET", "POST"])
def edit_user(user_id: int):
    user = _user_or_404(user_id)
    form = UserDetailsForm(obj=user)
    form.unit_id.choices = _unit_choices()
    if form.validate_on_submit():
        try:
            accounts.update_user(_me(), user, name=form.name.data, job_title=form.job_title.data,
                                 unit_id=form.unit_id.data,
                                 roles={Role(r) for r in form.roles.data})
        except accounts.NotAllowed as error:
            form.roles.errors.append(str(error))
        else:
            flash(f"Changes to {user.name} have been saved.")
            return redirect(url_for("admin.view_user", user_id=user.id))
    return render_template("admin/edit_user.html", form=form, user=user)


def _confirmed_action(user_id: int, action, done_message: str):
    user = _user_or_404(user_id)
    if ConfirmForm().validate_on_submit():
        try:
            action(_me(), user)
        except DomainError as error:
            flash(str(error), "error")
        else:
            flash(done_message.format(name=user.name))
    return redirect(url_for("admin.view_user", user_id=user.id))


@bp.post("/users/<int:user_id>/disable")
def disable_user(user_id: int):
    return _confirmed_action(user_id, accounts.disable_user,
                             "{name}'s account has been disabled and their sessions ended.")


@bp.post("/users/<int:user_id>/enable")
def enable_user(user_id: int):
    return _confirmed_action(user_id, accounts.enable_user, "{name}'s account is active again.")


@bp.post("/users/<int:user_id>/resend-invitation")
def resend_invitation(user_id: int):
    return _confirmed_action(user_id, accounts.resend_invitation,
                             "A new invitation has been sent to {name}.")


# Organisational units -----------------------------------------------------------------------


@bp.get("/units")
def list_units():
    return render_template("admin/list_units.html", units=queries.list_units(),
                           confirm=ConfirmForm())


@bp.route("/units/new", methods=["GET", "POST"])
def create_unit():
    form = UnitForm()
    form.parent_id.choices = _directorate_choices()
    if form.validate_on_submit():
        try:
            unit = units.create_unit(_me(), name=form.name.data, parent_id=form.parent_id.data)
        except units.UnitProblem as error:
            form.name.errors.append(str(error))
        else:
            flash(f"{unit.name} has been added.")
            return redirect(url_for("admin.list_units"))
    return render_template("admin/unit_form.html", form=form, unit=None)


@bp.route("/units/<int:unit_id>/edit", methods=["GET", "POST"])
def edit_unit(unit_id: int):
    unit = _unit_or_404(unit_id)
    form = UnitForm(obj=unit)
    form.parent_id.choices = [c for c in _directorate_choices() if c.value != str(unit.id)]
    if form.validate_on_submit():
        try:
            units.update_unit(_me(), unit, name=form.name.data, parent_id=form.parent_id.data)
        except units.UnitProblem as error:
            form.name.errors.append(str(error))
        else:
            flash(f"{unit.name} has been saved.")
            return redirect(url_for("admin.list_units"))
    return render_template("admin/unit_form.html", form=form, unit=unit,
                           people=queries.count_people_in_unit(unit.id))


@bp.post("/units/<int:unit_id>/delete")
def delete_unit(unit_id: int):
    unit = _unit_or_404(unit_id)
    if ConfirmForm().validate_on_submit():
        name = unit.name
        try:
            units.delete_unit(_me(), unit)
        except units.UnitProblem as error:
            flash(str(error), "error")
        else:
            flash(f"{name} has been deleted.")
    return redirect(url_for("admin.list_units"))


# Audit log ----------------------------------------------------------------------------------


@bp.get("/audit")
def list_audit_events():
    page = request.args.get("page", 1, type=int)
    events, pages = queries.list_audit_events(page)
    return render_template("admin/list_audit_events.html", events=events, page=page, pages=pages)


# Settings -----------------------------------------------------------------------------------


@bp.route("/settings", methods=["GET", "POST"])
def edit_settings():
    framework = frameworks.current_framework()
    form = _groups_form(framework)
    if form.validate_on_submit():
        frameworks.set_enabled_extra_groups(_me(), form.groups.data)
        flash("Settings saved. New assessments will consider the groups you selected.")
        return redirect(url_for("admin.edit_settings"))
    return _settings_page(form, _preset_form(framework), framework)


@bp.post("/settings/preset")
def apply_preset():
    framework = frameworks.current_framework()
    form = _preset_form(framework)
    if form.validate_on_submit():
        frameworks.apply_preset(_me(), form.preset.data)
        preset = framework.preset(form.preset.data)
        flash(f"Settings saved for {preset.name[0].lower()}{preset.name[1:]}. New assessments "
              "will consider the groups below.")
        return redirect(url_for("admin.edit_settings"))
    return _settings_page(_groups_form(framework, formdata=None), form, framework)


def _groups_form(framework, **kwargs) -> ExtraGroupsForm:
    form = ExtraGroupsForm(data={"groups": frameworks.enabled_extra_group_ids()}, **kwargs)
    form.groups.choices = [SelectChoice(g.id, g.name) for g in framework.extra_groups]
    return form


def _preset_form(framework) -> PresetForm:
    form = PresetForm(data={"preset": frameworks.chosen_preset()})
    form.preset.choices = [SelectChoice(p.id, p.name) for p in framework.presets]
    return form


def _settings_page(groups: ExtraGroupsForm, presets: PresetForm, framework):
    return render_template("admin/settings.html", form=groups, preset_form=presets,
                           framework=framework)
