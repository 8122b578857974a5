"""Check your answers: the whole assessment on one page, with the quality checks."""

from __future__ import annotations

from datetime import date

from flask import render_template

from eia import progress
from eia.checks import check_assessment
from eia.permissions import may_edit_assessment
from eia.views.assessments import navigation
from eia.views.assessments.blueprint import bp
from eia.views.shared import me, readable_version


@bp.get("/<reference>/check-answers")
def check_answers(reference: str):
    version = readable_version(reference)
    framework = version.framework
    findings = check_assessment(version, framework, today=date.today())
    return render_template(
        "assessments/check_answers.html",
        version=version,
        framework=framework,
        sections=progress.applicable_sections(version, framework),
        groups_in=lambda section: progress.groups_in_section(version, framework, section),
        problems=[f for f in findings if f.blocking],
        advice=[f for f in findings if not f.blocking],
        fix_url=lambda finding: navigation.location_url(version, framework, finding.location),
        change=_change_links(may_edit_assessment(me(), version)),
    )


def _change_links(can_edit: bool):
    """Summary-list "Change" actions, shown only to people who may change the answers."""

    def change(href: str, what: str) -> dict:
        if not can_edit:
            return {}
        return {"items": [{"href": href, "text": "Change", "visuallyHiddenText": what}]}

    return change
