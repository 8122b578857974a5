"""What a recorded impact needs, decided once for the impact page and the quality checks.

`answer_problems` is what the impact page insists on before it saves an answer; the quality
checks reuse `mitigation_missing` for the negative impacts left unaddressed, so the page and
the checks can never disagree about when a negative impact needs a mitigation.
"""

from __future__ import annotations

from eia.domain import ImpactLevel
from eia.framework import JUSTIFICATION_QUESTIONS, is_blank

CONTINUE = "continue_despite_adverse_impact"


def continuing_justified(outcome_answers: dict) -> bool:
    """The outcome is to continue despite adverse impact, with every part of the justification
    (legitimate aim, necessity, alternatives, proportionality) answered."""
    return outcome_answers.get("outcome") == CONTINUE and not any(
        is_blank(outcome_answers.get(question)) for question in JUSTIFICATION_QUESTIONS)


def mitigation_missing(level: ImpactLevel | None, mitigation: str, *, justified: bool) -> bool:
    """A negative impact with neither a mitigation nor a full justification for going ahead.
    Audits find adverse impacts recorded and then left as they are."""
    return level is not None and level.is_negative and is_blank(mitigation) and not justified


def answer_problems(level: ImpactLevel | None, effect: str, has_evidence: bool,
                    no_evidence_reason: str, mitigation: str, harm_remains: bool | None, *,
                    justified: bool) -> dict[str, str]:
    """What is missing from an impact answer, by field, in the order the page asks.

    Every answer names its level and describes the effect in people's lives (audits find
    impacts asserted generically); an impact that no evidence supports needs a reason why; a
    negative impact needs a mitigation unless the outcome justifies going ahead despite it,
    and an answer to whether harm remains after it (what remains must be justified).
    """
    found = {}
    if level is None:
        found["impact"] = "Select the likely impact"
    if is_blank(effect):
        found["effect"] = "Describe what the effect would be on people’s lives"
    if not has_evidence and is_blank(no_evidence_reason):
        found["no_evidence_reason"] = (
            "Select the evidence that supports this, or say why there is none")
    if mitigation_missing(level, mitigation, justified=justified):
        found["mitigation"] = ("Say how the negative impact will be removed or reduced, or "
                               "justify continuing despite it in the outcome")
    if level is not None and level.is_negative and harm_remains is None:
        found["harm_remains"] = "Say whether any negative impact remains after mitigation"
    return found
