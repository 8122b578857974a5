"""The evidence section: sources with a link, an uploaded file or neither."""

from __future__ import annotations

import io

import pytest
from sqlalchemy import select

from eia.domain import Role
from eia.extensions import db
from eia.models.assessments import (
    AssessmentVersion,
    EvidenceFile,
    GroupImpact,
)
from tests.integration.conftest import audit_details, saved
from tests.pages import banner_text, error_summary, parse
from tests.unit.test_uploads import PDF, _docx

HOSTILE = '<script>alert("x")</script> & "quotes" é ŵ ŷ'
CENSUS = {"title": "Census 2021: age profile of Eastfield", "kind": "population_data",
          "period": "2021", "summary": "A quarter of residents are over 65.",
          "url": "https://www.ons.gov.uk/census"}
CSV_CONTENT = b"age band,patients\n65 and over,412\nunder 65,1230\n"


def add(client, version, data, **files):
    payload = {**data, **{name: (io.BytesIO(content), filename)
                          for name, (filename, content) in files.items()}}
    return client.post(client.url("assessments.add_evidence", reference=version.reference),
                       data={"csrf_token": client.csrf_token(), **payload},
                       content_type="multipart/form-data")


def edit(client, version, source_id, data, **files):
    payload = {**data, **{name: (io.BytesIO(content), filename)
                          for name, (filename, content) in files.items()}}
    return client.post(client.url("assessments.edit_evidence", reference=version.reference,
                                  evidence_id=source_id),
                       data={"csrf_token": client.csrf_token(), **payload},
                       content_type="multipart/form-data")


def card_titles(page):
    return [h.get_text(strip=True) for h in page.select(".govuk-summary-card__title")]


def card_rows(page, title):
    card = next(c for c in page.select(".govuk-summary-card")
                if c.select_one(".govuk-summary-card__title").get_text(strip=True) == title)
    return {row.dt.get_text(strip=True): row.select_one(".govuk-summary-list__value")
            .get_text(" ", strip=True) for row in card.select(".govuk-summary-list__row")}


def test_add_evidence_with_a_link(author_client, version):
    page = author_client.get_page("assessments.list_evidence", reference=version.reference)
    assert page.h1.get_text(strip=True) == "Evidence"
    assert "No evidence added yet" in page.get_text()
    form_page = author_client.get_page("assessments.add_evidence", reference=version.reference)
    assert form_page.select_one("form[enctype='multipart/form-data']")

    response = add(author_client, version, CENSUS)
    assert response.status_code == 302
    page = parse(author_client.get(response.location))
    assert "Evidence added: Census 2021" in banner_text(page)
    assert card_titles(page) == [f"E1: {CENSUS['title']}"]
    rows = card_rows(page, f"E1: {CENSUS['title']}")
    assert rows["Kind"] == "Population data"
    assert rows["Link"] == "https://www.ons.gov.uk/census"
    assert rows["Cited for"] == "No impact cites it yet"
    link = page.select_one(".govuk-summary-card a[href='https://www.ons.gov.uk/census']")
    assert "noopener" in link["rel"]
    [event] = audit_details("assessment.evidence_added")
    assert event["title"] == CENSUS["title"]


def test_a_source_may_have_neither_link_nor_file(author_client, version):
    response = add(author_client, version, {**CENSUS, "title": "Clinic waiting list",
                                            "kind": "service_data", "url": ""})
    assert response.status_code == 302
    page = author_client.get_page("assessments.list_evidence", reference=version.reference)
    rows = card_rows(page, "E1: Clinic waiting list")
    assert (rows["Link"], rows["File"]) == ("None", "None")


def test_errors_keep_what_was_typed_and_save_nothing(author_client, version):
    page = parse(add(author_client, version, {
        "title": HOSTILE, "kind": "", "period": "", "summary": "Some text",
        "url": "javascript:alert(1)"}))
    assert error_summary(page) == [
        "Select what kind of evidence it is",
        "Enter the period the evidence covers",
        "Enter a link in the correct format, starting with https:// or http://",
    ]
    assert page.title.get_text().startswith("Error:")
    assert page.select_one("input[name=title]")["value"] == HOSTILE
    assert page.select_one("textarea[name=summary]").get_text() == "Some text"
    assert "<script>alert" not in str(page.select_one("main")).replace("&lt;script&gt;", "")
    blank = parse(add(author_client, version, {"title": "   ", "kind": "research",
                                               "period": "2024", "summary": ""}))
    assert error_summary(blank) == ["Enter a title for the evidence",
                                    "Enter what the evidence tells you"]
    assert saved(version).evidence == []


def test_a_link_and_a_file_together_are_refused(author_client, version):
    page = parse(add(author_client, version, CENSUS, file=("ages.csv", CSV_CONTENT)))
    assert error_summary(page) == ["Give a link or upload a file, not both"]
    assert saved(version).evidence == []


