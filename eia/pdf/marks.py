"""The marks printed on every page, saying what kind of document a reader is holding.

A PDF outlives the screen it came from, so its status is on every page, not only the cover:
a practice attempt says it is training, a record imported from the archive says it was signed
off before Due Regard, anything not signed off says so, and a version that a later one
replaced says that.
"""

from __future__ import annotations

from eia.domain import VersionStatus
from eia.models.assessments import AssessmentVersion

DRAFT = "DRAFT — not signed off"
SUPERSEDED = "SUPERSEDED"
TRAINING = "TRAINING — practice only"
IMPORTED = "IMPORTED RECORD — signed off before Due Regard"


def mark_for(version: AssessmentVersion) -> str | None:
    """The mark for `version`, or None for a signed-off version still in force."""
    if version.is_training:
        return TRAINING
    if version.imported:
        return IMPORTED
    if version.status == VersionStatus.SIGNED_OFF:
        return None
    if version.status == VersionStatus.SUPERSEDED:
        return SUPERSEDED
    return DRAFT


def mark_explanation(version: AssessmentVersion) -> str | None:
    """One sentence for the cover saying what the mark means for this version."""
    mark = mark_for(version)
    if mark == TRAINING:
        return ("This is a practice attempt at a fictional training scenario. It is not an "
                "assessment of any real proposal and must never be relied on as one.")
    if mark == IMPORTED:
        return ("This is a record of a past assessment, completed and signed off before Due "
                "Regard and imported from the organisation’s archive. Its original sign-off "
                "is printed as recorded, under “The record as it was”.")
    if mark == SUPERSEDED:
        newer = [v.number for v in version.assessment.versions if v.number > version.number]
        later = f"version {newer[-1]}" if newer else "a later version"
        return (f"This version was replaced by {later}. Do not rely on it for a decision; "
                "use the current version.")
    if mark == DRAFT:
        return (f"This version is {_status_words(version)} and has not been signed off. "
                "It must not be relied on as the organisation’s assessment.")
    return None


def _status_words(version: AssessmentVersion) -> str:
    return {
        VersionStatus.DRAFT: "a draft",
        VersionStatus.IN_REVIEW: "with an equality reviewer",
        VersionStatus.CHANGES_REQUESTED: "back with its authors for changes",
        VersionStatus.AWAITING_SIGN_OFF: "awaiting sign-off",
        VersionStatus.WITHDRAWN: "withdrawn",
    }.get(VersionStatus(version.status), "not final")
