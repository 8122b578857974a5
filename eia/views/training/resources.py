"""A programme's resource library (each resource with its versions, every one downloadable)
and its hand-over pack."""

from __future__ import annotations

from flask import Response, abort, flash, redirect, render_template, url_for

from eia.domain import DomainError, label_of
from eia.models.programme_shared import ResourceKind
from eia.services.training import handover, programmes, resources
from eia.uploads import content_disposition
from eia.views.shared import me
from eia.views.training.blueprint import bp
from eia.views.training.session_helpers import programme_or_404
from forms.programme import (
    ResourceDetailsForm,
    ResourceForm,
    ResourceVersionForm,
    people_choices,
)


def _resource_or_404(programme, resource_id: int):
    return resources.get_resource(programme, resource_id) or abort(404)


def _owner(form):
    return next((p for p in programmes.facilitators() if p.id == form.owner_id.data), None)


def _with_owners(form):
    form.owner_id.choices = people_choices(programmes.facilitators(), "Choose a facilitator")
    return form


def _kind_label(value: str) -> str:
    return label_of(ResourceKind, value)


@bp.get("/programmes/<int:programme_id>/resources")
def list_resources(programme_id: int):
    programme = programme_or_404(programme_id)
    return render_template("training/programme/list_resources.html", programme=programme,
                           resources=resources.list_resources(programme),
                           kind_label=_kind_label)


@bp.route("/programmes/<int:programme_id>/resources/new", methods=["GET", "POST"])
def add_resource(programme_id: int):
    programme = programme_or_404(programme_id)
    form = _with_owners(ResourceForm())
    if not form.is_submitted():
        form.owner_id.data = me().id
    if form.validate_on_submit():
        try:
            resource = resources.add_resource(
                me(), programme, title=form.title.data, kind=form.kind.data,
                topic=form.topic.data or "", owner=_owner(form), upload=form.upload,
                note=form.note.data or "")
        except DomainError as error:
            form.title.errors.append(str(error))
        else:
            flash(f"‘{resource.title}’ has been added to the library.", "success")
            return redirect(url_for("training.view_resource", programme_id=programme.id,
                                    resource_id=resource.id))
    return render_template("training/programme/resource_form.html", programme=programme,
                           form=form, resource=None)


def _resource_page(programme, resource, form=None, status: int = 200):
    return render_template("training/programme/view_resource.html", programme=programme,
                           resource=resource, form=form or ResourceVersionForm(formdata=None),
                           kind_label=_kind_label), status


@bp.get("/programmes/<int:programme_id>/resources/<int:resource_id>")
def view_resource(programme_id: int, resource_id: int):
    programme = programme_or_404(programme_id)
    return _resource_page(programme, _resource_or_404(programme, resource_id))


@bp.post("/programmes/<int:programme_id>/resources/<int:resource_id>/versions")
def upload_resource_version(programme_id: int, resource_id: int):
    programme = programme_or_404(programme_id)
    resource = _resource_or_404(programme, resource_id)
    form = ResourceVersionForm()
    if form.validate_on_submit():
        try:
            version = resources.add_version(me(), resource, upload=form.upload,
                                            note=form.note.data or "")
        except DomainError as error:
            form.file.errors.append(str(error))
        else:
            flash(f"Version {version.number} of ‘{resource.title}’ has been uploaded. The "
                  "earlier versions are kept.", "success")
            return redirect(url_for("training.view_resource", programme_id=programme.id,
                                    resource_id=resource.id))
    return _resource_page(programme, resource, form)


@bp.route("/programmes/<int:programme_id>/resources/<int:resource_id>/edit",
          methods=["GET", "POST"])
def edit_resource(programme_id: int, resource_id: int):
    programme = programme_or_404(programme_id)
    resource = _resource_or_404(programme, resource_id)
    form = _with_owners(ResourceDetailsForm(obj=resource))
    if form.validate_on_submit():
        try:
            resources.change_resource(me(), resource, title=form.title.data,
                                      kind=form.kind.data, topic=form.topic.data or "",
                                      owner=_owner(form))
        except DomainError as error:
            form.title.errors.append(str(error))
        else:
            flash(f"‘{resource.title}’ has been saved.", "success")
            return redirect(url_for("training.view_resource", programme_id=programme.id,
                                    resource_id=resource.id))
    return render_template("training/programme/resource_form.html", programme=programme,
                           form=form, resource=resource)


@bp.get("/programmes/<int:programme_id>/resources/<int:resource_id>/versions/"
        "<int:version_number>/download")
def download_resource(programme_id: int, resource_id: int, version_number: int):
    programme = programme_or_404(programme_id)
    resource = _resource_or_404(programme, resource_id)
    version = resources.get_version(resource, version_number) or abort(404)
    # Always a download, never shown inline: a file is never rendered in our origin.
    return Response(version.content, mimetype=version.content_type, headers={
        "Content-Disposition": content_disposition(version.filename),
        "X-Content-Type-Options": "nosniff",
    })


@bp.get("/programmes/<int:programme_id>/handover.zip")
def download_handover(programme_id: int):
    programme = programme_or_404(programme_id)
    return Response(handover.handover_zip(programme), mimetype="application/zip", headers={
        "Content-Disposition": content_disposition(handover.handover_filename(programme)),
        "X-Content-Type-Options": "nosniff",
    })
