"""Marking a practice attempt against a scenario's model answer.

Every shipped scenario is marked three ways: the model answer copied exactly (everything
found), the model answer with one marking point's words struck out (exactly that point
missed), and the model answer with one group's level changed (exactly that group missed). The
rest pins down how keywords match, how levels and outcomes are compared, and what the feedback
says about evidence and unaddressed impacts.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from eia.training.attempt import GroupRelevance
from eia.training.feedback import (
    ADJACENT,
    MATCHED,
    MISSED,
    NOT_ANSWERED,
    EvidenceRef,
    Progress,
)
from eia.training.keywords import group_matches, normalise, pattern_for
from eia.training.marking import (
    Attempt,
    AttemptAction,
    AttemptImpact,
    look_in_label,
    mark,
    model_attempt,
)
from eia.training.scenario import shipped_scenarios
from eia.training.scenario_model import (
    FIELD_SHORTHANDS,
    IMPACT_FIELDS,
    IMPACT_LEVELS,
    MarkingPoint,
    Scenario,
)

SCENARIOS = shipped_scenarios()
BY_ID = {s.id: s for s in SCENARIOS}
CLINICS = BY_ID["child-health-clinics-one-site"]


EVERY_POINT = [pytest.param(s, p, id=f"{s.id}:{p.id}")
               for s in SCENARIOS for p in s.model_answer.points]
EVERY_GROUP = [pytest.param(s, g, id=f"{s.id}:{g}") for s in SCENARIOS for g in s.group_ids]


def strike(attempt: Attempt, point: MarkingPoint) -> Attempt:
    """The attempt with every word the point looks for struck out of the fields it searches."""
    patterns = [pattern_for(alt) for group in point.look_for for alt in group]

    def clean(text: str) -> str:
        text = normalise(text)
        for pattern in patterns:
            text = pattern.sub(" ", text)
        return text

    impacts, texts, actions = dict(attempt.impacts), dict(attempt.texts), list(attempt.actions)
    for look_in in point.look_in:
        kind, _, group = look_in.partition(":")
        if kind in IMPACT_FIELDS:
            for g in [group] if group else list(impacts):
                impacts[g] = replace(impacts[g], **{kind: clean(getattr(impacts[g], kind))})
        elif kind == "actions":
            actions = [replace(a, description=clean(a.description)) for a in actions]
        else:
            for key in FIELD_SHORTHANDS.get(kind, (kind,)):
                texts[key] = clean(texts.get(key, ""))
    return replace(attempt, impacts=impacts, texts=texts, actions=tuple(actions))


def with_level(attempt: Attempt, group: str, level: str | None) -> Attempt:
    """The attempt with `group` answered at `level` (a row added for a group the model answer
    screens out), or with its row removed when `level` is None."""
    impacts = dict(attempt.impacts)
    if level is None:
        del impacts[group]
    elif group in impacts:
        impacts[group] = replace(impacts[group], level=level)
    else:
        impacts[group] = AttemptImpact(level=level, effect="Answered after all.")
    return replace(attempt, impacts=impacts)


def screened_out(attempt: Attempt, group: str, reason: str = "The proposal does not touch "
                 "this group.") -> Attempt:
    """The attempt with `group` screened out as not relevant, with a reason, and no row."""
    impacts = {g: row for g, row in attempt.impacts.items() if g != group}
    relevance = {**attempt.relevance, group: GroupRelevance("none", reason)}
    return replace(attempt, impacts=impacts, relevance=relevance)


def wrong_level(scenario: Scenario, group: str) -> str:
    model = scenario.model_answer.impact_for(group)
    return next(lv for lv in IMPACT_LEVELS if lv != model.level and lv not in model.acceptable)


def missed_points(feedback) -> list[str]:
    return [p.point_id for p in feedback.points if not p.found]


def missed_groups(feedback) -> list[str]:
    return [g.group_id for g in feedback.groups if not g.found]


# The model answer, copied ---------------------------------------------------------------------


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.id for s in SCENARIOS])
def test_copying_the_model_answer_finds_everything(scenario):
    feedback = mark(model_attempt(scenario), scenario)
    assert missed_points(feedback) == []
    assert [g.verdict for g in feedback.groups] == [MATCHED] * len(scenario.group_ids)
    assert [g.group_id for g in feedback.groups] == list(scenario.group_ids)
    assert not any(g.unsupported or g.evidence_missed for g in feedback.groups)
    assert feedback.screening.verdict == MATCHED
    assert feedback.outcome.verdict == MATCHED
    assert feedback.unaddressed == ()
    assert feedback.all_critical_found
    assert feedback.critical_found == feedback.critical_total > 0
    assert feedback.good_found == feedback.good_total > 0
    assert feedback.missed == ()


# Leaving one thing out ------------------------------------------------------------------------


@pytest.mark.parametrize(("scenario", "point"), EVERY_POINT)
def test_leaving_out_a_points_words_misses_exactly_that_point(scenario, point):
    feedback = mark(strike(model_attempt(scenario), point), scenario)
    assert missed_points(feedback) == [point.id]
    assert missed_groups(feedback) == []
    assert feedback.all_critical_found is (point.tag == "good")
    assert [(m.kind, m.id) for m in feedback.missed] == [("point", point.id)]
    assert [(m.kind, m.id) for m in feedback.missed_critical] == (
        [("point", point.id)] if point.tag == "critical" else [])


@pytest.mark.parametrize(("scenario", "group"), EVERY_GROUP)
def test_a_wrong_level_misses_exactly_that_group(scenario, group):
    model = scenario.model_answer.impact_for(group)
    feedback = mark(with_level(model_attempt(scenario), group, wrong_level(scenario, group)),
                    scenario)
    assert missed_groups(feedback) == [group]
    assert missed_points(feedback) == []
    assert feedback.all_critical_found is (model.tag == "good")
    assert [(m.kind, m.id) for m in feedback.missed] == [("group", group)]


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.id for s in SCENARIOS])
def test_a_wrong_screening_decision_or_outcome_is_named(scenario):
    attempt = model_attempt(scenario)
    screening = scenario.model_answer.screening
    other = next(d for d in ("full_assessment", "not_relevant")
                 if d != screening.decision and d not in screening.acceptable)
    feedback = mark(replace(attempt, screening_decision=other), scenario)
    assert feedback.screening.verdict == MISSED
    assert [(m.kind, m.id) for m in feedback.missed] == [("screening", "screening")]
    assert feedback.all_critical_found is (screening.tag == "good")

    outcome = scenario.model_answer.outcome
    wrong = next(o for o in ("no_major_change", "stop_and_remove", "adjust",
                             "continue_despite_adverse_impact")
                 if o != outcome.expected and o not in outcome.acceptable)
    feedback = mark(replace(attempt, outcome=wrong), scenario)
    assert feedback.outcome.verdict == MISSED
    assert feedback.outcome.given == wrong
    assert [(m.kind, m.id) for m in feedback.missed] == [("outcome", "outcome")]


# Levels, outcomes and evidence ----------------------------------------------------------------


def test_an_acceptable_alternative_level_is_adjacent_and_still_counts():
    attempt = with_level(model_attempt(CLINICS), "disability", "negative")
    row = next(g for g in mark(attempt, CLINICS).groups if g.group_id == "disability")
    assert (row.expected_level, row.acceptable_levels, row.given_level) == (
        "both", ("negative",), "negative")
    assert row.verdict == ADJACENT and row.found
    assert mark(attempt, CLINICS).all_critical_found


def test_a_level_outside_the_alternatives_is_missed():
    feedback = mark(with_level(model_attempt(CLINICS), "disability", "neutral"), CLINICS)
    row = next(g for g in feedback.groups if g.group_id == "disability")
    assert row.verdict == MISSED
    assert row.tag == "critical"
    assert "good and bad for the same group" in row.explanation
    assert not feedback.all_critical_found
    assert [m.label for m in feedback.missed_critical] == ["Disability"]


def test_a_group_with_no_row_or_no_level_is_not_answered():
    attempt = with_level(model_attempt(CLINICS), "welsh_language", None)
    attempt = with_level(attempt, "socio_economic", "")
    rows = {g.group_id: g for g in mark(attempt, CLINICS).groups}
    assert rows["welsh_language"].verdict == NOT_ANSWERED
    assert rows["welsh_language"].given_level is None
    assert rows["socio_economic"].verdict == NOT_ANSWERED


def test_a_group_the_model_screens_out_needs_no_row_and_an_answer_there_still_counts():
    feedback = mark(model_attempt(CLINICS), CLINICS)
    marriage = next(g for g in feedback.groups if g.group_id == "marriage_civil_partnership")
    assert "marriage_civil_partnership" not in model_attempt(CLINICS).impacts
    assert (marriage.screened_out, marriage.model_screened_out, marriage.verdict) == (
        True, True, MATCHED)
    answered = mark(with_level(model_attempt(CLINICS), "marriage_civil_partnership",
                               "neutral"), CLINICS)
    row = next(g for g in answered.groups if g.group_id == "marriage_civil_partnership")
    assert (row.screened_out, row.verdict) == (False, MATCHED)


def test_screening_out_a_group_the_proposal_harms_is_missed_and_named():
    feedback = mark(screened_out(model_attempt(CLINICS), "disability"), CLINICS)
    row = next(g for g in feedback.groups if g.group_id == "disability")
    assert (row.screened_out, row.given_level, row.verdict) == (True, None, MISSED)
    assert [m.label for m in feedback.missed_critical] == ["Disability"]


def test_screening_out_a_group_the_model_finds_neutral_is_adjacent():
    feedback = mark(screened_out(model_attempt(CLINICS), "gender_reassignment"), CLINICS)
    row = next(g for g in feedback.groups if g.group_id == "gender_reassignment")
    assert (row.screened_out, row.verdict) == (True, ADJACENT)
    assert feedback.missed == ()


def test_a_group_marked_none_without_a_reason_is_not_screened_out():
    attempt = screened_out(model_attempt(CLINICS), "gender_reassignment", reason=" ")
    row = next(g for g in mark(attempt, CLINICS).groups if g.group_id == "gender_reassignment")
    assert (row.screened_out, row.verdict) == (False, NOT_ANSWERED)


def test_an_acceptable_alternative_outcome_is_adjacent():
    scenario = next(s for s in SCENARIOS if s.model_answer.outcome.acceptable)
    alternative = scenario.model_answer.outcome.acceptable[0]
    feedback = mark(replace(model_attempt(scenario), outcome=alternative), scenario)
    assert feedback.outcome.verdict == ADJACENT and feedback.outcome.found
    assert feedback.all_critical_found


def test_an_empty_attempt_finds_nothing_and_answers_nothing():
    feedback = mark(Attempt(screening_decision=None), CLINICS)
    assert feedback.screening.verdict == NOT_ANSWERED
    assert feedback.outcome.verdict == NOT_ANSWERED
    assert {g.verdict for g in feedback.groups} == {NOT_ANSWERED}
    assert not any(p.found for p in feedback.points)
    assert feedback.progress == Progress(0, 0)
    assert not feedback.all_critical_found
    # Every negative impact of the model answer is unaddressed, with the model's mitigation.
    negative = [g for g in CLINICS.group_ids if CLINICS.model_answer.impact_for(g).is_negative]
    assert [u.group_id for u in feedback.unaddressed] == negative
    assert feedback.unaddressed[0].model_mitigation.startswith("A monthly outreach session")


def test_a_claimed_impact_with_no_evidence_is_unsupported():
    attempt = model_attempt(CLINICS)
    impacts = dict(attempt.impacts)
    impacts["sex"] = replace(impacts["sex"], evidence=())
    impacts["race"] = replace(impacts["race"], evidence=())  # neutral: not a claim
    impacts["age"] = replace(impacts["age"], level="not_known", evidence=())
    impacts["carers"] = replace(impacts["carers"], level="positive", evidence=())
    rows = {g.group_id: g for g in mark(replace(attempt, impacts=impacts), CLINICS).groups}
    assert rows["sex"].unsupported
    assert rows["carers"].unsupported
    assert not rows["race"].unsupported
    assert not rows["age"].unsupported
    assert rows["sex"].evidence_used == ()
    assert [r.key for r in rows["sex"].evidence_missed] == ["E1", "E4"]


def test_the_trainees_own_source_counts_as_evidence_but_matches_no_pack_source():
    attempt = model_attempt(CLINICS)
    impacts = dict(attempt.impacts)
    impacts["sex"] = replace(impacts["sex"], evidence=("E4",),
                             own_evidence=("Fathers’ group minutes",))
    impacts["carers"] = replace(impacts["carers"], evidence=(),
                                own_evidence=("Parent carers’ forum notes",))
    rows = {g.group_id: g for g in mark(replace(attempt, impacts=impacts), CLINICS).groups}
    assert not rows["carers"].unsupported
    assert rows["carers"].evidence_used == (EvidenceRef(None, "Parent carers’ forum notes"),)
    assert rows["carers"].evidence_missed == (
        EvidenceRef("E5", "Health visiting caseload: families with extra needs"),)
    assert rows["sex"].evidence_used == (
        EvidenceRef("E4", "Parent survey on the proposal"),
        EvidenceRef(None, "Fathers’ group minutes"))
    assert rows["sex"].evidence_that_matters == (
        EvidenceRef("E1", "Clinic attendance and how families travel"),
        EvidenceRef("E4", "Parent survey on the proposal"))


def test_a_negative_impact_is_addressed_by_a_mitigation_or_an_action():
    attempt = model_attempt(CLINICS)
    impacts = dict(attempt.impacts)
    impacts["welsh_language"] = replace(impacts["welsh_language"], mitigation="  ")
    without_action = tuple(a for a in attempt.actions if "welsh_language" not in a.groups)
    unaddressed = mark(replace(attempt, impacts=impacts, actions=without_action),
                       CLINICS).unaddressed
    assert [(u.group_id, u.group_name) for u in unaddressed] == [
        ("welsh_language", "Welsh language")]
    assert "active offer" in unaddressed[0].model_mitigation
    # An action for the group is enough, even with the mitigation left blank.
    assert mark(replace(attempt, impacts=impacts), CLINICS).unaddressed == ()


# Marking points -------------------------------------------------------------------------------


def test_a_point_for_one_group_is_not_found_in_another_groups_row():
    attempt = model_attempt(CLINICS)
    point = next(p for p in CLINICS.model_answer.points if p.id == "welsh_active_offer")
    impacts = dict(attempt.impacts)
    moved = impacts["welsh_language"].mitigation
    impacts["welsh_language"] = replace(impacts["welsh_language"], mitigation="See actions.")
    impacts["age"] = replace(impacts["age"], mitigation=moved)
    actions = tuple(replace(a, description="Welsh session.") if "welsh_language" in a.groups
                    else a for a in attempt.actions)
    feedback = mark(replace(attempt, impacts=impacts, actions=actions), CLINICS)
    assert missed_points(feedback) == [point.id]
    row = next(p for p in feedback.points if p.point_id == point.id)
    assert row.looked_in == ("Mitigation (Welsh language)", "Action plan")
    assert row.tag == "critical" and "Welsh Language Standards" in row.explanation


def test_a_points_keyword_groups_may_be_found_in_different_fields():
    attempt = model_attempt(CLINICS)
    impacts = {g: replace(i, mitigation="") for g, i in attempt.impacts.items()}
    actions = (AttemptAction("Run an outreach clinic once a month.", ("socio_economic",)),
               AttemptAction("Keep something at the head of the valley.", ("age",)))
    feedback = mark(replace(attempt, impacts=impacts, actions=actions), CLINICS)
    assert "outreach_at_head_of_valley" not in missed_points(feedback)


def test_looked_in_labels_name_the_field_and_the_group():
    names = {"disability": "Disability"}
    assert look_in_label("mitigation:disability", names) == "Mitigation (Disability)"
    assert look_in_label("effect", names) == "Effect (any group)"
    assert look_in_label("actions", names) == "Action plan"
    assert look_in_label("aims", names) == "The three aims"
    assert look_in_label("justification_alternatives", names) == (
        "Justification: alternatives considered")
    assert look_in_label("cumulative", names) == "Cumulative impact"


def test_progress_puts_critical_items_before_good_ones():
    assert Progress(3, 0) > Progress(2, 12)
    assert Progress(3, 4) > Progress(3, 2)
    full = mark(model_attempt(CLINICS), CLINICS).progress
    point = next(p for p in CLINICS.model_answer.points if p.tag == "critical")
    assert mark(strike(model_attempt(CLINICS), point), CLINICS).progress < full


def test_marking_is_pure():
    attempt = model_attempt(CLINICS)
    before = repr(attempt)
    assert mark(attempt, CLINICS) == mark(attempt, CLINICS)
    assert repr(attempt) == before


# How keywords match ---------------------------------------------------------------------------


@pytest.mark.parametrize(("alternatives", "text", "found"), [
    (["bus"], "She takes the BUS to town.", True),
    (["bus"], "A small business.", False),  # whole words only
    (["bus"], "Two buses an hour.", False),
    (["bus*"], "Two buses an hour.", True),  # a trailing * is a prefix
    (["adjust*"], "Reasonable adjustments at home.", True),
    (["adjust*"], "They readjusted the rota.", False),  # a prefix still starts a word
    (["home visit*"], "Offer home\nvisits to disabled parents.", True),  # phrases span lines
    (["step-free"], "The entrance is step free.", True),  # spaces and hyphens are alike
    (["step free"], "A step-free entrance.", True),
    (["carer's leave"], "The right to carer’s leave.", True),  # typographic apostrophes
    (["£4.80"], "A £4.80 return fare.", True),
    (["£4.80"], "A £4.800 fare.", False),
    (["active offer"], "an offer that is active", False),  # a phrase keeps its order
    (["outreach", "pop-up"], "A pop-up clinic.", True),  # any alternative in a group
    (["Welsh-speaking"], "a WELSH SPEAKING health visitor", True),
])
def test_keyword_matching(alternatives, text, found):
    assert group_matches(alternatives, [text]) is found


def test_every_keyword_group_of_a_point_must_match():
    point = next(p for p in CLINICS.model_answer.points if p.id == "outreach_at_head_of_valley")
    attempt = model_attempt(CLINICS)
    only_outreach = (AttemptAction("Run an outreach session every month.", ("age",)),)
    no_mitigations = {g: replace(i, mitigation="") for g, i in attempt.impacts.items()}
    feedback = mark(replace(attempt, impacts=no_mitigations, actions=only_outreach), CLINICS)
    assert point.id in missed_points(feedback)
    both = (AttemptAction("Run an OUTREACH session in the Upper Valley every month.",
                          ("age",)),)
    feedback = mark(replace(attempt, impacts=no_mitigations, actions=both), CLINICS)
    assert point.id not in missed_points(feedback)


def test_a_trainee_writing_in_their_own_words_is_marked_on_the_ideas():
    impacts = {g: AttemptImpact(level=CLINICS.model_answer.impact_for(g).level,
                                evidence=CLINICS.model_answer.impact_for(g).evidence)
               for g in CLINICS.group_ids}
    impacts["socio_economic"] = replace(
        impacts["socio_economic"],
        effect="Mums from Blaenarian would pay £4.80 on the bus and lose an hour each way.")
    attempt = Attempt(screening_decision="full_assessment", impacts=impacts, outcome="adjust",
                      texts={"monitoring": "Uptake of reviews by postcode, every quarter."})
    found = {p.point_id for p in mark(attempt, CLINICS).points if p.found}
    assert found == {"journey_fare_and_time", "monitor_by_area"}
