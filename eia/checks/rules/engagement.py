"""Rules about engagement and the combined effects: who was heard, and the analysis of people
affected in more than one way.

Talking to the people affected is how an analysis avoids guessing; audits find intersectional
and cumulative effects rarely analysed.
"""

from __future__ import annotations

from eia.checks.context import Context
from eia.checks.findings import Location
from eia.checks.rules.helpers import MIN_WORDS, Found, listed, words
from eia.framework import is_blank

COMBINED = "intersectional_and_cumulative"


def no_engagement(ctx: Context) -> Found:
    """No engagement recorded, or a reason why none was needed."""
    if not ctx.version.engagements:
        yield ("No engagement is recorded. Record who you involved and what changed as a "
               "result, or explain why none was needed", Location("engagement"))


def negative_group_not_engaged(ctx: Context) -> Found:
    """A group with a negative impact that no recorded engagement reached: the people most
    affected were not asked."""
    if not ctx.version.engagements:
        return  # `no_engagement` says so already
    reached = {g for item in ctx.version.engagements for g in item.groups}
    missed = [g for g in ctx.negative_groups() if g.id not in reached]
    if missed:
        yield (f"No engagement reached {listed(missed)}, who face a negative impact. Say who "
               "you will hear from, or record the engagement that reached them",
               Location("engagement"))


def intersectional_thin(ctx: Context) -> Found:
    """A brief intersectional answer: the people worst affected often share more than one
    characteristic. (A blank answer is left to `section_incomplete`.)"""
    answer = ctx.answers(COMBINED).get("intersectional_impact")
    if not is_blank(answer) and words(answer) < MIN_WORDS:
        yield ("Say more about combined effects: name the people with more than one "
               "characteristic who could be affected more, such as older disabled women, and how",
               ctx.question_location(COMBINED, "intersectional_impact"))


def cumulative_thin(ctx: Context) -> Found:
    """A brief cumulative answer: the effect together with other changes hitting the same
    people is what a budget round most often misses."""
    answer = ctx.answers(COMBINED).get("cumulative_impact")
    if not is_blank(answer) and words(answer) < MIN_WORDS:
        yield ("Say more about cumulative impact: name the other changes (savings, charges, "
               "service or transport changes) that hit the same people, and what they add up "
               "to", ctx.question_location(COMBINED, "cumulative_impact"))
