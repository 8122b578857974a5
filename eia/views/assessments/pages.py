"""The framework's question pages, and "Have you completed this section?"."""

from __future__ import annotations

from flask import abort, redirect, render_template, request, url_for

from eia import progress
from eia.framework import Page
from eia.services import sections
from eia.services.editing import StaleEdit
from eia.views.assessments import navigation
from eia.views.assessments.blueprint import bp
from eia.views.assessments.stale import render_stale
from eia.views.shared import editable_version, me, section_or_404
from forms.assessments import CompleteSectionForm
from forms.framework import page_data, page_form_class, required_errors

SAVE_AND_CONTINUE = "continue"
SAVE_AND_COME_BACK = "later"


def _page_or_404(section, page_id: str) -> Page:
    try:
        return section.page(page_id)
    except KeyError:
        abort(404)


@bp.route("/<reference>/sections/<slug:section_id>/<slug:page_id>", methods=["GET", "POST"])
def edit_page(reference: str, section_id: str, page_id: str):
    version = editable_version(reference)
    framework = version.framework
    section = section_or_404(framework, section_id)
    page = _page_or_404(section, page_id)
    row = version.section(section.id)
    saved = row.answers if row else {}
    groups = version.covered_groups
    form = page_form_class(page, groups)(data={**page_data(page, saved, groups),
                                               "lock_version": row.lock_version if row else ""})

    if form.validate_on_submit():
        answers = form.answers(page)
        intent = request.form.get("intent", SAVE_AND_CONTINUE)
        missing = (required_errors(section, page, {**saved, **answers}, groups)
                   if intent == SAVE_AND_CONTINUE else {})
        for field_name, message in missing.items():
            form[field_name].errors.append(message)
        if not missing:
            try:
                sections.save_answers(me(), version, section, answers,
                                      expected_lock=form.expected_lock())
            except StaleEdit as error:
                return render_stale(error, version, back=request.path,
                                    labels={q.id: q.label for q in page.questions})
            if intent == SAVE_AND_COME_BACK:
                return redirect(url_for("assessments.view_task_list", reference=reference))
            return redirect(navigation.after(version, framework, section, request.path))

    return render_template("assessments/question_page.html", form=form, version=version,
                           section=section, page=page, framework=framework)


@bp.route("/<reference>/sections/<slug:section_id>/complete", methods=["GET", "POST"])
def complete_section(reference: str, section_id: str):
    version = editable_version(reference)
    framework = version.framework
    section = section_or_404(framework, section_id)
    row = version.section(section.id)
    form = CompleteSectionForm(data={"completed": "yes" if row and row.completed else None})
    missing = progress.missing_for_completion(version, framework, section)
    if form.validate_on_submit():
        try:
            sections.set_section_completed(me(), version, section, form.completed.data == "yes",
                                           missing=missing)
        except sections.SectionNotReady as error:
            form.completed.errors.append(str(error))
        else:
            return redirect(url_for("assessments.view_task_list", reference=reference))
    steps = navigation.steps(version, framework, section)
    return render_template("assessments/complete_section.html", form=form, version=version,
                           section=section, missing=missing,
                           back=steps[-2] if len(steps) > 1 else None)
