"""Rules every edit to an assessment follows: only editable versions, and never over a newer save.

Each editable row carries `lock_version`. A form carries the lock it was loaded with; a save
whose lock is out of date raises `StaleEdit` with the user's text and the saved text, so the
page can show both and nothing is lost. SQLAlchemy checks the lock again in the UPDATE itself,
which closes the gap between our check and the write.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import contextmanager

from sqlalchemy.orm.exc import StaleDataError

from eia.domain import EDITABLE_STATES, DomainError, VersionStatus
from eia.models.assessments import AssessmentVersion
from eia.services.transaction import unit_of_work

# The lock a form carries for a row that did not exist when its page was loaded. Row locks
# start at 1, so it never matches: a save based on a page opened before someone else's first
# save is refused, not merged.
NEW_ROW_LOCK = 0


class NotEditable(DomainError):
    def __init__(self, version: AssessmentVersion):
        if version.imported:
            super().__init__("This is an imported record of a past assessment: it is kept as "
                             "it was and cannot be changed")
            return
        status = VersionStatus(version.status).label.lower()
        super().__init__(f"Version {version.number} is {status}, so it can no longer be changed")


class StaleEdit(DomainError):
    """Someone else saved this part of the assessment after the user loaded it."""

    def __init__(self, mine: dict, theirs: dict, saved_by: str = "", saved_at=None):
        super().__init__(
            "Someone else saved this page after you opened it. Your changes have not been "
            "saved: compare them with the saved version below."
        )
        self.mine, self.theirs = mine, theirs
        self.saved_by, self.saved_at = saved_by, saved_at


def ensure_editable(version: AssessmentVersion) -> None:
    if VersionStatus(version.status) not in EDITABLE_STATES:
        raise NotEditable(version)


def check_lock(row, expected_lock: int | None, mine: dict, theirs: Callable[[], dict]) -> None:
    """Raise StaleEdit when `row` was saved since the user loaded it at `expected_lock`, naming
    who saved it where the row records that (read only then: most saves are not stale)."""
    if row is not None and expected_lock is not None and row.lock_version != expected_lock:
        saved_by = getattr(row, "updated_by", None)
        raise StaleEdit(mine, theirs(), saved_by.name if saved_by else "",
                        getattr(row, "updated_at", None))


@contextmanager
def committing(mine: dict, theirs: Callable[[], dict]):
    """Run the edit as one unit of work; a concurrent save that slipped in becomes StaleEdit."""
    try:
        with unit_of_work():
            yield
    except StaleDataError as error:
        raise StaleEdit(mine, theirs()) from error
