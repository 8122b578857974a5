"""Practice scenarios: reading and checking scenario files, and the scenarios shipped.

`load_scenario()` reads and checks a file, `parse_scenario()` checks TOML text held elsewhere
(an organisation's edited copy in the database) and `shipped_scenarios()` is every scenario in
`eia/training/scenarios/`, read once. Each scenario is checked against the question framework
trainees practise on (the default unless another is given). The shapes are in
`eia.training.scenario_model` (re-exported here) and the rules in the checkers; this module
turns their findings into one `ScenarioError` that lists every problem and names the file.
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path

from eia.framework import Framework, default_framework
from eia.training.scenario_checker import ScenarioChecker
from eia.training.scenario_model import (
    LEVELS,
    EvidenceItem,
    EvidenceTable,
    FacilitatorNotes,
    Justification,
    LawNote,
    MarkingPoint,
    ModelAction,
    ModelAnswer,
    ModelImpact,
    ModelOutcome,
    ModelScreening,
    Organisation,
    Place,
    PracticeAssessment,
    Scenario,
    TimingStep,
)

SCENARIOS_DIR = Path(__file__).with_name("scenarios")

__all__ = [
    "SCENARIOS_DIR",
    "EvidenceItem",
    "EvidenceTable",
    "FacilitatorNotes",
    "Justification",
    "LawNote",
    "MarkingPoint",
    "ModelAction",
    "ModelAnswer",
    "ModelImpact",
    "ModelOutcome",
    "ModelScreening",
    "Organisation",
    "Place",
    "PracticeAssessment",
    "Scenario",
    "ScenarioError",
    "TimingStep",
    "load_scenario",
    "parse_scenario",
    "shipped_scenarios",
]


class ScenarioError(ValueError):
    """A scenario that cannot be used.

    `errors` lists every problem as "key: message" (e.g. "model_answer.impacts[3].evidence[1]:
    'E9' is not a key of the evidence pack ..."), `source` is the file path or label, and str()
    gives both, ready to show to the facilitator who wrote the file.
    """

    def __init__(self, errors: list[str], source: str) -> None:
        self.errors = list(errors)
        self.source = source
        listed = "\n".join(f"  - {e}" for e in self.errors)
        count = "1 problem" if len(self.errors) == 1 else f"{len(self.errors)} problems"
        super().__init__(f"Scenario {source} has {count}:\n{listed}")


def parse_scenario(text: str, source: str = "<string>",
                   framework: Framework | None = None) -> Scenario:
    """Check scenario TOML held in memory; `source` names it in error messages.

    Raises ScenarioError if the text is not TOML or breaks any rule of the checkers.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ScenarioError([f"not valid TOML: {exc}"], source) from exc
    checker = ScenarioChecker(framework or default_framework())
    scenario = checker.scenario(data)
    if checker.errors:
        raise ScenarioError(checker.errors, source)
    return scenario


def load_scenario(path: str | Path, framework: Framework | None = None) -> Scenario:
    """Read and check a scenario file. Raises ScenarioError listing every problem."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ScenarioError([f"cannot be read: {exc}"], str(path)) from exc
    return parse_scenario(text, source=str(path), framework=framework)


@lru_cache(maxsize=1)
def shipped_scenarios() -> tuple[Scenario, ...]:
    """Every scenario shipped with the app, introductory first, then by id; read once.

    Each file is named after its scenario's id, so ids are unique and a file is easy to find
    from an error. Raises ScenarioError for the first file that breaks a rule.
    """
    scenarios = []
    for path in sorted(SCENARIOS_DIR.glob("*.toml")):
        scenario = load_scenario(path)
        if scenario.id != path.stem:
            raise ScenarioError([f"id: must be {path.stem!r}, the file’s name, so that every "
                                 f"shipped scenario has its own id (got {scenario.id!r})"],
                                str(path))
        scenarios.append(scenario)
    return tuple(sorted(scenarios, key=lambda s: (LEVELS.index(s.level), s.id)))
