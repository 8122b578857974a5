"""Rules about the impact on each group: evidence, mitigation, harm that remains, the unknown,
and answers that fill a box without saying anything.

Audits find impacts asserted without evidence, described generically, defaulted to neutral,
copied from group to group, and adverse impacts recorded and then left as they are.
"""

from __future__ import annotations

from collections import Counter

from eia.checks.context import Context
from eia.checks.findings import Location
from eia.checks.impacts import mitigation_missing
from eia.checks.rules.helpers import (
    MIN_WORDS,
    Found,
    is_filler,
    listed,
    normalised,
    who,
    words,
)
from eia.domain import ImpactLevel, Relevance
from eia.formatting import format_date
from eia.framework import is_blank

# Pasting the same effect into this many groups' rows is a copy, not an analysis.
_COPIED_ACROSS = 3


def negative_impact_without_evidence(ctx: Context) -> Found:
    """A negative impact rests on no evidence, so its extent cannot be weighed (the Brown
    principles require the risk and extent of adverse impact to be assessed)."""
    for group, impact in ctx.answered_groups():
        if impact.level.is_negative and not impact.evidence:
            yield (f"Link evidence to the negative impact on {who(group)}",
                   ctx.group_location(group))


def high_relevance_without_evidence(ctx: Context) -> Found:
    """A group screened as highly relevant whose impact rests on no evidence. The depth of
    the analysis follows the screening: where the proposal matters most, evidence is needed
    whatever the impact turns out to be."""
    for group, impact in ctx.answered_groups():
        relevance = ctx.relevance.get(group.id) or {}
        if (relevance.get("relevance") == Relevance.HIGH and not impact.evidence
                and not impact.level.is_negative):  # negative ones are already asked for it
            yield (f"The screening found the proposal highly relevant to {who(group)}: link the "
                   "evidence behind its impact", ctx.group_location(group))


def no_evidence_reason_missing(ctx: Context) -> Found:
    """An impact with no evidence and no reason why. Audits find impacts asserted without
    evidence; a gap is acceptable only when it is explained. Negative impacts are left to
    `negative_impact_without_evidence`, which needs evidence whatever the reason."""
    for group, impact in ctx.answered_groups():
        if (not impact.level.is_negative and not impact.evidence
                and is_blank(impact.no_evidence_reason)):
            yield (f"Link evidence to the impact on {who(group)}, or say why there is none",
                   ctx.group_location(group))


def negative_impact_unaddressed(ctx: Context) -> Found:
    """A negative impact with neither a mitigation nor a full justification for going ahead.
    Audits find adverse impacts recorded and then left as they are."""
    for group, impact in ctx.answered_groups():
        if mitigation_missing(impact.level, impact.mitigation, justified=ctx.justified):
            yield (f"Say how the negative impact on {who(group)} will be removed or reduced",
                   ctx.group_location(group))


def harm_remains_unanswered(ctx: Context) -> Found:
    """A negative impact that does not say whether harm remains after mitigation, so nobody
    can tell whether the outcome has anything left to justify."""
    for group, impact in ctx.answered_groups():
        if impact.level.is_negative and impact.harm_remains is None:
            yield (f"Say whether any negative impact on {who(group)} remains after mitigation",
                   ctx.group_location(group))


def remaining_harm_unjustified(ctx: Context) -> Found:
    """Harm that remains after mitigation, with no reasoning on why it is proportionate,
    whatever the outcome: adjusting the proposal is no free pass while people are still
    worse off."""
    remaining = [g for g, impact in ctx.answered_groups()
                 if impact.level.is_negative and impact.harm_remains]
    outcome = ctx.answers("outcome")
    reasoned = not is_blank(outcome.get("remaining_impact_proportionality")) or (
        ctx.justified and not is_blank(outcome.get("justification_proportionality")))
    if remaining and not reasoned:
        yield (f"Negative impact remains on {listed(remaining)} after mitigation: say why it "
               "is proportionate", ctx.question_location("outcome",
                                                          "remaining_impact_proportionality"))


def unknown_impact_without_action(ctx: Context) -> Found:
    """An impact "not yet known" with no action to find out, owned and due before the
    decision. The duty to inquire (Bracking; Bridges 2020): not knowing is acceptable only
    with a plan to know before deciding."""
    decided = ctx.version.decision_date
    for group, impact in ctx.answered_groups():
        if impact.level is not ImpactLevel.NOT_KNOWN:
            continue
        finding_out = [a for a in ctx.version.actions if group.id in a.groups
                       and not is_blank(a.owner) and a.due_date is not None
                       and (decided is None or a.due_date <= decided)]
        if not finding_out:
            before = f" before the decision on {format_date(decided)}" if decided else ""
            yield (f"The impact on {who(group)} is not yet known: add an action to find out, "
                   f"with an owner and a due date{before}", Location("action_plan"))


