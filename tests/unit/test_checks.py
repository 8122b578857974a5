"""The quality checks, one rule at a time, on assessments built in memory (no database).

`complete_assessment()` builds an assessment a reviewer would accept: every section done, every
group answered with evidence, an action, outcome "adjust", a review date ahead. Each rule has a
test that changes it just enough to fire, and a test of the nearest case that must stay quiet.
"""

# Messages quote names and labels with typographic quotes, as GOV.UK style does.

from __future__ import annotations

from datetime import date

import pytest

from eia.checks import RULE_IDS, Finding, Location, check_assessment
from eia.framework import JUSTIFICATION_QUESTIONS, load_framework
from eia.models.assessments import (
    Action,
    AssessmentVersion,
    Engagement,
    EvidenceSource,
    GroupImpact,
    SectionAnswers,
)

EXTRAS = ["carers", "socio_economic"]
# As an assessment covering EXTRAS sees it (so questions for other groups' duties are not asked).
FRAMEWORK = load_framework().for_groups(EXTRAS)
TODAY = date(2026, 3, 2)

LIVES = ("Disabled patients who do not drive would need two buses to reach the hospital site "
         "instead of a short walk from the town centre stop, adding up to an hour each way and "
         "the cost of a second fare.")
POSITIVE = ("Older patients gain a ground-floor clinic with level access, a lift to the "
            "hydrotherapy pool and seating in the waiting area, which many told us they "
            "found missing at the old first-floor site.")
INTERSECTIONAL = ("Older disabled women living alone on low incomes are most affected: they "
                  "are the largest group of patients, least likely to drive, and more often "
                  "carers themselves, so a longer journey costs them time and money twice.")

ANSWERS = {
    "screening": {
        "change_nature": "revised",
        "change_description": "Move the community physiotherapy clinic from the town centre "
                              "to the hospital site from September 2026.",
        "affected_people": ["service_users", "staff"],
        "relevant_eliminate_discrimination": "yes",
        "relevant_advance_equality": "yes",
        "relevant_good_relations": "no",
        "likely_impacts": "Older and disabled patients who do not drive travel further.",
        "screening_decision": "full_assessment",
        "screening_basis": "Clinic attendance data by age and disability.",
        "group_relevance": {},  # filled in for every group by complete_assessment()
    },
    "aims_and_scope": {
        "purpose": "To end the lease on the town centre building and join the hospital team.",
        "intended_outcomes": "Shorter waits for every patient, including those needing "
                             "transport.",
        "delivery": "Phased move over two months; transport booked for patients who need it.",
    },
    "evidence": {"evidence_gaps": "Little data on gender reassignment; we will ask the "
                                  "LGBT+ network."},
    "engagement": {"engagement_gaps": "Patients without internet access: we will phone them."},
    "impact_by_group": {},
    "intersectional_and_cumulative": {
        "intersectional_impact": INTERSECTIONAL,
        "cumulative_impact": "The 12 bus is being cut back at the same time, and parking "
                             "charges at the hospital rise in April, so patients who drive and "
                             "those who rely on the bus both pay more; we raised this with the "
                             "transport authority.",
    },
    "three_aims": {
        "aim_eliminate_discrimination": "Transport and home visits avoid indirect "
                                        "disability discrimination.",
        "aim_advance_equality": "Level access improves the service for disabled patients.",
        "aim_foster_good_relations": "We explained the move to patient groups in person.",
    },
    "other_duties": {
        "human_rights_engaged": "no",
        "socio_economic_impact": "Bus fares rise for patients; we will refund second fares.",
        "health_inequalities": "affects",
        "health_inequalities_detail": "Patients from the most deprived wards miss more "
                                      "appointments; transport is offered to them first.",
        "welsh_language": "not_applicable",
    },
    "outcome": {
        "outcome": "adjust",
        "outcome_summary": "The move goes ahead with free transport and home visits.",
        "remaining_impact_proportionality": "A few patients who decline transport travel "
                                            "further; the shorter waits for everyone outweigh "
                                            "an occasional longer journey.",
        "adjustments": "Free transport for patients who cannot use the bus; home visits.",
    },
    "action_plan": {},
    "monitoring_and_review": {
        "monitoring_indicators": "Missed appointments by age, disability and ward, monthly.",
        "monitoring_owner": "Head of Community Therapy",
        "review_date": "2027-03-01",
    },
}


