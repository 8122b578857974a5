"""The rules for a scenario's model answer: the part that trainees are marked against.

A model answer is wrong in ways that hurt trainees: a group left out, an outcome the framework
does not offer, a negative impact with no evidence, no mitigation or no word on whether harm
remains, harm left unjustified, an impact not yet known with no action to find out before the
decision (exactly what the quality checks tell live authors off for), or a marking point its
own answer would fail. Each is
reported with its key, as in `model_answer.points[4].look_for[1]: ...`. The last check runs the
model answer through the same matching the marking uses (`eia.training.attempt`), so a scenario
that loads always marks its own answer as complete.
"""

from __future__ import annotations

from eia.framework import OUTCOMES, SCREENING_DECISIONS, Framework
from eia.training.attempt import model_attempt, unmet_keyword_groups
from eia.training.keywords import alternative_problem
from eia.training.reading import TomlReader, at, listed
from eia.training.scenario_model import (
    ACTIONS_FIELD,
    CLAIMED_LEVELS,
    DEFAULT_RELEVANCE,
    FIELD_SHORTHANDS,
    IMPACT_FIELDS,
    IMPACT_LEVELS,
    NEGATIVE_LEVELS,
    RELEVANCE_LEVELS,
    TAGS,
    TEXT_FIELDS,
    AimsText,
    Justification,
    MarkingPoint,
    ModelAction,
    ModelAnswer,
    ModelImpact,
    ModelOutcome,
    ModelScreening,
    Scenario,
)

CONTINUING = "continue_despite_adverse_impact"
PROSE_KEYS = ("engagement", "evidence_gaps", "intersectional", "cumulative", "monitoring")
AIM_KEYS = ("eliminate_discrimination", "advance_equality", "foster_good_relations")
JUSTIFICATION_KEYS = ("legitimate_aim", "necessity", "alternatives", "proportionality")
LOOK_IN_NAMES = (*IMPACT_FIELDS, ACTIONS_FIELD, *TEXT_FIELDS, *FIELD_SHORTHANDS)
PATH = "model_answer"


