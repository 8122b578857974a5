"""Starting an assessment, its task list, and changing its control details."""

from __future__ import annotations

from flask import redirect, render_template, url_for
from wtforms.fields.choices import SelectChoice

from eia import progress, queries, registers
from eia.domain import AssessmentType
from eia.models.assessments import AssessmentVersion
from eia.permissions import may_edit_assessment, may_tag_assessment
from eia.services import assessments
from eia.services.editing import StaleEdit
from eia.views.assessments import navigation
from eia.views.assessments.blueprint import bp
from eia.views.assessments.stale import render_stale
from eia.views.shared import editable_version, me, readable_version, staff_link_to
from forms.assessments import NONE, ControlDetailsForm, EditDetailsForm, StartAssessmentForm


def _fill_choices(form: ControlDetailsForm, version: AssessmentVersion | None = None) -> None:
    form.unit_id.choices = [SelectChoice(NONE, "Not set")] + [
        SelectChoice(str(unit.id), unit.full_name) for unit in queries.list_units()]
    # A practice attempt stays with the person practising: nobody else leads or joins it.
    authors = [version.lead_officer] if version is not None and version.is_training \
        else queries.list_authors()
    form.lead_officer_id.choices = [SelectChoice(str(a.id), f"{a.name} ({a.job_title})"
                                                 if a.job_title else a.name) for a in authors]
    form.contributor_ids.choices = [] if version is not None and version.is_training else [
        SelectChoice(str(a.id), a.name) for a in authors]


def _details(form: ControlDetailsForm) -> assessments.ControlDetails:
    return assessments.ControlDetails(
        title=form.title.data,
        assessment_type=AssessmentType(form.assessment_type.data),
        unit_id=form.unit_id.data,
        lead_officer_id=form.lead_officer_id.data,
        contributor_ids=list(form.contributor_ids.data or []),
        decision_maker=form.decision_maker.data,
        decision_forum=form.decision_forum.data,
        decision_date=form.decision_date.data,
        work_started_on=form.work_started_on.data,
        strategic_decision=form.strategic_decision.data == "yes",
    )


@bp.route("/new", methods=["GET", "POST"])
def start_assessment():
    user = me()
    practice_first = assessments.why_not_start_live(user)
    if practice_first:
        return render_template("assessments/start.html", practice_first=practice_first)
    form = StartAssessmentForm(data={"lead_officer_id": user.id, "unit_id": user.unit_id})
    _fill_choices(form)
    if form.validate_on_submit():
        assessment = assessments.start_assessment(user, _details(form))
        return redirect(url_for("assessments.view_task_list", reference=assessment.reference))
    return render_template("assessments/start.html", form=form)


@bp.get("/<reference>")
def view_task_list(reference: str):
    version = readable_version(reference)
    framework = version.framework
    tasks = progress.task_list(version, framework)
    return render_template(
        "assessments/task_list.html", version=version, framework=framework, tasks=tasks,
        completed=sum(1 for t in tasks if t.status == "completed"),
        can_edit=may_edit_assessment(me(), version),
        screened_out=version.screened_out,
        section_start=lambda section: navigation.start_of(version, framework, section),
        tags=registers.tags_of([version.assessment_id]).get(version.assessment_id, ()),
        can_tag=may_tag_assessment(me(), version),
        link_to=staff_link_to,
    )


@bp.route("/<reference>/details", methods=["GET", "POST"])
def edit_details(reference: str):
    version = editable_version(reference)
    form = EditDetailsForm(obj=version, data={
        "contributor_ids": [c.id for c in version.contributors],
        "lock_version": version.lock_version,
    })
    _fill_choices(form, version)
    if form.validate_on_submit():
        try:
            assessments.update_control_details(me(), version, _details(form),
                                               expected_lock=form.expected_lock())
        except StaleEdit as error:
            return render_stale(error, version, labels={
                "title": "Title", "decision_maker": "Who makes the decision",
                "decision_forum": "Where the decision will be made"},
                back=url_for("assessments.edit_details", reference=reference))
        return redirect(url_for("assessments.view_task_list", reference=reference))
    return render_template("assessments/edit_details.html", form=form, version=version)
