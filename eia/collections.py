"""The collections an assessment holds besides its answers, each described once.

Evidence sources, engagement activities and the actions of the action plan are lists of items
hanging off a version. A `Collection` says what its items are: the model, where the list hangs,
the words for one item and for several, and its `fields` with their labels, kinds and limits.

Everything that handles items reads the description, so a field is added in one place (with its
form field and a migration): the service that adds, changes and removes items
(`eia.services.collections`), the pages that list and edit them, copying a version, the
canonical JSON document, the comparison of two versions and the PDF.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from eia.domain import MAX_ANSWER_LENGTH, ActionStatus, EvidenceKind, label_of
from eia.formatting import format_date
from eia.models.assessments import Action, AssessmentVersion, Engagement, EvidenceSource


class FieldKind(StrEnum):
    SHORT_TEXT = "short_text"  # one line of text
    LONG_TEXT = "long_text"  # paragraphs
    CHOICE = "choice"  # one value of `Field.choices`
    DATE = "date"  # a calendar date, or None
    URL = "url"  # an http or https address, or nothing
    GROUPS = "groups"  # framework group ids, in framework order


@dataclass(frozen=True)
class Field:
    """One field of an item: the model attribute, the form field and the document key."""

    name: str
    label: str  # short, for summary cards, comparisons, the PDF and the stale-edit page
    kind: FieldKind
    max_length: int | None = None  # for text; the form, the document and the page all use it
    required: bool = False  # must be given before the item is saved
    choices: type[StrEnum] | None = None
    default: str | None = None  # a choice's value when none is given; None: it must be given
    missing: str = "Not given"  # shown when the item has no value

    def is_blank(self, value) -> bool:
        if isinstance(value, str):
            return not value.strip()
        if isinstance(value, list | tuple):
            return not value
        return value is None

    def display(self, value, group_names: Mapping[str, str] | None = None) -> str:
        """The value in words; '' when there is none (callers choose `missing` or nothing)."""
        if self.is_blank(value):
            return ""
        if self.kind is FieldKind.CHOICE:
            return label_of(self.choices, value)
        if self.kind is FieldKind.DATE:
            return format_date(value)
        if self.kind is FieldKind.GROUPS:
            names = group_names or {}
            return ", ".join(names.get(group_id, group_id) for group_id in value)
        return str(value)

    def cleaned(self, value):
        """A submitted value as it is stored: text stripped, nothing else changed."""
        if isinstance(value, str):
            return value.strip()
        if self.kind is FieldKind.GROUPS:
            return list(value or [])
        return value

    def empty_value(self):
        """The value when none is given (a choice without a default has none)."""
        if self.kind is FieldKind.DATE:
            return None
        if self.kind is FieldKind.GROUPS:
            return []
        if self.kind is FieldKind.CHOICE:
            return self.default
        return ""


@dataclass(frozen=True)
class Collection:
    """One kind of item an assessment version holds in a list."""

    key: str  # the framework section kind, the document key and the URL segment
    model: type
    attribute: str  # the list on AssessmentVersion
    noun: str  # one item: "evidence", "engagement", "action" (audit events use it too)
    plural: str  # several items, in a sentence
    fields: tuple[Field, ...]
    heading: str  # a card's heading: str.format with the item's fields and its {number}
    id_argument: str  # the URL argument naming one item
    add_first: str  # the button that adds the first item
    add_another: str  # the button once there is one
    empty: str  # the list page when there is nothing yet
    has_file: bool = False  # items may carry one uploaded file (evidence)
    printed_as_table: bool = False  # in the PDF, one row per item instead of one card each

    def items(self, version: AssessmentVersion) -> list:
        return getattr(version, self.attribute)

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)

    def values_of(self, item) -> dict:
        """The item's stored values, by field name."""
        return {f.name: getattr(item, f.name) for f in self.fields}

    def heading_of(self, item, number: int) -> str:
        """The card heading: `heading` filled in with the item's values in words."""
        return self.heading.format(number=number, **self.described(self.values_of(item)))

    def title_of(self, item) -> str:
        """How an item is named in messages and the audit log: its first field, one line."""
        text = " ".join(str(getattr(item, self.fields[0].name) or "").split())
        return text if len(text) <= 200 else f"{text[:199]}…"

    def described(self, values: Mapping, group_names: Mapping[str, str] | None = None) -> dict:
        """Values in words by field name, for the stale-edit page."""
        return {f.name: f.display(values.get(f.name), group_names) for f in self.fields}

    @property
    def labels(self) -> dict[str, str]:
        return {f.name: f.label for f in self.fields}

    @property
    def added(self) -> str:
        return f"assessment.{self.noun}_added"

    @property
    def changed(self) -> str:
        return f"assessment.{self.noun}_changed"

    @property
    def removed(self) -> str:
        return f"assessment.{self.noun}_removed"


