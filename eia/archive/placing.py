"""Put each passage where its mapping says, building the canonical document; keep the rest.

Every word of every passage ends up in exactly one of two places: a `Placement` (what was put
into the document, as the source wrote it) or an `ImportedText` (heading and text, kept word
for word). Words that cannot be a value where the mapping sends them (a second title, a date
that is not one, a table row with nothing in its first column, prose under a table's heading)
are imported text rather than guessed at or dropped.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from dataclasses import dataclass, field

from eia.archive import targets, values
from eia.archive.passages import Passage, Source
from eia.archive.source import OriginalFile, Paragraph, Table
from eia.archive.templates import normalise
from eia.collections import BY_KEY, FieldKind
from eia.collections import Field as CollectionField
from eia.document.schema import SCHEMA_VERSION
from eia.domain import MAX_ANSWER_LENGTH, AssessmentType, EvidenceKind, ImpactLevel
from eia.framework import Framework

UNTITLED = "Untitled assessment (imported from Word)"


@dataclass(frozen=True)
class Placement:
    heading: str  # the passage's heading
    target: str
    text: str  # the words placed, as the source wrote them


@dataclass(frozen=True)
class ImportedText:
    heading: str  # the passage's heading, with a column or row where only part was kept
    text: str


@dataclass(frozen=True)
class Signatory:
    """One line of the original sign-off, as recorded: the document has no place for it yet."""

    name: str = ""
    role: str = ""
    date: str | None = None  # ISO
    decision: str = ""


@dataclass
class Placed:
    """What placing passages produces: the document's parts, and the words kept aside."""

    framework: Framework
    template_groups: Callable[[str], list[str] | None]
    details: dict = field(default_factory=dict)
    answers: dict[str, object] = field(default_factory=dict)  # by question id
    impacts: dict[str, dict] = field(default_factory=dict)  # by group id
    extra_groups: set[str] = field(default_factory=set)
    items: dict[str, list[dict]] = field(default_factory=lambda: {k: [] for k in BY_KEY})
    signatories: list[Signatory] = field(default_factory=list)
    placements: list[Placement] = field(default_factory=list)
    imported: list[ImportedText] = field(default_factory=list)

    def keep(self, heading: str, text: str) -> None:
        if text.strip():
            self.imported.append(ImportedText(heading, text))

    def document(self, title: str, original: OriginalFile) -> dict:
        """A record of the past (eia.document.historical): the people are named as the source
        names them, without accounts; its original sign-off and the text kept aside are the
        record's own facts."""
        details = {"title": title or UNTITLED, "type": AssessmentType.POLICY.value,
                   **self.details}
        evidence = [{"key": f"E{number}", **item} for number, item in
                    enumerate([*self.items["evidence"], _as_evidence(original)], start=1)]
        return {
            "schema_version": SCHEMA_VERSION,
            "extra_groups": sorted(self.extra_groups),
            "details": details,
            "sections": {section_id: {"completed": False, "answers": answers}
                         for section_id, answers in _by_section(self.framework,
                                                                self.answers).items()},
            "evidence": evidence,
            "engagement": self.items["engagement"],
            "impacts": self.impacts,
            "actions": self.items["actions"],
            "historical": {
                "sign_offs": [{"signed_by": s.name, "role_or_body": s.role, "signed_on": s.date,
                               "decision": s.decision} for s in self.signatories],
                "imported_text": [{"heading": kept.heading, "text": kept.text}
                                  for kept in self.imported],
            },
        }


def _as_evidence(original: OriginalFile) -> dict:
    """The original file as a source of evidence, so the record keeps what it was read from."""
    checked = original.checked
    return {
        "kind": EvidenceKind.OTHER.value,
        "title": f"The original Word document: {checked.filename}"[:300],
        "period": "",
        "summary": "The assessment as it was written, before it was imported.",
        "file": {"filename": checked.filename, "content_type": checked.content_type,
                 "size": checked.size, "sha256": checked.sha256,
                 "content_base64": base64.b64encode(original.content).decode("ascii")},
    }


def place_all(source: Source, chosen: list[str], framework: Framework) -> Placed:
    """Place passage i of `source` at `chosen[i]` (a target, checked by the caller)."""
    names = {normalise(text): group.id for group in framework.groups
             for text in (group.name, group.id)}
    placed = Placed(framework=framework, template_groups=lambda text: values.groups(
        text, source.template, names))
    for passage, target in zip(source.passages, chosen, strict=True):
        _place(placed, source, passage, target)
    return placed


def _place(placed: Placed, source: Source, passage: Passage, target: str) -> None:
    kind, name = targets.split(target)
    if kind == "collection" or target == targets.SIGN_OFF:
        _place_tables(placed, source, passage, target)
        return
    text = passage.text
    if not text.strip():
        return
    value = None
    if kind == "details":
        value = _detail(placed, name, text)
    elif kind == "question":
        value = _answer(placed, name, text)
    elif kind == "group":
        value = _effect(placed, name, text)
    if value is None:
        placed.keep(passage.heading, text)
    else:
        placed.placements.append(Placement(passage.heading, target, text))


def _detail(placed: Placed, name: str, text: str):
    detail = targets.DETAILS[name]
    if name in placed.details:
        return None
    if detail.kind == "date":
        value = values.just_a_date(text)
    elif detail.kind == "type":
        value = values.option(text, AssessmentType)
    else:
        value = values.one_line(text, detail.max_length)
    if value is not None:
        placed.details[name] = {"name": value} if detail.kind == "person" else value
    return value


