"""The public verification page: anyone checks a printed or downloaded assessment is genuine.

A fingerprint typed from paper, or the PDF itself, is checked against the signed-off versions;
a wrong fingerprint and an unknown reference get the same answer, and wrong answers are
throttled.
"""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader, PdfWriter

from eia.domain import Role
from eia.extensions import db
from eia.models.users import User
from eia.pdf.fingerprint import UnreadablePdf, printed_fingerprint
from eia.services import workflow as moves
from eia.services.documents import assessment_pdf
from tests.conftest import reloaded
from tests.factories import UserFactory
from tests.integration.sign_off_helpers import awaiting_sign_off, review_and_recommend, signed_off
from tests.pages import check_page, error_summary, parse

SUMMARY = "Physiotherapy moves to one site; home visits stay for those who cannot travel."


@pytest.fixture(scope="module")
def built_version(module_transaction):
    return signed_off()


@pytest.fixture
def version(built_version, app_context):
    """A signed-off version, built once for the module, in this test's session."""
    return reloaded(built_version)


def fingerprint_of(version) -> str:
    from eia import queries

    return queries.sign_off_of(version).fingerprint


def check_typed(client, reference: str, fingerprint: str):
    return client.post_form("register.verify", {"reference": reference,
                                                "fingerprint": fingerprint})


def check_upload(client, content: bytes, filename: str = "assessment.pdf"):
    return client.post(client.url("register.verify"), content_type="multipart/form-data", data={
        "csrf_token": client.csrf_token(), "check_pdf": "Check the PDF",
        "pdf": (io.BytesIO(content), filename),
    })


def answer(response) -> tuple[str, str]:
    """The heading and the whole text of the answer page, which must pass the page checks."""
    assert response.status_code == 200
    page = parse(response)
    check_page(page)
    return page.h1.get_text(strip=True), " ".join(page.main.get_text(" ").split())


def revised_and_signed_off(v1):
    db.session.expire_all()  # requests change v1 through their own session
    author = db.session.get(User, v1.lead_officer_id)
    v2 = moves.revise(author, v1)
    review_and_recommend(v2, UserFactory(roles={Role.REVIEWER}))
    moves.sign_off(UserFactory(name="Ann Ward", job_title="Chief Executive",
                               roles={Role.APPROVER}), v2, declaration_accepted=True)
    return v2


# --- Typed from paper ---------------------------------------------------------------------------


def test_the_page_explains_itself_and_asks_for_a_reference_fingerprint_or_pdf(client,
                                                                               app_context):
    page = client.get_page("register.verify")
    assert page.h1.get_text(strip=True) == "Check an equality impact assessment is genuine"
    assert page.select_one("input[name=reference]") is not None
    assert page.select_one("textarea[name=fingerprint]") is not None
    upload_form = page.select_one("input[type=file][name=pdf]").find_parent("form")
    assert upload_form["enctype"] == "multipart/form-data"
    assert client.url("register.verify") == "/verify"


def test_a_genuine_fingerprint_names_the_version_and_who_signed_it(client, version):
    heading, text = answer(check_typed(client, version.reference, fingerprint_of(version)))
    assert heading == "This is a genuine signed-off assessment"
    assert f"version 1 of {version.reference}" in text
    assert "David Lloyd (Director)" in text
    assert version.title in text
    assert "No newer signed-off version has replaced it" in text


def test_spaces_line_breaks_and_capitals_are_forgiven(client, version):
    fingerprint = fingerprint_of(version).upper()
    typed_from_paper = "\n".join(" ".join(fingerprint[i:i + 8] for i in range(j, j + 32, 8))
                                 for j in (0, 32))
    en_dash = "\u2013"
    reference = "  " + version.reference.lower().replace("-", f" {en_dash} ") + " "
    heading, _ = answer(check_typed(client, reference, typed_from_paper))
    assert heading == "This is a genuine signed-off assessment"


