"""The resource library (resources with an owner, a topic and kept versions, each
downloadable, every file checked) and the hand-over pack (one zip of the programme)."""

from __future__ import annotations

import csv
import io
import zipfile

import pytest

from eia.domain import Role, SessionKind
from eia.extensions import db
from eia.models.users import User
from eia.services.collections import Upload
from eia.services.training import guide, handover, resources
from eia.uploads import check_upload
from tests.factories import PRACTICE_SCENARIO, UnitFactory, UserFactory, past_session, programme
from tests.pages import parse

BOOKLET_V1 = b"%PDF-1.4\nthe learning booklet, first edition\n%%EOF\n"
BOOKLET_V2 = b"%PDF-1.4\nthe learning booklet, second edition\n%%EOF\n"


@pytest.fixture
def lead_client(client_as):
    return client_as(Role.FACILITATOR, name="Tomasz Nowak")


@pytest.fixture
def lead(lead_client, app_context):
    return db.session.get(User, lead_client.user_id)


@pytest.fixture
def course(lead):
    return programme(lead)


def upload(name: str, content: bytes) -> Upload:
    return Upload(check_upload(name, content, max_bytes=1_000_000), content)


def test_a_resource_is_added_and_a_new_version_keeps_the_old(lead_client, lead, course):
    response = lead_client.post_form("training.add_resource", {
        "title": "Learning booklet", "kind": "booklet", "topic": "Delegates",
        "owner_id": str(lead.id), "note": "First edition",
        "file": (io.BytesIO(BOOKLET_V1), "booklet.pdf")}, programme_id=course.id)
    assert response.status_code == 302
    resource = resources.list_resources(course)[0]
    lead_client.post_form("training.upload_resource_version", {
        "note": "Shorter timings", "file": (io.BytesIO(BOOKLET_V2), "booklet v2.pdf")},
        programme_id=course.id, resource_id=resource.id)

    page = lead_client.get_page("training.view_resource", programme_id=course.id,
                                resource_id=resource.id)
    rows = [[c.get_text(" ", strip=True) for c in r.find_all("td")]
            for r in page.select("tbody tr")]
    assert [(r[0], r[1], r[3]) for r in rows] == [
        ("2", "booklet v2.pdf , version 2", "Shorter timings"),
        ("1", "booklet.pdf , version 1", "First edition")]
    for number, content, name in ((1, BOOKLET_V1, "booklet.pdf"),
                                  (2, BOOKLET_V2, "booklet%20v2.pdf")):
        download = lead_client.get(lead_client.url(
            "training.download_resource", programme_id=course.id, resource_id=resource.id,
            version_number=number))
        assert download.data == content
        assert download.headers["Content-Disposition"].startswith("attachment;")
        assert name in download.headers["Content-Disposition"]
        assert download.headers["X-Content-Type-Options"] == "nosniff"
    listing = lead_client.get_page("training.list_resources", programme_id=course.id)
    assert [c.get_text(strip=True) for c in listing.select("tbody td")][:5] == [
        "Learning booklet", "Learning booklet", "Delegates", "Tomasz Nowak", "2"]


def test_a_file_that_is_not_what_it_claims_is_refused_and_the_details_kept(lead_client, lead,
                                                                            course):
    response = lead_client.post_form("training.add_resource", {
        "title": "Slides", "kind": "slides", "topic": "", "owner_id": str(lead.id),
        "file": (io.BytesIO(b"MZ\x90\x00 not a pdf"), "slides.pdf")}, programme_id=course.id)
    page = parse(response)
    assert "The selected file is not a real PDF" in page.select_one(
        ".govuk-error-summary").get_text()
    assert page.select_one("#title")["value"] == "Slides"
    assert resources.list_resources(course) == []


def test_the_owner_must_be_a_facilitator(lead, course):
    author = UserFactory(roles={Role.AUTHOR})
    with pytest.raises(resources.ResourceRefused, match="Choose a facilitator to own"):
        resources.add_resource(lead, course, title="FAQ", kind="faq", topic="", owner=author,
                               upload=upload("faq.csv", b"q,a\n"))


