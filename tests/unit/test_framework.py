"""The question framework: the shipped default, the checks on a framework file, the lookups.

Bad files are made by editing a copy of the default, so each test changes one thing and the
rest of the file stays valid.
"""

import ast
import re

import pytest

from eia.framework import (
    AIMS,
    DEFAULT_FRAMEWORK_PATH,
    JUSTIFICATION_QUESTIONS,
    OUTCOMES,
    PROTECTED_CHARACTERISTICS,
    FrameworkError,
    Page,
    Question,
    Section,
    ShowWhen,
    default_framework,
    load_framework,
    parse_framework,
    stored_framework,
)

DEFAULT_TEXT = DEFAULT_FRAMEWORK_PATH.read_text(encoding="utf-8")
DEFAULT_VERSION = re.search(r'^version = "(.*)"$', DEFAULT_TEXT, re.MULTILINE).group(1)

EXTRA_QUESTION_SECTION = """
[[sections]]
id = "local_priorities"
number = 12
title = "Local priorities"
summary = "How the proposal fits our own equality objectives."
kind = "questions"

[[sections.pages]]
id = "objectives"
title = "Equality objectives"
"""


def edited(*edits: tuple[str, str], append: str = "") -> str:
    """The default file with each (old, new) replaced once, and text appended."""
    text = DEFAULT_TEXT
    for old, new in edits:
        assert old in text, f"test edit does not match the default file: {old!r}"
        text = text.replace(old, new, 1)
    return text + append


def errors_for(tmp_path, *edits: tuple[str, str], append: str = "") -> list[str]:
    path = tmp_path / "framework.toml"
    path.write_text(edited(*edits, append=append), encoding="utf-8")
    with pytest.raises(FrameworkError) as caught:
        load_framework(path)
    assert str(path) in str(caught.value)
    return caught.value.errors


def question_block(qid: str) -> str:
    return (f'\n[[sections.pages.questions]]\nid = "{qid}"\nlabel = "Does it meet objective 2?"'
            '\ntype = "textarea"\n')


# The shipped default ---------------------------------------------------------------------------


def test_default_framework_loads_with_the_eleven_sections_in_order():
    framework = load_framework()
    assert framework.id == "due-regard-default"
    assert re.fullmatch(r"\d{4}\.\d+", framework.version)
    assert [(s.number, s.id, s.kind) for s in framework.sections] == [
        (1, "screening", "questions"),
        (2, "aims_and_scope", "questions"),
        (3, "evidence", "evidence"),
        (4, "engagement", "engagement"),
        (5, "impact_by_group", "impacts"),
        (6, "intersectional_and_cumulative", "questions"),
        (7, "three_aims", "questions"),
        (8, "other_duties", "questions"),
        (9, "outcome", "questions"),
        (10, "action_plan", "actions"),
        (11, "monitoring_and_review", "questions"),
    ]


def test_default_framework_is_read_once_and_equals_a_fresh_load():
    assert default_framework() is default_framework()
    assert default_framework() == load_framework(str(DEFAULT_FRAMEWORK_PATH))


def test_a_stored_snapshot_is_read_and_parsed_once_whatever_groups_are_asked_for():
    reads = []

    def read_source():
        reads.append(1)
        return DEFAULT_TEXT

    sha = "a-snapshot-only-this-test-stores"
    welsh = stored_framework(sha, read_source, frozenset({"welsh_language"}))
    assert stored_framework(sha, read_source, frozenset({"welsh_language"})) is welsh
    none = stored_framework(sha, read_source, frozenset())
    assert len(reads) == 1
    assert welsh == parse_framework(DEFAULT_TEXT).for_groups({"welsh_language"})
    assert none == parse_framework(DEFAULT_TEXT).for_groups(())
    assert welsh != none


def test_default_has_the_nine_protected_characteristics_then_the_extra_groups():
    framework = load_framework()
    assert [g.id for g in framework.protected_groups] == list(PROTECTED_CHARACTERISTICS)
    assert [g.id for g in framework.extra_groups] == [
        "carers", "socio_economic", "health_inequalities", "armed_forces", "care_experienced",
        "rurality", "human_rights", "welsh_language", "childrens_rights"]
    assert framework.default_extra_group_ids == ("carers", "socio_economic")


def test_marriage_and_civil_partnership_applies_to_the_first_aim_only_and_says_so():
    marriage = load_framework().group("marriage_civil_partnership")
    assert marriage.aims == ("eliminate_discrimination",)
    assert marriage.applies_to_aim("eliminate_discrimination")
    assert not marriage.applies_to_aim("advance_equality")
    assert "employment" in marriage.note
    assert load_framework().group("age").aims == tuple(AIMS)


