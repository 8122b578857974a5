"""Two versions side by side, section by section, each row saying whether it changed.

Collections have no lasting identity across versions (a revision copies them), so evidence is
matched by title, engagement by who was engaged, impacts by group and actions by position.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from eia import progress
from eia.answers import answer_text
from eia.framework import Framework, Section
from eia.models.assessments import AssessmentVersion, EvidenceKind
from eia.services.frameworks import framework_of
from eia.template_helpers import format_date

CHANGED, ADDED, REMOVED = "Changed", "Added", "Removed"

Lines = tuple[str, ...]


@dataclass(frozen=True)
class Row:
    label: str
    before: Lines
    after: Lines

    @property
    def change(self) -> str | None:
        if self.before == self.after:
            return None
        if not self.before:
            return ADDED
        if not self.after:
            return REMOVED
        return CHANGED


@dataclass(frozen=True)
class SectionComparison:
    id: str
    title: str
    rows: tuple[Row, ...]

    @property
    def changes(self) -> int:
        return sum(1 for row in self.rows if row.change)


def compare(old: AssessmentVersion, new: AssessmentVersion) -> list[SectionComparison]:
    framework = framework_of(new)
    sections = [SectionComparison("details", "Assessment details", tuple(_details(old, new)))]
    for section in framework.sections:
        rows = tuple(_section_rows(old, new, framework, section))
        if rows:
            sections.append(SectionComparison(section.id, f"{section.number}. {section.title}",
                                              rows))
    return sections


def _details(old: AssessmentVersion, new: AssessmentVersion) -> Iterable[Row]:
    fields: tuple[tuple[str, Callable[[AssessmentVersion], str]], ...] = (
        ("Title", lambda v: v.title),
        ("Kind of proposal", lambda v: v.assessment_type.replace("_", " ").capitalize()),
        ("Directorate or team", lambda v: v.unit.full_name if v.unit else ""),
        ("Lead officer", lambda v: v.lead_officer.name),
        ("Contributors", lambda v: ", ".join(c.name for c in v.contributors)),
        ("Decision-maker", lambda v: v.decision_maker),
        ("Decision forum", lambda v: v.decision_forum),
        ("Expected decision date", lambda v: format_date(v.decision_date, "")),
        ("Equality work started", lambda v: format_date(v.work_started_on, "")),
    )
    for label, value in fields:
        yield Row(label, _lines(value(old)), _lines(value(new)))


def _section_rows(old, new, framework: Framework, section: Section) -> Iterable[Row]:
    if section.kind == "evidence":
        yield from _matched("Evidence", old.evidence, new.evidence, lambda s: s.title, _evidence)
    if section.kind == "engagement":
        yield from _matched("Engagement with", old.engagements, new.engagements,
                            lambda e: e.who, _engagement)
    groups = {g.id: g for v in (old, new)
              for g in progress.groups_in_section(v, framework, section)}
    for group in groups.values():
        yield Row(group.name, _impact(old.impact_for(group.id)),
                  _impact(new.impact_for(group.id)))
    if section.kind == "actions":
        names = {g.id: g.name for g in framework.groups}
        for number in range(1, max(len(old.actions), len(new.actions)) + 1):
            yield Row(f"Action {number}", _action(old.actions, number, names),
                      _action(new.actions, number, names))
    before = old.section(section.id).answers if old.section(section.id) else {}
    after = new.section(section.id).answers if new.section(section.id) else {}
    for question in section.questions:
        if question.id in before or question.id in after:
            yield Row(question.label, _answer(question, before), _answer(question, after))


def _lines(*values: str) -> Lines:
    return tuple(value for value in values if value)


def _answer(question, answers: dict) -> Lines:
    if question.id not in answers or answers[question.id] in (None, "", []):
        return ()
    return (answer_text(question, answers[question.id]),)


def _matched(prefix: str, old_items, new_items, key, describe) -> Iterable[Row]:
    before = _keyed(old_items, key)
    after = _keyed(new_items, key)
    for name in [*before, *(k for k in after if k not in before)]:
        yield Row(f"{prefix}: {name}", describe(before.get(name)), describe(after.get(name)))


def _keyed(items, key) -> dict:
    """Items by name; a repeated name gets a number so that both are compared."""
    keyed: dict = {}
    seen: Counter = Counter()
    for item in items:
        name = key(item)
        seen[name] += 1
        keyed[name if seen[name] == 1 else f"{name} ({seen[name]})"] = item
    return keyed


def _evidence(source) -> Lines:
    if source is None:
        return ()
    return _lines(f"Kind: {EvidenceKind(source.kind).label}",
                  f"Period covered: {source.period}" if source.period else "",
                  source.summary, source.url,
                  f"File: {source.file.filename}" if source.file else "")


def _engagement(item) -> Lines:
    if item is None:
        return ()
    return _lines(f"When: {item.when}", f"How: {item.how}",
                  f"What they said: {item.what_they_said}",
                  f"What changed: {item.what_changed}")


def _impact(impact) -> Lines:
    if impact is None:
        return ()
    return _lines(
        f"Likely impact: {impact.level.label}",
        f"Effect: {impact.effect}" if impact.effect else "",
        "Evidence: " + ", ".join(s.title for s in impact.evidence) if impact.evidence else "",
        f"Why no evidence: {impact.no_evidence_reason}" if impact.no_evidence_reason else "",
        f"Mitigation: {impact.mitigation}" if impact.mitigation else "",
        f"Impact remaining: {impact.residual_impact}" if impact.residual_impact else "",
    )


def _action(actions, number: int, names: dict[str, str]) -> Lines:
    if number > len(actions):
        return ()
    action = actions[number - 1]
    return _lines(
        action.description,
        "Groups: " + ", ".join(names.get(g, g) for g in action.groups) if action.groups else "",
        f"Owner: {action.owner}" if action.owner else "",
        f"Due: {format_date(action.due_date)}" if action.due_date else "",
        f"How success will be measured: {action.success_measure}"
        if action.success_measure else "",
        f"Status: {action.status.replace('_', ' ').capitalize()}",
    )
