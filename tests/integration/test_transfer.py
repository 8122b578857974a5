"""Exporting an assessment version as its JSON document, importing one, and `flask eia list`."""

from __future__ import annotations

import base64
import copy
import hashlib
import json
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eia.cli import eia_cli
from eia.domain import Role
from eia.extensions import db
from eia.framework import FREE_TEXT_TYPES
from eia.models.assessments import (
    Action,
    Assessment,
    AssessmentVersion,
    Engagement,
    EvidenceFile,
    EvidenceSource,
    GroupImpact,
)
from eia.models.audit import AuditEvent
from eia.services import sections, transfer
from tests.factories import UnitFactory, UserFactory, start_assessment

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = (b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\x0dIHDR" + b"\x00\x00\x00\x01" * 2
       + b"\x08\x02\x00\x00\x00" + b"\x90wS\xde")
HOSTILE = '<script>alert("x")</script> & \'quotes\' é ŵ ŷ 🙂\r\n\ttabbed  '
FROM_SOURCE = ("reference", "version", "status")


def without_source(document: dict) -> dict:
    """The document minus what an import assigns afresh."""
    return {key: value for key, value in document.items() if key not in FROM_SOURCE}


def counts() -> dict[str, int]:
    return {model.__name__: db.session.scalar(db.select(db.func.count()).select_from(model))
            for model in (Assessment, AssessmentVersion, AuditEvent, EvidenceFile,
                          EvidenceSource)}


@pytest.fixture
def author(app_context):
    return UserFactory(name="Priya Shah", roles={Role.AUTHOR})


@pytest.fixture
def contributor(app_context):
    return UserFactory(name="Tom Evans", roles={Role.AUTHOR})


@pytest.fixture
def team(app_context):
    directorate = UnitFactory()
    return UnitFactory(name="Outpatient Physiotherapy", parent_id=directorate.id)


def _file(content: bytes, filename: str, content_type: str, uploader) -> EvidenceFile:
    return EvidenceFile(filename=filename, content_type=content_type, size=len(content),
                        sha256=hashlib.sha256(content).hexdigest(), content=content,
                        uploaded_by_id=uploader.id)


@pytest.fixture
def populated(author, contributor, team):
    """A version with every kind of content: answers, evidence with files, engagement,
    impacts linked to evidence, actions; odd text throughout."""
    version = start_assessment(author, unit_id=team.id, contributor_ids=[contributor.id],
                               title="Moving outpatient physiotherapy — Ŵales 🙂")
    framework = version.framework
    screening = framework.section("screening")
    sections.save_answers(author, version, screening, {
        "change_nature": "revised", "change_description": HOSTILE,
        "affected_people": ["service_users", "staff"],
        "relevant_eliminate_discrimination": "yes", "relevant_advance_equality": "no",
        "relevant_good_relations": "no", "likely_impacts": "Longer journeys",
        "screening_decision": "full_assessment", "screening_basis": "Activity data",
    }, expected_lock=None)
    sections.set_section_completed(author, version, screening, True, missing=[])
    sections.save_answers(author, version, framework.section("monitoring_and_review"), {
        "review_date": (date.today() + timedelta(days=300)).isoformat(),
        "monitoring_owner": "Head of Outpatient Services",
    }, expected_lock=None)
    # The evidence, engagement, impact and action services are not written yet: rows are
    # built directly, as those services will build them.
    activity = EvidenceSource(
        version=version, title="Activity and patient profile", kind="service_data",
        period="April 2024 to March 2025", summary=HOSTILE,
        url="https://intranet.example.org/physio?year=2024&x=1",
        file=_file(PDF, "activity 2024\u201325.pdf", "application/pdf", author))
    census = EvidenceSource(version=version, title="Census 2021", kind="population_data",
                            period="2021", summary="", url="", file=None)
    photo = EvidenceSource(version=version, title="Riverside entrance", kind="other",
                           file=_file(PNG, "entrance.png", "image/png", author))
    db.session.add_all([activity, census, photo])
    db.session.flush()
    extra = version.enabled_extra_groups[0]
    db.session.add_all([
        Engagement(version=version, who="Eastfield Asian Elders Group",
                   started_on=date(2025, 7, 1), ended_on=date(2025, 7, 31),
                   groups=["age", "race"], how="Listening event", what_they_said=HOSTILE,
                   what_changed="Interpreters"),
        Engagement(version=version, who="Staff", started_on=None, ended_on=None, groups=[],
                   how="", what_they_said="", what_changed=""),
        GroupImpact(version=version, group_id="age", impact="both", effect=HOSTILE,
                    mitigation="Transport", residual_impact="Some", evidence=[census, activity]),
        GroupImpact(version=version, group_id="gender_reassignment", impact="neutral",
                    no_evidence_reason="Not recorded", evidence=[]),
        GroupImpact(version=version, group_id=extra, impact="negative", effect="Carers lose time",
                    evidence=[photo]),
    ])
    first = Action(version=version, description="Book transport", owner="Patient Access",
                   due_date=date.today() + timedelta(days=30), success_measure="No missed visits",
                   status="in_progress")
    first.groups = ["disability", "age"]
    second = Action(version=version, description="Translate letters", status="planned")
    second.groups = []
    db.session.add_all([first, second])
    db.session.commit()
    return version


