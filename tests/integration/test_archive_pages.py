"""The "done when" of bringing in the archive: a batch of past records, the library strategy
among them, imported, and every name, date, unit, the original sign-off and the link between
parent and children found on the record page, the register and the PDF."""

from __future__ import annotations

import io
import json
import zipfile

import pdfplumber
import pytest

from eia.archive.bundle import read_files
from eia.demo import past_records as records
from eia.domain import Role
from eia.extensions import db
from eia.framework import default_framework
from eia.models.tokens import TokenScope
from eia.models.users import User
from eia.services import archive, tokens
from tests.factories import UserFactory
from tests.integration.test_pdf import without_watermark
from tests.pages import check_page, parse

LONG_DATES = ["21 July 2014", "9 February 2015", "24 February 2015", "9 February 2016",
              "1 September 2014", "30 November 2014"]


@pytest.fixture
def imported(app, client_as):
    """The batch imported by an administrator; the client of an administrator."""
    client = client_as(Role.ADMIN)
    with app.app_context():
        importer = db.session.get(User, client.user_id)
        files = read_files([(name, json.dumps(document).encode())
                            for name, document in records.batch()], default_framework())
        outcomes = archive.import_batch(importer, files)
        assert all(not outcome.errors for outcome in outcomes)
        references = {outcome.filename: outcome.reference for outcome in outcomes}
    return client, references


def flat(text: str) -> str:
    return " ".join(text.split())


def pdf_text(pdf: bytes) -> str:
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return flat(" ".join(without_watermark(page).extract_text() or ""
                             for page in document.pages))


def expected_facts() -> list[str]:
    return [*(name for name, _ in records.LIBRARY_OFFICERS),
            *(title for _, title in records.LIBRARY_OFFICERS),
            records.LIBRARY_DIRECTORATE, records.LIBRARY_TEAM, records.EQUALITY_GROUP,
            "Councillor Janet Mowbray, chair", records.WITHIN_A_YEAR, records.LIBRARY_REFERENCE,
            "Revised after the public consultation", "Approved, with the action plan",
            "Ashby Library: changes to opening hours",
            "Thornbury Library: changes to opening hours"]


def test_the_record_page_holds_everything_the_source_holds(imported):
    client, references = imported
    strategy = references["library-strategy.json"]
    page = client.get_page("assessments.view_task_list", reference=strategy)
    text = flat(page.get_text(" "))
    assert page.select_one("[data-imported-record]") is not None
    missing = [fact for fact in expected_facts() + LONG_DATES[:4] if fact not in text]
    assert missing == []
    children = [link.get_text() for link in page.select("main a[href*='/assessments/']")
                if "Library: changes" in link.get_text()]
    assert len(children) == 2
    # The child names its parent.
    child = client.get_page("assessments.view_task_list",
                            reference=references["branch-ashby.json"])
    assert f"Part of {strategy}: County Library Strategy" in flat(child.get_text(" "))


def test_the_version_page_shows_the_original_sign_off_not_one_made_here(imported):
    client, references = imported
    page = client.get_page("assessments.view_version",
                           reference=references["library-strategy.json"], number=1)
    text = flat(page.get_text(" "))
    assert "Imported record" in text and "Before Due Regard" in text
    assert "Councillor Janet Mowbray, chair" in text
    # The consultation period as the dates it ran between, and every other date of the record.
    missing = [fact for fact in expected_facts() + LONG_DATES if fact not in text]
    assert missing == []


def test_the_register_marks_imported_records_with_their_own_lead_officer(imported):
    client, _ = imported
    page = client.get_page("staff_register.list_assessments")
    rows = {row.select_one("a").get_text(): flat(row.get_text(" "))
            for row in page.select("tbody tr")}
    strategy = rows["County Library Strategy 2014 to 2019"]
    assert "Imported record" in strategy
    assert "Dev Chauhan" in strategy  # the lead officer the source names, not the importer
    assert f"{records.LIBRARY_DIRECTORATE}: {records.LIBRARY_TEAM}" in strategy
    assert "Review 9 February 2016 (overdue)" in strategy
    assert all("Imported record" in row for row in rows.values())


def test_the_pdf_prints_the_record_as_it_was(imported):
    client, references = imported
    response = client.get(client.url("assessments.download_pdf",
                                     reference=references["library-strategy.json"]))
    assert response.status_code == 200
    text = pdf_text(response.data)
    assert "IMPORTED RECORD" in text or "Imported record" in text
    missing = [fact for fact in expected_facts() + LONG_DATES if fact not in text]
    assert missing == [], text


def _upload(client, pairs):
    files = [(io.BytesIO(content), name) for name, content in pairs]
    return client.post(client.url("archive.import_records"),
                       data={"csrf_token": client.csrf_token(), "files": files},
                       content_type="multipart/form-data")


