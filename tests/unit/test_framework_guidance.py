"""The default framework's guidance says what a UK equality specialist would expect, where the
author reads it: section and page guidance, question and option hints, and each group's
description, note and things to consider.

The assertions look for substance (a principle, a section of the Act, a case, a nation), not
for exact sentences, so that the text can be reworded without rewriting the tests.
"""

import re

import pytest

from eia.framework import default_framework

FRAMEWORK = default_framework()

# What cannot be objectively justified, as an author would find it named in the text.
NEVER_JUSTIFIED = {
    "reasonable adjustments": r"reasonable adjustments?",
    "pregnancy or maternity": r"pregnancy (or|and) maternity",
    "harassment": r"harass",
    "direct discrimination other than age": r"direct(ly)? [^.;]*?(except|other than)[^.;]*?\bage\b",
}


def _flat(texts) -> str:
    return " ".join(" ".join(texts).split()).lower()


def section_text(section_id: str) -> str:
    """Everything an author reads in a section: its guidance, its pages' guidance, and every
    question and option hint."""
    section = FRAMEWORK.section(section_id)
    texts = [*section.guidance]
    for page in section.pages:
        texts += page.guidance
        for question in page.questions:
            texts.append(question.hint)
            texts += [option.hint for option in question.options]
    return _flat(texts)


def page_guidance(section_id: str, page_id: str) -> str:
    return _flat(FRAMEWORK.section(section_id).page(page_id).guidance)


def group_text(group_id: str) -> str:
    group = FRAMEWORK.group(group_id)
    return _flat([group.description, group.note, *group.things_to_consider])


def every_text() -> list[tuple[str, str]]:
    """(where, text) for every piece of guidance in the file."""
    found = []
    for section in FRAMEWORK.sections:
        found += [(section.id, t) for t in section.guidance]
        for page in section.pages:
            found += [(f"{section.id}.{page.id}", t) for t in page.guidance]
            for question in page.questions:
                found.append((question.id, question.hint))
                found += [(f"{question.id}.{o.value}", o.hint) for o in question.options]
    for group in FRAMEWORK.groups:
        found += [(group.id, t) for t in (group.description, group.note, *group.things_to_consider)]
    return [(where, text) for where, text in found if text]


def test_the_version_records_the_reviewed_guidance():
    assert FRAMEWORK.version == "2026.2"


# The Public Sector Equality Duty ----------------------------------------------------------------


def test_the_duty_is_one_of_process_not_of_result():
    text = section_text("screening") + section_text("three_aims")
    assert "section 149" in text
    assert "duty of process" in text
    assert "not require any particular result" in text or "not a particular result" in text


def test_the_brown_and_bracking_principles_are_set_out():
    text = section_text("three_aims")
    assert "brown" in text and "bracking" in text
    assert "before and at the time of the decision" in text
    assert "open mind" in text and "rigour" in text
    assert "cannot be delegated" in text
    assert "continues after the decision" in text
    assert "officials" in text  # what officials know is not the decision-maker's knowledge


def test_regard_is_paid_before_the_decision_and_continues_after_it():
    assert "before and at the time of the decision" in section_text("screening")
    assert "continues after the decision" in section_text("monitoring_and_review")


def test_the_duty_to_inquire_cites_bracking_and_bridges():
    text = section_text("evidence")
    assert "find out before the decision" in text
    assert "bracking" in text
    assert "bridges" in text and "south wales police" in text and "[2020]" in text


# Objective justification and what can never be justified -------------------------------------


def test_objective_justification_belongs_to_the_right_kinds_of_discrimination():
    text = page_guidance("outcome", "justification")
    assert "proportionate means of achieving a legitimate aim" in text
    assert "indirect discrimination" in text and "section 19" in text
    assert "discrimination arising from disability" in text and "section 15" in text
    assert "age" in text and "section 13(2)" in text


@pytest.mark.parametrize("thing", NEVER_JUSTIFIED)
def test_what_can_never_be_justified_is_named_where_justification_is_asked(thing):
    pattern = NEVER_JUSTIFIED[thing]
    outcome = FRAMEWORK.section("outcome")
    guidance = page_guidance("outcome", "justification")
    proportionality = outcome.question("justification_proportionality").hint.lower()
    continuing = next(o for o in outcome.question("outcome").options
                      if o.value == "continue_despite_adverse_impact").hint.lower()
    for where in (guidance, proportionality, continuing, _flat(outcome.guidance)):
        assert re.search(pattern, where), (thing, where)


