"""The collections an assessment holds besides its answers: evidence, engagement and actions."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether

from eia.framework import is_blank
from eia.models.assessments import ActionStatus
from eia.pdf import styles
from eia.pdf.blocks import data_table, key_facts, labelled_text
from eia.pdf.reading import Reading
from eia.pdf.text import para, paragraphs


def evidence_flowables(reading: Reading) -> list[Flowable]:
    sources = sorted(reading.version.evidence, key=lambda source: source.id)
    if not sources:
        return [para("No evidence has been added.", styles.NOT_ANSWERED)]
    parts: list[Flowable] = []
    for source in sources:
        key = reading.evidence_keys[source.id]
        facts = [reading.kind_label(source.kind)]
        if source.period:
            facts.append(source.period)
        head = [para(f"{key}  {source.title}", styles.H2),
                para(" · ".join(facts), styles.SMALL)]
        body: list[Flowable] = []
        if not is_blank(source.summary):
            body += labelled_text("What it shows", source.summary)
        # Addresses and file names are printed as text: the builder never follows or opens them.
        if source.url:
            body += labelled_text("Link", source.url)
        if source.file is not None:
            body += labelled_text("Attached file", f"{source.file.filename} "
                                                   f"({_size(source.file.size)})")
        parts += [KeepTogether(head + body[:2]), *body[2:]]
    return parts


def _size(size: int) -> str:
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def engagement_flowables(reading: Reading) -> list[Flowable]:
    activities = sorted(reading.version.engagements, key=lambda row: row.id)
    if not activities:
        return [para("No engagement has been recorded.", styles.NOT_ANSWERED)]
    parts: list[Flowable] = []
    for number, activity in enumerate(activities, start=1):
        heading = para(f"Engagement {number}: {_first_line(activity.who)}", styles.H2)
        facts = key_facts([
            ("Who", activity.who or "Not given"),
            ("When", activity.when or "Not given"),
            ("How", activity.how or "Not given"),
            ("What they said", activity.what_they_said or "Not given"),
            ("What changed as a result", activity.what_changed or "Not given"),
        ], key_width=44 * mm)
        parts += [KeepTogether([heading]), facts]
    return parts


def _first_line(text: str, limit: int = 90) -> str:
    line = " ".join((text or "").split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def action_flowables(reading: Reading) -> list[Flowable]:
    actions = sorted(reading.version.actions, key=lambda action: action.id)
    if not actions:
        return [para("No actions have been added.", styles.NOT_ANSWERED)]
    rows = []
    for number, action in enumerate(actions, start=1):
        what: list[Flowable] = paragraphs(action.description, styles.CELL)
        if not is_blank(action.success_measure):
            what.append(para(f"Success measure: {action.success_measure}", styles.CELL_SMALL))
        groups = ", ".join(reading.group_name(g) for g in action.groups) or "None named"
        rows.append([
            para(str(number), styles.CELL),
            what,
            para(groups, styles.CELL),
            para(action.owner or "Not named", styles.CELL),
            para(reading.date(action.due_date), styles.CELL),
            para(_status(action.status), styles.CELL),
        ])
    return [data_table(["#", "Action and how success is measured", "Groups", "Owner", "Due",
                        "Status"], rows, [0.05, 0.38, 0.17, 0.16, 0.13, 0.11])]


def _status(status: str) -> str:
    try:
        return ActionStatus(status).label
    except ValueError:
        return status
