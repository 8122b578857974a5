"""The checks that stop a weak assessment a court or an auditor would find: each rule fires on
the weakness it names and stays quiet on the nearest sound case (see tests/unit/test_checks.py
for the assessment every test starts from, which passes every rule)."""

from __future__ import annotations

from datetime import date

from eia.models.assessments import Action, Engagement, EvidenceSource
from tests.unit.test_checks import (
    TODAY,
    answer,
    complete_assessment,
    findings,
    fired,
    screen_out,
)

JUSTIFIED = {"outcome": "continue_despite_adverse_impact",
             "justification_legitimate_aim": "Patient safety: the old building fails fire "
                                             "standards.",
             "justification_necessity": "No other site can hold the equipment.",
             "justification_alternatives": "Two sites were costed and rejected.",
             "justification_proportionality": "The longer journey is offset by transport.",
             "cannot_be_justified": ["none"]}


def relevance(version, group_id: str, level: str, reason: str = "Because.") -> None:
    table = dict(version.section("screening").answers["group_relevance"])
    table[group_id] = {"relevance": level, "reason": reason}
    answer(version, "screening", group_relevance=table)


# "Not yet known" --------------------------------------------------------------------------


def unknown(version, group_id: str = "sexual_orientation"):
    impact = version.impact_for(group_id)
    impact.impact, impact.effect = "not_known", "We have no data on this group yet."
    impact.evidence, impact.no_evidence_reason = [], "No data is collected."
    return impact


def finding_out(group_id: str, due: date | None = date(2026, 4, 30), owner="Data lead"):
    action = Action(id=9, description="Ask the LGBT+ network and add the question to the "
                                      "patient survey", owner=owner, due_date=due,
                    status="planned")
    action.groups = [group_id]
    return action


def test_an_unknown_impact_needs_an_action_to_find_out_before_the_decision():
    version = complete_assessment()
    unknown(version)
    [finding] = findings(version, "unknown_impact_without_action")
    assert finding.blocking
    assert "before the decision on 20 May 2026" in finding.message
    version.actions.append(finding_out("sexual_orientation", due=date(2026, 6, 30)))
    assert findings(version, "unknown_impact_without_action")  # due after the decision
    version.actions[-1].due_date = date(2026, 4, 30)
    assert findings(version, "unknown_impact_without_action") == []


def test_an_action_without_an_owner_does_not_answer_the_unknown():
    version = complete_assessment()
    unknown(version)
    version.actions.append(finding_out("sexual_orientation", owner=""))
    assert findings(version, "unknown_impact_without_action")


def test_no_major_change_is_blocked_while_any_group_is_unknown():
    version = complete_assessment()
    for group_id in ("disability", "age"):
        impact = version.impact_for(group_id)
        impact.impact, impact.mitigation, impact.harm_remains = "neutral", "", None
    answer(version, "outcome", outcome="no_major_change", adjustments=None,
           remaining_impact_proportionality=None)
    assert "no_major_change_while_unknown" not in fired(version)
    unknown(version)
    [finding] = findings(version, "no_major_change_while_unknown")
    assert finding.blocking and "sexual orientation" in finding.message


# Screening ---------------------------------------------------------------------------------


def test_not_relevant_after_a_reduction_is_a_contradiction():
    version = complete_assessment()
    screen_out(version)
    assert "screening_contradicted" not in fired(version)
    answer(version, "screening", change_nature="reduction")
    [finding] = findings(version, "screening_contradicted")
    assert finding.blocking and "reduction or a removal" in finding.message


def test_not_relevant_after_saying_access_could_change_is_a_contradiction():
    version = complete_assessment()
    screen_out(version)
    answer(version, "screening", relevant_advance_equality="yes")
    [finding] = findings(version, "screening_contradicted")
    assert "one of the aims" in finding.message


def test_not_relevant_to_equality_but_highly_relevant_to_a_group_is_a_contradiction():
    version = complete_assessment()
    screen_out(version)
    relevance(version, "disability", "high")
    [finding] = findings(version, "screening_contradicted")
    assert "disability" in finding.message
    relevance(version, "disability", "low")
    assert findings(version, "screening_contradicted") == []


def test_every_group_needs_a_screened_relevance_with_a_reason():
    version = complete_assessment()
    relevance(version, "race", "low", reason="  ")
    [finding] = findings(version, "group_relevance_incomplete")
    assert finding.blocking and "race" in finding.message


def test_a_group_screened_not_relevant_with_a_reason_needs_no_impact_row():
    version = complete_assessment()
    version.impacts.remove(version.impact_for("gender_reassignment"))
    assert findings(version, "impact_missing")
    relevance(version, "gender_reassignment", "none",
              reason="The clinic treats everyone the same way, and no data suggests otherwise.")
    assert findings(version, "impact_missing") == []


def test_a_highly_relevant_group_needs_evidence_whatever_its_impact():
    version = complete_assessment()
    age = version.impact_for("age")
    age.evidence, age.no_evidence_reason = [], "We did not look."
    [finding] = findings(version, "high_relevance_without_evidence")
    assert finding.blocking and finding.location.group_id == "age"
    relevance(version, "age", "medium")
    assert findings(version, "high_relevance_without_evidence") == []


# Harm that remains ----------------------------------------------------------------------------


