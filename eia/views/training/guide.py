"""A programme's best-practice document: reading it, adding and changing sections, moving
them, its revisions, and a comparison of any two.

A save made from a page loaded before someone else changed the same section is refused and
shown beside the saved text (409), as the assessment pages do; nothing is overwritten.
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from wtforms.fields.choices import SelectChoice

from eia.domain import DomainError
from eia.services.training import guide
from eia.views.shared import me
from eia.views.training.blueprint import bp
from eia.views.training.session_helpers import programme_or_404
from forms.programme import CompareForm, ConfirmForm, SectionForm


def _section_or_404(programme, section_id: int):
    return guide.get_section(programme, section_id) or abort(404)


def _back(programme) -> str:
    return url_for("training.view_guide", programme_id=programme.id)


@bp.get("/programmes/<int:programme_id>/best-practice")
def view_guide(programme_id: int):
    programme = programme_or_404(programme_id)
    return render_template("training/programme/view_guide.html", programme=programme,
                           sections=guide.sections(programme),
                           latest=next(iter(guide.revisions(programme)), None))


@bp.route("/programmes/<int:programme_id>/best-practice/new-section", methods=["GET", "POST"])
def add_guide_section(programme_id: int):
    programme = programme_or_404(programme_id)
    form = SectionForm()
    if form.validate_on_submit():
        try:
            section = guide.add_section(me(), programme, heading=form.heading.data,
                                        text=form.text.data or "")
        except DomainError as error:
            form.heading.errors.append(str(error))
        else:
            flash(f"‘{section.heading}’ has been added.", "success")
            return redirect(f"{_back(programme)}#section-{section.id}")
    return render_template("training/programme/section_form.html", programme=programme,
                           form=form, section=None)


@bp.route("/programmes/<int:programme_id>/best-practice/sections/<int:guide_section_id>/edit",
          methods=["GET", "POST"])
def edit_guide_section(programme_id: int, guide_section_id: int):
    programme = programme_or_404(programme_id)
    section = _section_or_404(programme, guide_section_id)
    form = SectionForm(obj=section)
    if not form.is_submitted():
        form.base.data = str(guide.current_revision(programme))
    if form.validate_on_submit():
        try:
            changed = guide.edit_section(me(), programme, section, heading=form.heading.data,
                                         text=form.text.data or "", base=form.base_revision())
        except guide.StaleSection as stale:
            return render_template("training/programme/stale_section.html",
                                   programme=programme, error=stale,
                                   back=request.path), 409
        except DomainError as error:
            form.heading.errors.append(str(error))
        else:
            flash(f"‘{section.heading}’ has been saved." if changed
                  else "Nothing was changed.", "success")
            return redirect(f"{_back(programme)}#section-{section.id}")
    return render_template("training/programme/section_form.html", programme=programme,
                           form=form, section=section)


@bp.post("/programmes/<int:programme_id>/best-practice/sections/<int:guide_section_id>/move")
def move_guide_section(programme_id: int, guide_section_id: int):
    programme = programme_or_404(programme_id)
    section = _section_or_404(programme, guide_section_id)
    direction = request.form.get("direction")
    if ConfirmForm().validate_on_submit() and direction in ("up", "down"):
        try:
            guide.move_section(me(), programme, section, up=direction == "up")
        except DomainError as error:
            flash(str(error), "error")
    return redirect(f"{_back(programme)}#section-{section.id}")


@bp.get("/programmes/<int:programme_id>/best-practice/revisions")
def list_guide_revisions(programme_id: int):
    programme = programme_or_404(programme_id)
    return render_template("training/programme/list_guide_revisions.html",
                           programme=programme, revisions=guide.revisions(programme),
                           form=_compare_form(programme))


def _compare_form(programme) -> CompareForm:
    form = CompareForm(request.args)
    numbers = [revision.number for revision in guide.revisions(programme)]
    choices = [SelectChoice(str(n), f"Revision {n}") for n in numbers]
    form.earlier.choices = choices
    form.later.choices = choices
    if len(numbers) >= 2:
        form.earlier.data = form.earlier.data if form.earlier.data in numbers else numbers[1]
        form.later.data = form.later.data if form.later.data in numbers else numbers[0]
    return form


@bp.get("/programmes/<int:programme_id>/best-practice/compare")
def compare_guide_revisions(programme_id: int):
    programme = programme_or_404(programme_id)
    form = _compare_form(programme)
    earlier = later = None
    comparison = []
    if form.earlier.data is not None and form.later.data is not None:
        first, second = sorted([form.earlier.data, form.later.data])
        earlier = guide.get_revision(programme, first)
        later = guide.get_revision(programme, second)
    if earlier is not None and later is not None:
        comparison = guide.compare(earlier, later)
    return render_template("training/programme/compare_guide_revisions.html",
                           programme=programme, form=form, earlier=earlier, later=later,
                           comparison=comparison)
