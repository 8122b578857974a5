"""A practice scenario as immutable data, and the fixed vocabularies a scenario file uses.

Everything here is a frozen dataclass. Code gets a `Scenario` only through the loader
(`eia.training.scenario`), whose checker has already enforced the rules, so a reader can trust
it: groups exist in the framework, evidence keys point into the pack, every negative impact in
the model answer is evidenced and mitigated, and the model answer satisfies its own marking
points. No I/O, no checking and no Flask here.

Values that are stored elsewhere (impact levels, evidence kinds, assessment types) are copied
from `eia.models.assessments` as plain tuples, because this package must not import the
database models; a unit test compares the copies with the enums so they cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from eia.domain import AssessmentType, EvidenceKind, ImpactLevel, Relevance
from eia.framework import AIMS, JUSTIFICATION_QUESTIONS, PROTECTED_CHARACTERISTICS

LEVELS = ("introductory", "standard", "advanced")
LEVEL_LABELS = {"introductory": "Introductory", "standard": "Standard", "advanced": "Advanced"}
NATIONS = ("England", "Wales", "Scotland")

IMPACT_LEVELS = tuple(level.value for level in ImpactLevel)
EVIDENCE_KINDS = tuple(kind.value for kind in EvidenceKind)
ASSESSMENT_TYPES = tuple(kind.value for kind in AssessmentType)
RELEVANCE_LEVELS = tuple(relevance.value for relevance in Relevance)

# Levels that need a mitigation and a residual impact, and that must not be left unaddressed.
NEGATIVE_LEVELS = ("negative", "both")
# Levels that claim an effect on people, so they need evidence behind them. Neutral is a
# finding of no difference and "not yet known" is the honest answer when evidence is missing.
CLAIMED_LEVELS = ("positive", "negative", "both")
# How relevant screening finds the proposal to a group, when the model answer does not say:
# where it harms people it matters most, and a finding of no difference is low relevance.
# "none" is never assumed: it needs no impact answer, so a scenario says so where it is right.
DEFAULT_RELEVANCE = {"negative": "high", "both": "high", "positive": "medium",
                     "not_known": "medium", "neutral": "low"}

# How much a marking point or an expectation weighs. A trainee is competent only when every
# critical one is found (and a facilitator agrees); good ones show progress.
TAGS = ("critical", "good")
TAG_LABELS = {"critical": "Critical", "good": "Good practice"}

# Where a marking point looks in an attempt (`look_in`). The impact fields take a group
# ("mitigation:disability"), or no group for any group's row ("mitigation").
IMPACT_FIELDS = {"effect": "Effect", "mitigation": "Mitigation", "residual": "Residual impact"}
# The free-text areas of an attempt, by the keys of `Attempt.texts`. The aims and the
# justification answers use the framework's question ids.
TEXT_FIELDS = {
    "screening": "Screening",
    "engagement": "Engagement",
    "evidence_gaps": "Gaps in the evidence",
    "intersectional": "Intersectional impact",
    "cumulative": "Cumulative impact",
    **{f"aim_{aim}": label for aim, label in AIMS.items()},
    "outcome": "Outcome",
    "proportionality": "Why the harm that remains is proportionate",
    "justification_legitimate_aim": "Justification: legitimate aim",
    "justification_necessity": "Justification: necessity",
    "justification_alternatives": "Justification: alternatives considered",
    "justification_proportionality": "Justification: proportionality",
    "monitoring": "Monitoring",
}
# Names that stand for several text fields at once.
FIELD_SHORTHANDS = {
    "aims": tuple(f"aim_{aim}" for aim in AIMS),
    "justification": JUSTIFICATION_QUESTIONS,
}
FIELD_SHORTHAND_LABELS = {"aims": "The three aims", "justification": "Justification"}
# The action plan: a point looks in every action's description.
ACTIONS_FIELD = "actions"


@dataclass(frozen=True)
class Place:
    """Where the scenario happens: fictional, but with the facts an analysis needs."""

    name: str
    population: int
    rurality: str
    deprivation: str
    transport: str


@dataclass(frozen=True)
class Organisation:
    name: str
    kind: str
    nation: str
    place: Place


@dataclass(frozen=True)
class PracticeAssessment:
    """The control details of the practice assessment a trainee starts from the scenario.

    Dates are relative to the day the attempt starts, so a scenario never goes out of date.
    """

    title: str
    assessment_type: str
    decision_maker: str
    decision_forum: str
    decision_in_days: int
    work_started_days_ago: int
    extra_groups: tuple[str, ...]
    strategic_decision: bool = False

    def decision_date(self, start: date) -> date:
        return start + timedelta(days=self.decision_in_days)

    def work_started_on(self, start: date) -> date:
        return start - timedelta(days=self.work_started_days_ago)


@dataclass(frozen=True)
class EvidenceTable:
    caption: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class EvidenceItem:
    """One source of the evidence pack; it becomes a source in the attempt's evidence list."""

    key: str
    title: str
    kind: str
    period: str
    shows: str
    table: EvidenceTable | None = None


