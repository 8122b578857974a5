"""The "done when" of bringing in the archive: a batch of past records, the library strategy
among them, imported, and every name, date, unit, the original sign-off and the link between
parent and children found on the record page, the register and the PDF."""

from __future__ import annotations

import io
import json

import pdfplumber
import pytest

from eia.document.bundle import read_files
from eia.domain import Role
from eia.extensions import db
from eia.models.users import User
from eia.services import archive
from tests import archive_records as records
from tests.integration.test_pdf import without_watermark

LONG_DATES = ["21 July 2014", "9 February 2015", "24 February 2015", "9 February 2016",
              "1 September 2014", "30 November 2014"]


@pytest.fixture
def imported(app, client_as):
    """The batch imported by an administrator; the client of an administrator."""
    client = client_as(Role.ADMIN)
    with app.app_context():
        importer = db.session.get(User, client.user_id)
        files = read_files([(name, json.dumps(document).encode())
                            for name, document in records.batch()])
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
