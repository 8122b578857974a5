"""Reading assessments written in Word: every heading placed or kept, and no word lost.

The sample documents are written here with python-docx (tests/docx_samples.py), in the
shapes of a typical English council template and a typical NHS trust template.
"""

from __future__ import annotations

import io
import zipfile

import pytest

from eia.archive import (
    IMPORTED,
    DocumentUnreadable,
    ImportedText,
    TemplateError,
    UnknownTarget,
    all_targets,
    apply_mapping,
    load_templates,
    parse_template,
    read_docx,
    words_in_result,
    words_in_source,
)
from eia.document.schema import AssessmentDocumentSchema
from eia.domain import DomainError
from eia.framework import default_framework
from tests.docx_samples import (
    GUIDANCE,
    INTRODUCTION,
    LOCAL_HISTORY,
    Sample,
    council_sample,
    nhs_sample,
)

FRAMEWORK = default_framework()


def read(sample: Sample, **kwargs):
    return read_docx(sample.bytes(), FRAMEWORK, **kwargs)


def targets_by_heading(result) -> dict[str, str]:
    return {entry.heading: entry.target for entry in result.mapping}


def loads(document: dict) -> dict:
    """The document as an import would check it, against the default framework."""
    return AssessmentDocumentSchema(framework=FRAMEWORK, max_file_bytes=10 * 2**20).load(document)


@pytest.fixture(scope="module")
def council():
    sample = council_sample()
    return sample, read(sample)


@pytest.fixture(scope="module")
def nhs():
    sample = nhs_sample()
    return sample, read(sample)


# --- Which template, and where each heading went ------------------------------------------


def test_a_council_document_is_read_with_the_council_template(council):
    _, result = council
    assert result.template_name == "English council EIA template"
    assert targets_by_heading(result) == {
        "Equality Impact Assessment": IMPORTED,
        "Section 1: Details": IMPORTED,  # an empty section: nothing under it but a table
        "Title of policy": "details.title",
        "Directorate": "details.unit",
        "Lead officer": "details.lead_officer",
        "Date of assessment": "details.work_started_on",
        "Decision maker": "details.decision_maker",
        "Funding stream": IMPORTED,  # a label the template does not know
        "2. Purpose of the policy:": "question.purpose",
        "Who is affected?": "question.likely_impacts",
        "Evidence used": "collection.evidence",
        "Consultation and engagement": "collection.engagement",
        "Impact on protected characteristics": IMPORTED,
        "Age": "group.age",
        "Disability (including mental health)": "group.disability",
        "Race": "group.race",
        "Carers": "group.carers",
        "Local history": IMPORTED,  # a heading the template does not know
        "Action plan": "collection.actions",
        "Review date": "question.review_date",
        "Sign off": "sign_off",
    }


def test_an_nhs_document_is_read_with_the_nhs_template(nhs):
    _, result = nhs
    assert result.template_name == "NHS trust equality impact assessment"
    assert targets_by_heading(result) == {
        "": IMPORTED,  # the text before the first heading
        "Name of the policy, service or function": "details.title",
        "Directorate": "details.unit",
        "Aim of the policy": "question.purpose",
        "Who will be affected": "question.likely_impacts",
        "What evidence has been considered": "collection.evidence",
        "Equality analysis": IMPORTED,
        "Protected characteristic": IMPORTED,
        "Age": "group.age",
        "Disability": "group.disability",
        "Sex": "group.sex",
        "Health inequalities": "group.health_inequalities",
        "Summary of analysis": "question.outcome_summary",
        "Action plan": "collection.actions",
        "Review date": "question.review_date",
    }


def test_the_mapping_shows_the_words_under_each_heading(council):
    _, result = council
    entry = next(e for e in result.mapping if e.heading == "Local history")
    assert entry.text == LOCAL_HISTORY
    assert entry.words == 17
    empty = next(e for e in result.mapping if e.heading == "Impact on protected characteristics")
    assert (empty.words, empty.text) == (0, "")


# --- What the document holds ----------------------------------------------------------------