def test_default_content_is_complete_with_no_placeholders():
    framework = load_framework()
    placeholder = re.compile(r"\b(todo|tbc|tbd|lorem|xxx|fixme)\b", re.IGNORECASE)
    texts = [framework.title]
    for section in framework.sections:
        assert section.summary and section.guidance, section.id
        texts += [section.title, section.summary, *section.guidance]
        for question in section.questions:
            assert question.hint, f"{question.id} has no hint"
            texts += [question.label, question.hint, *(o.label for o in question.options)]
    for group in framework.groups:
        assert group.description and len(group.things_to_consider) >= 5, group.id
        texts += [group.name, group.description, *group.things_to_consider]
    assert not [t for t in texts if placeholder.search(t)]


def test_short_form_is_screening_aims_and_monitoring():
    framework = load_framework()
    assert [s.id for s in framework.sections_for(short_form=True)] == [
        "screening", "aims_and_scope", "monitoring_and_review"]
    assert framework.sections_for(short_form=False) == framework.sections


def test_screening_reason_is_asked_only_when_not_relevant():
    reason = load_framework().question("not_relevant_reason")
    assert reason.required
    assert reason.is_shown({"screening_decision": "not_relevant"})
    assert not reason.is_shown({"screening_decision": "full_assessment"})
    assert not reason.is_shown({})


def test_outcome_has_the_four_outcomes_and_continuing_needs_the_justification():
    framework = load_framework()
    outcome = framework.question("outcome")
    assert outcome.type == "radios"
    assert tuple(o.value for o in outcome.options) == OUTCOMES
    answers = {"outcome": "continue_despite_adverse_impact"}
    shown = [q.id for q in framework.section("outcome").questions if q.is_shown(answers)]
    assert set(JUSTIFICATION_QUESTIONS) <= set(shown)
    assert "stop_instead" not in shown
    assert framework.question("stop_instead").is_shown({"outcome": "stop_and_remove"})
    assert framework.section("outcome").page_of("justification_necessity").id == "justification"


def test_only_the_questions_that_apply_are_asked_and_must_be_answered():
    outcome = load_framework().section("outcome")
    answers = {"outcome": "continue_despite_adverse_impact", "outcome_summary": "Findings."}
    # Continuing despite harm asks which harms cannot be justified, then the justification.
    assert [q.id for q in outcome.unanswered(answers)] == [
        "cannot_be_justified", *JUSTIFICATION_QUESTIONS]
    assert [p.id for p in outcome.shown_pages(answers)] == ["result", "justification"]
    answers = {"outcome": "no_major_change", "outcome_summary": "  "}
    assert [p.id for p in outcome.shown_pages(answers)] == ["result"]
    assert [q.id for q in outcome.unanswered(answers)] == ["outcome_summary"]
    assert outcome.unanswered({"outcome": "adjust", "outcome_summary": "x", "adjustments": "y"}) \
        == ()


def test_a_stale_answer_to_a_hidden_question_reveals_nothing():
    first = Question("first", "First?", "yes_no")
    second = Question("second", "Second?", "yes_no", show_when=ShowWhen("first", "yes"))
    third = Question("third", "Third?", "textarea", show_when=ShowWhen("second", "yes"))
    page = Page("page", "Page", (first, second, third))
    section = Section("s", 1, "Section", "Summary", "questions", pages=(page,))
    assert [q.id for q in section.shown_questions({"first": "yes", "second": "yes"})] == [
        "first", "second", "third"]
    assert [q.id for q in section.shown_questions({"first": "no", "second": "yes"})] == ["first"]
    assert [q.id for q in section.unanswered({"third": "x", "second": []})] == ["first"]


def test_review_date_and_the_aims_questions_are_there():
    framework = load_framework()
    assert framework.question("review_date").type == "date"
    assert framework.section_of("review_date").id == "monitoring_and_review"
    assert [q.id for q in framework.section("three_aims").questions] == [
        f"aim_{aim}" for aim in AIMS]


# Lookups ---------------------------------------------------------------------------------------


def test_lookups_find_sections_questions_and_groups_and_refuse_unknown_ids():
    framework = load_framework()
    assert framework.section("evidence").title == "Evidence"
    assert framework.question("evidence_gaps").max_length == 20_000
    assert framework.group("carers").kind == "extra"
    assert framework.has_section("outcome") and not framework.has_section("nope")
    for lookup in (framework.section, framework.question, framework.group):
        with pytest.raises(KeyError, match="nope"):
            lookup("nope")
    with pytest.raises(KeyError):
        framework.section("screening").question("outcome")


