"""How far an assessment has got: which sections apply, their status, and what is missing.

Pure functions over a version and the framework it was written against; the task list, the
"have you completed this section?" check and the quality checks all ask here, so they agree.
"""

from __future__ import annotations

from dataclasses import dataclass

from eia.domain import SectionStatus
from eia.framework import Framework, Group, Section, is_blank
from eia.models.assessments import AssessmentVersion

SCREENING = "screening"
# Sections that need another finished first: you cannot choose an outcome before the impacts.
DEPENDS_ON = {"outcome": "impact_by_group"}


@dataclass(frozen=True)
class SectionProgress:
    section: Section
    status: SectionStatus


def applicable_sections(version: AssessmentVersion, framework: Framework) -> tuple[Section, ...]:
    """The short form when screening found the proposal not relevant, otherwise every section."""
    return framework.sections_for(short_form=version.screened_out)


def groups_in_section(version: AssessmentVersion, framework: Framework,
                      section: Section) -> tuple[Group, ...]:
    """Impact rows a section asks for: protected characteristics in the impact section, the
    switched-on extra groups in the other duties section."""
    # Only two sections ask for impacts: the groups are worked out for those alone.
    if section.kind == "impacts":
        return tuple(g for g in framework.groups_for(version.enabled_extra_groups)
                     if g.is_protected)
    if section.id == "other_duties":
        return tuple(g for g in framework.groups_for(version.enabled_extra_groups)
                     if not g.is_protected)
    return ()


def _has_content(version: AssessmentVersion, framework: Framework, section: Section) -> bool:
    row = version.section(section.id)
    if row and (row.completed or any(v not in ("", [], None) for v in row.answers.values())):
        return True
    if section.kind == "evidence":
        return bool(version.evidence)
    if section.kind == "engagement":
        return bool(version.engagements)
    if section.kind == "actions":
        return bool(version.actions)
    groups = {g.id for g in groups_in_section(version, framework, section)}
    return any(impact.group_id in groups for impact in version.impacts)


def section_status(version: AssessmentVersion, framework: Framework,
                   section: Section) -> SectionStatus:
    row = version.section(section.id)
    if row and row.completed:
        return SectionStatus.COMPLETED
    if section.id != SCREENING and not version.screening_decided:
        return SectionStatus.CANNOT_START
    prerequisite = DEPENDS_ON.get(section.id)
    if prerequisite and framework.has_section(prerequisite) and not (
        version.section(prerequisite) and version.section(prerequisite).completed
    ):
        return SectionStatus.CANNOT_START
    if _has_content(version, framework, section):
        return SectionStatus.IN_PROGRESS
    return SectionStatus.NOT_STARTED


def task_list(version: AssessmentVersion, framework: Framework) -> list[SectionProgress]:
    return [SectionProgress(s, section_status(version, framework, s))
            for s in applicable_sections(version, framework)]


def missing_for_completion(version: AssessmentVersion, framework: Framework,
                           section: Section) -> list[str]:
    """What must still be done before `section` can be marked complete (empty when ready)."""
    row = version.section(section.id)
    answers = row.answers if row else {}
    missing = [f"answer ‘{q.label}’" for q in section.unanswered(answers)]
    if section.kind == "evidence" and not version.evidence:
        missing.insert(0, "add at least one source of evidence")
    answered = {impact.group_id for impact in version.impacts}
    missing += [f"say what the impact is for {g.name.lower()}"
                for g in groups_in_section(version, framework, section)
                if g.id not in answered and version.needs_impact(g.id)]
    missing += [f"say how relevant the proposal is to {g.name.lower()}, and why"
                for q in section.questions if q.type == "group_relevance"
                for g in version.covered_groups
                if not (version.relevance_of(g.id).get("relevance")
                        and (version.relevance_of(g.id).get("reason") or "").strip())]
    if section.kind == "actions":
        missing += _actions_missing(version)
    return missing


def _actions_missing(version: AssessmentVersion) -> list[str]:
    """The quality checks block submission over these, so the plan is not finished without them."""
    missing = []
    if any(is_blank(action.owner) for action in version.actions):
        missing.append("name an owner for every action")
    if any(action.due_date is None for action in version.actions):
        missing.append("set a due date for every action")
    return missing
