"""What the PDF says about a version, worked out once: answers in words, groups, evidence keys.

The parts of the document read the version through this, so that the summary, the sections and
the tables agree on every label (an answer in words, a group's name, E1 for the first source).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from eia import progress
from eia.collections import evidence_keys
from eia.formatting import answer_text, format_date
from eia.framework import Framework, Group, Question, Section, is_blank
from eia.models.assessments import AssessmentVersion, GroupImpact


@dataclass(frozen=True)
class GroupRow:
    group: Group
    impact: GroupImpact | None

    @property
    def level_label(self) -> str:
        return self.impact.level.label if self.impact else "Not answered"


@dataclass
class Reading:
    version: AssessmentVersion
    framework: Framework
    evidence_keys: dict[int, str] = field(init=False)

    def __post_init__(self) -> None:
        self.evidence_keys = evidence_keys(self.version)

    # --- The version as a whole ---------------------------------------------------------

    @property
    def status_label(self) -> str:
        return self.version.status_label

    @property
    def type_label(self) -> str:
        return self.version.type_label

    @property
    def identity(self) -> str:
        return (f"{self.version.reference} · Version {self.version.number} · "
                f"{self.status_label}")

    @property
    def screened_out(self) -> bool:
        return self.version.screened_out

    @property
    def sections(self) -> tuple[Section, ...]:
        return progress.applicable_sections(self.version, self.framework)

    # --- Answers ------------------------------------------------------------------------

    def answers(self, section_id: str) -> dict:
        row = self.version.section(section_id)
        return row.answers if row else {}

    def answer(self, section_id: str, question_id: str) -> str | None:
        """The answer in words, or None when the question is not asked or not answered."""
        if not self.framework.has_section(section_id):
            return None
        section = self.framework.section(section_id)
        answers = self.answers(section_id)
        shown = {q.id: q for q in section.shown_questions(answers)}
        question = shown.get(question_id)
        if question is None or is_blank(answers.get(question_id)):
            return None
        return answer_text(question, answers.get(question_id), self.framework.group_names)

    def shown(self, section: Section) -> list[tuple[Question, str, bool]]:
        """Each question that applies, its answer in words, and whether it is unanswered."""
        answers = self.answers(section.id)
        return [(q, answer_text(q, answers.get(q.id), self.framework.group_names),
                 is_blank(answers.get(q.id)))
                for q in section.shown_questions(answers)]

    @property
    def review_date(self) -> str:
        return self.answer("monitoring_and_review", "review_date") or "Not set"

    @property
    def outcome(self) -> str | None:
        return self.answer("outcome", "outcome")

    # --- Groups, evidence and actions ---------------------------------------------------

    def group_rows(self, section: Section) -> list[GroupRow]:
        return [GroupRow(g, self.version.impact_for(g.id))
                for g in progress.groups_in_section(self.version, self.framework, section)]

    def all_group_rows(self) -> list[GroupRow]:
        return [row for section in self.sections for row in self.group_rows(section)]

    def evidence_label(self, impact: GroupImpact) -> str:
        keys = [self.evidence_keys[s.id] for s in sorted(impact.evidence, key=lambda s: s.id)
                if s.id in self.evidence_keys]
        return ", ".join(keys) if keys else "None"

    def actions_for(self, group_id: str) -> int:
        return sum(1 for action in self.version.actions if group_id in action.groups)

    @staticmethod
    def date(day) -> str:
        return format_date(day)
