"""The PDF of an assessment version: content, marks, font, tables, safety, download and export.

Text is read back with pypdf, tables with pdfplumber and pages are rendered with pdftoppm, so
each test checks what a reader of the file would see. Reading a PDF back takes seconds; what
the document shows is the same whatever database its content came from, so those tests run
once, in SQLite's run (the `document` mark); a signed-off version, and the download and
export, are tested on both.
"""

from __future__ import annotations

import builtins
import functools
import io
import re
import shutil
import socket
import subprocess
import urllib.request
from datetime import date, timedelta

import pdfplumber
import pytest
from pypdf import PdfReader

from eia.cli import eia_cli
from eia.collections import ENGAGEMENT
from eia.demo import physiotherapy
from eia.domain import Role, VersionStatus
from eia.extensions import db
from eia.formatting import answer_text
from eia.framework import is_blank
from eia.models.assessments import Action, Engagement, EvidenceSource, GroupImpact
from eia.pdf import build_pdf, styles
from eia.pdf.fonts import register_fonts
from eia.pdf.marks import DRAFT, SUPERSEDED
from eia.services import sections, transfer
from eia.services.documents import assessment_pdf
from tests.conftest import sign_in_client
from tests.factories import UnitFactory, UserFactory, start_assessment

MM = 72 / 25.4
HOSTILE = [
    "<b>bold</b>",
    "<i>unclosed italic",
    "</para> closing a paragraph",
    '<img src="/etc/hostname"/>',
    '<img src="http://127.0.0.1:9/tracker.png" width="400" height="400">',
    '<a href="javascript:alert(1)">click me</a>',
    "&eacute; &amp; &#60; &lt;",
    '<font color="red" size="40" face="Courier">shouting</font>',
    "<br/><br/>",
    "<![CDATA[raw]]> <!-- comment -->",
    "<onDraw name=x/> <seq/> <span style='x'>",
]


# --- Fixtures ---------------------------------------------------------------------------------


@pytest.fixture
def demo(app_context):
    """The complete demo assessment, loaded through the same import as `flask eia demo`."""
    directorate = UnitFactory(name="Community Health Services")
    UnitFactory(name="Outpatient Physiotherapy", parent_id=directorate.id)
    lead = UserFactory(name="Priya Shah", job_title="Service Manager", roles={Role.AUTHOR})
    assessment = transfer.import_document(lead, physiotherapy.document(lead.email, date.today()))
    return assessment.latest


@pytest.fixture
def author(app_context):
    return UserFactory(name="Gwenllian ap Rhys", roles={Role.AUTHOR})