class ModelAnswerChecker:
    """Builds the `ModelAnswer`, given the groups the attempt covers and the pack's keys."""

    def __init__(self, read: TomlReader, framework: Framework, covered: tuple[str, ...],
                 evidence_keys: set[str], decision_in_days: int) -> None:
        self.read = read
        self.framework = framework
        self.covered = covered
        self.evidence_keys = evidence_keys
        self.decision_in_days = decision_in_days
        # The path of each marking point, and of those with a problem already reported (their
        # model text is not checked, which would only repeat the problem).
        self.point_paths: list[str] = []
        self.unusable: set[str] = set()

    def model_answer(self, data: dict) -> ModelAnswer:
        """The model answer, checked in the order of the assessment form."""
        read = self.read
        read.known_keys(data, PATH, {"screening", "impacts", "aims", "outcome", "actions",
                                     "points", *PROSE_KEYS})
        screening = self.screening(read.table(data, "screening", PATH))
        impacts = self.impacts(read.rows(data, "impacts", PATH))
        prose = {key: read.prose(data, key, PATH) for key in PROSE_KEYS}
        aims, aims_path = read.table(data, "aims", PATH), at(PATH, "aims")
        read.known_keys(aims, aims_path, set(AIM_KEYS))
        aims_text = AimsText(**{key: read.prose(aims, key, aims_path) for key in AIM_KEYS})
        outcome = self.outcome(read.table(data, "outcome", PATH))
        negative = [i.group for i in impacts if i.level in NEGATIVE_LEVELS]
        if outcome.expected == "no_major_change" and negative:
            read.error(at(PATH, "outcome.expected"), "'no_major_change' does not fit the "
                       f"negative impacts the model answer finds ({listed(negative)})")
        remaining = [i.group for i in impacts if i.harm_remains]
        if (remaining and outcome.expected != CONTINUING
                and not outcome.remaining_impact_proportionality):
            read.error(at(PATH, "outcome.remaining_impact_proportionality"), "is required: "
                       f"harm remains after mitigation ({listed(remaining)}), so say why it is "
                       "proportionate")
        actions = self.actions(read.rows(data, "actions", PATH))
        self.unknown_impacts_acted_on(impacts, actions)
        return ModelAnswer(
            screening=screening, impacts=impacts, **prose, aims=aims_text, outcome=outcome,
            actions=actions, points=self.points(read.rows(data, "points", PATH)))

    def unknown_impacts_acted_on(self, impacts, actions) -> None:
        """An impact not yet known needs an action to find out, due by the decision."""
        for i, impact in enumerate(impacts):
            if impact.level == "not_known" and not any(
                    impact.group in a.groups and a.due_in_days <= self.decision_in_days
                    for a in actions):
                self.read.error(at(PATH, f"impacts[{i}].level"), "'not_known' needs an action "
                                f"for {impact.group!r} due by the decision (due_in_days at most "
                                f"{self.decision_in_days}) to find out")

    def alternatives(self, data: dict, path: str, allowed, expected: str) -> tuple[str, ...]:
        values = self.read.choices(data, "acceptable", path, allowed)
        if expected in values:
            self.read.error(at(path, "acceptable"), f"lists the expected value {expected!r}; "
                            "acceptable values are the alternatives to it")
        return values

    def screening(self, data: dict) -> ModelScreening:
        read, path = self.read, at(PATH, "screening")
        read.known_keys(data, path, {"decision", "acceptable", "tag", "reasons", "explanation"})
        decision = read.choice(data, "decision", path, SCREENING_DECISIONS)
        return ModelScreening(
            decision=decision,
            acceptable=self.alternatives(data, path, SCREENING_DECISIONS, decision),
            tag=read.choice(data, "tag", path, TAGS), reasons=read.prose(data, "reasons", path),
            explanation=read.prose(data, "explanation", path))

    def impacts(self, rows: list) -> tuple[ModelImpact, ...]:
        read, impacts, seen = self.read, [], {}
        for path, data in rows:
            read.known_keys(data, path, {"group", "level", "acceptable", "evidence", "effect",
                                         "mitigation", "residual", "harm_remains", "relevance",
                                         "relevance_reason", "tag", "explanation"})
            group = read.string(data, "group", path)
            if group:
                self.group_problem(group, at(path, "group"))
            read.unique(seen, group, at(path, "group"), "group")
            level = read.choice(data, "level", path, IMPACT_LEVELS)
            acceptable = self.alternatives(data, path, IMPACT_LEVELS, level)
            if level and len({level, *acceptable}) == len(IMPACT_LEVELS):
                read.error(at(path, "acceptable"), "accepts every level, so no answer could "
                           "be wrong; list only the defensible alternatives")
            evidence = self.evidence_keys_at(data, path)
            if level in CLAIMED_LEVELS and not evidence:
                read.error(at(path, "evidence"), f"a {level} impact must name the pack "
                           "evidence that supports it")
            negative = level in NEGATIVE_LEVELS
            effect = read.prose(data, "effect", path)
            impacts.append(ModelImpact(
                group=group, level=level, acceptable=acceptable, evidence=evidence,
                effect=effect,
                mitigation=read.prose(data, "mitigation", path, required=negative),
                residual=read.prose(data, "residual", path, required=negative),
                tag=read.choice(data, "tag", path, TAGS),
                explanation=read.prose(data, "explanation", path),
                relevance=self.relevance(data, path, level, evidence),
                relevance_reason=read.prose(data, "relevance_reason", path, required=False)
                or effect,
                harm_remains=self.harm_remains(data, path, level)))
        missing = [g for g in self.covered if g not in seen]
        if missing:
            read.error(at(PATH, "impacts"), "needs an impact for every group the attempt "
                       f"covers; missing: {listed(missing)}")
        return tuple(impacts)

    def relevance(self, data: dict, path: str, level: str, evidence: tuple[str, ...]) -> str:
        """What screening finds for the group: as given, or the default for its level. A
        group screened out has no impact answer, so nothing to find and no evidence linked."""
        if "relevance" not in data:
            return DEFAULT_RELEVANCE.get(level, "low")
        relevance = self.read.choice(data, "relevance", path, RELEVANCE_LEVELS)
        if relevance == "none" and level != "neutral":
            self.read.error(at(path, "relevance"), f"'none' needs no impact answer, so the "
                            f"level must be 'neutral' (got {level!r})")
        elif relevance == "none" and evidence:
            self.read.error(at(path, "evidence"), "a group screened 'none' has no impact "
                            "answer to link evidence to; screen it 'low' to rest on evidence")
        return relevance

    def harm_remains(self, data: dict, path: str, level: str) -> bool | None:
        """Whether harm remains after mitigation: required of a negative impact only (and not
        judged at all when the level itself is wrong)."""
        if level not in IMPACT_LEVELS:
            return None
        if level not in NEGATIVE_LEVELS:
            if "harm_remains" in data:
                self.read.error(at(path, "harm_remains"), "only for a negative impact")
            return None
        if "harm_remains" not in data:
            self.read.error(at(path, "harm_remains"), "is required: say whether harm remains "
                            "after the mitigation (true or false)")
            return None
        return self.read.value(data, "harm_remains", path, bool, None)

    def group_problem(self, group: str, path: str) -> bool:
        """Report a group the attempt does not cover; True if there was a problem."""
        if group in self.covered:
            return False
        if group not in {g.id for g in self.framework.groups}:
            self.read.error(path, f"{group!r} is not a group of the framework")
        else:
            self.read.error(path, f"{group!r} is not covered by this scenario; add it to "
                            "assessment.extra_groups")
        return True

    def evidence_keys_at(self, data: dict, path: str) -> tuple[str, ...]:
        keys = self.read.strings(data, "evidence", path)
        seen: dict[str, str] = {}
        for i, key in enumerate(keys):
            where = f"{at(path, 'evidence')}[{i}]"
            if key not in self.evidence_keys:
                self.read.error(where, f"{key!r} is not a key of the evidence pack (keys: "
                                f"{listed(sorted(self.evidence_keys))})")
            self.read.unique(seen, key, where, "key")
        return keys

    def outcome(self, data: dict) -> ModelOutcome:
        read, path = self.read, at(PATH, "outcome")
        read.known_keys(data, path, {"expected", "acceptable", "tag", "summary", "explanation",
                                     "justification", "remaining_impact_proportionality"})
        expected = read.choice(data, "expected", path, OUTCOMES)
        justification = None
        if expected == CONTINUING and "justification" not in data:
            read.error(at(path, "justification"), "is required: continuing despite adverse "
                       "impact needs all four answers")
        elif expected == CONTINUING:
            found, where = read.table(data, "justification", path), at(path, "justification")
            read.known_keys(found, where, set(JUSTIFICATION_KEYS))
            justification = Justification(
                **{key: read.prose(found, key, where) for key in JUSTIFICATION_KEYS})
        elif "justification" in data:
            read.error(at(path, "justification"), f"only when the expected outcome is "
                       f"{CONTINUING!r}")
        return ModelOutcome(
            expected=expected, acceptable=self.alternatives(data, path, OUTCOMES, expected),
            tag=read.choice(data, "tag", path, TAGS), summary=read.prose(data, "summary", path),
            explanation=read.prose(data, "explanation", path), justification=justification,
            remaining_impact_proportionality=read.prose(
                data, "remaining_impact_proportionality", path, required=False))

    def actions(self, rows: list) -> tuple[ModelAction, ...]:
        read, actions = self.read, []
        for path, data in rows:
            read.known_keys(data, path, {"description", "groups", "owner", "due_in_days"})
            groups = read.strings(data, "groups", path, required=True)
            for i, group in enumerate(groups):
                self.group_problem(group, f"{at(path, 'groups')}[{i}]")
            actions.append(ModelAction(
                description=read.prose(data, "description", path), groups=groups,
                owner=read.string(data, "owner", path),
                due_in_days=read.integer(data, "due_in_days", path, 1, 730)))
        return tuple(actions)

    def points(self, rows: list) -> tuple[MarkingPoint, ...]:
        read, points, ids = self.read, [], {}
        for path, data in rows:
            read.known_keys(data, path, {"id", "tag", "summary", "explanation", "look_in",
                                         "look_for"})
            pid = read.slug(data, "id", path)
            read.unique(ids, pid, at(path, "id"))
            points.append(MarkingPoint(
                id=pid, tag=read.choice(data, "tag", path, TAGS),
                summary=read.prose(data, "summary", path),
                explanation=read.prose(data, "explanation", path),
                look_in=self.look_in(data, path), look_for=self.look_for(data, path)))
        if rows and not any(p.tag == "critical" for p in points):
            read.error(at(PATH, "points"), "needs at least one critical point")
        self.point_paths = [path for path, _ in rows]
        return tuple(points)

    def look_in(self, data: dict, path: str) -> tuple[str, ...]:
        fields = self.read.strings(data, "look_in", path, required=True)
        for i, look_in in enumerate(fields):
            where = f"{at(path, 'look_in')}[{i}]"
            kind, colon, group = look_in.partition(":")
            if kind in IMPACT_FIELDS and colon:
                if self.group_problem(group, where):
                    self.unusable.add(path)
            elif colon or kind not in LOOK_IN_NAMES:
                self.unusable.add(path)
                self.read.error(where, f"{look_in!r} is not a field (allowed: "
                                f"{listed(LOOK_IN_NAMES)}; effect, mitigation and residual may "
                                "name a group, as in 'mitigation:disability')")
        return fields

    def look_for(self, data: dict, path: str) -> tuple[tuple[str, ...], ...]:
        read = self.read
        groups = read.value(data, "look_for", path, list, None)
        if groups is None and "look_for" not in data:
            read.error(at(path, "look_for"), "is required")
        elif groups == []:
            read.error(at(path, "look_for"), "must list at least one keyword group")
        found = []
        for i, group in enumerate(groups or []):
            where = f"{at(path, 'look_for')}[{i}]"
            if not isinstance(group, list) or not group:
                read.error(where, 'must be a list of alternatives, such as ["bus", '
                           '"public transport"]')
                self.unusable.add(path)
                continue
            for j, alternative in enumerate(group):
                problem = (alternative_problem(alternative) if isinstance(alternative, str)
                           else "must be text in quotes")
                if problem:
                    read.error(f"{where}[{j}]", problem)
                    self.unusable.add(path)
            found.append(tuple(a.strip() for a in group if isinstance(a, str) and a.strip()))
        return tuple(found)

    def points_satisfied(self, scenario: Scenario) -> None:
        """Each point is found in the model answer's own text, or the file is refused."""
        attempt = model_attempt(scenario)
        for path, point in zip(self.point_paths, scenario.model_answer.points, strict=True):
            if path in self.unusable:
                continue
            for group in unmet_keyword_groups(point, attempt):
                index = point.look_for.index(group)
                self.read.error(f"{at(path, 'look_for')}[{index}]", "the model answer’s own "
                                f"text does not satisfy it: none of {listed(map(repr, group))} "
                                f"appears in {listed(point.look_in)}")