def test_the_council_document_holds_its_details_answers_groups_and_tables(council):
    _, result = council
    document = loads(result.document)
    assert document["details"]["title"] == "Library strategy 2014 to 2019"
    assert document["details"]["unit"] == "Communities and Place"
    # Named as the source names them: a record of the past needs no account for anyone.
    assert document["details"]["lead_officer"] == {"email": None,
                                                   "name": "Jane Smith, Head of Libraries"}
    assert document["details"]["work_started_on"].isoformat() == "2014-03-03"
    assert document["details"]["decision_maker"] == "Cabinet Member for Communities"
    assert document["sections"]["aims_and_scope"]["answers"]["purpose"] == (
        "To modernise the county's libraries within a reduced budget.\n\n"
        "Twelve branch libraries would become community-run.")
    assert document["sections"]["monitoring_and_review"]["answers"]["review_date"] == \
        "2015-03-01"
    assert not any(section["completed"] for section in document["sections"].values())
    assert document["impacts"]["age"]["effect"] == (
        "Older people use the mobile library most and would lose it.")
    assert document["impacts"]["age"]["impact"] == "not_known"  # for the person to judge
    assert document["impacts"]["carers"]["effect"].startswith("Carers value")
    assert document["extra_groups"] == ["carers"]
    *sources, _original = document["evidence"]
    assert [(e["title"], e["summary"], e["period"]) for e in sources] == [
        ("Library user survey", "Older people are 40% of visitors.", "2013"),
        ("Census 2011", "The county's population is ageing.", "2011"),
    ]
    [engagement] = document["engagement"]
    assert engagement["who"] == "Library users"
    assert engagement["started_on"].isoformat() == "2014-05-12"
    assert engagement["what_changed"] == "The mobile library was kept."
    [action] = document["actions"]
    assert action["description"] == "Fit hearing loops in every community library"
    assert (action["owner"], action["due_date"].isoformat()) == ("Library manager",
                                                                 "2015-03-31")


def test_the_original_file_is_kept_as_the_last_source_of_evidence():
    data = council_sample().bytes()
    result = read_docx(data, FRAMEWORK, filename="Library strategy EIA.docx")
    original = loads(result.document)["evidence"][-1]
    assert original["title"] == "The original Word document: Library strategy EIA.docx"
    assert original["file"]["filename"] == "Library strategy EIA.docx"
    assert original["file"]["content"] == data


def test_only_a_docx_file_is_read():
    with pytest.raises(DocumentUnreadable, match=r"must be a Word document \(.docx\)"):
        read_docx(council_sample().bytes(), FRAMEWORK, filename="assessment.pdf")


def test_the_original_sign_off_is_read_as_recorded(council):
    _, result = council
    [signatory] = result.sign_off
    assert (signatory.name, signatory.role, signatory.date, signatory.decision) == (
        "Tom Brown", "Departmental Equality Group", "2014-04-14", "Approved")
    [recorded] = loads(result.document)["historical"]["sign_offs"]
    assert (recorded["signed_by"], recorded["role_or_body"], recorded["signed_on"].isoformat(),
            recorded["decision"]) == ("Tom Brown", "Departmental Equality Group", "2014-04-14",
                                      "Approved")


def test_the_document_keeps_what_had_no_place_in_its_record_of_the_past(council):
    _, result = council
    kept = loads(result.document)["historical"]["imported_text"]
    assert [(part["heading"], part["text"]) for part in kept] == [
        (part.heading, part.text) for part in result.imported_text]
    assert {"heading": "Local history", "text": LOCAL_HISTORY} in kept


def test_a_sign_off_row_naming_no_one_is_kept_as_imported_text():
    sample = (Sample().title("Parking charges").heading("Sign off")
              .table(("Name", "Role", "Date", "Decision"), ("", "", "1 May 2024", "Approved")))
    result = read(sample)
    assert result.sign_off == ()
    assert ImportedText("Sign off, row 1", "1 May 2024\nApproved") in result.imported_text
    assert loads(result.document)["historical"]["sign_offs"] == []


