"""An administrator brings in the archive in real Chromium, with axe on every page: a Word
document and a JSON record uploaded together, the Word document's mapping corrected, the
import run and reported, and the record opened as it was."""

from __future__ import annotations

import json
import uuid

import pytest
from playwright.sync_api import expect

from eia.demo import past_records as records
from eia.domain import Role
from tests.docx_samples import council_sample

pytestmark = pytest.mark.browser


def test_an_administrator_imports_a_word_document_after_correcting_where_its_text_goes(
        journey, make_user, tmp_path):
    word = tmp_path / "library-strategy.docx"
    word.write_bytes(council_sample().bytes())
    # The served database is shared by every journey, and one of them loads the demo, whose
    # archive already holds this record: a reference of the journey's own keeps it new.
    record = records.library_strategy()
    record["historical"]["source_reference"] = f"CLS-JOURNEY-{uuid.uuid4().hex[:8]}"
    branch = tmp_path / "mobile-library.json"
    branch.write_text(json.dumps(record), encoding="utf-8")

    journey.sign_in(make_user(Role.ADMIN))
    page = journey.visit("/admin/archive/import")
    page.get_by_label("Files").set_input_files([word, branch])
    page = journey.submit("Check the files")
    expect(page.locator("h1")).to_have_text("Import past assessments")
    expect(page.locator("#file-0, #file-1")).to_have_count(2)
    expect(page.get_by_text("A Word document, read with the English council EIA template")) \
        .to_be_visible()

    page = journey.follow("Check where the text goes in library-strategy.docx")
    expect(page.locator("h1")).to_have_text("Where the text goes")
    local_history = page.get_by_label("“Local history”")
    expect(local_history).to_have_value("imported")
    local_history.select_option("question.delivery")
    page = journey.submit("Save where the text goes")
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "Saved where the text of library-strategy.docx goes")

    page = journey.submit("Import the records")
    expect(page.get_by_role("status")).to_have_text("2 of 2 files imported.")
    page.get_by_role("link", name=": Library strategy 2014 to 2019", exact=False).click()
    page = journey.check()
    expect(page.locator("[data-imported-record]")).to_contain_text("Imported record")
    expect(page.locator("#imported-text")).to_be_visible()
    expect(page.get_by_text("Tom Brown, Departmental Equality Group, 14 April 2014")) \
        .to_be_visible()
    expect(page.get_by_text("Council tax and library fines")).to_be_visible()
