"""The registers as CSV: the filtered register and the open actions of its assessments.

The staff register's export links and the API's export call the same functions with the same
filter, so a CSV holds exactly what the list shows (every page of it). Lines are generated as
rows are read, a batch at a time, so a large export never sits whole in memory.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from eia.domain import ActionStatus, AssessmentType, label_of
from eia.exports import csv_lines
from eia.extensions import db
from eia.models.assessments import Action, Assessment, AssessmentVersion
from eia.registers import RegisterFilter, iter_register, matching

REGISTER_HEADINGS = ("Reference", "Version", "Title", "Status", "Kind of proposal",
                     "Directorate or team", "Lead officer", "Expected decision date", "Outcome",
                     "Review date", "Tags", "Last changed (UTC)")
ACTION_HEADINGS = ("Reference", "Assessment", "Action", "Owner", "Due date", "Status",
                   "How success will be measured")


def register_csv(user, chosen: RegisterFilter, today: date,
                 outcomes: Mapping[str, str]) -> Iterator[str]:
    """The filtered register as CSV lines; `outcomes` gives each outcome's words."""
    rows = ((row.reference, row.number, row.title, row.status_label,
             label_of(AssessmentType, row.kind), row.unit or "", row.lead_officer,
             row.decision_date.isoformat() if row.decision_date else "",
             outcomes.get(row.outcome, row.outcome or ""),
             row.review_date.isoformat() if row.review_date else "", "; ".join(row.tags),
             row.updated_at.strftime("%Y-%m-%d %H:%M"))
            for row in iter_register(user, chosen, today))
    return csv_lines(REGISTER_HEADINGS, rows)


@dataclass(frozen=True)
class OpenAction:
    reference: str
    title: str
    description: str
    owner: str
    due_date: date | None
    status: str
    success_measure: str

    @property
    def status_label(self) -> str:
        return label_of(ActionStatus, self.status)


def iter_open_actions(user, chosen: RegisterFilter, today: date,
                      batch: int = 500) -> Iterator[OpenAction]:
    """Every action not yet done in the latest version of the filtered assessments, soonest
    due first (undated last)."""
    versions = matching(user, chosen, today).scalar_subquery()
    query = (select(Assessment.reference, AssessmentVersion.title, Action.description,
                    Action.owner, Action.due_date, Action.status, Action.success_measure)
             .join(AssessmentVersion, AssessmentVersion.id == Action.version_id)
             .join(Assessment, Assessment.id == AssessmentVersion.assessment_id)
             .where(Action.version_id.in_(versions), Action.status != ActionStatus.DONE.value)
             .order_by(Action.due_date.is_(None), Action.due_date, Action.id))
    offset = 0
    while True:
        rows = db.session.execute(query.offset(offset).limit(batch)).all()
        if not rows:
            return
        yield from (OpenAction(*row) for row in rows)
        offset += batch


def actions_csv(user, chosen: RegisterFilter, today: date) -> Iterator[str]:
    rows = ((a.reference, a.title, a.description, a.owner,
             a.due_date.isoformat() if a.due_date else "", a.status_label, a.success_measure)
            for a in iter_open_actions(user, chosen, today))
    return csv_lines(ACTION_HEADINGS, rows)
