"""The practice scenario library: the shipped scenarios and the checks on a scenario file.

Broken files are made by editing a copy of a shipped scenario, so each test changes one thing
and the rest of the file stays valid; every problem must be reported with the key at fault.
"""

from __future__ import annotations

import ast
import re
import tomllib
from datetime import date
from pathlib import Path

import pytest

import eia.training.scenario as scenario_module
from eia.framework import OUTCOMES, PROTECTED_CHARACTERISTICS, default_framework
from eia.training import scenario_model
from eia.training.scenario import (
    SCENARIOS_DIR,
    ScenarioError,
    load_scenario,
    parse_scenario,
    shipped_scenarios,
)

SCENARIOS = shipped_scenarios()
BY_ID = {s.id: s for s in SCENARIOS}
BASE_PATH = SCENARIOS_DIR / "child-health-clinics-one-site.toml"
BASE_TEXT = BASE_PATH.read_text(encoding="utf-8")
REPO = Path(__file__).resolve().parents[2]

# One scenario for each topic the training programme needs (EIA-DOMAIN.md, "Training").
TOPICS = {
    "child-health-clinics-one-site": "moving a service to one site",
    "blood-test-booking-online-only": "closing a phone line for online-only booking",
    "garden-waste-and-parking-charges": "charges in a budget round",
    "nursing-long-shifts": "twelve-and-a-half-hour nursing shifts",
    "learning-disability-day-centres": "closing learning-disability day centres",
    "outpatient-missed-appointments": "discharge to the GP after missed appointments",
    "rural-church-school-closure": "closing a small rural faith school",
    "library-photo-id-check": "a screening trap: a new ID check at the library counter",
    "cardiac-rehab-age-limit": "an unjustified upper age limit",
}


def edited(*edits: tuple[str, str], append: str = "") -> str:
    """The base scenario with each (old, new) replaced once, and text appended."""
    text = BASE_TEXT
    for old, new in edits:
        assert text.count(old) >= 1, f"test edit does not match the base scenario: {old!r}"
        text = text.replace(old, new, 1)
    return text + append


def errors_for(*edits: tuple[str, str], append: str = "") -> list[str]:
    with pytest.raises(ScenarioError) as caught:
        parse_scenario(edited(*edits, append=append), source="broken.toml")
    assert caught.value.source == "broken.toml"
    assert "broken.toml" in str(caught.value)
    return caught.value.errors


# The shipped library --------------------------------------------------------------------------


def test_every_shipped_scenario_loads_and_the_topics_are_all_there():
    assert len(SCENARIOS) >= 9
    assert set(TOPICS) <= set(BY_ID)
    assert len(BY_ID) == len(SCENARIOS)
    assert sorted(p.stem for p in SCENARIOS_DIR.glob("*.toml")) == sorted(BY_ID)


def test_the_library_mixes_levels_and_nations_and_never_repeats_a_place():
    levels = [s.level for s in SCENARIOS]
    assert levels == sorted(levels, key=scenario_model.LEVELS.index)  # introductory first
    assert set(levels) == set(scenario_model.LEVELS)
    nations = [s.organisation.nation for s in SCENARIOS]
    assert {"Wales", "Scotland"} <= set(nations)
    assert nations.count("England") > len(nations) / 2
    assert len({s.organisation.name for s in SCENARIOS}) == len(SCENARIOS)
    assert len({s.organisation.place.name for s in SCENARIOS}) == len(SCENARIOS)


def test_the_expected_outcomes_cover_the_hard_cases():
    outcomes = {s.id: s.model_answer.outcome.expected for s in SCENARIOS}
    assert outcomes["cardiac-rehab-age-limit"] == "stop_and_remove"
    assert "continue_despite_adverse_impact" in outcomes.values()
    assert set(outcomes.values()) <= set(OUTCOMES)
    trap = BY_ID["library-photo-id-check"].model_answer
    assert trap.screening.decision == "full_assessment"
    assert trap.screening.tag == "critical"
    assert trap.screening.acceptable == ()


def test_marriage_and_civil_partnership_matters_only_in_the_employment_scenario():
    for s in SCENARIOS:
        level = s.model_answer.impact_for("marriage_civil_partnership").level
        if s.assessment.assessment_type == "hr":
            assert level != "neutral", s.id
        else:
            assert level == "neutral", s.id
    assert BY_ID["nursing-long-shifts"].assessment.assessment_type == "hr"


