"""Read a Word document into the canonical document, with the mapping it used and the rest.

`read_docx` opens the file, picks the template whose headings match best, cuts the document
into passages, maps each passage's heading to a target, and places the passages. The mapping
comes back beside the document so that a person can correct it before anything is saved;
`apply_mapping` places the same passages again under the corrected mapping.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from eia.archive import targets
from eia.archive.passages import Source, cut, score
from eia.archive.placing import ImportedText, Placement, Signatory, place_all
from eia.archive.source import DEFAULT_MAX_BYTES, count_words, read_blocks
from eia.archive.templates import Template, TemplateError, load_templates
from eia.framework import Framework


@dataclass(frozen=True)
class MappingEntry:
    """One passage of the source and where it goes: a line of the mapping a page shows."""

    position: int  # the passage's place in the source, which names it in a corrected mapping
    heading: str  # "" for text before the first heading
    target: str  # see eia.archive.targets
    words: int  # words under the heading
    text: str  # the words themselves, for the page to show


@dataclass(frozen=True)
class ReadResult:
    document: dict  # the canonical document (eia.document.schema), ready to be checked
    imported_text: tuple[ImportedText, ...]  # everything the document has no place for
    mapping: tuple[MappingEntry, ...]
    template_name: str
    source: Source  # give it back to apply_mapping with a corrected mapping
    placements: tuple[Placement, ...]  # what went into the document, as the source wrote it
    sign_off: tuple[Signatory, ...]  # the original sign-off, as recorded in the source


def read_docx(data: bytes, framework: Framework, templates: Iterable[Template] | None = None,
              *, filename: str = "document.docx",
              max_bytes: int = DEFAULT_MAX_BYTES) -> ReadResult:
    """Read a .docx file with the best-matching template (the shipped ones by default). The
    file itself, under `filename` made safe, is the document's last source of evidence.

    A template's rule whose target `framework` lacks is passed over, and the headings it
    names are kept as imported text. Raises DocumentUnreadable (a DomainError) for a file
    that is not a Word document or is too large.
    """
    templates = tuple(template.fitted(framework) for template in
                      (load_templates() if templates is None else templates))
    if not templates:
        raise TemplateError("There is no template to read Word documents with.")
    raw = read_blocks(data, filename=filename, max_bytes=max_bytes)
    # max() keeps the first of equals, so the order templates are given in breaks a tie.
    best = max(templates, key=lambda template: score(raw, template))
    source = cut(raw, best)
    chosen = [best.target_of(passage.heading) or targets.IMPORTED
              for passage in source.passages]
    return _result(source, chosen, framework)


def apply_mapping(source: Source, mapping: Sequence[MappingEntry | tuple[int, str]],
                  framework: Framework) -> ReadResult:
    """Place `source` again with a corrected mapping: entries (or (position, target) pairs)
    for some or all passages; a passage left out is kept as imported text.

    Raises UnknownTarget (a DomainError) for a target `framework` does not have, and
    ValueError for a position that is not a passage of `source`.
    """
    chosen = [targets.IMPORTED] * len(source.passages)
    for entry in mapping:
        position, target = ((entry.position, entry.target) if isinstance(entry, MappingEntry)
                            else entry)
        if not 0 <= position < len(source.passages):
            raise ValueError(f"No passage at position {position}.")
        targets.check(target, framework)
        chosen[position] = target
    return _result(source, chosen, framework)


def _result(source: Source, chosen: list[str], framework: Framework) -> ReadResult:
    placed = place_all(source, chosen, framework)
    mapping = tuple(MappingEntry(position, passage.heading, target, passage.words, passage.text)
                    for position, (passage, target) in enumerate(zip(source.passages, chosen,
                                                                     strict=True)))
    return ReadResult(
        document=placed.document(" ".join(source.title.split())[:300], source.original),
        imported_text=tuple(placed.imported),
        mapping=mapping,
        template_name=source.template.name,
        source=source,
        placements=tuple(placed.placements),
        sign_off=tuple(placed.signatories),
    )


def words_in_source(source: Source) -> int:
    """Words in the document's text: every paragraph and table cell, headings and row labels
    apart (they are what the mapping shows)."""
    return source.words


def words_in_result(result: ReadResult) -> int:
    """Words placed in the document (as the source wrote them, table column headings
    included) and words kept as imported text: equal to `words_in_source` when nothing is
    lost."""
    return (sum(count_words(p.text) for p in result.placements)
            + sum(count_words(kept.text) for kept in result.imported_text))