@dataclass(frozen=True)
class ModelImpact:
    """The model answer for one group, and why it is right.

    `relevance` and `relevance_reason` are what the screening says about the group; a group
    screened "none" (with its reason) needs no impact answer in the form. `harm_remains` says,
    for a negative impact, whether some harm is left after the mitigation (None otherwise).
    """

    group: str
    level: str
    acceptable: tuple[str, ...]
    evidence: tuple[str, ...]
    effect: str
    mitigation: str
    residual: str
    tag: str
    explanation: str
    relevance: str = "low"
    relevance_reason: str = ""
    harm_remains: bool | None = None

    @property
    def is_negative(self) -> bool:
        return self.level in NEGATIVE_LEVELS

    @property
    def screened_out(self) -> bool:
        """Screening finds the proposal not relevant to the group, so it has no impact row."""
        return self.relevance == Relevance.NONE.value


@dataclass(frozen=True)
class ModelScreening:
    decision: str
    acceptable: tuple[str, ...]
    tag: str
    reasons: str
    explanation: str


@dataclass(frozen=True)
class Justification:
    """The four answers the framework asks for when a proposal continues despite harm."""

    legitimate_aim: str
    necessity: str
    alternatives: str
    proportionality: str

    def by_question(self) -> dict[str, str]:
        """The answers keyed by the framework's justification question ids."""
        return dict(zip(JUSTIFICATION_QUESTIONS, (
            self.legitimate_aim, self.necessity, self.alternatives, self.proportionality),
            strict=True))


@dataclass(frozen=True)
class ModelOutcome:
    expected: str
    acceptable: tuple[str, ...]
    tag: str
    summary: str
    explanation: str
    justification: Justification | None = None
    # Why harm that remains after mitigation is proportionate (see ModelImpact.harm_remains).
    remaining_impact_proportionality: str = ""


@dataclass(frozen=True)
class ModelAction:
    description: str
    groups: tuple[str, ...]
    owner: str
    due_in_days: int


@dataclass(frozen=True)
class MarkingPoint:
    """Something a good answer does, and how to recognise it in an attempt.

    `look_for` is a list of keyword groups: every group must match somewhere in the fields
    named by `look_in`, and any alternative within a group may match (see
    `eia.training.keywords` for how an alternative matches).
    """

    id: str
    tag: str
    summary: str
    explanation: str
    look_in: tuple[str, ...]
    look_for: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class AimsText:
    eliminate_discrimination: str
    advance_equality: str
    foster_good_relations: str

    def by_question(self) -> dict[str, str]:
        """The texts keyed by the framework's question ids (aim_eliminate_discrimination...)."""
        return {f"aim_{aim}": getattr(self, aim) for aim in AIMS}


@dataclass(frozen=True)
class ModelAnswer:
    screening: ModelScreening
    impacts: tuple[ModelImpact, ...]
    engagement: str
    evidence_gaps: str
    intersectional: str
    cumulative: str
    aims: AimsText
    outcome: ModelOutcome
    actions: tuple[ModelAction, ...]
    points: tuple[MarkingPoint, ...]
    monitoring: str
    _impacts_by_group: dict[str, ModelImpact] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # object.__setattr__ is the documented way to fill derived fields of a frozen dataclass.
        object.__setattr__(self, "_impacts_by_group", {i.group: i for i in self.impacts})

    def impact_for(self, group_id: str) -> ModelImpact:
        """The model impact for a group the scenario covers; KeyError for any other group."""
        try:
            return self._impacts_by_group[group_id]
        except KeyError:
            raise KeyError(f"the model answer has no impact for {group_id!r}") from None

    def texts(self) -> dict[str, str]:
        """The free-text answers keyed like `Attempt.texts` (see TEXT_FIELDS)."""
        justification = self.outcome.justification
        return {
            "screening": self.screening.reasons,
            "engagement": self.engagement,
            "evidence_gaps": self.evidence_gaps,
            "intersectional": self.intersectional,
            "cumulative": self.cumulative,
            **self.aims.by_question(),
            "outcome": self.outcome.summary,
            "proportionality": self.outcome.remaining_impact_proportionality,
            **(justification.by_question() if justification else {}),
            "monitoring": self.monitoring,
        }


@dataclass(frozen=True)
class TimingStep:
    minutes: int
    activity: str


@dataclass(frozen=True)
class LawNote:
    reference: str
    point: str


@dataclass(frozen=True)
class FacilitatorNotes:
    timings: tuple[TimingStep, ...]
    discussion_prompts: tuple[str, ...]
    common_mistakes: tuple[str, ...]
    law: tuple[LawNote, ...]
    harder_variant: str


@dataclass(frozen=True)
class Scenario:
    id: str
    version: int
    title: str
    level: str
    summary: str
    minutes: int
    organisation: Organisation
    brief: tuple[str, ...]  # paragraphs
    learning_objectives: tuple[str, ...]
    assessment: PracticeAssessment
    evidence: tuple[EvidenceItem, ...]
    model_answer: ModelAnswer
    facilitator: FacilitatorNotes

    @property
    def group_ids(self) -> tuple[str, ...]:
        """The groups an attempt covers: the nine protected characteristics, then the extras."""
        return PROTECTED_CHARACTERISTICS + self.assessment.extra_groups

    def evidence_item(self, key: str) -> EvidenceItem:
        """The pack source with this key; KeyError if the pack has none."""
        for item in self.evidence:
            if item.key == key:
                return item
        raise KeyError(f"the evidence pack has no source {key!r}")

    def has_evidence(self, key: str) -> bool:
        return any(item.key == key for item in self.evidence)