def test_every_scenario_covers_the_nine_characteristics_then_its_extra_groups():
    framework_order = [g.id for g in default_framework().extra_groups]
    for s in SCENARIOS:
        assert s.group_ids[:9] == PROTECTED_CHARACTERISTICS
        extras = s.assessment.extra_groups
        assert list(extras) == sorted(extras, key=framework_order.index)
        assert {i.group for i in s.model_answer.impacts} == set(s.group_ids)


def test_the_facilitator_notes_give_the_law_for_the_nation():
    for s in SCENARIOS:
        law = " ".join(f"{n.reference} {n.point}" for n in s.facilitator.law)
        assert "section 149" in law, s.id
        if s.organisation.nation == "Scotland":
            assert "Fairer Scotland Duty" in law, s.id
        if s.organisation.nation == "Wales":
            assert "socio-economic duty" in law, s.id
        assert sum(t.minutes for t in s.facilitator.timings) == s.minutes


def test_every_evidence_pack_has_a_table_of_figures():
    for s in SCENARIOS:
        tables = [item.table for item in s.evidence if item.table]
        assert tables, s.id
        for table in tables:
            assert all(len(row) == len(table.columns) for row in table.rows)


def test_prose_uses_typographic_apostrophes():
    def strings(value):
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for v in value.values():
                yield from strings(v)
        elif isinstance(value, list):
            for v in value:
                yield from strings(v)

    for path in SCENARIOS_DIR.glob("*.toml"):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        straight = [s for s in strings(data) if "'" in s]
        assert straight == [], f"{path.name} has straight apostrophes"


def test_the_practice_assessment_dates_are_relative_to_the_start():
    assessment = BY_ID["child-health-clinics-one-site"].assessment
    start = date(2026, 3, 2)
    assert assessment.decision_date(start) == date(2026, 5, 1)
    assert assessment.work_started_on(start) == date(2026, 2, 20)


def test_shipped_scenarios_are_read_once():
    assert shipped_scenarios() is SCENARIOS


# Broken files ---------------------------------------------------------------------------------


def test_an_unknown_extra_group_is_refused():
    assert errors_for(('extra_groups = ["carers", "socio_economic", "welsh_language"]',
                       'extra_groups = ["carers", "socio_economic", "welsh_language", "pets"]')
                      ) == [
        "assessment.extra_groups[3]: must be one of carers, socio_economic, "
        "health_inequalities, armed_forces, care_experienced, rurality, human_rights, "
        "welsh_language, childrens_rights (got 'pets')"]


def test_an_impact_for_an_unknown_group_is_refused_and_the_missing_group_named():
    assert errors_for(('group = "carers"', 'group = "pets"')) == [
        "model_answer.impacts[9].group: 'pets' is not a group of the framework",
        "model_answer.impacts: needs an impact for every group the attempt covers; "
        "missing: carers"]


def test_a_group_the_scenario_does_not_cover_is_refused():
    assert errors_for(('groups = ["disability", "carers", "socio_economic"]',
                       'groups = ["disability", "carers", "socio_economic", "rurality"]')) == [
        "model_answer.actions[1].groups[3]: 'rurality' is not covered by this scenario; "
        "add it to assessment.extra_groups"]


def test_an_unknown_evidence_key_is_refused():
    assert errors_for(('evidence = ["E5", "E6", "E3"]', 'evidence = ["E5", "E9", "E3"]')) == [
        "model_answer.impacts[1].evidence[1]: 'E9' is not a key of the evidence pack "
        "(keys: E1, E2, E3, E4, E5, E6, E7)"]


def test_a_bad_level_is_refused():
    assert errors_for(('level = "introductory"', 'level = "expert"')) == [
        "level: must be one of introductory, standard, advanced (got 'expert')"]


def test_a_blank_brief_is_refused():
    assert errors_for(('brief = [\n', 'brief = [\n  "   ",\n')) == [
        "brief[0]: must be non-blank text (got '   ')"]
    one_paragraph = re.sub(r"(?s)brief = \[.*?\n\]", 'brief = ["Only one paragraph."]',
                           BASE_TEXT, count=1)
    with pytest.raises(ScenarioError) as caught:
        parse_scenario(one_paragraph)
    assert caught.value.errors == [
        "brief: must have at least two paragraphs (one string each)"]