def test_the_nhs_document_passes_the_schema_with_groups_named_in_a_table(nhs):
    _, result = nhs
    document = loads(result.document)
    assert document["details"]["title"] == "Virtual wards for frailty"
    assert document["impacts"]["sex"]["effect"] == "Most unpaid carers are women."
    assert document["extra_groups"] == ["health_inequalities"]
    [action] = document["actions"]
    assert action["groups"] == ["age", "disability"]
    assert action["due_date"].isoformat() == "2024-06-30"


# --- Nothing is lost ------------------------------------------------------------------------


@pytest.mark.parametrize("make", [council_sample, nhs_sample])
def test_every_word_in_the_source_is_placed_or_imported(make):
    sample = make()
    result = read(sample)
    assert words_in_source(result.source) == sample.words
    assert words_in_result(result) == sample.words


def test_what_cannot_be_placed_is_kept_word_for_word(council, nhs):
    _, council_result = council
    _, nhs_result = nhs
    assert set(council_result.imported_text) >= {
        ImportedText("Equality Impact Assessment", INTRODUCTION),
        ImportedText("Funding stream", "Council tax and library fines"),
        ImportedText("Local history", LOCAL_HISTORY),
        # An evidence row without a source cannot be an item, so the row is kept.
        ImportedText("Evidence used, row 3", "A note with no source."),
    }
    assert set(nhs_result.imported_text) >= {
        ImportedText("", GUIDANCE),
        # Prose under a table's heading, and a review date that is not a date.
        ImportedText("What evidence has been considered",
                     "Admissions data for 2023 showed 4,100 frailty admissions."),
        ImportedText("Review date", "Within a year, or earlier if required"),
    }
    assert "review_date" not in nhs_result.document["sections"].get(
        "monitoring_and_review", {}).get("answers", {})


def test_a_second_heading_for_a_one_line_detail_is_kept_not_overwritten():
    sample = (Sample().heading("Title of policy").paragraph("Libraries")
              .heading("Policy title").paragraph("Mobile libraries"))
    result = read(sample)
    assert result.document["details"]["title"] == "Libraries"
    assert ImportedText("Policy title", "Mobile libraries") in result.imported_text
    assert words_in_result(result) == sample.words


def test_a_sign_off_box_with_its_labels_down_the_side_is_read_as_one_signatory():
    sample = (Sample().heading("Approval and sign off")
              .table(("Name", "Dr Amara Okafor"), ("Job title", "Chief Nurse"),
                     ("Date signed", "2nd May 2024"), ("Outcome", "Approved with actions")))
    result = read(sample)
    [signatory] = result.sign_off
    assert (signatory.name, signatory.role, signatory.date, signatory.decision) == (
        "Dr Amara Okafor", "Chief Nurse", "2024-05-02", "Approved with actions")
    assert words_in_result(result) == sample.words


def test_a_table_under_a_table_heading_is_read_by_rows_even_when_a_cell_is_a_heading():
    sample = (Sample().heading("Consultation")
              .table(("Who was consulted", "What did they say"),
                     ("Carers", "Keep the Saturday opening."),
                     ("Age UK", "Bring back the mobile library.")))
    result = read(sample)
    assert [item["who"] for item in result.document["engagement"]] == ["Carers", "Age UK"]
    assert "carers" not in result.document["impacts"]
    assert words_in_result(result) == sample.words