def complete_assessment() -> AssessmentVersion:
    """A full analysis that passes every check, with nothing to advise on."""
    version = AssessmentVersion(
        title="Moving the community physiotherapy clinic", assessment_type="service_change",
        status="draft", extra_groups=f'["{EXTRAS[0]}", "{EXTRAS[1]}"]',
        decision_date=date(2026, 5, 20), work_started_on=date(2026, 1, 12))
    for section in FRAMEWORK.sections:
        row = SectionAnswers(section_id=section.id, completed=True)
        row.answers = dict(ANSWERS[section.id])
        version.sections.append(row)
    answer(version, "screening", group_relevance={
        g.id: {"relevance": "high" if g.id in ("age", "disability") else "low",
               "reason": "Most patients are older or disabled." if g.id in ("age", "disability")
               else "No difference expected; the attendance data is checked."}
        for g in FRAMEWORK.groups_for(EXTRAS)})
    survey = EvidenceSource(title="Patient survey 2025", kind="consultation", period="2025")
    attendance = EvidenceSource(title="Clinic attendance by group", kind="service_data")
    version.evidence += [survey, attendance]
    forum = Engagement(who="Disability forum", started_on=date(2026, 1, 20), how="Meeting",
                       what_they_said="Worried about buses", what_changed="Free transport added")
    forum.groups = ["disability", "age"]
    version.engagements.append(forum)
    for group in FRAMEWORK.groups_for(EXTRAS):
        version.impacts.append(GroupImpact(
            group_id=group.id, impact="neutral",
            effect=f"No difference found for {group.name.lower()} in the attendance data.",
            evidence=[attendance], no_evidence_reason="", mitigation="", residual_impact=""))
    disability = version.impact_for("disability")
    disability.impact, disability.effect = "negative", LIVES
    disability.mitigation = "Free accessible transport and home visits for those who need them."
    disability.residual_impact = "Longer journeys for a few patients who decline transport."
    disability.harm_remains = True
    disability.evidence = [survey, attendance]
    age = version.impact_for("age")
    age.impact, age.effect = "positive", POSITIVE
    action = Action(id=1, description="Book free accessible transport for every patient who "
                                      "needs it before the move",
                    owner="Transport coordinator", due_date=date(2026, 8, 1), status="planned")
    action.groups = ["disability"]
    version.actions.append(action)
    return version


def answer(version: AssessmentVersion, section_id: str, **answers) -> None:
    """Change some answers of a section (None removes an answer)."""
    row = version.section(section_id)
    merged = {**row.answers, **answers}
    row.answers = {k: v for k, v in merged.items() if v is not None}


def screen_out(version: AssessmentVersion) -> None:
    answer(version, "screening", screening_decision="not_relevant", change_nature="technical",
           relevant_eliminate_discrimination="no", relevant_advance_equality="no",
           relevant_good_relations="no",
           not_relevant_reason="A change of supplier for the same product, at the same "
                               "price, delivered to the same sites.",
           group_relevance={g.id: {"relevance": "none", "reason": "The same product, price "
                                   "and sites for everyone."}
                            for g in FRAMEWORK.groups_for(EXTRAS)})


def findings(version: AssessmentVersion, rule: str, today: date = TODAY) -> list[Finding]:
    return [f for f in check_assessment(version, FRAMEWORK, today=today) if f.rule == rule]


def fired(version: AssessmentVersion, today: date = TODAY) -> set[str]:
    return {f.rule for f in check_assessment(version, FRAMEWORK, today=today)}


# The whole assessment -----------------------------------------------------------------------


def test_a_complete_assessment_has_no_problems_and_no_advice():
    assert check_assessment(complete_assessment(), FRAMEWORK, today=TODAY) == []


def test_every_rule_is_registered_once():
    assert len(RULE_IDS) == len(set(RULE_IDS)) == 40