def test_a_wrong_fingerprint_and_an_unknown_reference_get_the_same_answer(client, version):
    wrong = fingerprint_of(version)[:-1] + ("0" if fingerprint_of(version)[-1] != "0" else "1")
    heading, text = answer(check_typed(client, version.reference, wrong))
    assert heading == f"No signed-off version of {version.reference} has this fingerprint"

    unknown = "EIA-1999-0001"
    other_heading, other_text = answer(check_typed(client, unknown, wrong))
    assert other_heading == f"No signed-off version of {unknown} has this fingerprint"
    assert other_text.replace(unknown, version.reference) == text


def test_a_draft_fingerprint_is_not_genuine(client, app_context):
    from eia.services.transfer import document_fingerprint

    draft = awaiting_sign_off()
    heading, _ = answer(check_typed(client, draft.reference, document_fingerprint(draft)))
    assert heading.startswith("No signed-off version of")


def test_a_superseded_version_is_genuine_and_says_what_replaced_it(client, version):
    v2 = revised_and_signed_off(version)
    _, text = answer(check_typed(client, version.reference, fingerprint_of(version)))
    assert "A newer version has replaced this one: version 2, signed off on" in text
    assert parse(check_typed(client, version.reference, fingerprint_of(version))).find(
        "a", string="Read version 2 on the register") is None  # version 2 is not public

    moves.publish(UserFactory(roles={Role.APPROVER}), v2, SUMMARY)
    page = parse(check_typed(client, version.reference, fingerprint_of(version)))
    link = page.find("a", string="Read version 2 on the register")
    assert link["href"] == f"/register/{version.reference}/versions/2"

    heading, text = answer(check_typed(client, v2.reference, fingerprint_of(v2)))
    assert heading == "This is a genuine signed-off assessment"
    assert "version 2 of" in text and "Ann Ward (Chief Executive)" in text


@pytest.mark.parametrize(("fingerprint", "message"), [
    ("", "Enter the fingerprint"),
    ("abc123", "The fingerprint must be 64 characters long, not counting spaces "
               "(you entered 6)"),
    ("g" * 64, "The fingerprint can only contain the numbers 0 to 9 and the letters a to f"),
])
def test_a_fingerprint_that_cannot_be_right_is_an_error_and_what_was_typed_stays(
        client, version, fingerprint, message):
    response = check_typed(client, "", fingerprint)
    page = parse(response)
    check_page(page)
    assert error_summary(page) == ["Enter the reference", message]
    assert page.title.get_text().startswith("Error:")
    assert page.select_one("textarea[name=fingerprint]").get_text() == fingerprint


# --- Uploaded PDF ------------------------------------------------------------------------------


def test_the_pdf_of_a_signed_off_version_is_genuine(client, version):
    heading, text = answer(check_upload(client, assessment_pdf(version)))
    assert heading == "This is a genuine signed-off assessment"
    assert "David Lloyd (Director)" in text


def test_a_pdf_saved_again_without_its_metadata_is_read_from_its_text(version):
    reader = PdfReader(io.BytesIO(assessment_pdf(version)))
    assert f"Fingerprint {fingerprint_of(version)}" in reader.metadata["/Keywords"]
    writer = PdfWriter()
    for page in reader.pages:
        writer.add_page(page)
    copy = io.BytesIO()
    writer.write(copy)
    assert "Fingerprint" not in str((PdfReader(copy).metadata or {}).get("/Keywords", ""))
    found = printed_fingerprint(copy.getvalue(), max_bytes=10 * 2**20)
    assert (found.reference, found.fingerprint) == (version.reference, fingerprint_of(version))


def test_the_pdf_of_a_draft_has_no_fingerprint(client, app_context):
    response = check_upload(client, assessment_pdf(awaiting_sign_off()))
    assert error_summary(parse(response)) == [
        "The selected PDF has no fingerprint. Only a signed-off assessment has one, in its "
        "sign-off section"]