@pytest.mark.parametrize("filename,content,message", [
    ("setup.exe", b"MZ\x90\x00",
     "The selected file must be a PDF, Word, Excel, PowerPoint, CSV, PNG or JPEG"),
    ("report.pdf", b"<html><script>alert(1)</script></html>",
     "The selected file is not a real PDF"),
    ("empty.csv", b"", "The selected file is empty"),
])
def test_an_upload_of_the_wrong_kind_is_refused(author_client, version, filename, content,
                                                message):
    page = parse(add(author_client, version, {**CENSUS, "url": ""},
                     file=(filename, content)))
    assert error_summary(page) == [message]
    assert page.select_one("#file-error").get_text(strip=True).endswith(message)
    assert page.select_one("input[name=title]")["value"] == CENSUS["title"]
    assert page.select_one("input[name=period]")["value"] == "2021"
    assert saved(version).evidence == []


def test_an_uploaded_file_downloads_as_an_attachment(client_as, author_client, version):
    """SECURITY.md (Uploads): Server-generated storage names; downloads as attachments with
    nosniff."""
    response = add(author_client, version, {**CENSUS, "url": ""},
                   file=("Ŵyneb patients.csv", CSV_CONTENT))
    assert response.status_code == 302
    [source] = saved(version).evidence
    page = author_client.get_page("assessments.list_evidence", reference=version.reference)
    assert card_rows(page, f"E1: {CENSUS['title']}")["File"] == "Ŵyneb patients.csv (1 KB)"

    reviewer = client_as(Role.REVIEWER)
    for client in (author_client, reviewer):
        download = client.get(client.url("assessments.download_evidence_file",
                                         reference=version.reference, evidence_id=source.id))
        assert download.status_code == 200
        assert download.data == CSV_CONTENT
        assert download.mimetype == "text/csv"
        assert download.headers["X-Content-Type-Options"] == "nosniff"
        disposition = download.headers["Content-Disposition"]
        assert disposition.startswith('attachment; filename="Wyneb patients.csv"')
        assert "filename*=UTF-8''%C5%B4yneb%20patients.csv" in disposition
    [event] = audit_details("assessment.evidence_added")
    assert event["file"]["filename"] == "Ŵyneb patients.csv"


def test_a_source_without_a_file_has_no_download(author_client, version):
    add(author_client, version, CENSUS)
    [source] = saved(version).evidence
    response = author_client.get(author_client.url(
        "assessments.download_evidence_file", reference=version.reference,
        evidence_id=source.id))
    assert response.status_code == 404


def test_replace_and_remove_an_uploaded_file(author_client, version):
    add(author_client, version, {**CENSUS, "url": ""}, file=("ages.csv", CSV_CONTENT))
    [source] = saved(version).evidence
    first_file_id = source.file_id
    page = author_client.get_page("assessments.edit_evidence", reference=version.reference,
                                  evidence_id=source.id)
    assert "Current file: ages.csv" in page.get_text(" ", strip=True)
    lock = page.select_one("input[name=lock_version]")["value"]

    with_link = parse(edit(author_client, version, source.id, {**CENSUS, "lock_version": lock}))
    assert error_summary(with_link) == ["Give a link or upload a file, not both"]

    edit(author_client, version, source.id, {**CENSUS, "url": "", "lock_version": lock},
         file=("ages-2025.csv", b"age band,patients\n65 and over,450\n"))
    [source] = saved(version).evidence
    assert source.file.filename == "ages-2025.csv"
    assert db.session.get(EvidenceFile, first_file_id) is None

    response = edit(author_client, version, source.id, {
        **CENSUS, "remove_file": "y", "lock_version": str(source.lock_version)})
    assert response.status_code == 302
    [source] = saved(version).evidence
    assert source.file is None and source.url == CENSUS["url"]
    assert db.session.scalars(select(EvidenceFile)).all() == []


def test_remove_evidence_says_which_groups_cite_it(author_client, version):
    add(author_client, version, CENSUS)
    [source] = saved(version).evidence
    # Impacts are written by their own pages; a row is enough to show the warning.
    db.session.add(GroupImpact(version_id=version.id, group_id="age", impact="negative",
                               evidence=[source]))
    db.session.commit()

    page = author_client.get_page("assessments.remove_evidence", reference=version.reference,
                                  evidence_id=source.id)
    assert page.h1.get_text(strip=True) == "Are you sure you want to remove this evidence?"
    assert "The impact analysis for Age cites this evidence" in page.get_text(" ", strip=True)
    assert saved(version).evidence != []

    response = author_client.post_form("assessments.remove_evidence",
                                       {"lock_version": str(source.lock_version)},
                                       reference=version.reference, evidence_id=source.id)
    assert response.status_code == 302
    page = parse(author_client.get(response.location))
    assert "Evidence removed: Census 2021" in banner_text(page)
    assert card_titles(page) == []
    assert saved(version).evidence == []
    assert db.session.get(AssessmentVersion, version.id).impact_for("age").evidence == []
    [event] = audit_details("assessment.evidence_removed")
    assert event["title"] == CENSUS["title"]


