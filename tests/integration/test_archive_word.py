"""Word documents brought into the archive: read with the best template, the mapping shown and
corrected before anything is saved, imported as a record of the past with its original
sign-off, its imported text and the file itself, and not a word of it lost on the way."""

from __future__ import annotations

import json

import pytest

from eia import queries
from eia.cli import eia_cli
from eia.demo.past_records import library_strategy
from eia.domain import Role
from eia.services import archive_imports, transfer
from tests.docx_samples import LOCAL_HISTORY, council_sample, words
from tests.factories import UserFactory
from tests.integration.test_archive_pages import _upload, flat, pdf_text
from tests.pages import error_summary, parse

FILENAME = "library-strategy.docx"


def job_id_of(response) -> int:
    return int(response.location.rstrip("/").split("/")[-1])


@pytest.fixture
def uploaded(client_as):
    """An administrator's client and the import of the council's Word document, not yet run."""
    client = client_as(Role.ADMIN)
    response = _upload(client, [(FILENAME, council_sample().bytes())])
    assert response.status_code == 302
    return client, job_id_of(response)


def mapping_page(client, job_id: int):
    return client.get_page("archive.correct_mapping", archive_import_id=job_id, position=0)


def chosen_targets(page) -> dict[str, str]:
    """Each passage's label on the mapping page, and the place chosen for it."""
    chosen = {}
    for select in page.select("select"):
        label = flat(page.select_one(f"label[for='{select['id']}']").get_text(" "))
        chosen[label] = select.select_one("option[selected]")["value"]
    return chosen


def form_of(page) -> dict[str, str]:
    return {select["name"]: select.select_one("option[selected]")["value"]
            for select in page.select("select")}


def test_the_preview_names_the_template_the_sign_off_and_what_is_kept_aside(uploaded):
    client, job_id = uploaded
    page = client.get_page("archive.view_import", archive_import_id=job_id)
    card = flat(page.select_one(".govuk-summary-card").get_text(" "))
    assert "A Word document, read with the English council EIA template" in card
    assert "Original sign-off Tom Brown, Departmental Equality Group, 14 April 2014: Approved" \
        in card
    assert "Lead officer: Jane Smith, Head of Libraries (no account)" in card
    assert "4 passages kept word for word, under Equality Impact Assessment; Funding stream; " \
           "Evidence used, row 3; Local history" in card
    assert "1 of 1 file can be imported" in flat(page.get_text(" "))


def test_the_mapping_page_shows_every_heading_with_its_words_and_where_it_goes(uploaded):
    client, job_id = uploaded
    page = mapping_page(client, job_id)
    chosen = chosen_targets(page)
    assert chosen["“2. Purpose of the policy:”"] == "question.purpose"
    assert chosen["“Local history”"] == "imported"
    assert chosen["“Sign off”"] == "sign_off"
    assert len(chosen) == 21  # every passage of the document, headings without text too
    hint = flat(page.select_one("#passage_17-hint").get_text(" "))
    assert hint == f"17 words: {LOCAL_HISTORY}"
    # Every place text can go, by name.
    options = [flat(option.get_text()) for option in page.select("#passage_17 option")]
    assert "Imported text (kept as written)" in options
    assert "Impact on a group: Carers" in options


def test_a_corrected_mapping_is_what_gets_imported(app, uploaded):
    client, job_id = uploaded
    form = form_of(mapping_page(client, job_id))
    form["passage_17"] = "question.delivery"  # Local history, kept aside by the template
    form["passage_9"] = "imported"  # Who is affected?, placed by the template
    saved = client.post_form("archive.correct_mapping", form, archive_import_id=job_id,
                             position=0)
    assert saved.status_code == 302
    again = chosen_targets(mapping_page(client, job_id))
    assert (again["“Local history”"], again["“Who is affected?”"]) == (
        "question.delivery", "imported")
    preview = client.get_page("archive.view_import", archive_import_id=job_id)
    assert "Funding stream; Who is affected?; Evidence used, row 3" in flat(
        preview.select_one(".govuk-summary-card").get_text(" "))

    client.post_form("archive.run_import", archive_import_id=job_id)
    with app.app_context():
        job = archive_imports.get_import(job_id)
        [outcome] = archive_imports.outcomes(job)
        version = queries.latest_version(outcome.reference)
        answers = transfer.export_document(version)["sections"]
        assert answers["aims_and_scope"]["answers"]["delivery"] == LOCAL_HISTORY
        assert "likely_impacts" not in str(answers)
        assert [kept.heading for kept in version.historical.imported_text] == [
            "Equality Impact Assessment", "Funding stream", "Who is affected?",
            "Evidence used, row 3"]


def test_a_mapping_naming_a_place_that_does_not_exist_is_refused_and_nothing_changes(uploaded):
    client, job_id = uploaded
    form = form_of(mapping_page(client, job_id))
    response = client.post_form("archive.correct_mapping", {**form, "passage_17": "group.pets"},
                                archive_import_id=job_id, position=0)
    assert response.status_code == 200
    assert error_summary(parse(response)) == [
        "Choose where the text under “Local history” goes from the list"]
    assert chosen_targets(mapping_page(client, job_id))["“Local history”"] == "imported"