def test_a_point_its_own_model_answer_does_not_satisfy_is_refused():
    assert errors_for(('["outreach"], ["Blaenarian", "upper valley", "head of the valley"]',
                       '["outreach"], ["minibus", "dial-a-ride"]')) == [
        "model_answer.points[1].look_for[1]: the model answer’s own text does not satisfy "
        "it: none of 'minibus', 'dial-a-ride' appears in mitigation, actions"]


def test_duplicate_ids_are_refused():
    assert errors_for(('id = "breastfeeding_support"', 'id = "outreach_at_head_of_valley"')
                      ) == [
        "model_answer.points[5].id: duplicate id 'outreach_at_head_of_valley' (already used "
        "at model_answer.points[1].id)"]
    assert errors_for(('key = "E7"', 'key = "E6"')) == [
        "evidence[6].key: duplicate key 'E6' (already used at evidence[5].key)",
        "model_answer.impacts[11].evidence[2]: 'E7' is not a key of the evidence pack "
        "(keys: E1, E2, E3, E4, E5, E6)"]
    assert errors_for(('group = "race"', 'group = "religion_belief"')) == [
        "model_answer.impacts[6].group: duplicate group 'religion_belief' (already used at "
        "model_answer.impacts[5].group)",
        "model_answer.impacts: needs an impact for every group the attempt covers; "
        "missing: race"]


def test_values_outside_the_fixed_lists_are_refused():
    assert errors_for(('expected = "adjust"', 'expected = "adjust_slightly"'),
                      ('kind = "other"', 'kind = "anecdote"'),
                      ('type = "service_change"', 'type = "service"'),
                      ('nation = "Wales"', 'nation = "Cymru"')) == [
        "organisation.nation: must be one of England, Wales, Scotland (got 'Cymru')",
        "assessment.type: must be one of policy, service_change, strategy, budget, hr, "
        "procurement, project (got 'service')",
        "evidence[2].kind: must be one of population_data, workforce_data, service_data, "
        "research, complaints_feedback, consultation, other (got 'anecdote')",
        "model_answer.outcome.expected: must be one of no_major_change, adjust, "
        "continue_despite_adverse_impact, stop_and_remove (got 'adjust_slightly')"]
    assert errors_for(('level = "negative"', 'level = "bad"')) == [
        "model_answer.impacts[0].level: must be one of positive, negative, both, neutral, "
        "not_known (got 'bad')"]


def test_the_outcome_must_fit_the_impacts_and_carry_its_justification():
    assert errors_for(('expected = "adjust"', 'expected = "no_major_change"')) == [
        "model_answer.outcome.expected: 'no_major_change' does not fit the negative impacts "
        "the model answer finds (age, disability, pregnancy_maternity, sex, carers, "
        "socio_economic, welsh_language)"]
    assert errors_for(('expected = "adjust"', 'expected = "continue_despite_adverse_impact"')
                      ) == ["model_answer.outcome.justification: is required: continuing "
                            "despite adverse impact needs all four answers"]
    assert errors_for(append='\n[model_answer.outcome.justification]\nnecessity = "x"\n') == [
        "model_answer.outcome.justification: only when the expected outcome is "
        "'continue_despite_adverse_impact'"]


def test_a_negative_model_impact_needs_evidence_and_a_mitigation():
    sex_mitigation = ('mitigation = "The mitigations for new mothers and for families on low '
                      'incomes; promote the Thursday evening session to fathers."\n')
    assert errors_for(('evidence = ["E1", "E4"]\n', 'evidence = []\n'),
                      (sex_mitigation, "")) == [
        "model_answer.impacts[7].evidence: a negative impact must name the pack evidence "
        "that supports it",
        "model_answer.impacts[7].mitigation: is required"]


def test_a_negative_model_impact_says_whether_harm_remains_and_only_it_does():
    assert errors_for(("harm_remains = true\n", "")) == [
        "model_answer.impacts[0].harm_remains: is required: say whether harm remains after "
        "the mitigation (true or false)"]
    assert errors_for(("harm_remains = true\n", 'harm_remains = "yes"\n')) == [
        "model_answer.impacts[0].harm_remains: must be true or false (got 'yes')"]
    assert errors_for(('relevance = "none"\n', 'relevance = "none"\nharm_remains = false\n')
                      ) == ["model_answer.impacts[3].harm_remains: only for a negative impact"]