# --- Export and import -------------------------------------------------------------------------


def test_export_then_import_gives_the_same_document_apart_from_reference_version_status(
        populated, author, contributor, team):
    document = transfer.export_document(populated)

    assert document["schema_version"] == 2
    assert (document["reference"], document["version"], document["status"]) == (
        populated.reference, 1, "draft")
    details = document["details"]
    assert details["unit"] == f"{team.parent.name}: Outpatient Physiotherapy"
    assert details["lead_officer"] == {"email": author.email, "name": "Priya Shah"}
    assert details["contributors"] == [{"email": contributor.email, "name": "Tom Evans"}]
    assert details["decision_date"] == populated.decision_date.isoformat()
    assert list(document["sections"]) == ["monitoring_and_review", "screening"]
    assert document["sections"]["screening"]["completed"] is True
    assert document["sections"]["screening"]["answers"]["change_description"] == HOSTILE
    assert [e["key"] for e in document["evidence"]] == ["E1", "E2", "E3"]
    file = document["evidence"][0]["file"]
    assert base64.b64decode(file["content_base64"]) == PDF
    assert file["sha256"] == hashlib.sha256(PDF).hexdigest() and file["size"] == len(PDF)
    assert document["evidence"][1]["file"] is None
    assert document["impacts"]["age"]["evidence"] == ["E1", "E2"]  # id order, not link order
    assert document["actions"][0]["groups"] == ["age", "disability"]
    assert document["framework"]["sha256"] == populated.framework_snapshot.sha256
    json.dumps(document, allow_nan=False)  # plain JSON throughout

    before = counts()
    imported = transfer.import_document(author, copy.deepcopy(document))
    assert counts()["Assessment"] == before["Assessment"] + 1
    again = transfer.export_document(imported.latest)

    assert imported.reference != populated.reference
    assert (again["reference"], again["version"], again["status"]) == (
        imported.reference, 1, "draft")
    assert without_source(again) == without_source(document)
    # The files are new rows with the same content, and the impact links follow the keys.
    assert imported.latest.evidence[0].file.id != populated.evidence[0].file.id
    assert [s.title for s in imported.latest.impact_for("age").evidence] == [
        "Activity and patient profile", "Census 2021"]
    event = db.session.scalars(db.select(AuditEvent).where(
        AuditEvent.action == "assessment.imported",
        AuditEvent.object_id == imported.reference)).one()
    assert event.actor_id == author.id
    assert json.loads(event.details) == {"source_reference": populated.reference,
                                         "source_version": 1}


def test_a_version_1_document_is_read_with_its_engagement_when_as_dates(populated, author):
    document = transfer.export_document(populated)
    document["schema_version"] = 1
    for item, when in zip(document["engagement"], ("12 January to 9 March 2026", "Ongoing"),
                          strict=True):
        for key in ("started_on", "ended_on", "groups"):
            item.pop(key)
        item["when"] = when

    imported = transfer.import_document(author, document).latest
    first, second = sorted(imported.engagements, key=lambda e: e.id)
    assert (first.started_on, first.ended_on, first.groups) == (
        date(2026, 1, 12), date(2026, 3, 9), [])
    # Words that name no date are kept where a reader will find them.
    assert (second.started_on, second.how) == (None, "When: Ongoing")
    assert transfer.export_document(imported)["schema_version"] == 2


def test_the_fingerprint_is_the_hash_of_the_canonical_json_and_ignores_the_status(populated):
    fingerprint = transfer.document_fingerprint(populated)
    document = transfer.export_document(populated)
    for key in ("status", "workflow", "sign_off", "decision"):  # not signed content
        del document[key]
    canonical = json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert fingerprint == hashlib.sha256(canonical.encode()).hexdigest()
    assert transfer.document_fingerprint(populated) == fingerprint  # deterministic

    populated.evidence[1].summary = "Changed"
    db.session.commit()
    assert transfer.document_fingerprint(populated) != fingerprint