def test_problems_come_before_advice_in_section_order():
    version = complete_assessment()
    version.decision_date = None  # advice, control details
    version.engagements.clear()  # advice, engagement
    answer(version, "monitoring_and_review", review_date=None)  # problem, monitoring
    version.impacts.remove(version.impact_for("race"))  # problem, impact by group
    version.work_started_on = date(2026, 6, 1)
    version.decision_date = None
    result = check_assessment(version, FRAMEWORK, today=TODAY)
    assert [(f.blocking, f.location.section_id) for f in result] == [
        (True, "impact_by_group"),
        (True, "monitoring_and_review"),
        (True, "monitoring_and_review"),
        (False, "control"),
        (False, "engagement"),
    ]


def test_problems_for_one_group_are_listed_together_in_group_order():
    version = complete_assessment()
    for group_id in ("race", "age"):
        impact = version.impact_for(group_id)
        impact.impact, impact.evidence, impact.mitigation = "negative", [], ""
    result = check_assessment(version, FRAMEWORK, today=TODAY)
    assert [(f.location.group_id, f.rule) for f in result if f.blocking] == [
        ("age", "negative_impact_without_evidence"),
        ("age", "negative_impact_unaddressed"),
        ("age", "harm_remains_unanswered"),
        ("race", "negative_impact_without_evidence"),
        ("race", "negative_impact_unaddressed"),
        ("race", "harm_remains_unanswered"),
    ]


def test_a_short_form_skips_the_impact_outcome_and_action_rules():
    version = complete_assessment()
    screen_out(version)
    version.impacts.clear()
    version.engagements.clear()
    version.actions[0].owner = ""
    answer(version, "outcome", outcome="no_major_change")
    for section_id in ("evidence", "impact_by_group", "outcome"):
        version.section(section_id).completed = False
    assert fired(version) == set()


def test_a_short_form_still_needs_its_reason_and_review_date():
    version = complete_assessment()
    screen_out(version)
    answer(version, "screening", not_relevant_reason=None)
    answer(version, "monitoring_and_review", review_date=None)
    result = check_assessment(version, FRAMEWORK, today=TODAY)
    assert {f.rule for f in result} == {"section_incomplete", "review_date_missing"}
    assert result[0].message == "Answer ‘Why is the proposal not relevant to equality?’ in " \
                                "Screening"
    assert result[0].location == Location("screening", page_id="decision",
                                          question_id="not_relevant_reason")


# section_incomplete -------------------------------------------------------------------------


def test_section_incomplete_when_a_section_is_not_marked_complete():
    version = complete_assessment()
    version.section("three_aims").completed = False
    [finding] = findings(version, "section_incomplete")
    assert finding.blocking
    assert "The three aims of the equality duty" in finding.message
    assert finding.location == Location("three_aims")


def test_section_incomplete_when_a_section_has_no_answers_at_all():
    version = complete_assessment()
    version.sections.remove(version.section("engagement"))
    [finding] = findings(version, "section_incomplete")
    assert finding.location.section_id == "engagement"


def test_section_incomplete_names_the_first_unanswered_question():
    version = complete_assessment()
    answer(version, "aims_and_scope", intended_outcomes="  ", delivery=None)
    [finding] = findings(version, "section_incomplete")
    assert finding.message == "Answer ‘What should it achieve, and for whom?’ in Aims and scope"
    assert finding.location == Location("aims_and_scope", page_id="purpose",
                                        question_id="intended_outcomes")


def test_section_incomplete_quiet_when_an_optional_or_hidden_question_is_blank():
    version = complete_assessment()
    answer(version, "aims_and_scope", related_policies="")
    answer(version, "other_duties", human_rights_detail=None)  # hidden: rights not engaged
    assert findings(version, "section_incomplete") == []


# impact_missing -----------------------------------------------------------------------------


def test_impact_missing_names_the_group():
    version = complete_assessment()
    version.impacts.remove(version.impact_for("age"))
    [finding] = findings(version, "impact_missing")
    assert finding.blocking
    assert finding.message == ("Say what the impact is on people who share the protected "
                               "characteristic of age")
    assert finding.location == Location("impact_by_group", group_id="age")


def test_impact_missing_for_a_switched_on_extra_group_points_to_other_duties():
    version = complete_assessment()
    version.impacts.remove(version.impact_for("carers"))
    [finding] = findings(version, "impact_missing")
    assert "‘Carers’" in finding.message
    assert finding.location == Location("other_duties", group_id="carers")