def test_harm_that_remains_needs_the_reason_it_is_proportionate():
    text = edited()
    start = text.index("remaining_impact_proportionality = ")
    line = text[start:text.index("\n", start) + 1]
    assert errors_for((line, "")) == [
        "model_answer.outcome.remaining_impact_proportionality: is required: harm remains "
        "after mitigation (age, disability, pregnancy_maternity, sex, carers, socio_economic, "
        "welsh_language), so say why it is proportionate"]


def test_screening_relevance_defaults_from_the_level_and_none_needs_a_neutral_impact():
    clinics = BY_ID["child-health-clinics-one-site"].model_answer
    assert [(i.group, i.relevance) for i in clinics.impacts][:4] == [
        ("age", "high"), ("disability", "high"), ("gender_reassignment", "low"),
        ("marriage_civil_partnership", "none")]
    marriage = clinics.impact_for("marriage_civil_partnership")
    assert marriage.screened_out and marriage.relevance_reason == marriage.effect
    assert errors_for(('level = "negative"\nacceptable = ["both"]',
                       'level = "negative"\nrelevance = "none"\nacceptable = ["both"]')) == [
        "model_answer.impacts[0].relevance: 'none' needs no impact answer, so the level must "
        "be 'neutral' (got 'negative')"]
    assert errors_for(('relevance = "none"\nevidence = []', 'relevance = "none"\nevidence = ["E1"]')
                      ) == ["model_answer.impacts[3].evidence: a group screened 'none' has no "
                            "impact answer to link evidence to; screen it 'low' to rest on "
                            "evidence"]
    assert errors_for(('relevance = "none"\n', 'relevance = "irrelevant"\n')) == [
        "model_answer.impacts[3].relevance: must be one of high, medium, low, none (got "
        "'irrelevant')"]


def test_an_impact_not_yet_known_needs_an_action_to_find_out_before_the_decision():
    assert errors_for(('level = "neutral"\nacceptable = ["not_known"]',
                       'level = "not_known"\nacceptable = ["neutral"]')) == [
        "model_answer.impacts[2].level: 'not_known' needs an action for 'gender_reassignment' "
        "due by the decision (due_in_days at most 60) to find out"]


def test_a_strategic_decision_is_true_or_false():
    assert not BY_ID["child-health-clinics-one-site"].assessment.strategic_decision
    assert BY_ID["garden-waste-and-parking-charges"].assessment.strategic_decision
    assert errors_for(("decision_in_days = 60\n",
                       'decision_in_days = 60\nstrategic_decision = "no"\n')) == [
        "assessment.strategic_decision: must be true or false (got 'no')"]
    # Every mention of the group in the model answer is then reported too.
    assert errors_for(("decision_in_days = 60\n",
                       "decision_in_days = 60\nstrategic_decision = true\n"),
                      ('extra_groups = ["carers", "socio_economic", "welsh_language"]',
                       'extra_groups = ["carers", "welsh_language"]'))[0] == (
        "assessment.extra_groups: a strategic decision always covers 'socio_economic', so "
        "the model answer needs it: add it here")


def test_acceptable_levels_are_alternatives_that_leave_something_wrong():
    assert errors_for(('acceptable = ["not_known"]',
                       'acceptable = ["not_known", "positive", "negative", "both"]')) == [
        "model_answer.impacts[2].acceptable: accepts every level, so no answer could be "
        "wrong; list only the defensible alternatives"]
    assert errors_for(('acceptable = ["not_known"]', 'acceptable = ["neutral"]')) == [
        "model_answer.impacts[2].acceptable: lists the expected value 'neutral'; acceptable "
        "values are the alternatives to it"]