def test_remaining_harm_needs_proportionality_even_when_the_proposal_is_adjusted():
    version = complete_assessment()
    answer(version, "outcome", remaining_impact_proportionality=None)
    [finding] = findings(version, "remaining_harm_unjustified")
    assert finding.blocking and "disability" in finding.message
    version.impact_for("disability").harm_remains = False
    assert findings(version, "remaining_harm_unjustified") == []


def test_the_justifications_proportionality_answers_remaining_harm_when_continuing():
    version = complete_assessment()
    answer(version, "outcome", remaining_impact_proportionality=None, adjustments=None,
           **JUSTIFIED)
    assert findings(version, "remaining_harm_unjustified") == []


def test_a_negative_impact_must_say_whether_harm_remains():
    version = complete_assessment()
    version.impact_for("disability").harm_remains = None
    [finding] = findings(version, "harm_remains_unanswered")
    assert finding.blocking


# Filler, copies and one source for everything ------------------------------------------------


def test_filler_is_advice_on_a_neutral_row_and_blocks_on_a_negative_one():
    version = complete_assessment()
    version.impact_for("race").effect = "N/A"
    [advice] = findings(version, "filler_answer")
    assert not advice.blocking and "‘N/A’" in advice.message
    version.impact_for("disability").mitigation = "see above"
    [problem] = findings(version, "filler_answer_on_negative_impact")
    assert problem.blocking and problem.location.group_id == "disability"


def test_an_explained_answer_is_not_filler():
    version = complete_assessment()
    version.impact_for("race").effect = "None of the patients we asked raised any difference."
    assert findings(version, "filler_answer") == []


def test_the_same_effect_pasted_across_groups_is_flagged():
    version = complete_assessment()
    for group_id in ("race", "sex", "religion_belief"):
        version.impact_for(group_id).effect = "No  difference   expected."
    flagged = findings(version, "copied_effects")
    assert {f.location.group_id for f in flagged} == {"race", "sex", "religion_belief"}
    assert all(not f.blocking for f in flagged)
    version.impact_for("sex").effect = "Women are most of the patients; no difference found."
    assert findings(version, "copied_effects") == []  # two copies are not yet a pattern


def test_one_source_linked_to_every_group_is_flagged_and_blocks_for_negative_impacts():
    version = complete_assessment()
    only = EvidenceSource(title="Census 2021", kind="population_data")
    for impact in version.impacts:
        impact.evidence = [only]
    advice = findings(version, "one_source_for_every_group")
    assert advice and not advice[0].blocking
    [problem] = findings(version, "one_source_for_negative_impact")
    assert problem.blocking and problem.location.group_id == "disability"
    assert "Census 2021" in problem.message


def test_a_mitigation_on_a_positive_row_asks_whether_the_impact_is_both():
    version = complete_assessment()
    version.impact_for("age").mitigation = "Seating in the new waiting area."
    [finding] = findings(version, "mitigation_on_positive_impact")
    assert not finding.blocking and "Both positive and negative" in finding.message


def test_cumulative_impact_gets_the_same_thinness_rule_as_intersectional():
    version = complete_assessment()
    answer(version, "intersectional_and_cumulative", cumulative_impact="None known.")
    [finding] = findings(version, "cumulative_thin")
    assert not finding.blocking and finding.location.question_id == "cumulative_impact"


# Engagement --------------------------------------------------------------------------------


def test_a_negatively_affected_group_no_engagement_reached_is_advice():
    version = complete_assessment()
    version.engagements[0].groups = ["age"]
    [finding] = findings(version, "negative_group_not_engaged")
    assert not finding.blocking and "disability" in finding.message


def test_engagement_after_the_decision_date_is_refused():
    version = complete_assessment()
    late = Engagement(who="Carers' group", started_on=date(2026, 5, 20), how="Meeting",
                      what_they_said="Too late", what_changed="Nothing")
    version.engagements.append(late)
    [finding] = findings(version, "engagement_after_decision")
    assert finding.blocking and "Engagement 2" in finding.message
    late.started_on = date(2026, 5, 1)
    assert findings(version, "engagement_after_decision") == []
    late.ended_on = date(2026, 6, 1)
    [advice] = findings(version, "engagement_ends_after_decision")
    assert not advice.blocking


# Justification ----------------------------------------------------------------------------


def test_what_cannot_be_justified_stops_continuing_despite_it():
    version = complete_assessment()
    answer(version, "outcome", adjustments=None, **JUSTIFIED)
    assert "cannot_be_justified" not in fired(version)
    answer(version, "outcome", cannot_be_justified=["reasonable_adjustments"])
    [finding] = findings(version, "cannot_be_justified")
    assert finding.blocking
    assert "failing to make reasonable adjustments" in finding.message
    answer(version, "outcome", cannot_be_justified=["none", "harassment"])
    [finding] = findings(version, "cannot_be_justified")
    assert "‘None of these’" in finding.message


def test_cost_alone_as_the_legitimate_aim_is_advice_for_the_reviewer():
    version = complete_assessment()
    answer(version, "outcome", adjustments=None, **JUSTIFIED)
    answer(version, "outcome", justification_legitimate_aim="To save £200,000 a year.")
    [finding] = findings(version, "cost_alone_as_aim")
    assert not finding.blocking
    answer(version, "outcome", justification_legitimate_aim="To save £200,000 a year while "
                                                            "keeping waiting times safe.")
    assert findings(version, "cost_alone_as_aim") == []


def test_the_checks_run_on_the_day_given():
    assert fired(complete_assessment(), today=TODAY) == set()