def test_the_sections_of_the_act_that_cannot_be_justified_are_cited():
    text = page_guidance("outcome", "justification")
    for section in ("sections 20 and 21", "sections 17 and 18", "section 26", "section 13"):
        assert section in text, section


def test_the_impact_guidance_points_to_justification_without_applying_it_to_every_impact():
    text = section_text("impact_by_group")
    assert "not always unlawful" in text
    assert "objectively justified" in text and "never be justified" in text


# Engagement and consultation -------------------------------------------------------------------


def test_the_engagement_guidance_gives_all_four_gunning_principles():
    text = section_text("engagement")
    assert "gunning" in text and "moseley" in text
    assert "formative stage" in text
    assert "sufficient reasons" in text and "intelligent consideration" in text
    assert "adequate time" in text
    assert "conscientiously into account" in text


# The protected characteristics -----------------------------------------------------------------


def test_age_explains_the_services_exception_for_under_18s_and_justified_direct_discrimination():
    text = group_text("age")
    assert "18 and over" in text and "section 28" in text
    assert "services and public functions" in text
    assert "under-18s" in text
    assert "section 13(2)" in text and "objectively justified" in text


def test_race_says_immigration_status_is_not_race_but_its_rules_have_indirect_effects():
    text = group_text("race")
    assert "nationality" in text and "national origins" in text
    assert "immigration status is not race" in text
    assert "not a protected characteristic" in text
    assert "no recourse to public funds" in text and "indirect" in text


@pytest.mark.parametrize("group_id", ["sex", "gender_reassignment"])
def test_sex_and_gender_reassignment_cite_for_women_scotland(group_id):
    text = group_text(group_id)
    assert "for women scotland" in text and "[2025] uksc 16" in text
    assert "biological sex" in text
    assert "proportionate means of achieving a legitimate aim" in text
    assert "equality and human rights commission" in text


def test_trans_people_remain_protected_after_for_women_scotland():
    text = group_text("gender_reassignment")
    assert "remain protected" in text
    assert "harassment" in text and "indirect discrimination" in text
    assert "legal advice" in text


def test_marriage_and_civil_partnership_is_first_aim_and_employment_only():
    marriage = FRAMEWORK.group("marriage_civil_partnership")
    assert marriage.aims == ("eliminate_discrimination",)
    assert "first aim only" in marriage.note.lower() and "employment" in marriage.note.lower()
    assert "not in services" in marriage.note.lower()


def test_pregnancy_and_maternity_discrimination_cannot_be_justified():
    text = group_text("pregnancy_maternity")
    assert "26 weeks" in text and "maternity leave" in text
    assert "cannot be justified" in text


def test_disability_names_reasonable_adjustments_and_discrimination_arising():
    text = group_text("disability")
    assert "anticipatory" in text
    assert "cannot be justified" in text
    assert "section 15" in text


# Three nations ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["core20plus5", "accessible information standard",
                                  "workforce race equality standard",
                                  "workforce disability equality standard"])
def test_england_only_items_are_marked_as_england_only_wherever_they_appear(name):
    mentions = [(where, text) for where, text in every_text() if name in text.lower()]
    assert mentions, name
    for where, text in mentions:
        assert "england only" in text.lower(), where


def test_the_other_duties_guidance_says_what_applies_in_wales_and_scotland():
    text = section_text("other_duties")
    for duty in ("socio-economic duty", "welsh language standards",
                 "well-being of future generations (wales) act 2015"):
        assert duty in text, duty
    for duty in ("fairer scotland duty", "assess the impact", "publish the results",
                 "island communities impact assessment",
                 "uncrc (incorporation) (scotland) act 2024"):
        assert duty in text, duty
    assert "not in force" in text  # the socio-economic duty in England


def test_the_scottish_and_welsh_specific_duties_to_assess_are_explained_at_screening():
    text = section_text("screening")
    assert "scotland" in text and "wales" in text and "publish" in text
    assert "england has no specific duty to assess" in text


def test_the_socio_economic_group_says_where_the_duty_is_law():
    text = group_text("socio_economic")
    assert "fairer scotland duty" in text and "wales" in text
    assert "england" in text and "not in force" in text


def test_island_communities_and_childrens_rights_are_named_for_scotland():
    assert "islands (scotland) act 2018" in group_text("rurality")
    assert "uncrc (incorporation) (scotland) act 2024" in group_text("age")
