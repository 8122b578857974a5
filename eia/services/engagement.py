"""Adding, changing and removing the engagement activities of an assessment version.

An activity records who was engaged or consulted, when and how, what they said and what changed
as a result. Every change puts the engagement section back "in progress" and writes an audit
event.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from eia.extensions import db
from eia.models.assessments import AssessmentVersion, Engagement
from eia.models.users import User
from eia.services import audit, sections
from eia.services.editing import check_lock, committing, ensure_editable

SECTION_ID = "engagement"


@dataclass(frozen=True)
class EngagementDetails:
    who: str
    when: str
    how: str
    what_they_said: str
    what_changed: str


def add_engagement(editor: User, version: AssessmentVersion,
                   details: EngagementDetails) -> Engagement:
    """Record an engagement activity on `version`."""
    ensure_editable(version)
    activity = Engagement(version=version)
    _apply(activity, details)
    db.session.add(activity)
    db.session.flush()
    sections.reopen_section(editor, version, SECTION_ID)
    _record("assessment.engagement_added", editor, version, activity)
    db.session.commit()
    return activity


def change_engagement(editor: User, version: AssessmentVersion, activity: Engagement,
                      details: EngagementDetails, *, expected_lock: int | None) -> None:
    """Change an activity. Raises StaleEdit when someone else saved it after the user opened
    it."""
    ensure_editable(version)
    mine = asdict(details)
    check_lock(activity, expected_lock, mine, lambda: _saved(activity))
    with committing(mine, lambda: _saved(activity)):
        _apply(activity, details)
        sections.reopen_section(editor, version, SECTION_ID)
        _record("assessment.engagement_changed", editor, version, activity)


def remove_engagement(editor: User, version: AssessmentVersion, activity: Engagement, *,
                      expected_lock: int | None) -> None:
    """Remove an activity. Raises StaleEdit when someone else changed it after the user opened
    the confirmation page."""
    ensure_editable(version)
    check_lock(activity, expected_lock, {}, dict)
    with committing({}, dict):
        _record("assessment.engagement_removed", editor, version, activity)
        version.engagements.remove(activity)
        db.session.delete(activity)
        sections.reopen_section(editor, version, SECTION_ID)


def _apply(activity: Engagement, details: EngagementDetails) -> None:
    for name, value in asdict(details).items():
        setattr(activity, name, value.strip())


def _saved(activity: Engagement) -> dict:
    return {name: getattr(activity, name) for name in EngagementDetails.__dataclass_fields__}


def _record(action: str, editor: User, version: AssessmentVersion,
            activity: Engagement) -> None:
    audit.record_for_version(action, editor, version, engagement_id=activity.id,
                             who=activity.who[:200])
