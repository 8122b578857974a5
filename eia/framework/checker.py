"""The rules a framework file must follow, checked while the model is built from it.

An organisation edits its framework by hand, so one pass reports every mistake, each with the
exact key at fault (`sections[2].pages[0].questions[1].type: ...`). The rules are the ones the
rest of the app relies on: unique ids, conditions that point at real earlier questions and real
option values, the required sections and questions (see the end of `model`), and all nine
protected characteristics. Unknown keys are errors, because a misspelt optional key
(`requred = false`) would otherwise be silently ignored.
"""

from __future__ import annotations

import re
from typing import Any

from eia.domain import MAX_ANSWER_LENGTH
from eia.framework.model import (
    AIMS,
    CHOICE_TYPES,
    FREE_TEXT_TYPES,
    GROUP_KINDS,
    PROTECTED_CHARACTERISTICS,
    QUESTION_TYPES,
    REQUIRED_QUESTIONS,
    REQUIRED_SECTIONS,
    REQUIRED_SHORT_FORM_SECTIONS,
    SECTION_KINDS,
    Framework,
    Group,
    Option,
    Page,
    Preset,
    Question,
    Section,
    ShowWhen,
)

# Ids end up in URLs, database columns (60 characters) and form field names.
_SLUG = re.compile(r"[a-z][a-z0-9_]{0,59}")
_FRAMEWORK_ID = re.compile(r"[a-z0-9][a-z0-9._-]{0,99}")
_SLUG_RULES = {
    _SLUG: "lower-case letters, digits and underscores, starting with a letter, at most 60 long",
    _FRAMEWORK_ID: "lower-case letters, digits, dots, hyphens and underscores, at most 100 long",
}
_MAX_TEXT_LIMIT = 100_000
_TYPE_NAMES = {str: "text in quotes", int: "a whole number", bool: "true or false",
               list: "a list", dict: "a table"}
_MISSING: Any = object()