def impact_description_generic(ctx: Context) -> Found:
    """A positive or negative impact described in a few words. Audits find impacts described
    generically; a decision-maker needs to know what changes in people's lives."""
    for group, impact in ctx.answered_groups():
        if (impact.level in (ImpactLevel.POSITIVE, ImpactLevel.NEGATIVE, ImpactLevel.BOTH)
                and words(impact.effect) < MIN_WORDS):
            yield (f"Describe what would change in practice for {who(group)}: for example "
                   "how far they travel, what they pay or what they can still use",
                   ctx.group_location(group))


def neutral_without_evidence(ctx: Context) -> Found:
    """A neutral impact with no evidence, even with a reason. Audits find groups defaulted
    to neutral; neutral is a finding, and "not yet known" is the honest answer without one."""
    for group, impact in ctx.answered_groups():
        if impact.level is ImpactLevel.NEUTRAL and not impact.evidence:
            yield (f"Check the neutral impact on {who(group)}: no evidence supports it. If you "
                   "do not know, choose ‘Not yet known’", ctx.group_location(group))


def filler_answer(ctx: Context) -> Found:
    """An impact answered with filler ("N/A", "none", "see above"). Advice, but it blocks
    where the impact is negative: a negative impact must be described and dealt with."""
    yield from _filler(ctx, negative=False)


def filler_answer_on_negative_impact(ctx: Context) -> Found:
    """The blocking half of `filler_answer`."""
    yield from _filler(ctx, negative=True)


def _filler(ctx: Context, *, negative: bool) -> Found:
    for group, impact in ctx.answered_groups():
        if impact.level.is_negative != negative:
            continue
        texts = {"the effect": impact.effect}
        if impact.level.is_negative:
            texts["the mitigation"] = impact.mitigation
        if not impact.evidence:
            texts["the reason there is no evidence"] = impact.no_evidence_reason
        filled = [name for name, text in texts.items() if is_filler(text)]
        if filled:
            yield (f"Write {filled[0]} for {who(group)} in words: ‘{_first(texts[filled[0]])}’ "
                   "does not say anything a reviewer can check", ctx.group_location(group))


def copied_effects(ctx: Context) -> Found:
    """The same effect pasted into several groups' rows. Audits find impacts described
    generically; each group's effect is its own. Blocking for negative ones (see below)."""
    yield from _copies(ctx, negative=False)


def copied_effects_on_negative_impact(ctx: Context) -> Found:
    """The blocking half of `copied_effects`: a negative impact described by a copy."""
    yield from _copies(ctx, negative=True)


def _copies(ctx: Context, *, negative: bool) -> Found:
    answered = list(ctx.answered_groups())
    counts = Counter(normalised(i.effect) for _, i in answered if not is_blank(i.effect))
    for group, impact in answered:
        text = normalised(impact.effect)
        if (text and counts[text] >= _COPIED_ACROSS
                and impact.level.is_negative == negative):
            yield (f"The effect on {who(group)} is the same text as for {counts[text] - 1} "
                   "other groups: say what changes for this group in particular",
                   ctx.group_location(group))


def one_source_for_every_group(ctx: Context) -> Found:
    """One evidence source linked to every group, and the only evidence of each: a source
    that supports everything usually shows nothing about any group in particular. Advice, and
    blocking where the impact is negative (see below)."""
    yield from _one_source(ctx, negative=False)


def one_source_for_negative_impact(ctx: Context) -> Found:
    """The blocking half of `one_source_for_every_group`."""
    yield from _one_source(ctx, negative=True)


def _one_source(ctx: Context, *, negative: bool) -> Found:
    answered = [(g, i) for g, i in ctx.answered_groups() if i.evidence]
    if len(answered) < 2:
        return
    # By identity: the session keeps one object per row, and a version checked before it is
    # saved has no ids yet.
    only = {frozenset(map(id, impact.evidence)) for _, impact in answered}
    if len(only) != 1 or len(next(iter(only))) != 1:
        return
    source = answered[0][1].evidence[0]
    for group, impact in answered:
        if impact.level.is_negative == negative:
            yield (f"‘{source.title}’ is the only evidence for every group, including "
                   f"{who(group)}: link the evidence that shows this group’s impact",
                   ctx.group_location(group))


def mitigation_on_positive_impact(ctx: Context) -> Found:
    """A mitigation recorded on a positive or neutral impact: something is being reduced, so
    the impact may really be "both positive and negative"."""
    for group, impact in ctx.answered_groups():
        if (impact.level in (ImpactLevel.POSITIVE, ImpactLevel.NEUTRAL)
                and not is_blank(impact.mitigation) and not is_filler(impact.mitigation)):
            yield (f"The impact on {who(group)} is {impact.level.label.lower()} but has a "
                   "mitigation: is it really ‘Both positive and negative’?",
                   ctx.group_location(group))


def _first(text: str) -> str:
    return " ".join(text.split())[:40]
