"""Which question framework is in force, and the snapshots assessments are written against.

The framework file in force is read once when the application starts (a broken file stops
start-up with the errors listed). Each assessment version points at a snapshot of the exact
file it was started with, so changing the file later never breaks a saved assessment.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from flask import Flask, current_app
from sqlalchemy import select

from eia import audit
from eia.extensions import db
from eia.framework import Framework, FrameworkError, parse_framework
from eia.framework.loader import DEFAULT_FRAMEWORK_PATH
from eia.models.assessments import FrameworkSnapshot
from eia.models.settings import Setting
from eia.services.transaction import use_case

EXTRA_GROUPS_SETTING = "enabled_extra_groups"
PRESET_SETTING = "preset"


def init_app(app: Flask) -> None:
    path = Path(app.config.get("EIA_FRAMEWORK") or DEFAULT_FRAMEWORK_PATH)
    try:
        source = path.read_text(encoding="utf-8")
    except OSError as error:
        raise FrameworkError([f"cannot read the file: {error.strerror}"], str(path)) from error
    framework = parse_framework(source, str(path))  # raises FrameworkError naming every fault
    app.extensions["eia_framework"] = (framework, source)


def current_framework() -> Framework:
    return current_app.extensions["eia_framework"][0]


def current_snapshot() -> FrameworkSnapshot:
    """The stored snapshot of the framework in force, created on first use (no commit)."""
    framework, source = current_app.extensions["eia_framework"]
    digest = hashlib.sha256(source.encode()).hexdigest()
    snapshot = db.session.scalar(
        select(FrameworkSnapshot).where(FrameworkSnapshot.sha256 == digest))
    if snapshot is None:
        snapshot = FrameworkSnapshot(framework_id=framework.id, version=framework.version,
                                     sha256=digest, source=source)
        db.session.add(snapshot)
    return snapshot


def enabled_extra_group_ids() -> list[str]:
    """Extra groups switched on for new assessments: the admin's choice, or the defaults."""
    framework = current_framework()
    setting = db.session.get(Setting, EXTRA_GROUPS_SETTING)
    if setting is None:
        return list(framework.default_extra_group_ids)
    chosen = set(json.loads(setting.value))
    return [group.id for group in framework.extra_groups if group.id in chosen]


def enabled_extra_groups_json() -> str:
    return json.dumps(enabled_extra_group_ids())


@use_case
def apply_preset(admin, preset_id: str) -> list[str]:
    """Switch on the extra groups of the framework's preset for new assessments (KeyError for
    an unknown preset); return them."""
    preset = current_framework().preset(preset_id)
    _set_setting(PRESET_SETTING, preset.id)
    set_enabled_extra_groups(admin, list(preset.extra_groups))
    return enabled_extra_group_ids()


def chosen_preset() -> str | None:
    """The preset the administrator last applied, if any."""
    setting = db.session.get(Setting, PRESET_SETTING)
    return json.loads(setting.value) if setting else None


def _set_setting(key: str, value) -> None:
    setting = db.session.get(Setting, key) or Setting(key=key)
    setting.value = json.dumps(value)
    db.session.add(setting)


@use_case
def set_enabled_extra_groups(admin, group_ids: list[str]) -> None:
    """Switch extra groups on or off for assessments started from now on."""
    known = {group.id for group in current_framework().extra_groups}
    chosen = [g for g in group_ids if g in known]
    before = enabled_extra_group_ids()
    _set_setting(EXTRA_GROUPS_SETTING, chosen)
    audit.record("settings.extra_groups_changed", actor=admin, object_type="setting",
                 object_id=EXTRA_GROUPS_SETTING, details={"before": before, "after": chosen})
