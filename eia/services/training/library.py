"""The scenario library: the shipped scenarios and the organisation's own copies.

Shipped scenarios are files, read-only and checked when the application starts. A facilitator
makes the organisation's own scenarios by copying one (duplicate), editing its TOML text, or
importing a file; each save is a new version, checked in full first (every problem listed by
key, nothing saved unless all is well). Any scenario can be retired, which stops new attempts
and leaves the attempts already made as they were.

A shipped scenario gets a database row only when something needs one (an attempt, a copy,
retiring it), so reading the library never writes.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache

from flask import Flask
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from eia import audit
from eia.domain import DomainError
from eia.extensions import db
from eia.kept import Kept
from eia.models.training import PracticeScenario, PracticeScenarioVersion
from eia.models.types import utcnow
from eia.models.users import User
from eia.services.transaction import use_case
from eia.training.scenario import (
    SCENARIOS_DIR,
    Scenario,
    ScenarioError,
    parse_scenario,
    shipped_scenarios,
)
from eia.training.scenario_text import with_top_level

# A scenario file is a few dozen kilobytes; this is generous, and stops a page or an upload
# from holding megabytes of text.
MAX_SCENARIO_CHARACTERS = 200_000


class ScenarioNotFound(DomainError):
    def __init__(self, key: str):
        super().__init__(f"There is no scenario ‘{key}’ in the library")


def init_app(app: Flask) -> None:
    """Check every shipped scenario at start-up: a broken file stops the application, with
    every problem listed by key."""
    shipped_scenarios()


@lru_cache(maxsize=128)
def scenario_from_source(source: str, label: str = "<saved scenario>") -> Scenario:
    """A stored scenario text, parsed and checked once per process. ScenarioError if invalid."""
    return parse_scenario(source, label)


def stored_scenario(stored: PracticeScenarioVersion) -> Scenario:
    """A stored scenario text, parsed.

    A stored text never changes, so it is keyed by its SHA-256: each process parses it once,
    and reads the text itself (deferred) only then. Every page of a practice attempt asks.
    """
    key = stored.scenario.key
    return _stored.get((stored.sha256, key), lambda: scenario_from_source(stored.source, key))


# Parsed stored texts by SHA-256 and scenario key.
_stored: Kept[Scenario] = Kept(limit=128)


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@lru_cache(maxsize=1)
def _shipped() -> dict[str, tuple[Scenario, str]]:
    """Each shipped scenario and its file's text, by key, in the library's order."""
    return {scenario.id: (scenario, (SCENARIOS_DIR / f"{scenario.id}.toml").read_text("utf-8"))
            for scenario in shipped_scenarios()}


@dataclass(frozen=True)
class Entry:
    """One scenario of the library, as it stands now."""

    key: str
    scenario: Scenario  # the latest text, parsed
    source: str  # the latest text
    shipped: bool
    row: PracticeScenario | None  # None for a shipped scenario nothing has used yet

    @property
    def title(self) -> str:
        return self.scenario.title

    @property
    def retired(self) -> bool:
        return self.row is not None and self.row.retired

    @property
    def number(self) -> int:
        return self.scenario.version

    @property
    def versions(self) -> list[PracticeScenarioVersion]:
        return list(self.row.versions) if self.row else []

    @property
    def based_on(self) -> str:
        return self.row.based_on if self.row else ""

    @property
    def filename(self) -> str:
        return f"{self.key}.toml"


def _with_versions():
    """Scenario rows with their versions and the versions' texts, which entries carry."""
    return selectinload(PracticeScenario.versions).undefer(PracticeScenarioVersion.source)


def _rows() -> dict[str, PracticeScenario]:
    return {row.key: row for row in db.session.scalars(
        select(PracticeScenario).options(_with_versions()))}


def _own_entry(row: PracticeScenario) -> Entry:
    latest = row.latest
    return Entry(row.key, scenario_from_source(latest.source, row.key), latest.source, False, row)


def list_library(*, include_retired: bool = False) -> list[Entry]:
    """The shipped scenarios (introductory first), then the organisation's own, by title."""
    rows = _rows()
    shipped = [Entry(key, scenario, source, True, rows.get(key))
               for key, (scenario, source) in _shipped().items()]
    own = sorted((_own_entry(row) for row in rows.values() if not row.shipped and row.versions),
                 key=lambda entry: entry.title.lower())
    return [entry for entry in (*shipped, *own) if include_retired or not entry.retired]


def get_entry(key: str) -> Entry | None:
    """The scenario with this key, retired or not; None when there is none."""
    row = db.session.scalar(select(PracticeScenario).where(PracticeScenario.key == key)
                            .options(_with_versions()))
    if key in _shipped():
        scenario, source = _shipped()[key]
        return Entry(key, scenario, source, True, row)
    if row is None or not row.versions:
        return None
    return _own_entry(row)


def _entry_or_raise(key: str) -> Entry:
    entry = get_entry(key)
    if entry is None:
        raise ScenarioNotFound(key)
    return entry


def _row_for(entry: Entry) -> PracticeScenario:
    """The entry's row, made for a shipped scenario the first time one is needed (no commit)."""
    if entry.row is not None:
        return entry.row
    row = PracticeScenario(key=entry.key, shipped=True)
    db.session.add(row)
    db.session.flush()
    return row


