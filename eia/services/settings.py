"""The administrator's settings page as one use case, and the training requirement it holds.

The extra groups new assessments consider belong to the framework (`eia.services.frameworks`);
whether someone must first practise competently before starting a live assessment is kept
here. Saving the page changes both in one transaction, each change audited.
"""

from __future__ import annotations

import json

from eia import audit
from eia.extensions import db
from eia.models.settings import Setting
from eia.models.users import User
from eia.services import frameworks
from eia.services.transaction import use_case

PRACTICE_REQUIRED_SETTING = "competent_practice_required"


def practice_required() -> bool:
    """Whether a competent practice attempt must come before a live assessment (off unless an
    administrator turns it on)."""
    setting = db.session.get(Setting, PRACTICE_REQUIRED_SETTING)
    return setting is not None and json.loads(setting.value) is True


@use_case
def save_settings(admin: User, *, extra_groups: list[str], practice_is_required: bool) -> None:
    """Save the settings page: the extra groups, and the practice requirement."""
    frameworks.set_enabled_extra_groups(admin, extra_groups)
    before = practice_required()
    if before == practice_is_required:
        return
    setting = db.session.get(Setting, PRACTICE_REQUIRED_SETTING) or Setting(
        key=PRACTICE_REQUIRED_SETTING)
    setting.value = json.dumps(practice_is_required)
    db.session.add(setting)
    audit.record("settings.practice_requirement_changed", actor=admin, object_type="setting",
                 object_id=PRACTICE_REQUIRED_SETTING,
                 details={"before": before, "after": practice_is_required})