def _free_text_questions() -> list[tuple[str, str, int]]:
    from eia.framework import default_framework

    return [(section.id, question.id, question.max_length)
            for section in default_framework().sections for question in section.questions
            if question.type in FREE_TEXT_TYPES]


def _text(max_size: int = 400, *, not_blank: bool = False):
    # Any Unicode except NUL, which PostgreSQL cannot store and so every import refuses.
    strategy = st.text(st.characters(codec="utf-8", exclude_characters="\x00"),
                       max_size=max_size)
    return strategy.filter(str.strip) if not_blank else strategy


FREE_TEXT = {
    "title": _text(300, not_blank=True), "decision_maker": _text(300),
    "decision_forum": _text(300),
    "answers": st.fixed_dictionaries({question: _text(min(limit, 400))
                                      for _section, question, limit in _free_text_questions()}),
    "evidence": st.tuples(_text(300, not_blank=True), _text(100), _text()),
    "engagement": st.tuples(_text(2000, not_blank=True), _text(2000), _text(), _text()),
    "impact": st.tuples(_text(), _text(), _text(), _text()),
    "action": st.tuples(_text(not_blank=True), _text(200), _text()),
}


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(texts=st.fixed_dictionaries(FREE_TEXT))
def test_any_unicode_in_every_free_text_field_round_trips_exactly(populated, author, texts):
    document = transfer.export_document(populated)
    details = document["details"]
    details["title"], details["decision_maker"], details["decision_forum"] = (
        texts["title"], texts["decision_maker"], texts["decision_forum"])
    for section_id, question_id, _limit in _free_text_questions():
        section = document["sections"].setdefault(section_id, {"completed": False,
                                                               "answers": {}})
        section["answers"][question_id] = texts["answers"][question_id]
    evidence = document["evidence"][0]
    evidence["title"], evidence["period"], evidence["summary"] = texts["evidence"]
    engagement = document["engagement"][0]
    (engagement["who"], engagement["how"], engagement["what_they_said"],
     engagement["what_changed"]) = texts["engagement"]
    impact = document["impacts"]["age"]
    (impact["effect"], impact["no_evidence_reason"], impact["mitigation"],
     impact["residual_impact"]) = texts["impact"]
    action = document["actions"][0]
    action["description"], action["owner"], action["success_measure"] = texts["action"]

    imported = transfer.import_document(author, copy.deepcopy(document))
    assert without_source(transfer.export_document(imported.latest)) == without_source(document)


def test_a_20000_character_answer_round_trips_and_one_more_is_refused(populated, author):
    document = transfer.export_document(populated)
    answer = ("Ŵ🙂 line\r\n" * 2_500)[:20_000]
    assert len(answer) == 20_000
    document["sections"]["screening"]["answers"]["change_description"] = answer
    imported = transfer.import_document(author, copy.deepcopy(document))
    again = transfer.export_document(imported.latest)
    assert again["sections"]["screening"]["answers"]["change_description"] == answer
    assert without_source(again) == without_source(document)

    document["sections"]["screening"]["answers"]["change_description"] = answer + "x"
    with pytest.raises(transfer.ImportRefused) as refused:
        transfer.import_document(author, document)
    assert refused.value.errors == {"sections.screening.answers.change_description": [
        "Must be 20,000 characters or fewer."]}


def _set(path: str, value):
    """A change to a document: set the value at a dotted path ("evidence.0.url")."""

    def change(document, _people):
        *parents, last = [int(p) if p.isdigit() else p for p in path.split(".")]
        node = document
        for part in parents:
            node = node[part]
        node[last] = value

    return change


def _bad_file_content(document, _people):
    document["evidence"][0]["file"]["content_base64"] = "not base64!"


def _tampered_file(document, _people):
    document["evidence"][0]["file"]["content_base64"] = base64.b64encode(
        PDF.replace(b"Catalog", b"Catalug")).decode()


def _html_as_pdf(document, _people):
    html = b"<html><script>alert(1)</script></html>"
    document["evidence"][0]["file"].update(
        content_base64=base64.b64encode(html).decode(), size=len(html),
        sha256=hashlib.sha256(html).hexdigest())


def _reviewer_as_contributor(document, people):
    document["details"]["contributors"] = [{"email": people["reviewer"], "name": None}]


