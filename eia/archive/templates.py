"""Templates: which headings of an organisation's Word template go where. Data, not code.

Each template is a TOML file in `eia/archive/templates/` (an organisation adds its own by
adding a file there, or in a folder it passes to `load_templates`):

    name = "English council EIA template"

    [[rules]]
    target = "question.purpose"          # see eia.archive.targets
    headings = ["Purpose of the policy", "Aims and objectives"]

    [columns.evidence]                   # table columns, for collection and sign-off tables
    summary = ["What does it tell you", "Findings"]

Headings match whatever their case, punctuation and numbering ("3. Purpose of the policy:"
matches "purpose of the policy"); a heading that starts with a listed heading matches it too
("Age (older and younger people)" matches "Age"), the longest such heading winning. A table
column matches its field's label and name in any template, and the template's alternatives.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path

from eia.archive import targets
from eia.collections import BY_KEY
from eia.domain import DomainError
from eia.framework import Framework

TEMPLATES_PATH = Path(__file__).parent / "templates"
_NUMBERING = re.compile(
    r"^\s*(?:(?:section|part|step|question|q)\s*)?(?:\d+[a-z]?(?:\.\d+)*|[a-z])\s*[.):]\s*"
    r"|^\s*(?:(?:section|part|step|question|q)\s*)?\d+(?:\.\d+)*\s+")
_NOT_WORD = re.compile(r"[\W_]+")


class TemplateError(DomainError):
    """A template file is not one the reader can use; the message names the file."""


def normalise(text: str) -> str:
    """A heading as it is compared: lower case, no numbering, punctuation or extra spaces."""
    text = unicodedata.normalize("NFKC", text or "").casefold().replace("&", " and ")
    text = _NUMBERING.sub("", text, count=1)
    return " ".join(_NOT_WORD.sub(" ", text).split())


@dataclass(frozen=True)
class Rule:
    target: str
    headings: tuple[str, ...]  # normalised


@dataclass(frozen=True)
class Template:
    id: str  # the file's name without .toml
    name: str
    rules: tuple[Rule, ...]
    # Table kind ("evidence", "engagement", "actions", "sign_off") -> field -> headings.
    columns: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)

    def exact_target(self, heading: str) -> str | None:
        """The target of a heading listed word for word, or None."""
        wanted = normalise(heading)
        for rule in self.rules:
            if wanted and wanted in rule.headings:
                return rule.target
        return None

    def target_of(self, heading: str) -> str | None:
        """The target of a heading, listed or starting with a listed heading; or None."""
        exact = self.exact_target(heading)
        if exact is not None:
            return exact
        wanted = normalise(heading)
        best = None
        for rule in self.rules:
            for listed in rule.headings:
                if wanted.startswith(f"{listed} ") and (best is None or len(listed) > best[0]):
                    best = (len(listed), rule.target)
        return best[1] if best else None

    def column_of(self, table_kind: str, header: str) -> str | None:
        """The field a table column holds, from its header cell; None if none matches."""
        wanted = normalise(header)
        for name, headings in _columns(self, table_kind).items():
            if wanted in headings:
                return name
        return None

    def fitted(self, framework: Framework) -> Template:
        """The template without the rules whose target `framework` lacks (an organisation's
        own framework may drop a question), so their headings are kept as imported text."""
        return replace(self, rules=tuple(rule for rule in self.rules
                                         if targets.exists(rule.target, framework)))

    def check(self, framework: Framework) -> None:
        """Raise TemplateError unless every target exists in `framework`."""
        for rule in self.rules:
            try:
                targets.check(rule.target, framework)
            except targets.UnknownTarget as error:
                raise TemplateError(f"Template {self.id!r}: {error}") from None


def _columns(template: Template, table_kind: str) -> dict[str, tuple[str, ...]]:
    if table_kind == targets.SIGN_OFF:
        built_in = targets.SIGN_OFF_FIELDS
    else:
        built_in = {f.name: f.label for f in BY_KEY[table_kind].fields}
    own = template.columns.get(table_kind, {})
    return {name: (normalise(name), normalise(label), *own.get(name, ()))
            for name, label in built_in.items()}


def load_templates(*folders: Path) -> tuple[Template, ...]:
    """The shipped templates, then those in `folders`, each sorted by file name."""
    found = []
    for folder in (TEMPLATES_PATH, *folders):
        for path in sorted(Path(folder).glob("*.toml")):
            found.append(parse_template(path.read_text(encoding="utf-8"), path.stem))
    return tuple(found)


def parse_template(text: str, template_id: str) -> Template:
    """A template from the text of its file; raise TemplateError saying what is wrong."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise TemplateError(f"Template {template_id!r} is not valid TOML: {error}.") from None
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        raise TemplateError(f"Template {template_id!r} needs a name.")
    rules = tuple(_rule(template_id, index, raw)
                  for index, raw in enumerate(_list(template_id, data.get("rules"), "rules")))
    columns = {kind: _column_table(template_id, kind, raw)
               for kind, raw in _table(template_id, data.get("columns", {}), "columns").items()}
    return Template(id=template_id, name=name.strip(), rules=rules, columns=columns)


def _rule(template_id: str, index: int, raw) -> Rule:
    where = f"rules[{index}]"
    raw = _table(template_id, raw, where)
    target = raw.get("target")
    if not isinstance(target, str):
        raise TemplateError(f"Template {template_id!r}: {where} needs a target.")
    return Rule(target=target, headings=_headings(template_id, raw.get("headings"), where))


def _column_table(template_id: str, kind: str, raw) -> dict[str, tuple[str, ...]]:
    if kind != targets.SIGN_OFF and kind not in BY_KEY:
        raise TemplateError(f"Template {template_id!r}: columns.{kind} is not a kind of table.")
    fields = (targets.SIGN_OFF_FIELDS if kind == targets.SIGN_OFF
              else {f.name: f.label for f in BY_KEY[kind].fields})
    result = {}
    for name, headings in _table(template_id, raw, f"columns.{kind}").items():
        if name not in fields:
            raise TemplateError(
                f"Template {template_id!r}: columns.{kind}.{name} is not a column "
                f"(choose from {', '.join(fields)}).")
        result[name] = _headings(template_id, headings, f"columns.{kind}.{name}")
    return result


def _headings(template_id: str, raw, where: str) -> tuple[str, ...]:
    headings = _list(template_id, raw, where)
    if not headings or not all(isinstance(h, str) and normalise(h) for h in headings):
        raise TemplateError(f"Template {template_id!r}: {where} needs a list of headings.")
    return tuple(normalise(h) for h in headings)


def _list(template_id: str, raw, where: str) -> list:
    if not isinstance(raw, list):
        raise TemplateError(f"Template {template_id!r}: {where} must be a list.")
    return raw


def _table(template_id: str, raw, where: str) -> dict:
    if not isinstance(raw, dict):
        raise TemplateError(f"Template {template_id!r}: {where} must be a table.")
    return raw
