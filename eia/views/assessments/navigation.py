"""Where each section starts, and where "Save and continue" goes next.

A section is a short run of steps: a collection list (evidence, engagement, impacts, actions)
if it has one, then its question pages that apply, then "Have you completed this section?".
"""

from __future__ import annotations

from flask import url_for

from eia import progress
from eia.framework import Framework, Section
from eia.models.assessments import AssessmentVersion

COLLECTION_ENDPOINTS = {
    "evidence": "assessments.list_evidence",
    "engagement": "assessments.list_engagement",
    "actions": "assessments.list_actions",
}


def _collection_url(version: AssessmentVersion, framework: Framework,
                    section: Section) -> str | None:
    reference = version.reference
    if section.kind in COLLECTION_ENDPOINTS:
        return url_for(COLLECTION_ENDPOINTS[section.kind], reference=reference)
    if progress.groups_in_section(version, framework, section):
        return url_for("assessments.list_impacts", reference=reference, section_id=section.id)
    return None


def _page_urls(version: AssessmentVersion, section: Section) -> list[str]:
    row = version.section(section.id)
    answers = row.answers if row else {}
    # Every page up to the first with unanswered questions is a step; later pages may appear
    # or vanish depending on the answers (for example the justification page).
    return [url_for("assessments.edit_page", reference=version.reference,
                    section_id=section.id, page_id=page.id)
            for page in section.shown_pages(answers)]


def steps(version: AssessmentVersion, framework: Framework, section: Section) -> list[str]:
    collection = _collection_url(version, framework, section)
    return ([collection] if collection else []) + _page_urls(version, section) + [
        url_for("assessments.complete_section", reference=version.reference,
                section_id=section.id)]


def start_of(version: AssessmentVersion, framework: Framework, section: Section) -> str:
    return steps(version, framework, section)[0]


def after(version: AssessmentVersion, framework: Framework, section: Section,
          current: str) -> str:
    """The step after `current` (a URL from `steps`); the completion question at the end."""
    sequence = steps(version, framework, section)
    if current in sequence and sequence.index(current) + 1 < len(sequence):
        return sequence[sequence.index(current) + 1]
    return sequence[-1]


def location_url(version: AssessmentVersion, framework: Framework, location) -> str:
    """The page where the user fixes what a quality check found (see eia.checks.Location)."""
    reference = version.reference
    if location.section_id == "control":
        return url_for("assessments.edit_details", reference=reference)
    section = framework.section(location.section_id)
    if location.group_id:
        return url_for("assessments.edit_impact", reference=reference,
                       group_id=location.group_id)
    if location.action_id:
        return url_for("assessments.edit_action", reference=reference,
                       action_id=location.action_id)
    if location.page_id:
        url = url_for("assessments.edit_page", reference=reference, section_id=section.id,
                      page_id=location.page_id)
        return f"{url}#{location.question_id}" if location.question_id else url
    if location.question_id:
        page = section.page_of(location.question_id)
        return url_for("assessments.edit_page", reference=reference, section_id=section.id,
                       page_id=page.id) + f"#{location.question_id}"
    return start_of(version, framework, section)