@pytest.mark.parametrize(("change", "path", "message"), [
    (_set("schema_version", 3), "schema_version", "Only schema version 2"),
    (_set("schema_version", "2"), "schema_version", "Only schema version 2"),
    (_set("impacts.astrology", {"impact": "positive"}), "impacts.astrology",
     "Is not a group in the framework."),
    (_set("extra_groups", ["carers", "armed_forces", "morris_dancers"]),
     "extra_groups[2]", "Is not a group in the framework."),
    (_set("actions.0.groups", ["age", "left_handed"]), "actions[0].groups[1]",
     "Is not a group in the framework."),
    (_set("sections.screening.answers.favourite_colour", "blue"),
     "sections.screening.answers.favourite_colour", "Is not a question in the section"),
    (_set("sections.horoscope", {"completed": False, "answers": {}}), "sections.horoscope",
     "Is not a section of the framework."),
    (_set("sections.screening.answers.change_nature", "sideways"),
     "sections.screening.answers.change_nature", "'sideways' is not an option"),
    (_set("sections.screening.answers.affected_people", ["staff", "aliens"]),
     "sections.screening.answers.affected_people", "'aliens' is not an option"),
    (_set("sections.screening.answers.affected_people", "staff"),
     "sections.screening.answers.affected_people", "Must be a list of option values."),
    (_set("sections.screening.completed", "yes"), "sections.screening.completed",
     "Not a valid boolean."),
    (_set("details.decision_date", "31/12/2026"), "details.decision_date", "Not a valid date"),
    (_set("actions.0.due_date", "2026-02-30"), "actions[0].due_date", "Not a valid date"),
    (_set("sections.monitoring_and_review.answers.review_date", "next year"),
     "sections.monitoring_and_review.answers.review_date", "Not a valid date"),
    (_set("details.type", "whim"), "details.type", "Must be one of"),
    (_set("status", "approved"), "status", "Must be one of"),
    (_set("evidence.1.kind", "gossip"), "evidence[1].kind", "Must be one of"),
    (_set("impacts.age.impact", "huge"), "impacts.age.impact", "Must be one of"),
    (_set("actions.1.status", "forgotten"), "actions[1].status", "Must be one of"),
    (_set("evidence.0.url", "javascript:alert(document.cookie)"), "evidence[0].url",
     "Must be a web address starting with http:// or https://."),
    (_set("evidence.1.url", "ftp://example.org/file"), "evidence[1].url",
     "Must be a web address"),
    (_set("impacts.age.evidence", ["E1", "E9"]), "impacts.age.evidence[1]",
     "No evidence source has the key 'E9'."),
    (_set("evidence.1.key", "E1"), "evidence[1].key", "Is already the key of evidence[0]."),
    (_bad_file_content, "evidence[0].file.content_base64", "Not valid base64."),
    (_tampered_file, "evidence[0].file.sha256", "Does not match the content."),
    (_set("evidence.0.file.size", 3), "evidence[0].file.size", "Does not match the content"),
    (_html_as_pdf, "evidence[0].file.content_base64", "The selected file is not a real PDF."),
    (_set("details.lead_officer.email", "nobody@example.org"), "details.lead_officer.email",
     "No user has the email address nobody@example.org."),
    (_reviewer_as_contributor, "details.contributors[0].email", "{reviewer} is not an author."),
    (_set("details.unit", "Ministry of Silly Walks"), "details.unit",
     "No organisational unit has this name."),
    (_set("details.title", "Nul\x00byte"), "details.title",
     "Must not contain the NUL character."),
    (_set("details.title", "   "), "details.title", "Must not be blank."),
    (_set("details.colour", "blue"), "details.colour", "Unknown field."),
    (_set("version", "1"), "version", "Not a valid integer."),
])
def test_an_invalid_document_is_refused_naming_the_field_and_nothing_is_written(
        populated, author, change, path, message):
    reviewer = UserFactory(roles={Role.REVIEWER})
    document = transfer.export_document(populated)
    change(document, {"reviewer": reviewer.email})
    message = message.format(reviewer=reviewer.email)
    before = counts()
    with pytest.raises(transfer.ImportRefused) as refused:
        transfer.import_document(author, document)
    assert path in refused.value.errors, refused.value.errors
    assert any(m.startswith(message) for m in refused.value.errors[path]), refused.value.errors
    assert counts() == before


