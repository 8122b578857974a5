"""Rules about the outcome and its justification, and the action plan behind it.

Audits find "no major change" chosen while people are worse off, and "continue despite adverse
impact" without a justification, or with one resting on cost alone or on what cannot be
justified at all.
"""

from __future__ import annotations

import re

from eia.checks.context import Context
from eia.checks.findings import Location
from eia.checks.impacts import CONTINUE
from eia.checks.rules.helpers import Found, listed, who
from eia.domain import ImpactLevel
from eia.framework import JUSTIFICATION_QUESTIONS, is_blank

NO_MAJOR_CHANGE = "no_major_change"
CANNOT_BE_JUSTIFIED = "cannot_be_justified"
NONE_OF_THESE = "none"
_MONEY = re.compile(r"\b(cost|costs|saving|savings|save|budget|budgets|money|financial|"
                    r"finances?|efficienc\w*|afford\w*|cheaper|spend\w*)\b|£", re.IGNORECASE)
# Words that show an aim beyond money: safety, quality, the law, people's needs.
_OTHER_AIMS = re.compile(r"\b(safe\w*|quality|legal|law|statutory|duty|duties|risk\w*|"
                         r"outcome\w*|access\w*|waiting|demand|sustainab\w*|staff\w*|care|"
                         r"clinical|patients?|residents?|children|need\w*)\b", re.IGNORECASE)


def outcome_contradicts_findings(ctx: Context) -> Found:
    """"No major change" while a group is negatively affected: the outcome does not fit the
    findings, so the decision-maker would be told there is nothing to weigh."""
    negative = ctx.negative_groups()
    if ctx.outcome != NO_MAJOR_CHANGE or not negative:
        return
    question = ctx.framework.question("outcome")
    yield (f"‘{question.option_label(NO_MAJOR_CHANGE)}’ does not fit the negative impact on "
           f"{listed(negative)}. Choose ‘{question.option_label('adjust')}’ or "
           f"‘{question.option_label(CONTINUE)}’ with a justification, or revisit the impact",
           ctx.question_location("outcome", "outcome"))


def no_major_change_while_unknown(ctx: Context) -> Found:
    """"No major change" while the impact on a group is not yet known: nobody can say the
    proposal is robust for people whose impact nobody has found out (the duty to inquire)."""
    unknown = [g for g, i in ctx.answered_groups() if i.level is ImpactLevel.NOT_KNOWN]
    if ctx.outcome == NO_MAJOR_CHANGE and unknown:
        question = ctx.framework.question("outcome")
        yield (f"‘{question.option_label(NO_MAJOR_CHANGE)}’ cannot be the outcome while the "
               f"impact on {listed(unknown)} is not yet known: find out first",
               ctx.question_location("outcome", "outcome"))


def justification_incomplete(ctx: Context) -> Found:
    """"Continue despite adverse impact" without the full justification: legitimate aim,
    necessity, alternatives, proportionality. Audits find this outcome chosen unjustified."""
    if ctx.outcome != CONTINUE:
        return
    answers = ctx.answers("outcome")
    blank = [q for q in JUSTIFICATION_QUESTIONS if is_blank(answers.get(q))]
    if blank:
        first = ctx.framework.question(blank[0])
        more = f" and {len(blank) - 1} more" if len(blank) > 1 else ""
        yield (f"Justify continuing despite adverse impact: answer ‘{first.label}’{more}",
               ctx.question_location("outcome", blank[0]))


def cannot_be_justified(ctx: Context) -> Found:
    """Continuing despite something no aim can justify: a failure to make reasonable
    adjustments, unfavourable treatment because of pregnancy or maternity, harassment,
    victimisation, or direct discrimination other than because of age. The proposal must
    change or stop."""
    if ctx.outcome != CONTINUE:
        return
    ticked = ctx.answers("outcome").get(CANNOT_BE_JUSTIFIED) or []
    if NONE_OF_THESE in ticked and len(ticked) > 1:
        yield ("You chose ‘None of these’ and something that applies: say which is true",
               ctx.question_location("outcome", CANNOT_BE_JUSTIFIED))
        return
    found = [v for v in ticked if v != NONE_OF_THESE]
    if found:
        question = ctx.framework.question(CANNOT_BE_JUSTIFIED)
        named = "; ".join(question.option_label(v).lower() for v in found)
        yield (f"This cannot be justified, whatever the aim ({named}). Adjust the proposal to "
               "remove it, or stop the proposal",
               ctx.question_location("outcome", "outcome"))


def cost_alone_as_aim(ctx: Context) -> Found:
    """A legitimate aim that gives only cost or savings. Saving money can be part of a
    legitimate aim, but on its own it rarely justifies a discriminatory effect: advice for
    the reviewer to look at closely."""
    aim = ctx.answers("outcome").get("justification_legitimate_aim")
    if ctx.outcome == CONTINUE and aim and _MONEY.search(aim) and not _OTHER_AIMS.search(aim):
        yield ("The legitimate aim gives cost or savings alone. Say what need the proposal "
               "meets beyond money, or what would happen if nothing changed",
               ctx.question_location("outcome", "justification_legitimate_aim"))


def negative_impact_without_action(ctx: Context) -> Found:
    """A negative impact that no action addresses: a mitigation not in the action plan
    has no owner or date, so it may never happen."""
    covered = {g for a in ctx.version.actions for g in a.groups}
    for group in ctx.negative_groups():
        if group.id not in covered:
            yield (f"Add an action for the negative impact on {who(group)}",
                   Location("action_plan"))