def test_impact_missing_quiet_for_extra_groups_that_are_switched_off():
    version = complete_assessment()
    version.extra_groups = "[]"
    version.impacts[:] = [i for i in version.impacts if i.group_id not in EXTRAS]
    assert findings(version, "impact_missing") == []


# negative_impact_without_evidence -----------------------------------------------------------


@pytest.mark.parametrize("level", ["negative", "both"])
def test_negative_impact_without_evidence(level):
    version = complete_assessment()
    impact = version.impact_for("disability")
    impact.impact, impact.evidence = level, []
    impact.no_evidence_reason = "We have not collected any."
    [finding] = findings(version, "negative_impact_without_evidence")
    assert finding.blocking
    assert "disability" in finding.message
    assert finding.location.group_id == "disability"


def test_negative_impact_without_evidence_quiet_with_one_source():
    version = complete_assessment()
    version.impact_for("disability").evidence = version.evidence[:1]
    assert findings(version, "negative_impact_without_evidence") == []


# no_evidence_reason_missing -----------------------------------------------------------------


@pytest.mark.parametrize("level", ["neutral", "positive", "not_known"])
def test_no_evidence_reason_missing(level):
    version = complete_assessment()
    impact = version.impact_for("religion_belief")
    impact.impact, impact.evidence, impact.effect = level, [], POSITIVE
    [finding] = findings(version, "no_evidence_reason_missing")
    assert finding.blocking
    assert finding.message == ("Link evidence to the impact on people who share the protected "
                               "characteristic of religion or belief, or say why there is none")


def test_no_evidence_reason_missing_quiet_when_the_gap_is_explained():
    version = complete_assessment()
    impact = version.impact_for("religion_belief")
    impact.evidence, impact.no_evidence_reason = [], "   "
    assert len(findings(version, "no_evidence_reason_missing")) == 1
    impact.no_evidence_reason = "We do not record religion; the network will survey members."
    assert findings(version, "no_evidence_reason_missing") == []


# negative_impact_unaddressed ----------------------------------------------------------------


def test_negative_impact_unaddressed():
    version = complete_assessment()
    version.impact_for("disability").mitigation = ""
    [finding] = findings(version, "negative_impact_unaddressed")
    assert finding.blocking
    assert finding.message.startswith("Say how the negative impact on people who share the "
                                      "protected characteristic of disability")


def test_negative_impact_unaddressed_when_the_justification_is_partial():
    version = complete_assessment()
    version.impact_for("disability").mitigation = None
    answer(version, "outcome", outcome="continue_despite_adverse_impact",
           justification_legitimate_aim="Patient safety.")
    assert len(findings(version, "negative_impact_unaddressed")) == 1


def test_negative_impact_unaddressed_quiet_when_fully_justified():
    version = complete_assessment()
    version.impact_for("disability").mitigation = ""
    answer(version, "outcome", outcome="continue_despite_adverse_impact",
           **{q: "A specific, considered answer." for q in JUSTIFICATION_QUESTIONS})
    assert findings(version, "negative_impact_unaddressed") == []


# outcome_contradicts_findings ---------------------------------------------------------------


def test_outcome_contradicts_findings_with_no_major_change_and_a_negative_impact():
    version = complete_assessment()
    version.impact_for("carers").impact = "both"
    answer(version, "outcome", outcome="no_major_change", adjustments=None)
    [finding] = findings(version, "outcome_contradicts_findings")
    assert finding.blocking
    assert finding.message == (
        "‘No major change needed’ does not fit the negative impact on disability and Carers. "
        "Choose ‘Adjust the proposal’ or ‘Continue despite adverse impact’ with a "
        "justification, or revisit the impact")
    assert finding.location == Location("outcome", page_id="result", question_id="outcome")


def test_outcome_contradicts_findings_quiet_when_no_group_is_negatively_affected():
    version = complete_assessment()
    version.impact_for("disability").impact = "positive"
    answer(version, "outcome", outcome="no_major_change", adjustments=None)
    assert findings(version, "outcome_contradicts_findings") == []