def test_every_problem_is_reported_at_once(populated, author):
    document = transfer.export_document(populated)
    document["evidence"][0]["url"] = "javascript:void(0)"
    document["details"]["decision_date"] = "tomorrow"
    document["impacts"]["age"]["evidence"] = ["E7"]
    with pytest.raises(transfer.ImportRefused) as refused:
        transfer.import_document(author, document)
    assert set(refused.value.errors) == {"evidence[0].url", "details.decision_date",
                                         "impacts.age.evidence[0]"}
    assert str(refused.value) == "The document was not imported: it has 3 problems"


def test_only_an_active_author_may_import(populated):
    reviewer = UserFactory(roles={Role.REVIEWER})
    before = counts()
    with pytest.raises(transfer.ImporterNotAllowed):
        transfer.import_document(reviewer, transfer.export_document(populated))
    assert counts() == before


# --- The commands ------------------------------------------------------------------------------


def test_export_to_stdout_and_to_a_file(app, populated, tmp_path):
    runner = app.test_cli_runner()
    expected = transfer.export_document(populated)

    result = runner.invoke(eia_cli, ["export", populated.reference, "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == expected

    target = tmp_path / "assessment.json"
    result = runner.invoke(eia_cli, ["export", populated.reference.lower(), "--version", "1",
                                     "--format", "json", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert json.loads(target.read_text(encoding="utf-8")) == expected
    assert "ŵ ŷ 🙂" in target.read_text(encoding="utf-8")  # UTF-8, not \u escapes


def test_export_refuses_an_unknown_reference_or_version_and_pdf(app, populated):
    runner = app.test_cli_runner()
    result = runner.invoke(eia_cli, ["export", "EIA-1999-0001", "--format", "json"])
    assert result.exit_code == 1
    assert "No assessment has the reference EIA-1999-0001" in result.output

    result = runner.invoke(eia_cli, ["export", populated.reference, "--version", "4",
                                     "--format", "json"])
    assert result.exit_code == 1
    assert f"{populated.reference} has no version 4" in result.output

    result = runner.invoke(eia_cli, ["export", populated.reference, "--format", "pdf"])
    assert result.exit_code == 2
    assert "--format pdf needs -o FILE" in result.output


def test_import_prints_the_new_reference(app, populated, contributor, tmp_path):
    runner = app.test_cli_runner()
    path = tmp_path / "in.json"
    path.write_text(json.dumps(transfer.export_document(populated), ensure_ascii=False),
                    encoding="utf-8")

    result = runner.invoke(eia_cli, ["import", str(path)])
    assert result.exit_code == 0, result.output
    reference = result.stdout.strip()
    assessment = db.session.scalars(
        db.select(Assessment).where(Assessment.reference == reference)).one()
    assert result.stdout == f"{reference}\n" and reference != populated.reference
    assert assessment.created_by == populated.lead_officer

    result = runner.invoke(eia_cli, ["import", str(path), "--as", contributor.email.upper()])
    assert result.exit_code == 0, result.output
    assessment = db.session.scalars(
        db.select(Assessment).where(Assessment.reference == result.stdout.strip())).one()
    assert assessment.created_by == contributor


def test_import_lists_every_problem_and_exits_1(app, populated, tmp_path):
    runner = app.test_cli_runner()
    document = transfer.export_document(populated)
    document["evidence"][0]["url"] = "javascript:alert(1)"
    document["details"]["lead_officer"]["email"] = "gone@example.org"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    before = counts()

    result = runner.invoke(eia_cli, ["import", str(path)])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert ("evidence[0].url: Must be a web address starting with http:// or https://."
            in result.output)
    assert ("details.lead_officer.email: No user has the email address gone@example.org."
            in result.output)
    assert counts() == before

    path.write_text("{not json", encoding="utf-8")
    result = runner.invoke(eia_cli, ["import", str(path)])
    assert result.exit_code == 1 and "is not a JSON document" in result.output


def test_list_shows_one_line_per_version_by_reference_then_version(app, author):
    first = start_assessment(author, title="Closing the Millbrook cash desk")
    second = start_assessment(author, title="Tabs\tand\nnew lines")
    revision = AssessmentVersion(
        assessment=first.assessment, number=2, framework_snapshot=first.framework_snapshot,
        extra_groups=first.extra_groups, title="Closing the Millbrook cash desk (revised)",
        assessment_type=first.assessment_type, lead_officer=author)
    db.session.add(revision)
    db.session.commit()

    result = app.test_cli_runner().invoke(eia_cli, ["list"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    ours = [line for line in lines
            if line.split("\t")[0] in (first.reference, second.reference)]
    assert ours == [
        f"{first.reference}\t1\tdraft\tClosing the Millbrook cash desk",
        f"{first.reference}\t2\tdraft\tClosing the Millbrook cash desk (revised)",
        f"{second.reference}\t1\tdraft\tTabs and new lines",
    ]
    keys = [(line.split("\t")[0], int(line.split("\t")[1])) for line in lines]
    assert keys == sorted(keys)


# --- The workflow record in the document ----------------------------------------------------


@pytest.fixture
def signed(app_context):
    """A version taken through review to sign-off by the real workflow services."""
    from tests.integration.sign_off_helpers import signed_off

    return signed_off()


def test_an_exported_version_carries_its_status_workflow_events_and_sign_off(signed):
    from eia import queries

    document = transfer.export_document(signed)
    record = queries.sign_off_of(signed)
    approver = record.approver

    assert (document["status"], document["version"]) == ("signed_off", 1)
    moves = [(e["action"], e["from"], e["to"]) for e in document["workflow"]]
    assert moves == [("submit", "draft", "in_review"),
                     ("start_review", "in_review", "in_review"),
                     ("recommend", "in_review", "awaiting_sign_off"),
                     ("sign_off", "awaiting_sign_off", "signed_off")]
    assert document["workflow"][0]["actor"] == signed.lead_officer.email
    assert document["workflow"][-1]["actor"] == approver.email
    for event in document["workflow"]:
        assert set(event) == {"action", "from", "to", "actor", "reason", "at"}
        assert date.fromisoformat(event["at"][:10]) == date.today()
        assert event["at"].endswith("+00:00")
    assert document["sign_off"] == {
        "name": "David Lloyd", "job_title": "Director", "declaration": record.declaration,
        "signed_at": record.signed_at.isoformat(), "fingerprint": record.fingerprint}
    json.dumps(document, allow_nan=False)


def test_the_workflow_record_does_not_change_the_fingerprint(app_context):
    from eia import queries
    from eia.services import workflow as moves
    from tests.integration.sign_off_helpers import complete_draft, review_and_recommend

    version = complete_draft(UserFactory(roles={Role.AUTHOR}))
    assert transfer.export_document(version)["workflow"] == []
    at_draft = transfer.document_fingerprint(version)
    review_and_recommend(version, UserFactory(roles={Role.REVIEWER}))
    moves.sign_off(UserFactory(roles={Role.APPROVER}), version, declaration_accepted=True)

    assert len(transfer.export_document(version)["workflow"]) == 4
    # The content signed is the content written: its history does not change the fingerprint.
    assert transfer.document_fingerprint(version) == at_draft
    assert queries.sign_off_of(version).fingerprint == at_draft


def test_importing_a_signed_off_document_makes_a_draft_without_its_workflow_record(
        app, signed, tmp_path):
    from eia import queries

    document = transfer.export_document(signed)
    imported = transfer.import_document(signed.lead_officer, copy.deepcopy(document)).latest

    assert imported.status == "draft" and imported.number == 1
    assert queries.workflow_events_of(imported) == []
    assert queries.sign_off_of(imported) is None
    again = transfer.export_document(imported)
    assert (again["workflow"], again["sign_off"]) == ([], None)
    exported_record = ("workflow", "sign_off")
    assert ({k: v for k, v in without_source(again).items() if k not in exported_record}
            == {k: v for k, v in without_source(document).items() if k not in exported_record})

    # The same through the commands: export prints the record, list shows the status.
    runner = app.test_cli_runner()
    path = tmp_path / "signed.json"
    exported = runner.invoke(eia_cli, ["export", signed.reference, "-o", str(path)])
    assert exported.exit_code == 0, exported.output
    assert json.loads(path.read_text(encoding="utf-8"))["sign_off"]["name"] == "David Lloyd"
    listed = runner.invoke(eia_cli, ["list"])
    assert f"{signed.reference}\t1\tsigned_off\t{signed.title}" in listed.stdout.splitlines()


def test_a_malformed_workflow_record_is_reported_like_any_other_field(populated, author):
    document = transfer.export_document(populated)
    document["workflow"] = [{"action": "submit", "from": "draft", "to": "in_review",
                             "at": "yesterday"}]
    document["sign_off"] = {"name": "Someone", "signed_at": "2026-01-01T09:00:00+00:00",
                            "fingerprint": "not a digest"}
    with pytest.raises(transfer.ImportRefused) as refused:
        transfer.import_document(author, document)
    assert set(refused.value.errors) == {"workflow[0].at", "sign_off.fingerprint"}
