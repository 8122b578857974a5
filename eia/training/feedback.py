"""The feedback a trainee gets on an attempt: what the marking found, ready for a template.

Everything is a frozen dataclass built by `eia.training.marking.mark`. There is deliberately no
overall score. What counts is whether every critical item was found (a competent result also
needs a facilitator's acceptance, which is recorded elsewhere), and `Progress` lets a trainee
compare one attempt with the next. The items that count are, in this order: the screening
decision, the impact level of each group, each marking point and the outcome; each carries the
tag (critical or good) that the scenario gives it.
"""

from __future__ import annotations

from dataclasses import dataclass

MATCHED = "matched"
ADJACENT = "adjacent"
MISSED = "missed"
NOT_ANSWERED = "not_answered"
VERDICT_LABELS = {
    MATCHED: "Matches the model answer",
    ADJACENT: "An acceptable alternative",
    MISSED: "Differs from the model answer",
    NOT_ANSWERED: "Not answered",
}
# Verdicts that count an expectation as found.
FOUND_VERDICTS = (MATCHED, ADJACENT)


def verdict(expected: str, acceptable: tuple[str, ...], given: str | None) -> str:
    """How a given choice compares with the expected one and its acceptable alternatives."""
    if not given:
        return NOT_ANSWERED
    if given == expected:
        return MATCHED
    return ADJACENT if given in acceptable else MISSED


@dataclass(frozen=True)
class EvidenceRef:
    """A source of evidence: a pack source by its key, or one the trainee added (key None)."""

    key: str | None
    title: str


@dataclass(frozen=True)
class DecisionFeedback:
    """The screening decision or the outcome, against the model answer's."""

    expected: str
    acceptable: tuple[str, ...]
    given: str | None
    verdict: str
    tag: str
    explanation: str

    @property
    def found(self) -> bool:
        return self.verdict in FOUND_VERDICTS


@dataclass(frozen=True)
class GroupFeedback:
    """One group's impact level against the model answer, and the evidence behind it.

    `unsupported` means the trainee claimed an effect (positive, negative or both) and linked
    no evidence at all, not even a source of their own. Neutral and "not yet known" are not
    claims of an effect, so they are never unsupported. `screened_out` means the trainee gave
    no impact because their screening found the proposal not relevant to the group (with a
    reason); `model_screened_out` that the model answer does so.
    """

    group_id: str
    group_name: str
    tag: str
    expected_level: str
    acceptable_levels: tuple[str, ...]
    given_level: str | None
    verdict: str
    unsupported: bool
    evidence_that_matters: tuple[EvidenceRef, ...]
    evidence_used: tuple[EvidenceRef, ...]
    explanation: str
    screened_out: bool = False
    model_screened_out: bool = False

    @property
    def found(self) -> bool:
        return self.verdict in FOUND_VERDICTS

    @property
    def evidence_missed(self) -> tuple[EvidenceRef, ...]:
        """The pack sources the model answer relies on that the trainee did not link."""
        used = {ref.key for ref in self.evidence_used}
        return tuple(ref for ref in self.evidence_that_matters if ref.key not in used)


@dataclass(frozen=True)
class PointFeedback:
    point_id: str
    tag: str
    summary: str
    explanation: str
    looked_in: tuple[str, ...]  # labels of the places the point was looked for
    found: bool


@dataclass(frozen=True)
class UnaddressedImpact:
    """A negative impact in the model answer that the attempt neither mitigates nor acts on."""

    group_id: str
    group_name: str
    expected_level: str
    model_mitigation: str


@dataclass(frozen=True, order=True)
class Progress:
    """How far an attempt got, comparable across attempts at the same scenario version.

    Critical items come first: finding one more critical item is more progress than any number
    of good ones.
    """

    critical_found: int
    good_found: int


@dataclass(frozen=True)
class MarkedItem:
    """One thing that counts towards the totals, whatever its kind."""

    kind: str  # "screening", "group", "point" or "outcome"
    id: str
    tag: str
    label: str
    found: bool


@dataclass(frozen=True)
class Feedback:
    scenario_id: str
    scenario_version: int
    screening: DecisionFeedback
    groups: tuple[GroupFeedback, ...]
    points: tuple[PointFeedback, ...]
    outcome: DecisionFeedback
    unaddressed: tuple[UnaddressedImpact, ...]

    @property
    def items(self) -> tuple[MarkedItem, ...]:
        """Everything that counts, in the order a trainee meets it in the form."""
        return (
            MarkedItem("screening", "screening", self.screening.tag, "Screening decision",
                       self.screening.found),
            *(MarkedItem("group", g.group_id, g.tag, g.group_name, g.found)
              for g in self.groups),
            *(MarkedItem("point", p.point_id, p.tag, p.summary, p.found) for p in self.points),
            MarkedItem("outcome", "outcome", self.outcome.tag, "Outcome", self.outcome.found),
        )

    def _count(self, tag: str, found: bool | None = None) -> int:
        return sum(1 for item in self.items
                   if item.tag == tag and (found is None or item.found == found))

    @property
    def critical_found(self) -> int:
        return self._count("critical", found=True)

    @property
    def critical_total(self) -> int:
        return self._count("critical")

    @property
    def good_found(self) -> int:
        return self._count("good", found=True)

    @property
    def good_total(self) -> int:
        return self._count("good")

    @property
    def all_critical_found(self) -> bool:
        return self.critical_found == self.critical_total

    @property
    def missed_critical(self) -> tuple[MarkedItem, ...]:
        return tuple(i for i in self.items if i.tag == "critical" and not i.found)

    @property
    def missed(self) -> tuple[MarkedItem, ...]:
        """Every item not found, critical first."""
        missed = [i for i in self.items if not i.found]
        return tuple(sorted(missed, key=lambda i: i.tag != "critical"))

    @property
    def progress(self) -> Progress:
        return Progress(self.critical_found, self.good_found)
