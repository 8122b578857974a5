"""The rules a scenario file must follow, checked while the model is built from it.

Facilitators will edit scenarios by hand, so, as with the question framework, one pass reports
every mistake with the exact key at fault (`evidence[2].table.rows[3]: ...`). This module
checks the scenario around the answer: its identity and level, the organisation and place,
the practice assessment's control details and extra groups (which must be the framework's),
the evidence pack and the facilitator notes. The model answer has its own checker
(`eia.training.answer_checker`). Unknown keys are errors, because a misspelt optional key
would otherwise be silently ignored.
"""

from __future__ import annotations

import re

from eia.framework import Framework
from eia.training.answer_checker import ModelAnswerChecker
from eia.training.reading import TomlReader, at
from eia.training.scenario_model import (
    ASSESSMENT_TYPES,
    EVIDENCE_KINDS,
    LEVELS,
    NATIONS,
    EvidenceItem,
    EvidenceTable,
    FacilitatorNotes,
    LawNote,
    Organisation,
    Place,
    PracticeAssessment,
    Scenario,
    TimingStep,
)

# The extra group a strategic decision always covers (as AssessmentVersion does).
SOCIO_ECONOMIC = "socio_economic"
# Scenario ids end up in URLs and in the database beside each attempt.
SCENARIO_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,59}")
EVIDENCE_KEY = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,19}")
TOP_LEVEL_KEYS = {"id", "version", "title", "level", "summary", "minutes", "brief",
                  "learning_objectives", "organisation", "assessment", "evidence",
                  "model_answer", "facilitator"}