def stored_version(entry: Entry, actor: User | None = None) -> PracticeScenarioVersion:
    """The stored copy of the entry's current text, kept the first time it is used (no
    commit): attempts point at it, so they can always be marked against what they answered."""
    row = _row_for(entry)
    digest = _sha256(entry.source)
    for version in row.versions:
        if version.sha256 == digest:
            return version
    version = PracticeScenarioVersion(scenario=row, number=entry.number, source=entry.source,
                                      sha256=digest, saved_by_id=getattr(actor, "id", None))
    db.session.add(version)
    db.session.flush()
    return version


def _free_key(base: str) -> str:
    taken = set(_shipped()) | set(db.session.scalars(select(PracticeScenario.key)))
    candidate, number = f"{base}-copy", 2
    while candidate in taken:
        candidate, number = f"{base}-copy-{number}", number + 1
    return candidate


def _key_problem(scenario: Scenario) -> str | None:
    """Why a new scenario of the organisation's own cannot take this id, or None."""
    if scenario.id in _shipped():
        return (f"id: ‘{scenario.id}’ is the id of a scenario shipped with Due Regard; give "
                "your scenario an id of its own")
    return None


def normalised(text: str) -> str:
    """Text as stored: browsers send a text area's lines ending in CR LF; files may too."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _checked(text: str, label: str) -> Scenario:
    if len(text) > MAX_SCENARIO_CHARACTERS:
        raise ScenarioError([f"the text is longer than {MAX_SCENARIO_CHARACTERS:,} characters"],
                            label)
    return scenario_from_source(text, label)


def _add_version(row: PracticeScenario, text: str, actor: User) -> PracticeScenarioVersion:
    version = PracticeScenarioVersion(scenario=row, number=_checked(text, row.key).version,
                                      source=text, sha256=_sha256(text), saved_by_id=actor.id)
    db.session.add(version)
    db.session.flush()
    return version


@use_case
def duplicate_scenario(facilitator: User, key: str) -> PracticeScenario:
    """Make the organisation's own copy of a scenario, version 1, with an id of its own."""
    entry = _entry_or_raise(key)
    new_key = _free_key(entry.key)
    text = with_top_level(with_top_level(entry.source, "id", new_key), "version", 1)
    _checked(text, new_key)
    row = PracticeScenario(key=new_key, shipped=False, based_on=entry.key,
                           created_by_id=facilitator.id)
    db.session.add(row)
    _add_version(row, text, facilitator)
    audit.record("scenario.duplicated", actor=facilitator, object_type="scenario",
                 object_id=new_key, details={"from": entry.key, "from_version": entry.number})
    return row


def _next_text(row: PracticeScenario, text: str) -> str:
    """The text as the next version of `row`: numbered after the latest, and refused when it
    would change nothing."""
    latest = row.latest
    if with_top_level(text, "version", latest.number) == latest.source:
        raise DomainError("You have not changed anything, so there is no new version to save")
    return with_top_level(text, "version", latest.number + 1)


@use_case
def save_scenario(facilitator: User, key: str, text: str) -> PracticeScenarioVersion:
    """Save edited TOML text as the next version of one of the organisation's own scenarios.

    Raises ScenarioError listing every problem (nothing is saved), DomainError for a shipped
    scenario (copy it first) or for text that changes nothing.
    """
    entry = _entry_or_raise(key)
    if entry.shipped:
        raise DomainError("Scenarios shipped with Due Regard cannot be changed: make a copy "
                          "and change that")
    text = _next_text(entry.row, normalised(text))
    scenario = _checked(text, key)
    if scenario.id != key:
        raise ScenarioError([f"id: must stay ‘{key}’, this scenario’s id (got "
                             f"‘{scenario.id}’); to make a new scenario, duplicate this one"],
                            key)
    version = _add_version(entry.row, text, facilitator)
    audit.record("scenario.saved", actor=facilitator, object_type="scenario", object_id=key,
                 details={"version": version.number})
    return version


@use_case
def import_scenario(facilitator: User, text: str, filename: str) -> PracticeScenarioVersion:
    """Add a scenario file to the library: a new scenario of the organisation's own, or a new
    version of one it already has with the same id. ScenarioError lists every problem."""
    text = normalised(text)
    scenario = _checked(text, filename)
    problem = _key_problem(scenario)
    if problem:
        raise ScenarioError([problem], filename)
    row = db.session.scalar(select(PracticeScenario).where(PracticeScenario.key == scenario.id))
    if row is None:
        row = PracticeScenario(key=scenario.id, shipped=False, created_by_id=facilitator.id)
        db.session.add(row)
    else:
        text = _next_text(row, text)
    version = _add_version(row, text, facilitator)
    audit.record("scenario.imported", actor=facilitator, object_type="scenario",
                 object_id=scenario.id, details={"version": version.number,
                                                 "filename": filename[:200]})
    return version


def _set_retired(facilitator: User, key: str, retired: bool) -> Entry:
    entry = _entry_or_raise(key)
    if entry.retired == retired:
        raise DomainError(f"‘{entry.title}’ is already {'retired' if retired else 'in use'}")
    row = _row_for(entry)
    row.retired_at = utcnow() if retired else None
    row.retired_by_id = facilitator.id if retired else None
    audit.record("scenario.retired" if retired else "scenario.restored", actor=facilitator,
                 object_type="scenario", object_id=key)
    return entry


@use_case
def retire_scenario(facilitator: User, key: str) -> Entry:
    """Stop new attempts at a scenario; attempts already made keep it."""
    return _set_retired(facilitator, key, True)


@use_case
def restore_scenario(facilitator: User, key: str) -> Entry:
    """Offer a retired scenario to trainees again."""
    return _set_retired(facilitator, key, False)