def _at(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _listed(values) -> str:
    return ", ".join(values)


class FrameworkChecker:
    """Builds the model from parsed TOML, collecting every problem in `errors` on the way.

    Each getter reports its own problem and returns a harmless stand-in, so checking carries on
    and the caller sees all mistakes at once. Use a new checker for each file.
    """

    def __init__(self) -> None:
        self.errors: list[str] = []
        self.question_ids: dict[str, str] = {}  # id -> path of its `id` key, for duplicates
        self.question_paths: dict[str, str] = {}  # id -> path of the question itself
        # Group ids named by questions and presets, checked once the groups are read.
        self.group_refs: list[tuple[str, str]] = []  # (path, group id)

    def error(self, path: str, message: str) -> None:
        self.errors.append(f"{path}: {message}")

    def known_keys(self, table: dict, path: str, allowed: set[str]) -> None:
        for key in table:
            if key not in allowed:
                self.error(_at(path, key), f"unknown key (allowed: {_listed(sorted(allowed))})")

    def value(self, table: dict, key: str, path: str, kind: type, default: Any) -> Any:
        if key not in table:
            if default is _MISSING:
                self.error(_at(path, key), "is required")
                return None
            return default
        value = table[key]
        # bool is a subclass of int in Python, but `number = true` is a mistake.
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            self.error(_at(path, key), f"must be {_TYPE_NAMES[kind]} (got {value!r})")
            return None
        return value

    def string(self, table: dict, key: str, path: str, default: Any = _MISSING) -> str:
        if key not in table and default is not _MISSING:
            return default
        value = self.value(table, key, path, str, _MISSING)
        if value is None:
            return ""
        if not value.strip():
            self.error(_at(path, key), "must not be blank" if default is _MISSING
                       else "must not be blank (leave the key out instead)")
        return value.strip()

    def slug(self, table: dict, key: str, path: str, pattern: re.Pattern = _SLUG) -> str:
        value = self.string(table, key, path)
        if value and not pattern.fullmatch(value):
            self.error(_at(path, key), f"must be {_SLUG_RULES[pattern]} (got {value!r})")
        return value

    def strings(self, table: dict, key: str, path: str, required: bool = False) -> tuple:
        value = self.value(table, key, path, list, _MISSING if required else ())
        if not value:
            if value == [] and required:
                self.error(_at(path, key), "must list at least one item")
            return ()
        for i, item in enumerate(value):
            if not isinstance(item, str) or not item.strip():
                self.error(f"{_at(path, key)}[{i}]", f"must be non-blank text (got {item!r})")
        return tuple(s.strip() for s in value if isinstance(s, str) and s.strip())

    def tables(self, table: dict, key: str, path: str, required: bool = True) -> list:
        value = self.value(table, key, path, list, _MISSING if required else [])
        rows = []
        for i, item in enumerate(value or []):
            if isinstance(item, dict):
                rows.append((f"{_at(path, key)}[{i}]", item))
            else:
                self.error(f"{_at(path, key)}[{i}]", f"must be a table (got {item!r})")
        return rows

    def unique(self, seen: dict[str, str], value: str, path: str, what: str = "id") -> None:
        if value and value in seen:
            self.error(path, f"duplicate {what} {value!r} (already used at {seen[value]})")
        elif value:
            seen[value] = path

    # The framework, top down.

    def framework(self, data: dict) -> Framework:
        self.known_keys(data, "", {"id", "version", "title", "sections", "groups", "presets"})
        fid = self.slug(data, "id", "", _FRAMEWORK_ID)
        version = self.string(data, "version", "")
        if len(version) > 50:
            self.error("version", "must be at most 50 characters")
        title = self.string(data, "title", "")
        sections = self.sections(self.tables(data, "sections", ""))
        groups = self.groups(self.tables(data, "groups", ""))
        presets = self.presets(self.tables(data, "presets", "", required=False))
        self.extra_group_refs(groups)
        return Framework(id=fid, version=version, title=title, sections=sections, groups=groups,
                         presets=presets)

    def sections(self, rows: list) -> tuple[Section, ...]:
        sections, paths, ids, numbers = [], {}, {}, {}
        previous = 0
        for path, table in rows:
            section = self.section(table, path)
            self.unique(ids, section.id, _at(path, "id"))
            self.unique(numbers, str(section.number or ""), _at(path, "number"), "number")
            if section.number and section.number <= previous:
                self.error(_at(path, "number"), f"must be greater than the number of the "
                           f"section before ({previous}); list sections in order")
            previous = max(previous, section.number or 0)
            paths.setdefault(section.id, path)
            sections.append(section)
        by_id = {s.id: s for s in sections}
        for section_id, kind in REQUIRED_SECTIONS.items():
            if section_id not in by_id:
                self.error("sections", f"the {section_id!r} section is missing (kind {kind!r})")
            elif by_id[section_id].kind != kind:
                self.error(_at(paths[section_id], "kind"), f"must be {kind!r} for the "
                           f"{section_id!r} section (got {by_id[section_id].kind!r})")
        # Collections have dedicated code that expects exactly one section of each kind.
        for (path, _), section in zip(rows, sections, strict=True):
            owner = next((i for i, k in REQUIRED_SECTIONS.items() if k == section.kind), None)
            if section.kind != "questions" and owner and owner != section.id:
                self.error(_at(path, "kind"), f"{section.kind!r} belongs to the {owner!r} "
                           f"section; only one section may collect {section.kind}")
        for section_id in REQUIRED_SHORT_FORM_SECTIONS:
            if section_id in by_id and not by_id[section_id].short_form:
                self.error(_at(paths[section_id], "short_form"),
                           "must be true: the short form always includes this section")
        self.required_questions(by_id, paths)
        return tuple(sections)

    def section(self, table: dict, path: str) -> Section:
        self.known_keys(table, path, {"id", "number", "title", "summary", "kind", "guidance",
                                      "pages", "short_form"})
        sid, title = self.slug(table, "id", path), self.string(table, "title", path)
        number = self.value(table, "number", path, int, _MISSING)
        if number is not None and number < 1:
            self.error(_at(path, "number"), f"must be 1 or more (got {number})")
        kind = self.string(table, "kind", path)
        if kind and kind not in SECTION_KINDS:
            self.error(_at(path, "kind"),
                       f"must be one of {_listed(SECTION_KINDS)} (got {kind!r})")
        page_rows = self.tables(table, "pages", path, required=kind == "questions")
        if kind == "questions" and "pages" in table and not page_rows:
            self.error(_at(path, "pages"), "a questions section needs at least one page")
        pages, page_ids = [], {}
        for page_path, page_table in page_rows:
            page = self.page(page_table, page_path)
            self.unique(page_ids, page.id, _at(page_path, "id"))
            pages.append(page)
        self.conditions(pages, page_rows)
        return Section(
            id=sid, number=number or 0, title=title, summary=self.string(table, "summary", path),
            kind=kind, guidance=self.strings(table, "guidance", path), pages=tuple(pages),
            short_form=bool(self.value(table, "short_form", path, bool, False)))

    def page(self, table: dict, path: str) -> Page:
        self.known_keys(table, path, {"id", "title", "guidance", "questions"})
        rows = self.tables(table, "questions", path)
        if "questions" in table and not rows:
            self.error(_at(path, "questions"), "a page needs at least one question")
        pid, title = self.slug(table, "id", path), self.string(table, "title", path)
        return Page(id=pid, title=title, guidance=self.strings(table, "guidance", path),
                    questions=tuple(self.question(t, p) for p, t in rows))

    def question(self, table: dict, path: str) -> Question:
        self.known_keys(table, path, {"id", "label", "hint", "type", "options", "required",
                                      "show_when", "max_length", "group"})
        qid, label = self.slug(table, "id", path), self.string(table, "label", path)
        self.unique(self.question_ids, qid, _at(path, "id"))
        self.question_paths.setdefault(qid, path)
        qtype = self.string(table, "type", path)
        if qtype and qtype not in QUESTION_TYPES:
            self.error(_at(path, "type"),
                       f"must be one of {_listed(QUESTION_TYPES)} (got {qtype!r})")
        options: list[Option] = []
        if qtype in CHOICE_TYPES:
            rows = self.tables(table, "options", path)
            values: dict[str, str] = {}
            for opt_path, opt in rows:
                self.known_keys(opt, opt_path, {"value", "label", "hint"})
                option = Option(self.slug(opt, "value", opt_path),
                                self.string(opt, "label", opt_path),
                                self.string(opt, "hint", opt_path, ""))
                self.unique(values, option.value, _at(opt_path, "value"), "value")
                options.append(option)
            if "options" in table and len(rows) < 2:
                self.error(_at(path, "options"), f"a {qtype} question needs at least 2 options")
        elif "options" in table:
            self.error(_at(path, "options"), f"only {_listed(CHOICE_TYPES)} questions have "
                       f"options (this one is {qtype or 'untyped'})")
        max_length = None
        if qtype in FREE_TEXT_TYPES:
            max_length = self.value(table, "max_length", path, int, MAX_ANSWER_LENGTH)
            if max_length is None:
                max_length = MAX_ANSWER_LENGTH
            elif not 1 <= max_length <= _MAX_TEXT_LIMIT:
                self.error(_at(path, "max_length"), f"must be between 1 and {_MAX_TEXT_LIMIT}")
        elif "max_length" in table:
            self.error(_at(path, "max_length"), "only text and textarea questions have one")
        show_when = None
        sw = self.value(table, "show_when", path, dict, None)
        if sw is not None:
            sw_path = _at(path, "show_when")
            self.known_keys(sw, sw_path, {"question", "equals"})
            show_when = ShowWhen(self.slug(sw, "question", sw_path),
                                 self.string(sw, "equals", sw_path))
        required = self.value(table, "required", path, bool, True)
        group = self.slug(table, "group", path) if "group" in table else None
        if group:
            self.group_refs.append((_at(path, "group"), group))
        return Question(id=qid, label=label, type=qtype,
                        hint=self.string(table, "hint", path, ""), options=tuple(options),
                        required=True if required is None else required,
                        show_when=show_when, max_length=max_length, group=group)

    def conditions(self, pages: list[Page], rows: list) -> None:
        """Each show_when names an earlier question of the same section and one of its values."""
        earlier: dict[str, Question] = {}
        for page, (page_path, _) in zip(pages, rows, strict=True):
            for i, q in enumerate(page.questions):
                sw, path = q.show_when, f"{page_path}.questions[{i}].show_when"
                if sw and sw.question and sw.question not in earlier:
                    self.error(_at(path, "question"), f"{sw.question!r} is not an earlier "
                               "question in this section")
                elif sw and sw.question:
                    target = earlier[sw.question]
                    values = [o.value for o in target.choices]
                    if target.type in (*CHOICE_TYPES, "yes_no") and not values:
                        pass  # its missing options are already reported
                    elif not values:
                        self.error(_at(path, "question"), f"{sw.question!r} is a {target.type} "
                                   "question; only radios, checkboxes and yes_no can be used")
                    elif sw.equals and sw.equals not in values:
                        self.error(_at(path, "equals"), f"must be one of {_listed(values)} "
                                   f"(the values of {sw.question!r}) (got {sw.equals!r})")
                earlier.setdefault(q.id, q)

    def required_questions(self, by_id: dict[str, Section], paths: dict[str, str]) -> None:
        for rule in REQUIRED_QUESTIONS:
            section = by_id.get(rule.section)
            if section is None or section.kind != REQUIRED_SECTIONS[rule.section]:
                continue  # already reported
            found = [q for q in section.questions if q.id == rule.id]
            if not found:
                self.error(_at(paths[rule.section], "pages"), f"the {rule.section!r} section "
                           f"must ask a {rule.type} question {rule.id!r}")
                continue
            q, path = found[0], self.question_paths[rule.id]
            if q.type != rule.type:
                self.error(_at(path, "type"),
                           f"must be {rule.type!r} for {rule.id!r} (got {q.type!r})")
            elif rule.values and sorted(o.value for o in q.options) != sorted(rule.values):
                self.error(_at(path, "options"),
                           f"{rule.id!r} must have exactly the values {_listed(rule.values)}")
            if not q.required:
                self.error(_at(path, "required"), f"must be true for {rule.id!r}")
            if q.group:
                self.error(_at(path, "group"), f"{rule.id!r} is asked of every assessment, "
                           "so it cannot belong to a group")
            if q.show_when != rule.show_when:
                wanted = rule.show_when
                self.error(_at(path, "show_when"), f"{rule.id!r} must be shown " + (
                    f"when {wanted.question} = {wanted.equals!r}" if wanted else "always"))

    def groups(self, rows: list) -> tuple[Group, ...]:
        groups, ids = [], {}
        for path, table in rows:
            group = self.group(table, path)
            self.unique(ids, group.id, _at(path, "id"))
            groups.append(group)
        for pc in PROTECTED_CHARACTERISTICS:
            if not any(g.id == pc and g.kind == "protected" for g in groups):
                self.error("groups", f"the protected characteristic {pc!r} is missing; "
                           "all nine must be present with kind = \"protected\"")
        return tuple(groups)

    def presets(self, rows: list) -> tuple[Preset, ...]:
        presets, ids = [], {}
        for path, table in rows:
            self.known_keys(table, path, {"id", "name", "description", "extra_groups"})
            preset = Preset(id=self.slug(table, "id", path), name=self.string(table, "name", path),
                            description=self.string(table, "description", path),
                            extra_groups=self.strings(table, "extra_groups", path))
            self.unique(ids, preset.id, _at(path, "id"))
            self.group_refs += [(f"{_at(path, 'extra_groups')}[{i}]", group_id)
                                for i, group_id in enumerate(preset.extra_groups)]
            presets.append(preset)
        return tuple(presets)

    def extra_group_refs(self, groups: tuple[Group, ...]) -> None:
        """Questions and presets may name extra groups only."""
        extra = {g.id for g in groups if g.kind == "extra"}
        for path, group_id in self.group_refs:
            if group_id not in extra:
                self.error(path, f"must be the id of an extra group (got {group_id!r})")

    def group(self, table: dict, path: str) -> Group:
        self.known_keys(table, path, {"id", "name", "kind", "description", "things_to_consider",
                                      "aims", "note", "enabled_by_default"})
        gid, kind = self.slug(table, "id", path), self.string(table, "kind", path)
        if kind and kind not in GROUP_KINDS:
            self.error(_at(path, "kind"), f"must be one of {_listed(GROUP_KINDS)} (got {kind!r})")
        elif kind == "protected" and gid and gid not in PROTECTED_CHARACTERISTICS:
            self.error(_at(path, "id"), f"must be one of {_listed(PROTECTED_CHARACTERISTICS)} "
                       f"for a protected characteristic (got {gid!r}); use kind = \"extra\"")
        elif kind == "extra" and gid in PROTECTED_CHARACTERISTICS:
            self.error(_at(path, "kind"), f"must be \"protected\" for {gid!r}")
        if kind == "protected" and "enabled_by_default" in table:
            self.error(_at(path, "enabled_by_default"),
                       "only extra groups can be switched; protected characteristics always apply")
        aims = self.strings(table, "aims", path) if "aims" in table else tuple(AIMS)
        if isinstance(table.get("aims"), list) and not table["aims"]:
            self.error(_at(path, "aims"), "must name at least one aim")
        for i, aim in enumerate(aims):
            if aim not in AIMS:
                self.error(f"{_at(path, 'aims')}[{i}]",
                           f"must be one of {_listed(AIMS)} (got {aim!r})")
        if len(set(aims)) != len(aims):
            self.error(_at(path, "aims"), "lists an aim more than once")
        return Group(
            id=gid, name=self.string(table, "name", path), kind=kind,
            description=self.string(table, "description", path),
            things_to_consider=self.strings(table, "things_to_consider", path, required=True),
            aims=tuple(a for a in AIMS if a in aims), note=self.string(table, "note", path, ""),
            enabled_by_default=bool(self.value(table, "enabled_by_default", path, bool, False)))