def test_marking_point_fields_and_keywords_are_checked():
    assert errors_for(('look_in = ["monitoring"]', 'look_in = ["monitorin"]'),
                      ('look_for = [["lift", "level access", "hearing loop"]]',
                       'look_for = [["li*", "level * access"]]')) == [
        "model_answer.points[4].look_for[0][0]: 'li*': a prefix needs at least 3 characters "
        "before the *",
        "model_answer.points[4].look_for[0][1]: 'level * access': * may only end an "
        "alternative (it marks a prefix)",
        "model_answer.points[10].look_in[0]: 'monitorin' is not a field (allowed: effect, "
        "mitigation, residual, actions, screening, engagement, evidence_gaps, "
        "intersectional, cumulative, aim_eliminate_discrimination, aim_advance_equality, "
        "aim_foster_good_relations, outcome, proportionality, justification_legitimate_aim, "
        "justification_necessity, justification_alternatives, justification_proportionality, "
        "monitoring, aims, justification; effect, mitigation and residual may name a group, "
        "as in 'mitigation:disability')"]
    assert errors_for(('look_in = ["effect:disability"]', 'look_in = ["effect:pets"]')) == [
        "model_answer.points[4].look_in[0]: 'pets' is not a group of the framework"]


def test_the_evidence_pack_and_the_facilitator_notes_are_checked():
    assert errors_for(
        ('["Blaenarian", "2", "38 minutes", "£4.80", "18:40 (the session ends at 19:00)"]',
         '["Blaenarian", "2", "38 minutes", "£4.80"]'),
        ("minutes = 75", "minutes = 80"),
        ("harder_variant =", "harder_varient =")) == [
        "evidence[2].table.rows[0]: has 4 cells but there are 5 columns",
        "facilitator.harder_varient: unknown key (allowed: common_mistakes, "
        "discussion_prompts, harder_variant, law, timings)",
        "facilitator.timings: add up to 75 minutes but the scenario takes 80 (the top-level "
        "minutes)",
        "facilitator.harder_variant: is required"]


def test_lists_that_a_scenario_needs_cannot_be_empty():
    without_law = BASE_TEXT[:BASE_TEXT.index("[[facilitator.law]]")].replace(
        "[facilitator]\n", "[facilitator]\nlaw = []\n")
    with pytest.raises(ScenarioError) as caught:
        parse_scenario(without_law)
    assert caught.value.errors == ["facilitator.law: must list at least one"]
    assert errors_for(("learning_objectives = [", "learning_objectives = []\nold = [")) == [
        "old: unknown key (allowed: assessment, brief, evidence, facilitator, id, "
        "learning_objectives, level, minutes, model_answer, organisation, summary, title, "
        "version)",
        "learning_objectives: must list at least one item"]


def test_a_bad_id_and_text_that_is_not_toml_are_refused():
    assert errors_for(('id = "child-health-clinics-one-site"', 'id = "Child health"')) == [
        "id: must be lower-case letters, digits and hyphens, starting with a letter or digit, "
        "at most 60 long (got 'Child health')"]
    with pytest.raises(ScenarioError) as caught:
        parse_scenario('id = "x"\ntitle = ')
    assert caught.value.errors[0].startswith("not valid TOML")


def test_load_scenario_names_the_file(tmp_path):
    path = tmp_path / "broken.toml"
    path.write_text(edited(('level = "introductory"', 'level = "expert"')), encoding="utf-8")
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    assert caught.value.source == str(path)
    assert f"Scenario {path} has 1 problem:" in str(caught.value)
    with pytest.raises(ScenarioError, match="cannot be read"):
        load_scenario(tmp_path / "missing.toml")
    assert load_scenario(BASE_PATH) == BY_ID["child-health-clinics-one-site"]


def test_a_shipped_file_must_be_named_after_its_scenario(tmp_path, monkeypatch):
    (tmp_path / "clinics.toml").write_text(BASE_TEXT, encoding="utf-8")
    monkeypatch.setattr(scenario_module, "SCENARIOS_DIR", tmp_path)
    shipped_scenarios.cache_clear()
    try:
        with pytest.raises(ScenarioError) as caught:
            shipped_scenarios()
        assert caught.value.errors == [
            "id: must be 'clinics', the file’s name, so that every shipped scenario has its "
            "own id (got 'child-health-clinics-one-site')"]
    finally:
        shipped_scenarios.cache_clear()


# The package stays pure -----------------------------------------------------------------------


def test_the_training_package_imports_no_flask_database_or_models():
    """Only the standard library, the framework and the vocabulary (`eia.domain`)."""
    allowed = {"__future__", "collections", "dataclasses", "datetime", "functools", "pathlib",
               "re", "tomllib", "typing"}
    for path in (REPO / "eia" / "training").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            for name in names:
                assert (name.startswith(("eia.training", "eia.framework", "eia.domain"))
                        or name.split(".")[0] in allowed), f"{path.name} imports {name}"