# justification_incomplete -------------------------------------------------------------------


def test_justification_incomplete_names_the_first_blank_question():
    version = complete_assessment()
    answer(version, "outcome", outcome="continue_despite_adverse_impact", adjustments=None,
           justification_legitimate_aim="Patient safety.", justification_necessity="",
           justification_alternatives="Three sites considered.")
    [finding] = findings(version, "justification_incomplete")
    assert finding.blocking
    assert finding.message == ("Justify continuing despite adverse impact: answer ‘Why is the "
                               "proposal necessary to achieve that aim?’ and 1 more")
    assert finding.location == Location("outcome", page_id="justification",
                                        question_id="justification_necessity")


def test_justification_incomplete_quiet_when_every_question_is_answered():
    version = complete_assessment()
    answer(version, "outcome", outcome="continue_despite_adverse_impact", adjustments=None,
           **{q: "A specific, considered answer." for q in JUSTIFICATION_QUESTIONS})
    assert findings(version, "justification_incomplete") == []


# action_owner_missing and action_due_date_missing -------------------------------------------


def test_action_owner_missing_names_the_action_briefly():
    version = complete_assessment()
    version.actions[0].owner = " "
    [finding] = findings(version, "action_owner_missing")
    assert finding.blocking
    assert finding.message == ("Name an owner for the action ‘Book free accessible transport "
                               "for every patient who needs…’")
    assert finding.location == Location("action_plan", action_id=1)


def test_action_owner_missing_quiet_when_owned():
    version = complete_assessment()
    version.actions[0].owner = "Clinic manager"
    assert findings(version, "action_owner_missing") == []


def test_action_due_date_missing():
    version = complete_assessment()
    version.actions[0].description = "Phone every patient"
    version.actions[0].due_date = None
    [finding] = findings(version, "action_due_date_missing")
    assert finding.blocking
    assert finding.message == "Set a due date for the action ‘Phone every patient’"


def test_action_due_date_missing_quiet_when_dated():
    version = complete_assessment()
    version.actions[0].due_date = TODAY
    assert findings(version, "action_due_date_missing") == []


# review_date_missing and review_date_not_in_future ------------------------------------------


@pytest.mark.parametrize("value", [None, "", "not a date"])
def test_review_date_missing(value):
    version = complete_assessment()
    answer(version, "monitoring_and_review", review_date=value)
    [finding] = findings(version, "review_date_missing")
    assert finding.blocking
    assert finding.location == Location("monitoring_and_review", page_id="monitoring",
                                        question_id="review_date")


def test_review_date_missing_quiet_with_a_date():
    version = complete_assessment()
    assert findings(version, "review_date_missing") == []


@pytest.mark.parametrize("value", ["2026-03-02", "2025-12-31"])
def test_review_date_not_in_future(value):
    version = complete_assessment()
    answer(version, "monitoring_and_review", review_date=value)
    [finding] = findings(version, "review_date_not_in_future")
    assert finding.blocking
    assert date.fromisoformat(value).strftime("%B %Y") in finding.message


def test_review_date_not_in_future_quiet_from_tomorrow():
    version = complete_assessment()
    answer(version, "monitoring_and_review", review_date="2026-03-03")
    assert findings(version, "review_date_not_in_future") == []


# work_started_after_decision ----------------------------------------------------------------


def test_work_started_after_decision():
    version = complete_assessment()
    version.work_started_on = date(2026, 5, 21)
    [finding] = findings(version, "work_started_after_decision")
    assert finding.blocking
    assert finding.message.startswith("The equality work started on 21 May 2026, after the "
                                      "decision date of 20 May 2026")
    assert finding.location == Location("control", question_id="work_started_on")


def test_work_started_after_decision_quiet_on_the_same_day():
    version = complete_assessment()
    version.work_started_on = version.decision_date
    assert findings(version, "work_started_after_decision") == []


# decision_date_passed -----------------------------------------------------------------------


def test_decision_date_passed_before_sign_off():
    version = complete_assessment()
    version.status = "in_review"
    [finding] = findings(version, "decision_date_passed", today=date(2026, 5, 21))
    assert finding.blocking
    assert finding.message.startswith("The decision date, 20 May 2026, has passed")
    assert finding.location == Location("control", question_id="decision_date")