def _answer(placed: Placed, question_id: str, text: str):
    question = placed.framework.question(question_id)
    earlier = placed.answers.get(question_id)
    if question.type == "date":
        value = None if earlier else values.just_a_date(text)
    elif question.type in ("radios", "yes_no"):
        value = None if earlier else values.option(text, question.choices)
    else:
        value = values.paragraphs(_after(earlier, text),
                                  question.max_length or MAX_ANSWER_LENGTH)
    if value is not None:
        placed.answers[question_id] = value
        if question.group:
            placed.extra_groups.add(question.group)
    return value


def _effect(placed: Placed, group_id: str, text: str):
    earlier = placed.impacts.get(group_id, {}).get("effect")
    value = values.paragraphs(_after(earlier, text), MAX_ANSWER_LENGTH)
    if value is not None:
        placed.impacts[group_id] = {"impact": ImpactLevel.NOT_KNOWN.value, "effect": value}
        if not placed.framework.group(group_id).is_protected:
            placed.extra_groups.add(group_id)
    return value


def _after(earlier: str | None, text: str) -> str:
    """Text under a second heading for the same place follows the first, a paragraph apart."""
    return f"{earlier}\n\n{text.strip()}" if earlier else text


# --- Tables read row by row ----------------------------------------------------------------


def _place_tables(placed: Placed, source: Source, passage: Passage, target: str) -> None:
    table_kind = targets.split(target)[1] or targets.SIGN_OFF
    for block in passage.blocks:
        if isinstance(block, Paragraph) or not _read_table(placed, source, passage, target,
                                                          table_kind, block):
            placed.keep(passage.heading, block.text)


def _read_table(placed: Placed, source: Source, passage: Passage, target: str,
                table_kind: str, table: Table) -> bool:
    """Read a table row by row under its header row; False if no header cell is a column."""
    header, *rows = _oriented(source, table_kind, table)
    columns = [source.template.column_of(table_kind, cell) for cell in header]
    if not any(columns):
        return False
    placed.placements.append(Placement(passage.heading, target, " | ".join(header)))
    for number, row in enumerate(rows, start=1):
        _read_row(placed, passage, target, table_kind,
                  list(zip(header, columns, row, strict=True)), number)
    return True


def _oriented(source: Source, table_kind: str, table: Table) -> list[tuple[str, ...]]:
    """The table's rows, headings first: turned on its side when its column headings run
    down the first column ("Name | Jane Smith", "Date | 1 May 2024"), as sign-off boxes do."""
    width = max(len(row) for row in table.rows)
    rows = [row + ("",) * (width - len(row)) for row in table.rows]

    def named(cells) -> int:
        return sum(1 for cell in cells if source.template.column_of(table_kind, cell))

    if named(row[0] for row in rows) > max(1, named(rows[0])):
        return list(zip(*rows, strict=True))
    return rows


def _read_row(placed: Placed, passage: Passage, target: str, table_kind: str,
              cells: list[tuple[str, str | None, str]], number: int) -> None:
    item: dict = {}
    taken: list[str] = []
    kept: list[ImportedText] = []
    for header, column, text in cells:
        if not text.strip():
            continue
        value = None if column is None or column in item else _cell(placed, table_kind,
                                                                    column, text)
        if value is None:
            kept.append(ImportedText(f"{passage.heading}, row {number}: {header}".strip(), text))
        else:
            item[column] = value
            taken.append(text)
    if not taken and not kept:
        return
    if table_kind == targets.SIGN_OFF and (item.get("name") or item.get("role")):
        placed.signatories.append(Signatory(**item))
    elif table_kind != targets.SIGN_OFF and BY_KEY[table_kind].fields[0].name in item:
        placed.items[table_kind].append(_with_defaults(table_kind, item))
    else:  # a signatory needs a name or a role, an item its first field: keep the row
        placed.keep(f"{passage.heading}, row {number}".strip(),
                    "\n".join(text for _, _, text in cells if text.strip()))
        return
    placed.placements.append(Placement(passage.heading, target, "\n".join(taken)))
    placed.imported.extend(kept)


def _cell(placed: Placed, table_kind: str, column: str, text: str):
    if table_kind == targets.SIGN_OFF:
        return values.just_a_date(text) if column == "date" else values.one_line(text, 300)
    return _field_value(placed, BY_KEY[table_kind].field(column), text)


def _field_value(placed: Placed, item_field: CollectionField, text: str):
    kind = item_field.kind
    if kind is FieldKind.DATE:
        return values.just_a_date(text)
    if kind is FieldKind.CHOICE:
        return values.option(text, item_field.choices)
    if kind is FieldKind.URL:
        return values.web_address(text, item_field.max_length)
    if kind is FieldKind.GROUPS:
        found = placed.template_groups(text)
        if found:
            placed.extra_groups.update(g for g in found
                                       if not placed.framework.group(g).is_protected)
        return found
    if kind is FieldKind.SHORT_TEXT:
        return values.one_line(text, item_field.max_length)
    return values.paragraphs(text, item_field.max_length)


def _with_defaults(table_kind: str, item: dict) -> dict:
    if table_kind == "evidence":
        return {"kind": EvidenceKind.OTHER.value, **item}
    return item


def _by_section(framework: Framework, answers: dict[str, object]) -> dict[str, dict]:
    """The answers given, by section id and question id."""
    sections: dict[str, dict] = {}
    for question_id, answer in answers.items():
        sections.setdefault(framework.section_of(question_id).id, {})[question_id] = answer
    return sections
