"""One assessment version seen through its framework, with the lookups the rules share.

Reads answers defensively (a version built in memory may have no JSON yet), so the checks can
run on a version that was never saved.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from functools import cached_property

from eia import progress
from eia.checks.findings import Location
from eia.checks.impacts import continuing_justified
from eia.framework import Framework, Group
from eia.models.assessments import AssessmentVersion, GroupImpact


class Context:
    """One version seen through its framework, with the lookups the rules share."""

    def __init__(self, version: AssessmentVersion, framework: Framework, today: date) -> None:
        self.version = version
        self.framework = framework
        self.today = today

    def answers(self, section_id: str) -> dict:
        return self.version.answers_to(section_id)

    def question_location(self, section_id: str, question_id: str) -> Location:
        page = self.framework.section(section_id).page_of(question_id)
        return Location(section_id, page_id=page.id, question_id=question_id)

    @cached_property
    def short_form(self) -> bool:
        return self.version.screened_out

    @cached_property
    def outcome(self) -> str | None:
        return self.version.outcome

    @cached_property
    def groups(self) -> tuple[Group, ...]:
        return self.framework.groups_for(self.version.enabled_extra_groups)

    @cached_property
    def _home_sections(self) -> dict[str, str]:
        # Protected characteristics are answered in the impact section, extra groups under
        # other duties; progress decides which, so the task list and the checks agree.
        return {g.id: s.id for s in self.framework.sections
                for g in progress.groups_in_section(self.version, self.framework, s)}

    @cached_property
    def relevance(self) -> dict:
        """Screening's relevance table by group id (see the group_relevance question)."""
        return self.answers("screening").get("group_relevance") or {}

    def screened_not_relevant(self, group: Group) -> bool:
        return not self.version.needs_impact(group.id)

    def group_location(self, group: Group) -> Location:
        return Location(self._home_sections.get(group.id, "impact_by_group"), group_id=group.id)

    def answered_groups(self) -> Iterator[tuple[Group, GroupImpact]]:
        for group in self.groups:
            impact = self.version.impact_for(group.id)
            if impact is not None:
                yield group, impact

    def negative_groups(self) -> list[Group]:
        return [g for g, impact in self.answered_groups() if impact.level.is_negative]

    @cached_property
    def justified(self) -> bool:
        """Whether the outcome is to continue despite adverse impact, fully justified."""
        return continuing_justified(self.answers("outcome"))
