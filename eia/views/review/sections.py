"""Reviewing an assessment: the overview, taking it, a verdict per section, the checklist."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for

from eia import progress, queries
from eia.domain import DomainError, VersionStatus
from eia.framework import Framework, Section
from eia.models.assessments import AssessmentVersion
from eia.models.review import CHECKLIST, Review
from eia.services import review as reviewing
from eia.services import workflow as moves
from eia.views.review.blueprint import bp
from eia.views.shared import latest_version, me, point_or_404
from eia.workflow import Action, current_review, is_current_reviewer, why_not
from forms.review import ChecklistForm, VerdictForm


def my_round(version: AssessmentVersion) -> Review | None:
    """The round under way when the signed-in reviewer is its reviewer, else None."""
    review = current_review(version)
    return review if is_current_reviewer(me(), version, review) else None


@bp.get("/<reference>")
def overview(reference: str):
    version = latest_version(reference)
    framework = version.framework
    review = current_review(version)
    mine = my_round(version)
    in_review = version.status == VersionStatus.IN_REVIEW
    return render_template(
        "review/overview.html", version=version, review=review, mine=mine,
        sections=progress.applicable_sections(version, framework),
        checklist=CHECKLIST,
        decided=[r for r in queries.reviews_of(version) if r.decision is not None],
        date_moves=queries.date_moves_of(version.reference),
        start_refused=why_not(version, Action.START_REVIEW, me())
        if in_review and review is None else None,
        recommend_refused=why_not(version, Action.RECOMMEND, me()) if mine else None,
        request_refused=why_not(version, Action.REQUEST_CHANGES, me())
        if mine else None,
    )


@bp.post("/<reference>/start")
def start_review(reference: str):
    version = latest_version(reference)
    try:
        moves.start_review(me(), version)
    except DomainError as error:
        flash(str(error), "error")
        return redirect(url_for("review.overview", reference=version.reference))
    flash(f"You are reviewing {version.reference}. The authors have been told.", "success")
    return redirect(url_for("review.overview", reference=version.reference))


def _section(version: AssessmentVersion, framework: Framework, section_id: str) -> Section:
    for section in progress.applicable_sections(version, framework):
        if section.id == section_id:
            return section
    abort(404)


@bp.route("/<reference>/sections/<slug:section_id>", methods=["GET", "POST"])
def review_section(reference: str, section_id: str):
    version = latest_version(reference)
    framework = version.framework
    section = _section(version, framework, section_id)
    review = my_round(version)
    point = review.point_for(section.id) if review else None
    form = VerdictForm(data={"verdict": point.verdict, "comment": point.comment} if point
                       else None)
    if review is not None and form.validate_on_submit():
        try:
            reviewing.record_point(me(), version, section.id, form.verdict.data,
                                   form.comment.data or "")
        except DomainError as error:
            flash(str(error), "error")
        else:
            flash(f"Your verdict on ‘{section.title}’ is saved", "success")
            return redirect(url_for("review.overview", reference=version.reference,
                                    _anchor=f"section-{section.id}"))
    elif review is None and form.is_submitted():
        flash(str(_not_yours(version)), "error")
    earlier = [(r, r.point_for(section.id)) for r in queries.reviews_of(version)
               if r.decision is not None and r.point_for(section.id) is not None]
    return render_template(
        "review/section.html", version=version, framework=framework, section=section,
        form=form, review=review, point=point, earlier=list(reversed(earlier)),
        groups_in=lambda s: progress.groups_in_section(version, framework, s),
        change=lambda href, what: {},
    )


def _not_yours(version: AssessmentVersion) -> str:
    review = current_review(version)
    if review is None:
        return "Start the review first"
    return f"{review.reviewer.name} is reviewing this assessment"


@bp.route("/<reference>/checklist", methods=["GET", "POST"])
def checklist(reference: str):
    version = latest_version(reference)
    review = my_round(version)
    shown = review or queries.latest_review(version)
    ticked = [key for key, met in (shown.checklist if shown else {}).items() if met]
    form = ChecklistForm(data={"met": ticked})
    if review is not None and form.validate_on_submit():
        try:
            reviewing.record_checklist(me(), version, set(form.met.data or []))
        except DomainError as error:
            flash(str(error), "error")
        else:
            flash("The checklist is saved", "success")
            return redirect(url_for("review.overview", reference=version.reference))
    elif review is None and form.is_submitted():
        flash(_not_yours(version), "error")
    return render_template("review/checklist.html", version=version, form=form, review=review,
                           back_url=url_for("review.overview", reference=version.reference))


@bp.post("/<reference>/points/<int:point_id>/action")
def point_to_action(reference: str, point_id: int):
    version = latest_version(reference)
    point = point_or_404(version, point_id)
    section_id = point.section_id
    try:
        reviewing.point_to_action(me(), version, point)
    except DomainError as error:
        flash(str(error), "error")
    else:
        flash("The comment is now an action in the action plan. The authors will give it an "
              "owner and a due date.", "success")
    return redirect(url_for("review.review_section", reference=version.reference,
                            section_id=section_id))