def test_words_in_content_controls_tracked_changes_and_text_boxes_are_read_as_word_shows_them():
    sample = (
        Sample().heading("Purpose of the policy")
        .xml("<w:sdt {ns}><w:sdtContent><w:p><w:r><w:t>Typed into a content control.</w:t>"
             "</w:r></w:p></w:sdtContent></w:sdt>", "Typed into a content control.")
        .xml('<w:p {ns}><w:r><w:t xml:space="preserve">Opening hours </w:t></w:r>'
             '<w:ins w:id="1" w:author="A"><w:r><w:t xml:space="preserve">will be longer '
             '</w:t></w:r></w:ins><w:del w:id="2" w:author="A"><w:r><w:delText>will be '
             'shorter </w:delText></w:r></w:del><w:sdt><w:sdtContent><w:r><w:t>on Saturdays.'
             '</w:t></w:r></w:sdtContent></w:sdt></w:p>',
             "Opening hours will be longer on Saturdays.")
        .xml("<w:p {ns}><w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:txbxContent>"
             "<w:p><w:r><w:t>Boxed words.</w:t></w:r></w:p></w:txbxContent></mc:Choice>"
             "<mc:Fallback><w:txbxContent><w:p><w:r><w:t>Boxed words.</w:t></w:r></w:p>"
             "</w:txbxContent></mc:Fallback></mc:AlternateContent></w:r></w:p>",
             "Boxed words.")
        .heading("Who is affected")
        .xml("<w:tbl {ns}><w:tr><w:sdt><w:sdtContent><w:tc><w:p><w:r><w:t>Library users"
             "</w:t></w:r></w:p></w:tc></w:sdtContent></w:sdt></w:tr></w:tbl>", "Library users")
    )
    result = read(sample)
    answers = result.document["sections"]["aims_and_scope"]["answers"]
    assert " ".join(answers["purpose"].split()) == (
        "Typed into a content control. Opening hours will be longer on Saturdays. "
        "Boxed words.")
    assert result.document["sections"]["screening"]["answers"]["likely_impacts"] == \
        "Library users"
    assert words_in_source(result.source) == words_in_result(result) == sample.words


def test_tables_without_cells_are_passed_over():
    sample = (Sample().heading("Evidence used").xml("<w:tbl {ns}/>", "")
              .heading("Action plan").xml("<w:tbl {ns}><w:tr/></w:tbl>", "")
              .paragraph("To follow."))
    result = read(sample)
    assert result.document["actions"] == []
    assert list(result.imported_text) == [ImportedText("Action plan", "To follow.")]


def test_text_under_two_headings_for_one_place_is_joined_in_order():
    sample = (Sample().heading("Purpose of the policy").paragraph("To save money.")
              .heading("Disability").paragraph("Fewer buses.")
              .heading("Aims and objectives").paragraph("To keep every library open.")
              .labelled_table(("Disability", "Hearing loops in every library.")))
    result = read(sample)
    assert result.document["sections"]["aims_and_scope"]["answers"]["purpose"] == (
        "To save money.\n\nTo keep every library open.")
    assert result.document["impacts"]["disability"]["effect"] == (
        "Fewer buses.\n\nHearing loops in every library.")


def test_an_answer_longer_than_the_document_allows_is_kept_as_imported_text():
    too_long = "word " * 4_001
    sample = Sample().heading("Purpose of the policy").paragraph(too_long)
    result = read(sample)
    assert "aims_and_scope" not in result.document["sections"]
    assert ImportedText("Purpose of the policy", too_long) in result.imported_text
    loads(result.document)
    assert words_in_result(result) == sample.words


def test_an_action_names_its_groups_by_heading_or_by_the_frameworks_names():
    sample = (Sample().heading("Action plan").table(
        ("Action", "Groups"),
        ("Large-print timetables", "Ethnicity; Religion or belief / Carers"),
        ("Review fares", "Age and more")))
    result = read(sample)
    first, second = result.document["actions"]
    assert first["groups"] == ["race", "religion_belief", "carers"]
    assert "groups" not in second  # not a list of groups, so kept word for word
    assert ImportedText("Action plan, row 2: Groups", "Age and more") in result.imported_text
    assert result.document["extra_groups"] == ["carers"]
    loads(result.document)


def test_a_long_paragraph_set_in_a_heading_style_is_read_as_text():
    mistaken = " ".join(["Older people"] * 16) + " would lose the mobile library."
    sample = Sample().heading("Age")
    sample.heading(mistaken, level=2)
    sample.body.append(mistaken)
    result = read(sample)
    assert result.document["impacts"]["age"]["effect"] == mistaken
    assert words_in_result(result) == sample.words


