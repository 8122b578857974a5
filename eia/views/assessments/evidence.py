"""The evidence section's list of sources: adding, changing, removing, and downloading files."""

from __future__ import annotations

from flask import Response, abort, flash, redirect, render_template, request, url_for

from eia.framework import Framework
from eia.models.assessments import AssessmentVersion, EvidenceKind, EvidenceSource
from eia.services import evidence
from eia.services.editing import StaleEdit
from eia.services.frameworks import framework_of
from eia.uploads import content_disposition
from eia.views.assessments import bp, navigation
from eia.views.assessments.loading import editable_version, item_or_404, me, readable_version
from eia.views.assessments.stale import render_stale
from forms.evidence import ContinueForm, EvidenceForm, RemoveEvidenceForm

STALE_LABELS = {"title": "Title", "kind": "Kind of evidence", "period": "Period covered",
                "summary": "What it tells you", "url": "Link"}
STALE_REMOVE = ("Someone else changed this evidence after you opened the page, so it has not "
                "been removed. Check it before you remove it.")


@bp.app_template_filter("evidence_kind")
def evidence_kind_label(value: str) -> str:
    """The label of a stored evidence kind; the value itself if the kind has gone."""
    try:
        return EvidenceKind(value).label
    except ValueError:
        return value


def _source_in_any_version(version: AssessmentVersion, evidence_id: int) -> EvidenceSource:
    """Evidence of any version of the assessment: older versions' pages link their files."""
    for other in version.assessment.versions:
        source = next((s for s in other.evidence if s.id == evidence_id), None)
        if source is not None:
            return source
    abort(404)


def _list_url(version: AssessmentVersion) -> str:
    return url_for("assessments.list_evidence", reference=version.reference)


def groups_citing(version: AssessmentVersion, framework: Framework,
                  source: EvidenceSource) -> list[str]:
    """Names of the groups whose impact cites `source`, in framework order."""
    citing = {impact.group_id for impact in version.impacts if source in impact.evidence}
    return [group.name for group in framework.groups if group.id in citing]


@bp.route("/<reference>/evidence", methods=["GET", "POST"])
def list_evidence(reference: str):
    version = editable_version(reference)
    framework = framework_of(version)
    section = framework.section(evidence.SECTION_ID)
    form = ContinueForm()
    if form.validate_on_submit():
        return redirect(navigation.after(version, framework, section, request.path))
    return render_template(
        "assessments/evidence/list_evidence.html", version=version, section=section, form=form,
        cited_by=lambda source: groups_citing(version, framework, source))


@bp.route("/<reference>/evidence/add", methods=["GET", "POST"])
def add_evidence(reference: str):
    version = editable_version(reference)
    form = EvidenceForm()
    if form.validate_on_submit():
        evidence.add_evidence(me(), version, form.details(), form.upload)
        flash(f"Evidence added: {form.title.data}", "success")
        return redirect(_list_url(version))
    return render_template("assessments/evidence/evidence_form.html", version=version,
                           section=framework_of(version).section(evidence.SECTION_ID),
                           form=form, source=None)


@bp.route("/<reference>/evidence/<int:evidence_id>", methods=["GET", "POST"])
def edit_evidence(reference: str, evidence_id: int):
    version = editable_version(reference)
    source = item_or_404(version.evidence, evidence_id)
    form = EvidenceForm(data={
        "title": source.title, "kind": source.kind, "period": source.period,
        "summary": source.summary, "url": source.url, "lock_version": source.lock_version})
    form.saved_filename = source.file.filename if source.file else None
    if form.validate_on_submit():
        try:
            evidence.change_evidence(me(), version, source, form.details(), upload=form.upload,
                                     remove_file=bool(form.remove_file.data),
                                     expected_lock=form.expected_lock())
        except StaleEdit as error:
            return render_stale(error, version, labels=STALE_LABELS, back=request.path)
        flash(f"Evidence changed: {form.title.data}", "success")
        return redirect(_list_url(version))
    return render_template("assessments/evidence/evidence_form.html", version=version,
                           section=framework_of(version).section(evidence.SECTION_ID),
                           form=form, source=source)


@bp.route("/<reference>/evidence/<int:evidence_id>/remove", methods=["GET", "POST"])
def remove_evidence(reference: str, evidence_id: int):
    version = editable_version(reference)
    source = item_or_404(version.evidence, evidence_id)
    form = RemoveEvidenceForm(data={"lock_version": source.lock_version})
    if form.validate_on_submit():
        title = source.title
        try:
            evidence.remove_evidence(me(), version, source, expected_lock=form.expected_lock())
        except StaleEdit:
            flash(STALE_REMOVE, "error")
            return redirect(request.path)
        flash(f"Evidence removed: {title}", "success")
        return redirect(_list_url(version))
    return render_template("assessments/evidence/remove_evidence.html", version=version,
                           form=form, source=source,
                           cited_by=groups_citing(version, framework_of(version), source))


@bp.get("/<reference>/evidence/<int:evidence_id>/file")
def download_evidence_file(reference: str, evidence_id: int):
    version = readable_version(reference)
    source = _source_in_any_version(version, evidence_id)
    if source.file is None:
        abort(404)
    stored = source.file
    # Always a download, never shown inline: a file is never rendered in our origin.
    return Response(stored.content, mimetype=stored.content_type, headers={
        "Content-Disposition": content_disposition(stored.filename),
        "X-Content-Type-Options": "nosniff",
    })
