"""A document cut into passages: each heading with the text under it, ready to be placed.

A passage is what one line of the mapping shows and what the user can move. Besides the
document's own headings, two layouts make passages of their own when their labels are
headings the template knows: a table whose first column holds labels ("Lead officer | Jane
Smith", "Age | Older people ..."), one passage per row; and a paragraph written "Label: text".
Under a heading whose tables are read row by row (evidence, engagement, actions, sign-off)
tables are left whole. Text before the first heading is a passage with no heading.
"""

from __future__ import annotations

from dataclasses import dataclass

from eia.archive import targets
from eia.archive.source import (
    Block,
    Heading,
    OriginalFile,
    Paragraph,
    RawDocument,
    Table,
    count_words,
)
from eia.archive.templates import Template

# A table is read as labels and values when at least this share of its rows is labelled.
_LABELLED_SHARE = 0.5


@dataclass(frozen=True)
class Passage:
    heading: str  # "" for text before the first heading
    blocks: tuple[Paragraph | Table, ...]

    @property
    def text(self) -> str:
        return "\n\n".join(block.text for block in self.blocks if block.text.strip())

    @property
    def words(self) -> int:
        return sum(count_words(block.text) for block in self.blocks)


@dataclass(frozen=True)
class Source:
    """A document as passages, with the template that cut it and will read its tables."""

    passages: tuple[Passage, ...]
    template: Template
    title: str  # the title in the file's properties or its first title line, often blank
    original: OriginalFile

    @property
    def words(self) -> int:
        """Words in the document's text, headings and row labels apart."""
        return sum(passage.words for passage in self.passages)


def score(raw: RawDocument, template: Template) -> int:
    """How many of the document's headings and labels the template knows."""
    labels = sum(1 for label in _labels(raw.blocks) if template.exact_target(label) is not None)
    headings = sum(1 for block in raw.blocks
                   if isinstance(block, Heading) and template.target_of(block.text) is not None)
    return labels + headings


def cut(raw: RawDocument, template: Template) -> Source:
    """The document's passages, in reading order."""
    passages: list[Passage] = []
    heading, blocks, shown = "", [], False

    def close() -> None:
        # A heading is shown once even when labelled passages interrupt the text under it.
        if blocks or (heading and not shown):
            passages.append(Passage(heading, tuple(blocks)))

    for block in raw.blocks:
        if isinstance(block, Heading):
            close()
            heading, blocks, shown = block.text.strip(), [], False
            continue
        labelled = [] if _reads_tables(template, heading) else _labelled_passages(block,
                                                                                   template)
        if labelled:
            close()
            blocks, shown = [], True
            passages.extend(labelled)
            continue
        blocks.append(block)
    close()
    title = raw.title or next((b.text for b in raw.blocks
                               if isinstance(b, Heading) and b.level == 0), "")
    return Source(passages=tuple(passages), template=template, title=title,
                  original=raw.original)


def _reads_tables(template: Template, heading: str) -> bool:
    """Whether the heading's tables are read row by row (evidence, sign-off ...), so that a
    row label there is a value, not a heading of its own."""
    target = template.target_of(heading) or ""
    return target.startswith("collection.") or target == targets.SIGN_OFF


def _labelled_passages(block: Block, template: Template) -> list[Passage]:
    """The passages a labelled table or a "Label: text" paragraph makes, or []."""
    if isinstance(block, Paragraph):
        label, colon, text = block.text.partition(":")
        if colon and text.strip() and template.exact_target(label) is not None:
            return [Passage(label.strip(), (Paragraph(text.strip()),))]
        return []
    rows = [row for row in block.rows if any(cell.strip() for cell in row)]
    if len(rows) < 1 or min(len(row) for row in rows) < 2:
        return []
    known = sum(1 for row in rows if template.exact_target(row[0]) is not None)
    if known < max(1, _LABELLED_SHARE * len(rows)):
        return []
    return [Passage(row[0].strip(), tuple(Paragraph(cell) for cell in row[1:] if cell.strip()))
            for row in rows]


def _labels(blocks) -> list[str]:
    labels = []
    for block in blocks:
        if isinstance(block, Paragraph) and ":" in block.text:
            labels.append(block.text.partition(":")[0])
        elif isinstance(block, Table):
            labels += [row[0] for row in block.rows if len(row) >= 2]
    return labels