# --- A mapping the user corrects ------------------------------------------------------------


def test_a_corrected_mapping_moves_the_text(council):
    sample, result = council
    corrected = [entry for entry in result.mapping]
    history = next(e.position for e in corrected if e.heading == "Local history")
    age = next(e.position for e in corrected if e.heading == "Age")
    moved = apply_mapping(result.source, [*((e.position, e.target) for e in corrected),
                                          (history, "question.cumulative_impact"),
                                          (age, IMPORTED)], FRAMEWORK)
    document = loads(moved.document)
    assert document["sections"]["intersectional_and_cumulative"]["answers"][
        "cumulative_impact"] == LOCAL_HISTORY
    assert "age" not in document["impacts"]
    assert ImportedText("Age", "Older people use the mobile library most and would lose it.") \
        in moved.imported_text
    assert ImportedText("Local history", LOCAL_HISTORY) not in moved.imported_text
    assert targets_by_heading(moved)["Local history"] == "question.cumulative_impact"
    assert moved.template_name == result.template_name
    assert words_in_result(moved) == sample.words


def test_a_table_moved_to_the_action_plan_is_read_with_the_templates_columns(council):
    sample, result = council
    evidence = next(e.position for e in result.mapping if e.heading == "Evidence used")
    moved = apply_mapping(result.source, [(evidence, "collection.actions")], FRAMEWORK)
    # The evidence table has no column the action plan knows, so it is kept whole.
    assert moved.document["actions"] == []
    assert any(kept.heading == "Evidence used" and "Census 2011" in kept.text
               for kept in moved.imported_text)
    assert words_in_result(moved) == sample.words


def test_a_corrected_mapping_may_name_only_places_that_exist(council):
    _, result = council
    with pytest.raises(UnknownTarget):
        apply_mapping(result.source, [(0, "question.no_such_question")], FRAMEWORK)
    with pytest.raises(UnknownTarget):
        apply_mapping(result.source, [(0, "group.left_handedness")], FRAMEWORK)


def test_every_target_a_page_offers_has_a_label():
    offered = dict(all_targets(FRAMEWORK))
    assert offered[IMPORTED] == "Imported text (kept as written)"
    assert offered["group.age"] == "Impact on a group: Age"
    assert offered["question.purpose"] == "Aims and scope: What is the purpose of the proposal?"
    assert "question.group_relevance" not in offered  # a table of relevance is not words


# --- Templates are data ---------------------------------------------------------------------


@pytest.mark.parametrize(("heading", "target"), [
    ("3. PURPOSE OF THE POLICY:", "question.purpose"),
    ("Section 4 \u2013 Who is affected?", "question.likely_impacts"),
    ("Q7) Race & ethnicity", "group.race"),
    ("Age (older and younger people)", "group.age"),
    ("Religion, belief or no belief", "group.religion_belief"),
    ("Agency staff", None),
    ("Sexual orientation", "group.sexual_orientation"),
])
def test_headings_match_whatever_their_case_punctuation_and_numbering(heading, target):
    council = next(t for t in load_templates() if t.id == "english_council")
    assert council.target_of(heading) == target


def test_the_shipped_templates_fit_the_default_framework():
    templates = load_templates()
    assert {t.name for t in templates} == {"English council EIA template",
                                           "NHS trust equality impact assessment"}
    for template in templates:
        template.check(FRAMEWORK)


def test_an_organisation_adds_its_own_template_as_a_file(tmp_path):
    (tmp_path / "riverside.toml").write_text(
        'name = "Riverside council"\n'
        '[[rules]]\ntarget = "question.purpose"\nheadings = ["Why are we doing this"]\n'
        '[[rules]]\ntarget = "group.rurality"\nheadings = ["Villages"]\n', encoding="utf-8")
    sample = (Sample().heading("Why are we doing this?").paragraph("To save money.")
              .heading("Villages").paragraph("Three villages lose their bus."))
    result = read(sample, templates=load_templates(tmp_path))
    assert result.template_name == "Riverside council"
    assert result.document["sections"]["aims_and_scope"]["answers"]["purpose"] == \
        "To save money."
    assert result.document["extra_groups"] == ["rurality"]
    loads(result.document)


