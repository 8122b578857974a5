"""The impact on each group: the list of groups a section covers, and one group's answer.

Protected characteristics are answered in the impact section and the switched-on extra groups
under other duties; `progress.groups_in_section` decides which, so these pages, the task list
and the quality checks agree.
"""

from __future__ import annotations

from flask import abort, redirect, render_template, request, url_for
from wtforms.fields.choices import SelectChoice

from eia import progress
from eia.framework import AIMS, Framework, Group, Section
from eia.models.assessments import AssessmentVersion
from eia.services import impacts
from eia.services.editing import NEW_ROW_LOCK, StaleEdit
from eia.views.assessments import navigation
from eia.views.assessments.blueprint import bp
from eia.views.assessments.stale import render_stale
from eia.views.shared import editable_version, me, section_or_404
from forms.impacts import ImpactForm

SAVE_AND_COME_BACK = "later"
STALE_LABELS = {
    "impact": "Likely impact",
    "effect": "Effect on people’s lives",
    "evidence": "Evidence",
    "no_evidence_reason": "Why no evidence supports this",
    "mitigation": "Mitigation",
    "harm_remains": "Negative impact remaining after mitigation",
    "residual_impact": "Impact remaining after mitigation",
}


@bp.route("/<reference>/sections/<slug:section_id>/impacts", methods=["GET", "POST"])
def list_impacts(reference: str, section_id: str):
    version = editable_version(reference)
    framework = version.framework
    section = section_or_404(framework, section_id)
    groups = progress.groups_in_section(version, framework, section)
    if not groups:
        abort(404)
    if request.method == "POST":
        return redirect(navigation.after(version, framework, section, request.path))
    return render_template("assessments/impacts/list_impacts.html", version=version,
                           section=section, groups=groups, aims_note=aims_note)


@bp.route("/<reference>/impacts/<slug:group_id>", methods=["GET", "POST"])
def edit_impact(reference: str, group_id: str):
    version = editable_version(reference)
    framework = version.framework
    group, section = _group_and_section_or_404(version, framework, group_id)
    saved = version.impact_for(group.id)
    form = ImpactForm(obj=saved, data=_saved_data(saved))
    form.evidence_ids.choices = [SelectChoice(source.id, source.title)
                                 for source in version.evidence]
    if form.is_submitted() and form.validate_for(version):
        try:
            impacts.save_impact(me(), version, section, group, form.answer(),
                                expected_lock=form.expected_lock())
        except StaleEdit as error:
            return render_stale(error, version, labels=STALE_LABELS, back=request.path)
        return redirect(_after_save(version, framework, section, group))
    return render_template("assessments/impacts/edit_impact.html", form=form, version=version,
                           section=section, group=group, aims_note=aims_note(group),
                           back_url=url_for("assessments.list_impacts",
                                            reference=reference, section_id=section.id))


def aims_note(group: Group) -> str:
    """What the framework says about the aims a group applies to, for example marriage and
    civil partnership, which applies to the first aim only, in employment."""
    if group.note:
        return group.note
    if set(group.aims) != set(AIMS):
        return "Applies to these aims only: " + "; ".join(AIMS[a] for a in group.aims) + "."
    return ""


def _group_and_section_or_404(version: AssessmentVersion, framework: Framework,
                              group_id: str) -> tuple[Group, Section]:
    """The group and the section that asks about it; 404 for a group this version does not
    cover, such as an extra group that was switched off when the assessment started."""
    for section in framework.sections:
        for group in progress.groups_in_section(version, framework, section):
            if group.id == group_id:
                return group, section
    abort(404)


def _saved_data(saved) -> dict:
    if saved is None:
        return {"lock_version": NEW_ROW_LOCK}
    return {"lock_version": saved.lock_version,
            "evidence_ids": [source.id for source in saved.evidence]}


def _after_save(version: AssessmentVersion, framework: Framework, section: Section,
                group: Group) -> str:
    """The task list, the next group still to answer (not one the screening found not
    relevant), or back to the list of groups."""
    if request.form.get("intent") == SAVE_AND_COME_BACK:
        return url_for("assessments.view_task_list", reference=version.reference)
    groups = progress.groups_in_section(version, framework, section)
    position = groups.index(group)
    following = groups[position + 1:] + groups[:position]
    for candidate in following:
        if version.impact_for(candidate.id) is None and version.needs_impact(candidate.id):
            return url_for("assessments.edit_impact", reference=version.reference,
                           group_id=candidate.id)
    return url_for("assessments.list_impacts", reference=version.reference,
                   section_id=section.id)