class ScenarioChecker:
    """Builds a `Scenario` from parsed TOML, collecting every problem in `errors` on the way.

    Checks run against `framework`, the one trainees will practise on. Use a new checker for
    each file.
    """

    def __init__(self, framework: Framework) -> None:
        self.framework = framework
        self.read = TomlReader()

    @property
    def errors(self) -> list[str]:
        return self.read.errors

    def scenario(self, data: dict) -> Scenario:
        """The scenario, checked in the order its keys appear in a file."""
        read = self.read
        read.known_keys(data, "", TOP_LEVEL_KEYS)
        sid = read.string(data, "id", "")
        if sid and not SCENARIO_ID.fullmatch(sid):
            read.error("id", "must be lower-case letters, digits and hyphens, starting with a "
                       f"letter or digit, at most 60 long (got {sid!r})")
        version = read.integer(data, "version", "", 1, 10_000)
        title = read.string(data, "title", "")
        level = read.choice(data, "level", "", LEVELS)
        summary = read.string(data, "summary", "")
        minutes = read.integer(data, "minutes", "", 10, 600)
        brief = read.strings(data, "brief", "", required=True)
        if len(brief) == 1:
            read.error("brief", "must have at least two paragraphs (one string each)")
        objectives = read.strings(data, "learning_objectives", "", required=True)
        organisation = self.organisation(read.table(data, "organisation", ""))
        assessment = self.assessment(read.table(data, "assessment", ""))
        evidence = self.evidence(read.rows(data, "evidence", ""))
        answers = ModelAnswerChecker(
            read, self.framework,
            covered=tuple(g.id for g in self.framework.protected_groups)
            + assessment.extra_groups,
            evidence_keys={item.key for item in evidence},
            decision_in_days=assessment.decision_in_days)
        scenario = Scenario(
            id=sid, version=version, title=title, level=level, summary=summary,
            minutes=minutes, organisation=organisation, brief=brief,
            learning_objectives=objectives, assessment=assessment, evidence=evidence,
            model_answer=answers.model_answer(read.table(data, "model_answer", "")),
            facilitator=self.facilitator(read.table(data, "facilitator", ""), minutes))
        answers.points_satisfied(scenario)
        return scenario

    def organisation(self, data: dict) -> Organisation:
        read, path = self.read, "organisation"
        read.known_keys(data, path, {"name", "kind", "nation", "place"})
        place, place_path = read.table(data, "place", path), at(path, "place")
        read.known_keys(place, place_path, {"name", "population", "rurality", "deprivation",
                                            "transport"})
        return Organisation(
            name=read.string(data, "name", path), kind=read.string(data, "kind", path),
            nation=read.choice(data, "nation", path, NATIONS),
            place=Place(name=read.string(place, "name", place_path),
                        population=read.integer(place, "population", place_path, 1,
                                                20_000_000),
                        rurality=read.string(place, "rurality", place_path),
                        deprivation=read.string(place, "deprivation", place_path),
                        transport=read.string(place, "transport", place_path)))

    def assessment(self, data: dict) -> PracticeAssessment:
        read, path = self.read, "assessment"
        read.known_keys(data, path, {"title", "type", "decision_maker", "decision_forum",
                                     "decision_in_days", "work_started_days_ago",
                                     "extra_groups", "strategic_decision"})
        extras = [g.id for g in self.framework.extra_groups]
        chosen = read.choices(data, "extra_groups", path, extras)
        strategic = bool(read.value(data, "strategic_decision", path, bool, False))
        if strategic and SOCIO_ECONOMIC in extras and SOCIO_ECONOMIC not in chosen:
            read.error(at(path, "extra_groups"), f"a strategic decision always covers "
                       f"{SOCIO_ECONOMIC!r}, so the model answer needs it: add it here")
        return PracticeAssessment(
            title=read.string(data, "title", path),
            assessment_type=read.choice(data, "type", path, ASSESSMENT_TYPES),
            decision_maker=read.string(data, "decision_maker", path),
            decision_forum=read.string(data, "decision_forum", path),
            decision_in_days=read.integer(data, "decision_in_days", path, 1, 730),
            work_started_days_ago=read.integer(data, "work_started_days_ago", path, 0, 730),
            # In the framework's order, so every page lists the groups the same way.
            extra_groups=tuple(g for g in extras if g in chosen),
            strategic_decision=strategic)

    def evidence(self, rows: list) -> tuple[EvidenceItem, ...]:
        read, items, keys = self.read, [], {}
        for path, data in rows:
            read.known_keys(data, path, {"key", "title", "kind", "period", "shows", "table"})
            key = read.string(data, "key", path)
            if key and not EVIDENCE_KEY.fullmatch(key):
                read.error(at(path, "key"), "must be a letter then letters, digits, hyphens or "
                           f"underscores, at most 20 long (got {key!r})")
            read.unique(keys, key, at(path, "key"), "key")
            table = None
            if "table" in data:
                table = self.evidence_table(read.table(data, "table", path), at(path, "table"))
            items.append(EvidenceItem(
                key=key, title=read.string(data, "title", path),
                kind=read.choice(data, "kind", path, EVIDENCE_KINDS),
                period=read.string(data, "period", path),
                shows=read.string(data, "shows", path), table=table))
        return tuple(items)

    def evidence_table(self, data: dict, path: str) -> EvidenceTable:
        read = self.read
        read.known_keys(data, path, {"caption", "columns", "rows"})
        columns = read.strings(data, "columns", path, required=True)
        rows = read.value(data, "rows", path, list, None)
        if rows is None and "rows" not in data:
            read.error(at(path, "rows"), "is required")
        elif rows == []:
            read.error(at(path, "rows"), "must list at least one row")
        cells = []
        for i, row in enumerate(rows or []):
            where = f"{at(path, 'rows')}[{i}]"
            if not isinstance(row, list) or not all(isinstance(c, str) for c in row):
                read.error(where, "must be a list of cells, each text in quotes")
                continue
            if columns and len(row) != len(columns):
                read.error(where, f"has {len(row)} cells but there are {len(columns)} columns")
            cells.append(tuple(c.strip() for c in row))
        return EvidenceTable(caption=read.string(data, "caption", path), columns=columns,
                             rows=tuple(cells))

    def facilitator(self, data: dict, minutes: int) -> FacilitatorNotes:
        read, path = self.read, "facilitator"
        read.known_keys(data, path, {"timings", "discussion_prompts", "common_mistakes", "law",
                                     "harder_variant"})
        timings = []
        for step_path, step in read.rows(data, "timings", path):
            read.known_keys(step, step_path, {"minutes", "activity"})
            timings.append(TimingStep(read.integer(step, "minutes", step_path, 1, 600),
                                      read.string(step, "activity", step_path)))
        total = sum(step.minutes for step in timings)
        if timings and total != minutes:
            read.error(at(path, "timings"), f"add up to {total} minutes but the scenario takes "
                       f"{minutes} (the top-level minutes)")
        law = []
        for note_path, note in read.rows(data, "law", path):
            read.known_keys(note, note_path, {"reference", "point"})
            law.append(LawNote(read.string(note, "reference", note_path),
                               read.string(note, "point", note_path)))
        return FacilitatorNotes(
            timings=tuple(timings),
            discussion_prompts=read.strings(data, "discussion_prompts", path, required=True),
            common_mistakes=read.strings(data, "common_mistakes", path, required=True),
            law=tuple(law), harder_variant=read.string(data, "harder_variant", path))