def test_a_rule_for_a_question_the_framework_does_not_ask_is_passed_over(tmp_path):
    (tmp_path / "ours.toml").write_text(
        'name = "Ours"\n'
        '[[rules]]\ntarget = "question.welsh_verse"\nheadings = ["Our poem"]\n'
        '[[rules]]\ntarget = "question.purpose"\nheadings = ["Why"]\n', encoding="utf-8")
    sample = (Sample().heading("Our poem").paragraph("A verse.")
              .heading("Why").paragraph("Because."))
    result = read(sample, templates=load_templates(tmp_path))
    assert result.template_name == "Ours"
    assert targets_by_heading(result) == {"Our poem": IMPORTED, "Why": "question.purpose"}
    assert ImportedText("Our poem", "A verse.") in result.imported_text


@pytest.mark.parametrize(("text", "message"), [
    ('name = "X"\n[[rules]]\ntarget = "group.nobody"\nheadings = ["A"]\n',
     "'group.nobody' is not a place"),
    ('name = "X"\nrules = [\n', "is not valid TOML"),
    ('rules = []\n', "needs a name"),
    ('name = "X"\n[[rules]]\ntarget = "details.title"\nheadings = []\n',
     "needs a list of headings"),
    ('name = "X"\nrules = []\n[columns.evidence]\ncolour = ["Colour"]\n',
     "is not a column"),
])
def test_a_broken_template_is_refused_with_its_name(text, message):
    with pytest.raises(TemplateError, match=message) as refused:
        parse_template(text, "ours").check(FRAMEWORK)
    assert "'ours'" in str(refused.value)


# --- Files that are not Word documents ------------------------------------------------------


def _zip(**parts: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name.replace("__", "/"), content)
    return out.getvalue()


CONTENT_TYPES = b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/' \
    b'package/2006/content-types"/>'


@pytest.mark.parametrize(("data", "message"), [
    (b"", "The selected file is empty"),
    (b"Dear colleague, please find the assessment attached.", "not a real Word document"),
    (_zip(notes__txt=b"hello"), "not a real Word document"),
    (_zip(**{"[Content_Types].xml": CONTENT_TYPES, "word__document.xml": b"<not xml"}),
     "could not be read as a Word document"),
])
def test_a_file_that_is_not_a_word_document_is_refused_clearly(data, message):
    with pytest.raises(DocumentUnreadable, match=message) as refused:
        read_docx(data, FRAMEWORK)
    assert isinstance(refused.value, DomainError)  # its message is shown to the user


def test_a_word_document_damaged_inside_is_refused_clearly():
    data = bytearray(council_sample().bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        part = archive.getinfo("word/document.xml")
    start = part.header_offset + 30 + len(part.filename.encode()) + len(part.extra)
    data[start + 100:start + 140] = bytes(range(40))
    with pytest.raises(DocumentUnreadable, match="could not be read as a Word document"):
        read_docx(bytes(data), FRAMEWORK)


def test_a_document_larger_than_the_limit_is_refused():
    with pytest.raises(DocumentUnreadable, match="must be smaller than"):
        read_docx(council_sample().bytes(), FRAMEWORK, max_bytes=10_000)


def test_a_document_that_would_unzip_to_something_enormous_is_refused():
    """SECURITY.md (Uploads): Zip bombs inside Office files."""
    real = zipfile.ZipFile(io.BytesIO(council_sample().bytes()))
    parts = {info.filename: real.read(info) for info in real.infolist()}
    parts["word/media/padding.bin"] = bytes(120 * 2**20)  # compresses to almost nothing
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bomb:
        for name, content in parts.items():
            bomb.writestr(name, content)
    assert len(out.getvalue()) < 1_000_000
    with pytest.raises(DocumentUnreadable, match="too large to read once opened"):
        read_docx(out.getvalue(), FRAMEWORK)