def test_a_resource_is_found_only_under_its_own_programme(lead_client, lead, course):
    resource = resources.add_resource(lead, course, title="FAQ", kind="faq", topic="",
                                      owner=lead, upload=upload("faq.csv", b"q,a\n"))
    other = programme(lead, name="Another programme")
    response = lead_client.get(lead_client.url("training.view_resource",
                                               programme_id=other.id, resource_id=resource.id))
    assert response.status_code == 404


def read_csv(archive: zipfile.ZipFile, name: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(archive.read(name).decode("utf-8-sig"))))


def test_the_hand_over_pack_holds_the_whole_programme(lead_client, lead, course):
    delegate = UserFactory(roles={Role.AUTHOR}, name="Priya Shah",
                           unit_id=UnitFactory(name="Estates").id)
    no_show = UserFactory(roles={Role.AUTHOR}, name="=cmd|' /C calc'!A0")
    partner = UserFactory(roles={Role.FACILITATOR}, name="Ana Costa")
    past_session(course, title="Delegates, March", facilitators=[lead, partner],
                 scenarios=[PRACTICE_SCENARIO],
                 attendees=[delegate], no_shows=[no_show])
    past_session(course, title="Rehearsal", kind=SessionKind.REHEARSAL, facilitators=[lead])
    resource = resources.add_resource(lead, course, title="Learning booklet", kind="booklet",
                                      topic="", owner=lead,
                                      upload=upload("booklet.pdf", BOOKLET_V1))
    resources.add_version(lead, resource, upload=upload("booklet.pdf", BOOKLET_V2))
    section = guide.add_section(lead, course, heading="Timing", text="Two hours.")
    guide.edit_section(lead, course, section, heading="Timing", text="Ninety minutes.", base=1)

    response = lead_client.get(lead_client.url("training.download_handover",
                                               programme_id=course.id))
    assert response.mimetype == "application/zip"
    assert "handover-EIA training 2027.zip" in response.headers["Content-Disposition"].replace(
        "%20", " ")
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    names = archive.namelist()
    assert names == ["README.txt", f"scenarios/{PRACTICE_SCENARIO}.toml",
                     f"resources/{resource.id}-booklet.pdf", "best-practice.md",
                     "sessions.csv", "attendance.csv", "feedback-summary.csv"]
    readme = archive.read("README.txt").decode()
    assert all(name in readme for name in names[1:])
    assert archive.read(f"resources/{resource.id}-booklet.pdf") == BOOKLET_V2
    assert f'id = "{PRACTICE_SCENARIO}"' in archive.read(
        f"scenarios/{PRACTICE_SCENARIO}.toml").decode()
    document = archive.read("best-practice.md").decode()
    assert "## Timing\n\nNinety minutes." in document
    assert "Revision 2" in document and "Revision 1" in document

    session_rows = read_csv(archive, "sessions.csv")
    assert session_rows[0][:9] == ["Title", "Kind", "Format", "Start", "Length (minutes)",
                               "Capacity", "Facilitators", "Booked", "Attended"]
    assert [row[0] for row in session_rows[1:]] == ["Delegates, March", "Rehearsal"]
    assert session_rows[1][6:9] == ["Tomasz Nowak; Ana Costa", "2", "1"]
    attendance = read_csv(archive, "attendance.csv")
    assert [(r[2], r[4], r[6]) for r in attendance[1:]] == [
        ("Priya Shah", "Estates", "Attended"), ("'=cmd|' /C calc'!A0", "", "Did not attend")]
    summary = read_csv(archive, "feedback-summary.csv")
    assert summary[1][0] == "Delegates, March" and summary[1][2:] == ["2", "1", "1", "0"]


def test_handover_parts_name_every_file_and_new_parts_go_in_one_place(lead, course):
    parts = handover.handover_parts(course)
    assert next(iter(parts)) == "README.txt"
    assert {"best-practice.md", "sessions.csv", "attendance.csv",
            "feedback-summary.csv"} <= parts.keys()


def test_trainees_cannot_download_the_pack(client_as, course):
    trainee = client_as(Role.TRAINEE)
    assert trainee.get(trainee.url("training.download_handover",
                                   programme_id=course.id)).status_code == 403
