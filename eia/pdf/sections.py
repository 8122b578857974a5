"""Every section of the framework that applies, in framework order, with its answers."""

from __future__ import annotations

from reportlab.platypus import Flowable

from eia.collections import collection_for
from eia.framework import Section
from eia.pdf import styles
from eia.pdf.blocks import answer, section_heading
from eia.pdf.collections import collection_flowables
from eia.pdf.impacts import impact_flowables
from eia.pdf.reading import Reading
from eia.pdf.text import para


def section_flowables(reading: Reading) -> list[Flowable]:
    parts: list[Flowable] = []
    for section in reading.sections:
        parts += _section(reading, section)
    return parts


def _section(reading: Reading, section: Section) -> list[Flowable]:
    parts = section_heading(f"{section.number}. {section.title}", section.summary)
    # A collection comes before the section's own questions, as on the check-answers page:
    # the evidence gaps follow the evidence, the engagement gaps follow the engagement.
    collection = collection_for(section.kind)
    if collection:
        parts += collection_flowables(reading, collection)
    groups = impact_flowables(reading, reading.group_rows(section))
    if section.kind == "impacts":
        parts += groups
    answers = [flowable for question, text, missing in reading.shown(section)
               for flowable in answer(question.label, text, missing=missing)]
    parts += answers
    if groups and section.kind != "impacts":
        # Extra groups in a section of questions (other duties) follow its answers, under a
        # heading of their own, so they are not read as part of the last answer.
        parts += [para("Impact on the other groups", styles.H2), *groups]
    return parts
