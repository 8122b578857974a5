"""The collections an assessment holds besides its answers: evidence, engagement and actions.

Every collection prints from its description (`eia.collections`): a heading per item with each
field as a labelled fact, or, for a collection printed as a table (the action plan), a row per
item with a column per field. Addresses and file names are printed as text: the builder never
follows or opens them.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether

from eia.collections import Collection, FieldKind
from eia.pdf import styles
from eia.pdf.blocks import data_table, key_facts
from eia.pdf.reading import Reading
from eia.pdf.text import para, paragraphs


def collection_flowables(reading: Reading, collection: Collection) -> list[Flowable]:
    items = sorted(collection.items(reading.version), key=lambda item: item.id)
    if not items:
        return [para(f"No {collection.plural} have been added.", styles.NOT_ANSWERED)]
    names = reading.framework.group_names
    if collection.printed_as_table:
        return [_table(collection, items, names)]
    parts: list[Flowable] = []
    for number, item in enumerate(items, start=1):
        facts = [(field.label, field.display(getattr(item, field.name), names) or field.missing)
                 for field in collection.fields]
        if collection.has_file and item.file is not None:
            facts.append(("Attached file", f"{item.file.filename} ({_size(item.file.size)})"))
        heading = para(_one_line(collection.heading_of(item, number)), styles.H2)
        parts += [KeepTogether([heading]), key_facts(facts, key_width=44 * mm)]
    return parts


# How much of the width each kind of short field takes, relative to the others. The field that
# names an item takes a fixed share, and any other long text goes under it in the same cell.
_WEIGHTS = {FieldKind.GROUPS: 1.6, FieldKind.SHORT_TEXT: 1.5, FieldKind.URL: 1.5,
            FieldKind.DATE: 1.2, FieldKind.CHOICE: 1.1}
_NUMBER_WIDTH, _NAME_WIDTH = 0.05, 0.38


def _table(collection: Collection, items: list, names: dict[str, str]) -> Flowable:
    naming, *others = collection.fields
    under = [f for f in others if f.kind is FieldKind.LONG_TEXT]
    columns = [f for f in others if f.kind is not FieldKind.LONG_TEXT]
    weights = [_WEIGHTS[f.kind] for f in columns]
    rest = 1 - _NUMBER_WIDTH - _NAME_WIDTH
    widths = [_NUMBER_WIDTH, _NAME_WIDTH, *(rest * w / sum(weights) for w in weights)]

    def shown(field, item) -> str:
        return field.display(getattr(item, field.name), names) or field.missing

    rows = []
    for number, item in enumerate(items, start=1):
        first: list[Flowable] = paragraphs(shown(naming, item), styles.CELL)
        first += [para(f"{field.label}: {field.display(getattr(item, field.name))}",
                       styles.CELL_SMALL)
                  for field in under if not field.is_blank(getattr(item, field.name))]
        rows.append([para(str(number), styles.CELL), first,
                     *(para(shown(field, item), styles.CELL) for field in columns)])
    return data_table(["#", naming.label, *(f.label for f in columns)], rows, widths)


def _size(size: int) -> str:
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def _one_line(text: str, limit: int = 120) -> str:
    line = " ".join((text or "").split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"