def test_section_questions_are_flattened_across_pages_in_order():
    screening = load_framework().section("screening")
    flattened = [q.id for page in screening.pages for q in page.questions]
    assert [q.id for q in screening.questions] == flattened
    assert flattened[0] == "change_nature" and len(screening.pages) == 4
    assert screening.question("screening_decision").choices[1].value == "not_relevant"


def test_groups_for_gives_protected_then_enabled_extras_in_file_order():
    framework = load_framework()
    ids = [g.id for g in framework.groups_for(["welsh_language", "carers", "no_longer_exists"])]
    assert ids == [*PROTECTED_CHARACTERISTICS, "carers", "welsh_language"]
    assert [g.id for g in framework.groups_for([])] == list(PROTECTED_CHARACTERISTICS)


def test_choices_labels_and_checkbox_conditions():
    framework = load_framework()
    assert [o.value for o in framework.question("human_rights_engaged").choices] == ["yes", "no"]
    assert framework.question("outcome").option_label("adjust") == "Adjust the proposal"
    assert framework.question("outcome").option_label("gone") == "gone"
    ticked = ShowWhen("affected_people", "staff")
    assert ticked.is_met({"affected_people": ["public", "staff"]})
    assert not ticked.is_met({"affected_people": ["public"]})
    detail = framework.question("human_rights_detail")
    assert detail.is_shown({"human_rights_engaged": "yes"})
    assert not detail.is_shown({"human_rights_engaged": "no"})


def test_an_organisation_can_add_its_own_questions_section():
    text = edited(append=EXTRA_QUESTION_SECTION + question_block("objectives_fit"))
    framework = parse_framework(text)
    assert framework.sections[-1].id == "local_priorities"
    assert framework.question("objectives_fit").required
    assert framework.section_of("objectives_fit").number == 12


# Checks on a framework file --------------------------------------------------------------------


def test_bad_question_type_is_named_by_its_exact_key(tmp_path):
    errors = errors_for(tmp_path, ('type = "textarea"', 'type = "txt"'))
    assert errors == ["sections[0].pages[0].questions[1].type: must be one of text, textarea, "
                      "radios, checkboxes, date, yes_no, group_relevance (got 'txt')"]


def test_every_problem_is_reported_not_just_the_first(tmp_path):
    errors = errors_for(tmp_path, (f'version = "{DEFAULT_VERSION}"\n', ""),
                        ('kind = "impacts"', 'kind = "x"'), ('name = "Race"', 'nmae = "Race"'))
    assert "version: is required" in errors
    assert any(e.startswith("sections[4].kind: must be one of") for e in errors)
    assert any(e.startswith("groups[5].nmae: unknown key") for e in errors)
    assert "groups[5].name: is required" in errors


def test_error_message_lists_every_problem_and_the_file():
    with pytest.raises(FrameworkError) as caught:
        parse_framework(edited(('title = "Equality Impact', 'titel = "Equality Impact')),
                        source="org.toml")
    message = str(caught.value)
    assert message.startswith("Framework file org.toml has 2 problems:")
    assert "  - titel: unknown key" in message and "  - title: is required" in message
    assert isinstance(caught.value, ValueError)


def test_unknown_keys_are_rejected_at_every_level(tmp_path):
    errors = errors_for(tmp_path, ("short_form = true", "shortform = true"),
                        ('id = "the_change"', 'id = "the_change"\ndescription = "x"'),
                        ("type = \"checkboxes\"", "type = \"checkboxes\"\nrequred = false"),
                        ('label = "Staff", hint', 'label = "Staff", hnt'))
    keys = [e.split(":")[0] for e in errors if "unknown key" in e]
    assert keys == ["sections[0].shortform", "sections[0].pages[0].description",
                    "sections[0].pages[0].questions[2].requred",
                    "sections[0].pages[0].questions[2].options[0].hnt"]


def test_duplicate_ids_are_rejected(tmp_path):
    errors = errors_for(tmp_path, ('id = "likely_impacts"', 'id = "change_nature"'),
                        ('id = "rurality"', 'id = "carers"'),
                        ('id = "aims_and_scope"', 'id = "screening"'),
                        ('{ value = "public"', '{ value = "staff"'))
    assert ("sections[0].pages[1].questions[3].id: duplicate id 'change_nature' "
            "(already used at sections[0].pages[0].questions[0].id)") in errors
    assert "groups[14].id: duplicate id 'carers' (already used at groups[9].id)" in errors
    assert any(e.startswith("sections[1].id: duplicate id 'screening'") for e in errors)
    assert any(e.startswith("sections[0].pages[0].questions[2].options[2].value: duplicate "
                            "value 'staff'") for e in errors)