def pages_text(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


@functools.lru_cache(maxsize=2)
def body_text(pdf: bytes) -> str:
    """The text inside the page margins, without header, footer or watermark, on one line."""
    texts = []
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        for page in document.pages:
            inside = page.within_bbox((0, 22 * MM, page.width, page.height - 20 * MM))
            texts.append(without_watermark(inside).extract_text() or "")
    return flat(" ".join(texts))


def without_watermark(page):
    """The page without the letters of the diagonal mark, which cross the text."""
    colour = tuple(round(c, 3) for c in styles.WATERMARK.rgb())
    return page.filter(lambda obj: obj["object_type"] != "char" or tuple(
        round(c, 3) for c in obj.get("non_stroking_color") or ()) != colour)


def flat(text: str) -> str:
    return " ".join(text.split())


def with_status(version, status: VersionStatus) -> bytes:
    """The PDF as it would be in another status, without writing that status anywhere."""
    original = version.status
    with db.session.no_autoflush:
        version.status = status.value
        try:
            return assessment_pdf(version)
        finally:
            version.status = original


# --- Content ----------------------------------------------------------------------------------


@pytest.mark.document
def test_every_answered_field_of_the_demo_assessment_is_in_the_pdf(demo):
    framework = demo.framework
    pdf = assessment_pdf(demo)
    # Lines of neighbouring table cells interleave in running text, so cells are read whole.
    text = body_text(pdf) + " " + " ".join(cell for row in table_rows(pdf) for cell in row)

    expected = [demo.reference, demo.title, demo.decision_maker, demo.decision_forum,
                demo.unit.full_name, demo.lead_officer.name]
    for row in demo.sections:
        section = framework.section(row.section_id)
        answers = row.answers
        for question in section.shown_questions(answers):
            if not is_blank(answers.get(question.id)):
                expected += [question.label, answer_text(question, answers[question.id],
                                                         framework.group_names)]
    for source in demo.evidence:
        expected += [source.title, source.summary, source.period, source.url]
    for activity in demo.engagements:
        described = ENGAGEMENT.described(ENGAGEMENT.values_of(activity), framework.group_names)
        expected += [value for value in described.values() if value]
    for impact in demo.impacts:
        expected += [framework.group(impact.group_id).name, impact.level.label, impact.effect,
                     impact.mitigation, impact.residual_impact, impact.no_evidence_reason]
    for action in demo.actions:
        expected += [action.description, action.owner, action.success_measure]
    missing = [value for value in expected if value and flat(value) not in text]
    assert missing == []


@pytest.mark.document
def test_the_summary_and_sections_come_in_order_with_a_bookmark_each(demo):
    framework = demo.framework
    reader = PdfReader(io.BytesIO(assessment_pdf(demo)))
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    sections_in_order = [f"{s.number}. {s.title}" for s in framework.sections]
    assert titles == ["Cover", "Summary", *sections_in_order, "Sign-off",
                      "Appendix: version history"]
    # Each group of the impact section has its own bookmark under the section.
    nested = [item.title for item in reader.outline[reader.outline.index(
        next(i for i in reader.outline if getattr(i, "title", "") == "5. Impact on each group"))
        + 1]]
    assert "Age" in nested and "Sexual orientation" in nested


@pytest.mark.document
def test_the_summary_page_names_the_outcome_groups_by_impact_and_the_actions(demo):
    summary = next(text for text in pages_text(assessment_pdf(demo)) if "Summary" in text)
    flat_summary = flat(summary)
    assert "Outcome" in flat_summary and "Adjust" in flat_summary
    assert "Negative" in flat_summary and "Race" in flat_summary
    assert "6 actions (4 planned, 2 in progress)" in flat_summary
    assert "Review date" in flat_summary


@pytest.mark.document
def test_metadata_names_the_assessment_its_author_and_the_language(demo):
    reader = PdfReader(io.BytesIO(assessment_pdf(demo)))
    assert reader.metadata.title == f"{demo.reference}: {demo.title}"
    assert reader.metadata.author == "Priya Shah"
    assert demo.reference in reader.metadata.subject and "version 1" in reader.metadata.subject
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"


@pytest.mark.document
def test_every_page_has_the_reference_version_status_and_page_x_of_y(demo):
    pages = pages_text(assessment_pdf(demo))
    assert len(pages) > 5
    for number, text in enumerate(pages, start=1):
        assert re.search(rf"Page {number} of\s*{len(pages)}\b", text), number
        if number > 1:
            assert f"{demo.reference} · Version 1 · Draft" in text


# --- Marks ------------------------------------------------------------------------------------


@pytest.mark.document
@pytest.mark.parametrize("status", [s for s in VersionStatus
                                    if s not in (VersionStatus.SIGNED_OFF,
                                                 VersionStatus.SUPERSEDED)])
def test_anything_not_signed_off_is_marked_draft_on_every_page(demo, status):
    pages = pages_text(with_status(demo, status))
    assert pages
    assert all(DRAFT in text for text in pages)
    assert not any(SUPERSEDED in text for text in pages)
    assert "Fingerprint of this version" not in " ".join(pages)


def test_a_signed_off_version_has_no_mark_and_prints_who_signed_it_and_its_fingerprint(
        app_context):
    from tests.integration.sign_off_helpers import signed_off

    version = signed_off()
    pdf = assessment_pdf(version)
    text = " ".join(pages_text(pdf))
    assert DRAFT not in text and SUPERSEDED not in text and "DRAFT" not in text
    assert "Fingerprint of this version" in text
    assert transfer.document_fingerprint(version) in text.replace("\n", "")
    rows = table_rows(pdf, ["Role"])
    assert rows[0][:2] == ["Equality reviewer", "Grace Okafor, Policy Officer"]
    assert rows[1][:2] == ["Signatory", "David Lloyd, Director"]
    events = [row[1] for row in table_rows(pdf, ["When", "What happened"])]
    assert events == ["Submit: draft to in review", "Start review: in review to in review",
                      "Recommend: in review to awaiting sign-off",
                      "Sign off: awaiting sign-off to signed off"]


@pytest.mark.document
def test_a_superseded_version_is_marked_superseded_on_every_page(demo):
    pages = pages_text(with_status(demo, VersionStatus.SUPERSEDED))
    assert pages
    assert all(SUPERSEDED in text for text in pages)
    assert not any(DRAFT in text for text in pages)


@pytest.mark.document
def test_the_sign_off_block_says_not_yet_reviewed_or_signed_off(demo):
    pdf = assessment_pdf(demo)
    assert ["Equality reviewer", "Not yet reviewed", ""] in table_rows(pdf, ["Role"])
    assert ["Signatory", "Not signed off", ""] in table_rows(pdf, ["Role"])
    assert table_rows(pdf, ["Version", "Status"])[0][:2] == ["1 (this document)", "Draft"]


# --- Typesetting --------------------------------------------------------------------------------


def _fonts(pdf: bytes) -> dict[str, object]:
    fonts = {}
    for page in PdfReader(io.BytesIO(pdf)).pages:
        resources = page["/Resources"]
        for font in resources.get("/Font", {}).values():
            font = font.get_object()
            fonts[str(font["/BaseFont"])] = font
        for xobject in resources.get("/XObject", {}).values():
            for font in xobject.get_object().get("/Resources", {}).get("/Font", {}).values():
                font = font.get_object()
                fonts[str(font["/BaseFont"])] = font
    return fonts


@pytest.mark.document
def test_only_the_embedded_arimo_font_is_used(demo):
    fonts = _fonts(assessment_pdf(demo))
    assert fonts, "no fonts found"
    for name, font in fonts.items():
        assert "Arimo" in name, name
        descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font \
            else font
        descriptor = descendant["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor, f"{name} is not embedded"


@pytest.mark.document
def test_welsh_and_accented_latin_come_out_as_written(author):
    title = "Gwasanaeth Tŵr a Llŷn: ąę éè ẁẃ ŵŷ ŴŶ"
    version = start_assessment(author, title=title)
    text = body_text(assessment_pdf(version))
    assert title in text


def table_rows(pdf: bytes, header: list[str] | None = None) -> list[list[str]]:
    """The rows of every table (or of those whose header starts with `header`), header too."""
    rows = []
    for table in _tables(pdf):
        if header is None or list(table[0][:len(header)]) == header:
            rows += table if header is None else table[1:]
    return [list(row) for row in rows]


@functools.lru_cache(maxsize=2)
def _tables(pdf: bytes) -> tuple[tuple[tuple[str, ...], ...], ...]:
    """Every table of `pdf`, read once however many of its tables a test asks for (reading
    a document's tables takes most of a second a page)."""
    tables = []
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        for page in document.pages:
            # The coloured squares beside the impact words are not cell borders.
            for table in without_watermark(page).extract_tables({"edge_min_length": 15}):
                tables.append(tuple(tuple(flat(cell or "") for cell in row) for row in table))
    return tuple(tables)


@pytest.mark.document
def test_impact_by_group_extracts_as_a_table_with_words(demo):
    rows = table_rows(assessment_pdf(demo), ["Group", "Impact"])
    by_group = {row[0]: row[1:] for row in rows}
    assert by_group["Age"][:3] == ["Both positive and negative", "E1, E2, E3, E5", "2"]
    assert by_group["Race"][0] == "Negative"
    assert by_group["Sexual orientation"][:2] == ["Neutral", "None"]
    assert by_group["Carers"][0] == "Negative"


@pytest.mark.document
def test_long_answers_flow_and_long_tables_repeat_their_header(author):
    version = start_assessment(author)
    framework = version.framework
    sections.save_answers(author, version, framework.section("screening"), {
        "change_description": "short", "screening_decision": "full_assessment",
    }, expected_lock=None)
    long_answer = " ".join(f"word{n}" for n in range(5000))
    row = version.section("screening")
    row.answers = {**row.answers, "change_description": long_answer}
    for n in range(40):
        action = Action(version=version, description=f"Action number {n}: " + "lorem " * 120,
                        owner="Owner", due_date=date.today() + timedelta(days=n),
                        success_measure="Measured", status="planned")
        action.groups = ["age"]
        db.session.add(action)
    db.session.flush()

    pdf = assessment_pdf(version)
    text = body_text(pdf)
    assert long_answer in text
    action_pages = [page for page in pages_text(pdf) if "lorem lorem" in page]
    assert len(action_pages) > 3
    assert all("What will be done" in page for page in action_pages)


@pytest.mark.document
def test_pages_render_to_png(demo, tmp_path):
    pdf_path = tmp_path / "demo.pdf"
    pdf_path.write_bytes(assessment_pdf(demo))
    pdftoppm = shutil.which("pdftoppm")
    assert pdftoppm, "pdftoppm (poppler-utils) is needed"
    result = subprocess.run([pdftoppm, "-r", "40", "-png", str(pdf_path), str(tmp_path / "p")],
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    pngs = sorted(tmp_path.glob("p-*.png"))
    assert len(pngs) == len(PdfReader(str(pdf_path)).pages)
    assert all(p.read_bytes().startswith(b"\x89PNG") for p in pngs)


# --- Safety -------------------------------------------------------------------------------------


@pytest.mark.document
def test_hostile_strings_come_out_literally_and_do_nothing(author):
    """SECURITY.md (Output encoding): Every user string escaped before reportlab markup."""
    joined = " | ".join(HOSTILE)
    version = start_assessment(author, title="<b>Title</b> <a href='javascript:x'>&eacute;",
                               decision_maker='<font color="red">Chief</font>')
    framework = version.framework
    sections.save_answers(author, version, framework.section("screening"), {
        "change_description": "\n".join(HOSTILE), "likely_impacts": joined,
        "screening_decision": "full_assessment",
    }, expected_lock=None)
    source = EvidenceSource(version=version, title="<img src='/etc/passwd'>", kind="other",
                            period="<i>", summary=joined, url="javascript:alert(1)")
    db.session.add_all([
        source,
        Engagement(version=version, who="<b>who", started_on=date(2026, 3, 12), how="&eacute;",
                   what_they_said=joined, what_changed="</font>"),
        GroupImpact(version=version, group_id="age", impact="negative", effect=joined,
                    mitigation="<para>", residual_impact="&#0;", evidence=[source]),
    ])
    action = Action(version=version, description=joined, owner="<a href='x'>", status="done")
    action.groups = ["age", "<script>"]
    db.session.add(action)
    db.session.flush()

    pdf = assessment_pdf(version)
    text = body_text(pdf)
    for hostile in [*HOSTILE, "<b>Title</b> <a href='javascript:x'>&eacute;",
                    '<font color="red">Chief</font>', "<img src='/etc/passwd'>",
                    "javascript:alert(1)", "&#0;", "<para>", "<a href='x'>", "<script>"]:
        assert flat(hostile) in text, hostile
    assert "&eacute;" in text and "é" not in text.replace("Arimo", "")
    # Nothing became a link, an image or a different font.
    assert b"/URI" not in pdf and b"/Annot" not in pdf and b"/Link" not in pdf
    assert b"/Subtype /Image" not in pdf
    fonts = _fonts(pdf)
    assert fonts, "no fonts found in the PDF"
    assert all("Arimo" in name for name in fonts)


@pytest.mark.document
def test_control_characters_and_broken_unicode_do_not_stop_the_build(author):
    version = start_assessment(author)
    with db.session.no_autoflush:
        # A lone surrogate cannot even be stored; set it only in memory.
        version.title = "Nulls \x00 and \x1b escapes \ud800 \u2028 end"
        pdf = assessment_pdf(version)
    assert "Nulls and escapes \ufffd end" in body_text(pdf)


@pytest.mark.document
def test_the_builder_opens_no_file_and_no_connection(author, monkeypatch):
    version = start_assessment(author, title='<img src="/etc/hostname"/> <a href="https://x">')
    framework = version.framework
    sections.save_answers(author, version, framework.section("screening"), {
        "change_description": '<img src="http://127.0.0.1:9/x.png"/> <img src="/etc/passwd">',
    }, expected_lock=None)
    register_fonts()  # the font package's file is the one file the builder reads, once

    def refuse(*args, **kwargs):
        raise AssertionError(f"the builder tried to open {args!r}")

    monkeypatch.setattr(builtins, "open", refuse)
    monkeypatch.setattr(io, "open", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(urllib.request, "urlopen", refuse)
    assert build_pdf(version, framework).startswith(b"%PDF")


# --- Download and export ------------------------------------------------------------------------


def test_a_reader_downloads_the_pdf_as_an_attachment(app, client_as, demo):
    """SECURITY.md (Uploads): Server-generated storage names; downloads as attachments with
    nosniff."""
    client = client_as(Role.REVIEWER)
    response = client.get(f"/assessments/{demo.reference}/pdf")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.data.startswith(b"%PDF")
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert f'filename="{demo.reference}-v1.pdf"' in disposition
    assert response.headers["X-Content-Type-Options"] == "nosniff"

    assert client.get(f"/assessments/{demo.reference}/pdf?version=1").status_code == 200
    assert client.get(f"/assessments/{demo.reference}/pdf?version=2").status_code == 404
    assert client.get(f"/assessments/{demo.reference}/pdf?version=x").status_code == 404


def test_the_lead_officer_may_download_and_other_authors_may_not_see_it(app, client_as, demo):
    lead = sign_in_client(app, demo.lead_officer)
    assert lead.get(f"/assessments/{demo.reference}/pdf").status_code == 200
    stranger = client_as(Role.AUTHOR)
    assert stranger.get(f"/assessments/{demo.reference}/pdf").status_code == 404
    trainee = client_as(Role.TRAINEE)
    assert trainee.get(f"/assessments/{demo.reference}/pdf").status_code == 404


def test_the_task_list_and_check_answers_link_to_the_pdf(app, demo):
    client = sign_in_client(app, demo.lead_officer)
    for page in ("", "/check-answers"):
        html = client.get(f"/assessments/{demo.reference}{page}").get_data(as_text=True)
        assert f'href="/assessments/{demo.reference}/pdf"' in html
        assert "Download PDF" in html


def test_export_writes_the_pdf_to_a_file_and_needs_one(app, demo, tmp_path):
    runner = app.test_cli_runner()
    path = tmp_path / "out.pdf"
    result = runner.invoke(eia_cli, ["export", demo.reference, "--version", "1",
                                     "--format", "pdf", "-o", str(path)])
    assert result.exit_code == 0, result.output
    assert path.read_bytes().startswith(b"%PDF")
    assert any(demo.title in flat(text) for text in pages_text(path.read_bytes()))

    result = runner.invoke(eia_cli, ["export", demo.reference, "--format", "pdf"])
    assert result.exit_code == 2
    assert "--format pdf needs -o FILE" in result.output


def test_a_signed_off_pdf_says_where_to_check_it(app, app_context, monkeypatch):
    from tests.integration.sign_off_helpers import signed_off

    version = signed_off()
    text = flat(" ".join(pages_text(assessment_pdf(version))))
    assert "Check this document at http://localhost/verify" in text
    assert app.test_client().get("/verify").status_code == 200

    # Without an address configured only the path can be given.
    monkeypatch.setitem(app.config, "PUBLIC_URL", "")
    text = flat(" ".join(pages_text(assessment_pdf(version))))
    assert "Check this document at /verify on this organisation’s Due Regard site" in text