def test_the_mapping_cannot_change_once_the_import_has_run(app, uploaded):
    client, job_id = uploaded
    before = form_of(mapping_page(client, job_id))
    client.post_form("archive.run_import", archive_import_id=job_id)
    response = client.post_form("archive.correct_mapping", {**before, "passage_17": "imported"},
                                archive_import_id=job_id, position=0)
    assert response.status_code == 302  # back to the import's report
    assert client.get(client.url("archive.correct_mapping", archive_import_id=job_id,
                                 position=0)).status_code == 302


def test_only_a_word_document_of_the_import_has_a_mapping(client_as):
    client = client_as(Role.ADMIN)
    response = _upload(client, [(FILENAME, council_sample().bytes()),
                                ("strategy.json", json.dumps(library_strategy()).encode())])
    job_id = job_id_of(response)
    client.get_page("archive.correct_mapping", archive_import_id=job_id, position=0)
    for position in (1, 2):  # the JSON document, and no file at all
        client.get_page("archive.correct_mapping", archive_import_id=job_id,
                        position=position, expected_status=404)


def test_the_record_holds_every_word_of_the_document(app, uploaded):
    """Counts the words of the Word document's text and the words of the saved record: the
    record's details, answers, effects, evidence, engagement and actions, the people it names,
    its original sign-off and its imported text. Only the tables' column headings are not
    values of the record (they name its fields)."""
    client, job_id = uploaded
    client.post_form("archive.run_import", archive_import_id=job_id)
    sample = council_sample()
    with app.app_context():
        [outcome] = archive_imports.outcomes(archive_imports.get_import(job_id))
        version = queries.latest_version(outcome.reference)
        saved = words_of_record(transfer.export_document(version))
    headings = sum(words(heading) for heading in sample.column_headings)
    assert saved + headings == sample.words


def words_of_record(document: dict) -> int:
    """Words in the values a Word document can fill: not what the import supplies where the
    document says nothing (the type, levels of impact, kinds of evidence and the status of
    actions), nor keys, nor the original file kept as evidence."""
    details = document["details"]
    values = [details[name] for name in ("title", "unit", "decision_maker", "decision_forum",
                                         "decision_date", "work_started_on")]
    values += [person.get(part) for person in [details["lead_officer"],
                                               details.get("head_of_service"),
                                               *details.get("contributors", [])] if person
               for part in ("name", "job_title")]
    values += [answer for section in document["sections"].values()
               for answer in section["answers"].values()]
    values += [impact.get("effect") for impact in document["impacts"].values()]
    for collection in ("evidence", "engagement", "actions"):
        for item in document[collection]:
            if item.get("file"):
                continue
            values += [value for name, value in item.items()
                       if name not in ("key", "kind", "status")]
    historical = document["historical"]
    values += [sign_off[part] for sign_off in historical["sign_offs"]
               for part in ("signed_by", "role_or_body", "signed_on", "decision")]
    values += [kept["text"] for kept in historical["imported_text"]]
    return sum(words(str(value)) for value in values if value)


def test_the_record_page_and_pdf_show_the_imported_text_and_the_original_file(app, uploaded):
    client, job_id = uploaded
    client.post_form("archive.run_import", archive_import_id=job_id)
    with app.app_context():
        [outcome] = archive_imports.outcomes(archive_imports.get_import(job_id))
    page = client.get_page("assessments.view_task_list", reference=outcome.reference)
    text = flat(page.get_text(" "))
    assert "Imported text What the source holds" in text
    assert f"Local history {LOCAL_HISTORY}" in text
    assert "Tom Brown, Departmental Equality Group, 14 April 2014: Approved" in text
    pdf = client.get(client.url("assessments.download_pdf", reference=outcome.reference))
    assert pdf.status_code == 200
    printed = pdf_text(pdf.data)
    assert LOCAL_HISTORY in printed
    assert "The original Word document: library-strategy.docx" in printed


def test_the_command_imports_a_folder_holding_a_word_document(app, app_context, tmp_path):
    archivist = UserFactory(roles={Role.ADMIN})
    (tmp_path / FILENAME).write_bytes(council_sample().bytes())
    result = app.test_cli_runner().invoke(eia_cli, ["import", str(tmp_path), "--as",
                                                    archivist.email])
    assert result.exit_code == 0, result.output
    [(filename, reference)] = [line.split("\t") for line in result.stdout.splitlines()]
    assert filename == FILENAME
    version = queries.latest_version(reference)
    assert version.imported
    assert version.historical.sign_offs[0].signed_by == "Tom Brown"
    assert LOCAL_HISTORY in [kept.text for kept in version.historical.imported_text]


def test_a_damaged_word_document_is_refused_with_the_reason(client_as):
    client = client_as(Role.ADMIN)
    response = _upload(client, [("broken.docx", b"PK\x03\x04 not really a zip")])
    page = client.get_page("archive.view_import", archive_import_id=job_id_of(response))
    summary = flat(page.select_one(".govuk-error-summary").get_text(" "))
    assert "broken.docx: file:" in summary
    assert "0 of 1 file can be imported" in flat(page.get_text(" "))