def test_invalid_toml_and_missing_files_are_framework_errors(tmp_path):
    with pytest.raises(FrameworkError, match="not valid TOML"):
        parse_framework('id = "x\n')
    missing = tmp_path / "missing.toml"
    with pytest.raises(FrameworkError, match="cannot be read") as caught:
        load_framework(missing)
    assert caught.value.source == str(missing)


def test_version_must_be_quoted_text(tmp_path):
    quoted, bare = f'version = "{DEFAULT_VERSION}"', f"version = {DEFAULT_VERSION}"
    errors = errors_for(tmp_path, (quoted, bare))
    assert errors == [f"version: must be text in quotes (got {DEFAULT_VERSION})"]


def test_choice_questions_need_two_distinct_options_and_others_none(tmp_path):
    errors = errors_for(tmp_path, (
        '  { value = "full_assessment", label = "Yes, a full analysis is needed", hint = "Choose '
        'this too if you are not sure." },\n', ""),
        ('type = "date"', 'type = "date"\noptions = [{ value = "a", label = "A" }]'),
        ('type = "text"\nmax_length = 300', 'type = "radios"'))
    assert "sections[0].pages[3].questions[0].options: a radios question needs at least 2 " \
        "options" in errors
    assert "sections[10].pages[0].questions[2].options: only radios, checkboxes questions have " \
        "options (this one is date)" in errors
    assert "sections[10].pages[0].questions[1].options: is required" in errors


def test_max_length_only_on_text_questions(tmp_path):
    errors = errors_for(tmp_path, ('type = "date"', 'type = "date"\nmax_length = 10'),
                        ("max_length = 300", "max_length = 0"))
    assert errors == ["sections[10].pages[0].questions[1].max_length: must be between 1 and "
                      "100000", "sections[10].pages[0].questions[2].max_length: only text and "
                      "textarea questions have one"]


def test_show_when_must_name_an_earlier_question_of_the_same_section(tmp_path):
    errors = errors_for(tmp_path, ('{ question = "welsh_language", equals = "affects" }',
                                   '{ question = "outcome", equals = "adjust" }'),
                        ('{ question = "human_rights_engaged", equals = "yes" }',
                         '{ question = "welsh_language", equals = "affects" }'))
    assert errors == [
        "sections[7].pages[0].questions[1].show_when.question: 'welsh_language' is not an earlier "
        "question in this section",
        "sections[7].pages[0].questions[6].show_when.question: 'outcome' is not an earlier "
        "question in this section",
    ]


def test_show_when_must_use_one_of_the_questions_values(tmp_path):
    errors = errors_for(tmp_path, ('{ question = "human_rights_engaged", equals = "yes" }',
                                   '{ question = "human_rights_engaged", equals = "true" }'),
                        ('{ question = "health_inequalities", equals = "affects" }',
                         '{ question = "socio_economic_impact", equals = "yes" }'))
    assert errors == [
        "sections[7].pages[0].questions[1].show_when.equals: must be one of yes, no (the values "
        "of 'human_rights_engaged') (got 'true')",
        "sections[7].pages[0].questions[4].show_when.question: 'socio_economic_impact' is a "
        "textarea question; only radios, checkboxes and yes_no can be used",
    ]


def test_all_nine_protected_characteristics_are_required(tmp_path):
    errors = errors_for(tmp_path, ('id = "religion_belief"', 'id = "religion"'))
    assert errors[0].startswith("groups[6].id: must be one of age, disability")
    assert errors[1] == ("groups: the protected characteristic 'religion_belief' is missing; all "
                         "nine must be present with kind = \"protected\"")


def test_group_rules(tmp_path):
    errors = errors_for(tmp_path, ('aims = ["eliminate_discrimination"]', 'aims = ["aim_one"]'),
                        ('id = "rurality"\nname = "People in rural areas"\nkind = "extra"',
                         'id = "rurality"\nname = "People in rural areas"\nkind = "optional"'),
                        ('name = "Sex"\nkind = "protected"',
                         'name = "Sex"\nkind = "protected"\nenabled_by_default = false'),
                        ('id = "carers"\nname = "Carers"\nkind = "extra"',
                         'id = "carers"\nname = "Carers"\nkind = "extra"\naims = []'))
    assert errors == [
        "groups[3].aims[0]: must be one of eliminate_discrimination, advance_equality, "
        "foster_good_relations (got 'aim_one')",
        "groups[7].enabled_by_default: only extra groups can be switched; protected "
        "characteristics always apply",
        "groups[9].aims: must name at least one aim",
        "groups[14].kind: must be one of protected, extra (got 'optional')",
        # A preset that switches the group on no longer names an extra group.
        "presets[3].extra_groups[3]: must be the id of an extra group (got 'rurality')",
    ]


