"""Versions of an assessment: the list, one version read-only, a comparison of two, starting
a new version of a signed-off one, and withdrawing a draft or returned one."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for

from eia import progress, queries
from eia.models.assessments import AssessmentVersion
from eia.services import decisions
from eia.services import workflow as moves
from eia.views.assessments import comparison
from eia.views.assessments.blueprint import bp
from eia.views.shared import me, readable_version, staff_link_to
from eia.workflow import Action, MoveRefused, why_not
from forms.versions import ReviseForm, WithdrawForm


def _numbered_version(reference: str, number: int) -> AssessmentVersion:
    """Version `number`, for anyone who may read the assessment; 404 otherwise."""
    latest = readable_version(reference)
    version = queries.get_version_of(latest.assessment, number)
    if version is None:
        abort(404)
    return version


def _allowed(version: AssessmentVersion, action: Action) -> bool:
    return why_not(version, action, me()) is None


@bp.get("/<reference>/versions")
def list_versions(reference: str):
    latest = readable_version(reference)
    rows = [
        {"version": version, "sign_off": queries.sign_off_of(version),
         "published": queries.live_publication(version) is not None,
         "may_publish": _allowed(version, Action.PUBLISH),
         "may_unpublish": _allowed(version, Action.UNPUBLISH)}
        for version in reversed(latest.assessment.versions)
    ]
    return render_template("assessments/versions/list_versions.html", version=latest,
                           rows=rows, may_revise=_allowed(latest, Action.REVISE),
                           revise_form=ReviseForm())


@bp.get("/<reference>/versions/<int:number>")
def view_version(reference: str, number: int):
    version = _numbered_version(reference, number)
    framework = version.framework
    return render_template(
        "assessments/versions/view_version.html", version=version, framework=framework,
        sections=progress.applicable_sections(version, framework),
        groups_in=lambda section: progress.groups_in_section(version, framework, section),
        change=lambda *_: {},
        sign_off=queries.sign_off_of(version),
        published=queries.live_publication(version) is not None,
        decision=queries.decision_of(version),
        may_record_decision=decisions.decision_problem(me(), version) is None,
        link_to=staff_link_to,
    )


@bp.get("/<reference>/compare")
def compare_versions(reference: str):
    latest = readable_version(reference)
    numbers = [v.number for v in latest.assessment.versions]
    to_number = request.args.get("to", type=int) or latest.number
    from_number = request.args.get("from", type=int) or max(to_number - 1, 1)
    if from_number not in numbers or to_number not in numbers:
        abort(404)
    old = queries.get_version_of(latest.assessment, from_number)
    new = queries.get_version_of(latest.assessment, to_number)
    sections = comparison.compare(old, new) if old is not new else []
    return render_template("assessments/versions/compare_versions.html", version=latest,
                           old=old, new=new, sections=sections, numbers=numbers)


@bp.route("/<reference>/revise", methods=["GET", "POST"])
def revise(reference: str):
    version = readable_version(reference)
    form = ReviseForm()
    if form.validate_on_submit():
        try:
            new = moves.revise(me(), version)
        except MoveRefused as error:
            flash(str(error), "error")
        else:
            flash(f"Version {new.number} started as a copy of version {version.number}. Make "
                  "your changes, then submit it for review.", "success")
            return redirect(url_for("assessments.view_task_list", reference=reference))
    return render_template("assessments/versions/revise.html", version=version, form=form,
                           refused=why_not(version, Action.REVISE, me()))


@bp.route("/<reference>/withdraw", methods=["GET", "POST"])
def withdraw(reference: str):
    version = readable_version(reference)
    form = WithdrawForm()
    if form.validate_on_submit():
        try:
            moves.withdraw(me(), version, form.reason.data)
        except MoveRefused as error:
            flash(str(error), "error")
        else:
            flash(f"{version.reference} has been withdrawn", "success")
            return redirect(url_for("assessments.view_task_list", reference=reference))
    return render_template("assessments/versions/withdraw.html", version=version, form=form,
                           refused=why_not(version, Action.WITHDRAW, me()))