EVIDENCE = Collection(
    key="evidence", model=EvidenceSource, attribute="evidence", noun="evidence",
    plural="sources of evidence", heading="E{number}: {title}", id_argument="evidence_id",
    add_first="Add evidence", add_another="Add another source of evidence",
    empty="No evidence added yet. Add at least one source before you mark this section "
          "complete.",
    has_file=True,
    fields=(
        Field("title", "Title", FieldKind.SHORT_TEXT, max_length=300, required=True),
        Field("kind", "Kind", FieldKind.CHOICE, required=True, choices=EvidenceKind),
        Field("period", "Period covered", FieldKind.SHORT_TEXT, max_length=100, required=True),
        Field("summary", "What it tells you", FieldKind.LONG_TEXT,
              max_length=MAX_ANSWER_LENGTH, required=True),
        Field("url", "Link", FieldKind.URL, max_length=2000, missing="None"),
    ),
)

ENGAGEMENT = Collection(
    key="engagement", model=Engagement, attribute="engagements", noun="engagement",
    plural="engagement activities", heading="Engagement {number}: {started_on}",
    id_argument="engagement_id", add_first="Add engagement",
    add_another="Add another engagement",
    empty="No engagement added yet. If none is needed, you can say why on the next page.",
    fields=(
        Field("who", "Who", FieldKind.LONG_TEXT, max_length=2_000, required=True),
        Field("started_on", "From", FieldKind.DATE, required=True),
        Field("ended_on", "To", FieldKind.DATE, missing="The same day"),
        Field("groups", "Groups it reached", FieldKind.GROUPS, missing="None named"),
        Field("how", "How", FieldKind.LONG_TEXT, max_length=2_000, required=True),
        Field("what_they_said", "What they said", FieldKind.LONG_TEXT,
              max_length=MAX_ANSWER_LENGTH, required=True),
        Field("what_changed", "What changed as a result", FieldKind.LONG_TEXT,
              max_length=MAX_ANSWER_LENGTH, required=True),
    ),
)

ACTIONS = Collection(
    key="actions", model=Action, attribute="actions", noun="action", plural="actions",
    heading="Action {number}", id_argument="action_id", add_first="Add an action",
    add_another="Add another action", empty="No actions have been added yet.",
    printed_as_table=True,
    fields=(
        Field("description", "What will be done", FieldKind.LONG_TEXT,
              max_length=MAX_ANSWER_LENGTH, required=True),
        Field("groups", "Groups it addresses", FieldKind.GROUPS, missing="None selected"),
        # Owner and due date may wait: the quality checks stop submission without them.
        Field("owner", "Owner", FieldKind.SHORT_TEXT, max_length=200, missing="Not set"),
        Field("due_date", "Due date", FieldKind.DATE, missing="Not set"),
        Field("success_measure", "How success will be measured", FieldKind.LONG_TEXT,
              max_length=MAX_ANSWER_LENGTH),
        Field("status", "Status", FieldKind.CHOICE, required=True, choices=ActionStatus,
              default=ActionStatus.PLANNED.value),
    ),
)

COLLECTIONS: tuple[Collection, ...] = (EVIDENCE, ENGAGEMENT, ACTIONS)
BY_KEY = {collection.key: collection for collection in COLLECTIONS}


def collection_for(section_kind: str) -> Collection | None:
    """The collection a framework section of this kind lists, if it lists one."""
    return BY_KEY.get(section_kind)


def evidence_keys(version: AssessmentVersion) -> dict[int, str]:
    """E1, E2 ... for the version's sources in the order they were added: how the PDF and the
    JSON document refer to them."""
    ordered = sorted(version.evidence, key=lambda source: source.id)
    return {source.id: f"E{number}" for number, source in enumerate(ordered, start=1)}


__all__ = ["ACTIONS", "COLLECTIONS", "ENGAGEMENT", "EVIDENCE", "Collection", "Field",
           "FieldKind", "collection_for", "evidence_keys"]