def test_an_author_of_another_assessment_gets_404(client_as, author_client, version):
    add(author_client, version, {**CENSUS, "url": ""}, file=("ages.csv", CSV_CONTENT))
    [source] = saved(version).evidence
    stranger = client_as(Role.AUTHOR)
    reference = version.reference
    for endpoint in ("assessments.list_evidence", "assessments.add_evidence"):
        assert stranger.get(stranger.url(endpoint, reference=reference)).status_code == 404
    for endpoint in ("assessments.edit_evidence", "assessments.remove_evidence",
                     "assessments.download_evidence_file"):
        url = stranger.url(endpoint, reference=reference, evidence_id=source.id)
        assert stranger.get(url).status_code == 404, endpoint
    refused = stranger.post_form("assessments.remove_evidence", reference=reference,
                                 evidence_id=source.id)
    assert refused.status_code == 404
    assert len(saved(version).evidence) == 1


def test_the_upload_limit_is_the_max_upload_mb_setting(app, author_client, version,
                                                      monkeypatch):
    """MAX_UPLOAD_MB is the one limit: the form's hint, the check and the request cap follow it."""
    big = b"age band,patients\n" + b"65 and over,412\n" * (11 * 2**20 // 16)
    assert 10 * 2**20 < len(big) < 12 * 2**20
    monkeypatch.setitem(app.config, "MAX_UPLOAD_BYTES", 12 * 2**20)
    monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", 12 * 2**20 + 64 * 1024)
    form = author_client.get_page("assessments.add_evidence", reference=version.reference)
    assert "smaller than 12 MB" in form.select_one("#file-hint").get_text()
    response = add(author_client, version, {**CENSUS, "url": ""}, file=("big.csv", big))
    assert response.status_code == 302
    assert saved(version).evidence[0].file.size == len(big)

    monkeypatch.setitem(app.config, "MAX_UPLOAD_BYTES", 2**20)
    page = parse(add(author_client, version, {**CENSUS, "url": ""},
                     file=("ages.csv", big[: 2**20 + 1])))
    assert error_summary(page) == ["The selected file must be smaller than 1 MB"]


@pytest.mark.parametrize(("filename", "shown"), [
    ("../../etc/passwd.pdf", "passwd.pdf"),
    ("invoice\u202efdp.exe.pdf", "invoicefdp.exe.pdf"),  # right-to-left override
    ("x" * 400 + ".pdf", "x" * 251 + ".pdf"),
])
def test_a_hostile_file_name_is_kept_harmless_from_upload_to_download(author_client, version,
                                                                      filename, shown):
    """SECURITY.md (Uploads): server-generated storage (the file lives in its row, found by
    the row's number, never by its name); path-like, enormous and Unicode-trick names are shown
    and sent back cleaned, as an attachment with `nosniff`."""
    assert add(author_client, version, {**CENSUS, "url": ""},
               file=(filename, PDF)).status_code == 302
    [source] = saved(version).evidence
    assert source.file.filename == shown
    download = author_client.get(author_client.url(
        "assessments.download_evidence_file", reference=version.reference,
        evidence_id=source.id))
    assert download.data == PDF
    assert download.headers["X-Content-Type-Options"] == "nosniff"
    disposition = download.headers["Content-Disposition"]
    assert disposition.startswith("attachment; ")
    assert not any(ch in disposition for ch in "\r\n\u202e/\\")


@pytest.mark.parametrize(("filename", "content", "message"), [
    ("report.pdf", b"<html><script>alert(1)</script></html>", "not a real PDF"),
    ("notes.docx", None, "not a real Word document"),  # a macro-enabled document renamed
    ("figures.csv", b"MZ\x90\x00 an executable", "not a real CSV"),
])
def test_a_file_that_lies_about_its_type_is_refused_and_nothing_typed_is_lost(
        author_client, version, filename, content, message):
    """SECURITY.md (Uploads): content checked against the claimed type, whatever the browser
    says; Office files with macros are refused."""
    content = content or _docx(**{"word/vbaProject.bin": b"\xd0\xcf\x11\xe0"})
    response = add(author_client, version, {**CENSUS, "url": ""}, file=(filename, content))
    page = parse(response)
    assert any(message in error for error in error_summary(page))
    assert page.select_one("input[name=title]")["value"] == CENSUS["title"]
    assert saved(version).evidence == []
