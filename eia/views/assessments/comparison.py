"""Two versions side by side, section by section, each row saying whether it changed.

Collections have no lasting identity across versions (a revision copies them), so their items
are matched by the field that names them (a source's title, who was engaged, what an action
will do); impacts are matched by group.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from eia import progress
from eia.collections import Collection, collection_for
from eia.formatting import answer_text, format_date
from eia.framework import Framework, Section
from eia.models.assessments import AssessmentVersion

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
    framework = new.framework
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
        ("Kind of proposal", lambda v: v.type_label),
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
    collection = collection_for(section.kind)
    if collection:
        yield from _items(collection, old, new, framework.group_names)
    groups = {g.id: g for v in (old, new)
              for g in progress.groups_in_section(v, framework, section)}
    for group in groups.values():
        yield Row(group.name, _impact(old.impact_for(group.id)),
                  _impact(new.impact_for(group.id)))
    before = old.section(section.id).answers if old.section(section.id) else {}
    after = new.section(section.id).answers if new.section(section.id) else {}
    for question in section.questions:
        if question.id in before or question.id in after:
            yield Row(question.label, _answer(question, before, framework.group_names),
                      _answer(question, after, framework.group_names))


def _lines(*values: str) -> Lines:
    return tuple(value for value in values if value)


def _answer(question, answers: dict, names: dict[str, str]) -> Lines:
    if question.id not in answers or answers[question.id] in (None, "", [], {}):
        return ()
    return tuple(answer_text(question, answers[question.id], names).splitlines())


def _items(collection: Collection, old, new, names: dict[str, str]) -> Iterable[Row]:
    """Items matched by their naming field; each described by its other fields."""
    naming, *others = collection.fields
    before = _keyed(collection.items(old), naming.name)
    after = _keyed(collection.items(new), naming.name)
    prefix = collection.noun.capitalize()

    def describe(item) -> Lines:
        if item is None:
            return ()
        return _lines(*(f"{f.label}: {f.display(getattr(item, f.name), names)}"
                        for f in others if not f.is_blank(getattr(item, f.name))),
                      f"File: {item.file.filename}" if collection.has_file and item.file
                      else "")

    for name in [*before, *(k for k in after if k not in before)]:
        yield Row(f"{prefix}: {_one_line(name)}", describe(before.get(name)),
                  describe(after.get(name)))


def _keyed(items, attribute: str) -> dict:
    """Items by name; a repeated name gets a number so that both are compared."""
    keyed: dict = {}
    seen: Counter = Counter()
    for item in items:
        name = getattr(item, attribute) or ""
        seen[name] += 1
        keyed[name if seen[name] == 1 else f"{name} ({seen[name]})"] = item
    return keyed


def _one_line(text: str, limit: int = 100) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else f"{line[:limit - 1]}…"


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