def test_decision_date_passed_quiet_on_the_day_and_once_signed_off():
    version = complete_assessment()
    assert findings(version, "decision_date_passed", today=date(2026, 5, 20)) == []
    version.status = "signed_off"
    assert findings(version, "decision_date_passed", today=date(2026, 5, 21)) == []


def test_decision_date_passed_quiet_without_a_decision_date():
    version = complete_assessment()
    version.decision_date = None
    assert "decision_date_passed" not in fired(version, today=date(2030, 1, 1))


# Advice: impact_description_generic ---------------------------------------------------------


@pytest.mark.parametrize("level", ["positive", "negative", "both"])
def test_impact_description_generic(level):
    version = complete_assessment()
    impact = version.impact_for("disability")
    impact.impact, impact.effect = level, "Patients will have to travel further."
    [finding] = findings(version, "impact_description_generic")
    assert not finding.blocking
    assert "in practice" in finding.message
    assert finding.location.group_id == "disability"


def test_impact_description_generic_quiet_at_25_words_and_for_neutral():
    version = complete_assessment()
    version.impact_for("disability").effect = " ".join(["word"] * 25)
    assert findings(version, "impact_description_generic") == []  # neutral rows are short


# Advice: negative_impact_without_action -----------------------------------------------------


def test_negative_impact_without_action():
    version = complete_assessment()
    version.actions[0].groups = ["age"]
    [finding] = findings(version, "negative_impact_without_action")
    assert not finding.blocking
    assert "disability" in finding.message
    assert finding.location == Location("action_plan")


def test_negative_impact_without_action_quiet_when_an_action_lists_the_group():
    version = complete_assessment()
    version.actions[0].groups = ["age", "disability"]
    assert findings(version, "negative_impact_without_action") == []


# Advice: no_engagement ----------------------------------------------------------------------


def test_no_engagement():
    version = complete_assessment()
    version.engagements.clear()
    [finding] = findings(version, "no_engagement")
    assert not finding.blocking
    assert finding.location == Location("engagement")


def test_no_engagement_quiet_with_one_activity():
    version = complete_assessment()
    assert len(version.engagements) == 1
    assert findings(version, "no_engagement") == []


# Advice: intersectional_thin ----------------------------------------------------------------


def test_intersectional_thin():
    version = complete_assessment()
    answer(version, "intersectional_and_cumulative", intersectional_impact="None identified.")
    [finding] = findings(version, "intersectional_thin")
    assert not finding.blocking
    assert finding.location.question_id == "intersectional_impact"


def test_intersectional_thin_quiet_at_25_words_and_when_blank():
    version = complete_assessment()
    answer(version, "intersectional_and_cumulative",
           intersectional_impact=" ".join(["word"] * 25))
    assert findings(version, "intersectional_thin") == []
    answer(version, "intersectional_and_cumulative", intersectional_impact="")
    assert findings(version, "intersectional_thin") == []  # section_incomplete says so


# Advice: neutral_without_evidence -----------------------------------------------------------


def test_neutral_without_evidence_even_with_a_reason():
    version = complete_assessment()
    impact = version.impact_for("sexual_orientation")
    impact.evidence, impact.no_evidence_reason = [], "No data is collected."
    [finding] = findings(version, "neutral_without_evidence")
    assert not finding.blocking
    assert "sexual orientation" in finding.message
    assert "Not yet known" in finding.message


def test_neutral_without_evidence_quiet_for_not_known():
    version = complete_assessment()
    impact = version.impact_for("sexual_orientation")
    impact.impact, impact.evidence = "not_known", []
    impact.no_evidence_reason = "No data is collected; the network will survey members."
    assert findings(version, "neutral_without_evidence") == []


# Advice: decision_date_missing --------------------------------------------------------------


def test_decision_date_missing():
    version = complete_assessment()
    version.decision_date = None
    [finding] = findings(version, "decision_date_missing")
    assert not finding.blocking
    assert finding.location == Location("control", question_id="decision_date")


def test_decision_date_missing_quiet_with_a_date():
    assert findings(complete_assessment(), "decision_date_missing") == []