def test_the_import_page_previews_every_file_then_imports_and_reports(app, client_as):
    client = client_as(Role.ADMIN)
    broken = records.branch_library("Ashby", 1)
    broken["historical"]["review"] = {"date": "31/01/2016"}
    broken["details"]["lead_officer"] = {"job_title": "Librarian"}
    batch = io.BytesIO()
    with zipfile.ZipFile(batch, "w") as archive_file:
        archive_file.writestr("thornbury.json",
                              json.dumps(records.branch_library("Thornbury", 2)))
        archive_file.writestr("ashby.json", json.dumps(broken))
    response = _upload(client, [("library-strategy.json",
                                 json.dumps(records.library_strategy()).encode()),
                                ("branches.zip", batch.getvalue())])
    assert response.status_code == 302
    preview = client.get(response.location)
    page = parse(preview)
    check_page(page)
    summary = flat(page.select_one(".govuk-error-summary").get_text(" "))
    assert "branches.zip/ashby.json: historical.review.date: Not a valid date" in summary
    assert "branches.zip/ashby.json: details.lead_officer.email: Give an email address" in summary
    cards = {card.select_one("h3").get_text(): flat(card.get_text(" "))
             for card in page.select(".govuk-summary-card")}
    strategy = cards["library-strategy.json"]
    assert f"New organisational units {records.LIBRARY_DIRECTORATE}; " \
           f"{records.LIBRARY_DIRECTORATE}: {records.LIBRARY_TEAM}" in strategy
    assert "Head of service: Margaret Holloway, Head of Library and Heritage Services " \
           "(no account)" in strategy
    assert f"Part of {records.LIBRARY_REFERENCE}" in cards["branches.zip/thornbury.json"]
    assert "2 of 3 files can be imported" in flat(page.get_text(" "))
    with app.app_context():
        assert archive.get_record(records.LIBRARY_REFERENCE) is None  # nothing yet

    job_path = response.location
    run = client.post_form("archive.run_import",
                           archive_import_id=int(job_path.rstrip("/").split("/")[-1]))
    assert run.status_code == 302
    report = client.get_page("archive.view_import",
                             archive_import_id=int(job_path.rstrip("/").split("/")[-1]))
    text = flat(report.get_text(" "))
    assert report.select_one("progress")["value"] == "3"
    assert "2 of 3 files imported" in text
    assert "Not imported: details.lead_officer.email" in text, text
    with app.app_context():
        parent = archive.get_record(records.LIBRARY_REFERENCE)
        assert [child.latest.title for child in parent.children] == [
            "Thornbury Library: changes to opening hours"]


def test_an_upload_of_nothing_readable_is_refused_with_the_reason(client_as):
    client = client_as(Role.ADMIN)
    response = _upload(client, [("notes.txt", b"hello")])
    assert response.status_code == 200
    page = parse(response)
    assert "notes.txt cannot be read: choose files ending .json, .docx, .zip" in page.get_text()


def test_an_administrator_matches_a_person_named_to_an_account(app, imported):
    client, references = imported
    with app.app_context():
        account = UserFactory(name="Dev Chauhan", email="dev.chauhan@example.org",
                              roles={Role.AUTHOR})
        record = archive.get_record(records.LIBRARY_REFERENCE).latest.historical
        dev = next(p for p in record.people if p.name == "Dev Chauhan")
        person_id, account_id = dev.id, account.id
    people = client.get_page("archive.list_people")
    assert "Match to an account: Dev Chauhan" in people.get_text()
    response = client.post_form("archive.match_person", {"user_id": str(account_id)},
                                recorded_person_id=person_id)
    assert response.status_code == 302
    page = client.get_page("assessments.view_task_list",
                           reference=references["library-strategy.json"])
    text = flat(page.get_text(" "))
    assert "Lead officer: Dev Chauhan, Library Strategy Manager (account: Dev Chauhan)" in text


def test_a_published_record_is_on_the_public_register_marked_as_imported(app, client_as):
    client = client_as(Role.ADMIN)
    strategy = records.library_strategy()
    strategy["historical"]["public_summary"] = "How the library strategy affects people."
    child = records.branch_library("Ashby", 1)
    child["historical"]["public_summary"] = "Shorter opening hours at Ashby."
    with app.app_context():
        importer = db.session.get(User, client.user_id)
        archive.import_batch(importer, read_files([
            ("strategy.json", json.dumps(strategy).encode()),
            ("ashby.json", json.dumps(child).encode()),
            ("thornbury.json", json.dumps(records.branch_library("Thornbury", 2)).encode())],
            default_framework()))
        reference = archive.get_record(records.LIBRARY_REFERENCE).reference
    public = app.test_client()
    register = parse(public.get("/register"))
    rows = [flat(row.get_text(" ")) for row in register.select("tbody tr")]
    assert len(rows) == 2  # the unpublished child stays off the register
    assert all("Before Due Regard (imported record)" in row for row in rows)
    page = parse(public.get(f"/register/{reference}"))
    check_page(page)
    text = flat(page.get_text(" "))
    assert page.select_one("[data-imported-record]") is not None
    for fact in ("Councillor Janet Mowbray, chair", records.EQUALITY_GROUP, "24 February 2015",
                 "How the library strategy affects people.", "Margaret Holloway",
                 "Ashby Library: changes to opening hours"):
        assert fact in text
    assert "Thornbury" not in text  # not published, so not named to the public
    pdf = public.get(f"/register/{reference}/versions/1/pdf")
    assert pdf.status_code == 200 and "IMPORTED RECORD" in pdf_text(pdf.data)


def test_the_api_says_a_record_is_imported(app, imported):
    client, references = imported
    with app.app_context():
        importer = db.session.get(User, client.user_id)
        _, secret = tokens.create_token(importer, "Archive", TokenScope.READ, 30)
    answer = app.test_client().get(f"/api/v1/assessments/{references['library-strategy.json']}",
                                   headers={"Authorization": f"Bearer {secret}"})
    assert answer.status_code == 200
    assert answer.json["imported"] is True and answer.json["status"] == "signed_off"
