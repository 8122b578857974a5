"""Adding, changing and removing the actions of an assessment's action plan.

Every change sends the action plan section back to "in progress" and is audited. Changes and
removals carry the lock the page was loaded with, so nobody overwrites or removes an action
that someone else has changed since.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy.orm.exc import ObjectDeletedError

from eia.extensions import db
from eia.models.assessments import Action, ActionStatus, AssessmentVersion
from eia.models.users import User
from eia.services import audit, sections
from eia.services.editing import check_lock, committing, ensure_editable
from eia.services.frameworks import framework_of
from eia.template_helpers import format_date

# The framework checker guarantees this section, of kind "actions", in every framework file.
SECTION_ID = "action_plan"


@dataclass
class ActionDetails:
    description: str
    groups: list[str] = field(default_factory=list)
    owner: str = ""
    due_date: date | None = None
    success_measure: str = ""
    status: ActionStatus = ActionStatus.PLANNED


def add_action(editor: User, version: AssessmentVersion, details: ActionDetails) -> Action:
    """Add an action to the plan. Raises NotEditable once the version has left its authors."""
    ensure_editable(version)
    action = Action(version=version)
    _apply(action, version, details)
    db.session.add(action)
    sections.reopen_section(editor, version, SECTION_ID)
    db.session.flush()
    _audit("assessment.action_added", editor, version, action)
    db.session.commit()
    return action


def change_action(editor: User, version: AssessmentVersion, action: Action,
                  details: ActionDetails, *, expected_lock: int) -> None:
    """Change an action; StaleEdit when it was saved after the page was loaded."""
    ensure_editable(version)
    mine = _details_dict(version, details)

    def theirs() -> dict:
        return _action_dict(version, action)

    check_lock(action, expected_lock, mine, theirs)
    with committing(mine, theirs):
        _apply(action, version, details)
        sections.reopen_section(editor, version, SECTION_ID)
        _audit("assessment.action_changed", editor, version, action)


def remove_action(editor: User, version: AssessmentVersion, action: Action, *,
                  expected_lock: int) -> None:
    """Remove an action; StaleEdit when it was changed after the confirmation page loaded."""
    ensure_editable(version)

    def theirs() -> dict:
        return _action_dict(version, action)

    mine = {"description": action.description}
    check_lock(action, expected_lock, mine, theirs)
    with committing(mine, theirs):
        _audit("assessment.action_removed", editor, version, action)
        version.actions.remove(action)
        sections.reopen_section(editor, version, SECTION_ID)


def _apply(action: Action, version: AssessmentVersion, details: ActionDetails) -> None:
    action.description = details.description.strip()
    action.groups = _known_groups(version, details.groups)
    action.owner = details.owner.strip()
    action.due_date = details.due_date
    action.success_measure = details.success_measure.strip()
    action.status = details.status.value


def _known_groups(version: AssessmentVersion, group_ids: list[str]) -> list[str]:
    """The version's own groups among `group_ids`, in framework order."""
    chosen = set(group_ids)
    groups = framework_of(version).groups_for(version.enabled_extra_groups)
    return [group.id for group in groups if group.id in chosen]


def _audit(event: str, editor: User, version: AssessmentVersion, action: Action) -> None:
    audit.record_for_version(event, editor, version, action_id=action.id)


def _details_dict(version: AssessmentVersion, details: ActionDetails) -> dict:
    return {
        "description": details.description,
        "groups": _group_names(version, details.groups),
        "owner": details.owner,
        "due_date": format_date(details.due_date, missing=""),
        "success_measure": details.success_measure,
        "status": details.status.label,
    }


def _action_dict(version: AssessmentVersion, action: Action) -> dict:
    try:
        description = action.description  # reloads the saved row after a rollback
    except ObjectDeletedError:  # someone else removed the action meanwhile
        return {}
    return {
        "description": description,
        "groups": _group_names(version, action.groups),
        "owner": action.owner,
        "due_date": format_date(action.due_date, missing=""),
        "success_measure": action.success_measure,
        "status": ActionStatus(action.status).label,
    }


def _group_names(version: AssessmentVersion, group_ids: list[str]) -> list[str]:
    framework = framework_of(version)
    names = {g.id: g.name for g in framework.groups_for(version.enabled_extra_groups)}
    return [names.get(group_id, group_id) for group_id in group_ids]
