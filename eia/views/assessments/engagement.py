"""The engagement section's list of activities: adding, changing and removing them."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for

from eia.models.assessments import AssessmentVersion, Engagement
from eia.services import engagement
from eia.services.editing import StaleEdit
from eia.services.frameworks import framework_of
from eia.views.assessments import bp, navigation
from eia.views.assessments.loading import editable_version, item_or_404, me
from eia.views.assessments.stale import render_stale
from forms.engagement import EngagementForm, RemoveEngagementForm
from forms.evidence import ContinueForm

STALE_LABELS = {"who": "Who", "when": "When", "how": "How", "what_they_said": "What they said",
                "what_changed": "What changed as a result"}
STALE_REMOVE = ("Someone else changed this engagement after you opened the page, so it has not "
                "been removed. Check it before you remove it.")


def _list_url(version: AssessmentVersion) -> str:
    return url_for("assessments.list_engagement", reference=version.reference)


def _render_form(version: AssessmentVersion, form: EngagementForm,
                 activity: Engagement | None):
    return render_template("assessments/engagement/engagement_form.html", version=version,
                           section=framework_of(version).section(engagement.SECTION_ID),
                           form=form, activity=activity)


@bp.route("/<reference>/engagement", methods=["GET", "POST"])
def list_engagement(reference: str):
    version = editable_version(reference)
    framework = framework_of(version)
    section = framework.section(engagement.SECTION_ID)
    form = ContinueForm()
    if form.validate_on_submit():
        return redirect(navigation.after(version, framework, section, request.path))
    return render_template("assessments/engagement/list_engagement.html", version=version,
                           section=section, form=form)


@bp.route("/<reference>/engagement/add", methods=["GET", "POST"])
def add_engagement(reference: str):
    version = editable_version(reference)
    form = EngagementForm()
    if form.validate_on_submit():
        engagement.add_engagement(me(), version, form.details())
        flash("Engagement added", "success")
        return redirect(_list_url(version))
    return _render_form(version, form, None)


@bp.route("/<reference>/engagement/<int:engagement_id>", methods=["GET", "POST"])
def edit_engagement(reference: str, engagement_id: int):
    version = editable_version(reference)
    activity = item_or_404(version.engagements, engagement_id)
    form = EngagementForm(obj=activity, data={"lock_version": activity.lock_version})
    if form.validate_on_submit():
        try:
            engagement.change_engagement(me(), version, activity, form.details(),
                                         expected_lock=form.expected_lock())
        except StaleEdit as error:
            return render_stale(error, version, labels=STALE_LABELS, back=request.path)
        flash("Engagement changed", "success")
        return redirect(_list_url(version))
    return _render_form(version, form, activity)


@bp.route("/<reference>/engagement/<int:engagement_id>/remove", methods=["GET", "POST"])
def remove_engagement(reference: str, engagement_id: int):
    version = editable_version(reference)
    activity = item_or_404(version.engagements, engagement_id)
    form = RemoveEngagementForm(data={"lock_version": activity.lock_version})
    if form.validate_on_submit():
        try:
            engagement.remove_engagement(me(), version, activity,
                                         expected_lock=form.expected_lock())
        except StaleEdit:
            flash(STALE_REMOVE, "error")
            return redirect(request.path)
        flash("Engagement removed", "success")
        return redirect(_list_url(version))
    return render_template("assessments/engagement/remove_engagement.html", version=version,
                           form=form, activity=activity)