@pytest.mark.parametrize(("content", "message"), [
    (b"", "The selected file is empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR", "The selected file must be a PDF"),
    (b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>",
     "The selected PDF could not be read. It may be damaged"),
    (b"%PDF-1.4\n" + b"\x00\xff" * 5000, "The selected PDF could not be read. It may be damaged"),
])
def test_a_file_that_cannot_be_checked_gets_a_clear_error_not_a_crash(client, app_context,
                                                                      content, message):
    response = check_upload(client, content)
    assert response.status_code == 200
    page = parse(response)
    check_page(page)
    assert error_summary(page) == [message]


def test_a_password_protected_pdf_is_refused_with_a_reason(client, version):
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(assessment_pdf(version))))
    writer.encrypt("secret")
    locked = io.BytesIO()
    writer.write(locked)
    response = check_upload(client, locked.getvalue())
    assert error_summary(parse(response)) == [
        "The selected PDF is password-protected. Upload the PDF as it was sent to you"]

    writer.encrypt("", owner_password="owner")  # restricted, but opens without a password
    restricted = io.BytesIO()
    writer.write(restricted)
    heading, _ = answer(check_upload(client, restricted.getvalue()))
    assert heading == "This is a genuine signed-off assessment"


def test_choosing_no_file_is_an_error(client, app_context):
    response = check_upload(client, b"", filename="")
    assert error_summary(parse(response)) == ["Select the PDF of the assessment"]


def test_a_truncated_or_scrambled_real_pdf_is_refused_cleanly(client, version):
    pdf = assessment_pdf(version)
    scrambled = bytearray(pdf)
    for position in range(200, len(scrambled), 97):
        scrambled[position] ^= 0x5A
    for content in (pdf[: len(pdf) // 3], bytes(scrambled)):
        response = check_upload(client, content)
        assert response.status_code == 200
        summary = error_summary(parse(response))
        heading = parse(response).h1.get_text(strip=True)
        # A damaged copy may still show its fingerprint; it must never crash or say "genuine"
        # about anything but that fingerprint.
        assert summary or heading in ("This is a genuine signed-off assessment",
                                      f"No signed-off version of {version.reference} has this "
                                      f"fingerprint")


def test_the_parser_failing_in_any_way_becomes_a_message(monkeypatch):
    import pypdf

    def explode(*args, **kwargs):
        raise RecursionError("deeply nested objects")

    monkeypatch.setattr(pypdf, "PdfReader", explode)  # read by the check as it starts
    with pytest.raises(UnreadablePdf, match="could not be read"):
        printed_fingerprint(b"%PDF-1.7\n%%EOF", max_bytes=2**20)


def test_an_oversized_upload_is_refused_before_it_is_parsed(app, client, app_context,
                                                             monkeypatch):
    from eia.pdf import fingerprint

    # The limit is the MAX_UPLOAD_MB setting, the same as for evidence.
    monkeypatch.setitem(app.config, "MAX_UPLOAD_BYTES", 2**20)
    monkeypatch.setattr(fingerprint, "_from_keywords", None)  # must not be reached
    response = check_upload(client, b"%PDF-1.7\n" + b"0" * 2**20)
    assert error_summary(parse(response)) == ["The selected file must be smaller than 1 MB"]


# --- Throttling ---------------------------------------------------------------------------------


def test_guessing_is_throttled_with_429(client, version):
    wrong = "0" * 64
    for _ in range(20):
        assert check_typed(client, version.reference, wrong).status_code == 200
    response = check_typed(client, version.reference, fingerprint_of(version))
    assert response.status_code == 429
    assert "Too many attempts" in response.get_data(as_text=True)
    assert client.get(client.url("register.verify")).status_code == 200  # reading is not limited


def test_genuine_answers_do_not_count_towards_the_limit(client, version):
    for _ in range(25):
        heading, _ = answer(check_typed(client, version.reference, fingerprint_of(version)))
        assert heading == "This is a genuine signed-off assessment"
