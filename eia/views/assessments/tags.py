"""An assessment's tags: shown on the task list, changed here by its authors and reviewers."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for

from eia import registers
from eia.models.tags import normalise_tag
from eia.permissions import may_tag_assessment
from eia.services import tags
from eia.views.assessments.blueprint import bp
from eia.views.shared import me, readable_version
from forms.tags import AddTagForm, RemoveTagForm


def _taggable(reference: str):
    version = readable_version(reference)
    if not may_tag_assessment(me(), version):
        abort(403)
    return version


@bp.route("/<reference>/tags", methods=["GET", "POST"])
def edit_tags(reference: str):
    version = _taggable(reference)
    form = AddTagForm()
    if form.validate_on_submit():
        try:
            tag = tags.add_tag(me(), version, form.name.data)
        except tags.TaggingRefused as error:
            form.name.errors.append(str(error))
        else:
            flash(f"Tagged ‘{tag.name}’")
            return redirect(url_for("assessments.edit_tags", reference=reference))
    current = registers.tags_of([version.assessment_id]).get(version.assessment_id, ())
    keyed = [(name, normalise_tag(name)) for name in current]
    return render_template("assessments/tags.html", version=version, form=form, tags=keyed,
                           remove_form=RemoveTagForm())


@bp.post("/<reference>/tags/remove")
def remove_tag(reference: str):
    version = _taggable(reference)
    form = RemoveTagForm()
    if form.validate_on_submit() and form.key.data:
        tags.remove_tag(me(), version, form.key.data)
        flash("Tag removed")
    return redirect(url_for("assessments.edit_tags", reference=reference))