def test_the_sections_the_app_relies_on_must_be_present_with_their_kinds(tmp_path):
    errors = errors_for(tmp_path, ('id = "action_plan"', 'id = "actions"'),
                        ('kind = "evidence"', 'kind = "questions"'))
    assert "sections[2].kind: must be 'evidence' for the 'evidence' section (got 'questions')" \
        in errors
    assert "sections: the 'action_plan' section is missing (kind 'actions')" in errors
    assert any(e.startswith("sections[9].kind: 'actions' belongs to the 'action_plan' section")
               for e in errors)


def test_sections_are_numbered_in_order(tmp_path):
    errors = errors_for(tmp_path, ("number = 7", "number = 5"))
    assert errors == ["sections[6].number: duplicate number '5' (already used at "
                      "sections[4].number)", "sections[6].number: must be greater than the "
                      "number of the section before (6); list sections in order"]


def test_the_questions_other_code_reads_must_keep_their_shape(tmp_path):
    errors = errors_for(
        tmp_path,
        ('{ value = "stop_and_remove"', '{ value = "stop"'),
        ('id = "review_date"\nlabel = "When will this assessment be reviewed?"\nhint = "Usually '
         'within a year of the change taking effect, sooner if the impact could be serious. For '
         'example, 27 3 2027"\ntype = "date"', 'id = "review_date"\nlabel = "When?"\ntype = '
         '"text"'),
        ('id = "justification_necessity"', 'id = "justification_need"'),
        ('show_when = { question = "screening_decision", equals = "not_relevant" }',
         "required = false"),
    )
    assert errors == [
        # stop_instead is shown for the outcome value that has gone: reported where it is used.
        "sections[8].pages[0].questions[4].show_when.equals: must be one of no_major_change, "
        "adjust, continue_despite_adverse_impact, stop (the values of 'outcome') "
        "(got 'stop_and_remove')",
        "sections[0].pages[3].questions[1].required: must be true for 'not_relevant_reason'",
        "sections[0].pages[3].questions[1].show_when: 'not_relevant_reason' must be shown when "
        "screening_decision = 'not_relevant'",
        "sections[8].pages[0].questions[0].options: 'outcome' must have exactly the values "
        "no_major_change, adjust, continue_despite_adverse_impact, stop_and_remove",
        "sections[8].pages: the 'outcome' section must ask a textarea question "
        "'justification_necessity'",
        "sections[10].pages[0].questions[2].type: must be 'date' for 'review_date' (got 'text')",
    ]


def test_screening_and_monitoring_must_be_in_the_short_form(tmp_path):
    errors = errors_for(tmp_path, ("short_form = true", "short_form = false"))
    assert errors == ["sections[0].short_form: must be true: the short form always includes "
                      "this section"]


def test_ids_must_be_slugs_and_text_must_not_be_blank(tmp_path):
    errors = errors_for(tmp_path, ('id = "change_nature"', 'id = "Change-Nature"'),
                        ('title = "About the change"', 'title = "  "'),
                        ('number = 3', 'number = true'))
    assert errors == [
        "sections[0].pages[0].title: must not be blank",
        "sections[0].pages[0].questions[0].id: must be lower-case letters, digits and "
        "underscores, starting with a letter, at most 60 long (got 'Change-Nature')",
        "sections[2].number: must be a whole number (got True)",
    ]


def test_a_questions_section_needs_pages_with_questions(tmp_path):
    errors = errors_for(tmp_path, append=EXTRA_QUESTION_SECTION)
    assert errors == ["sections[11].pages[0].questions: is required"]
    errors = errors_for(tmp_path, append=EXTRA_QUESTION_SECTION.split("[[sections.pages]]")[0])
    assert errors == ["sections[11].pages: is required"]


def test_the_framework_package_imports_nothing_but_the_standard_library():
    """Nothing but the standard library, `eia.domain` (the vocabulary) and `eia.kept` (what a
    process keeps), which themselves import only the standard library."""
    allowed = {"__future__", "collections", "dataclasses", "enum", "functools", "pathlib", "re",
               "tomllib", "typing"}
    package = DEFAULT_FRAMEWORK_PATH.parent.parent
    for path in [*DEFAULT_FRAMEWORK_PATH.parent.glob("*.py"), package / "domain.py",
                 package / "kept.py"]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            for name in names:
                assert name.startswith(("eia.framework", "eia.domain", "eia.kept")) \
                    or name.split(".")[0] in allowed, \
                    f"{path.name} imports {name}"
