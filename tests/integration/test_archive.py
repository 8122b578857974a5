"""Bringing in the archive: past assessments imported as records of the past, faithfully."""

from __future__ import annotations

import copy
import json
import zipfile
from datetime import date

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from eia import queries
from eia.archive.bundle import read_files
from eia.cli import eia_cli
from eia.demo import past_records as records
from eia.domain import Role, VersionStatus
from eia.extensions import db
from eia.framework import default_framework
from eia.insights import CumulativeFilter, get_cumulative_impact
from eia.models.archive import HistoricalRecord
from eia.models.assessments import Assessment
from eia.models.users import OrgUnit, User
from eia.services import archive, transfer
from eia.services import reminders as reminders_service
from eia.services.transfer import ImportRefused
from tests.factories import UserFactory, start_assessment


@pytest.fixture
def archivist(app_context):
    return UserFactory(name="Ada Archivist", roles={Role.ADMIN})


def files(pairs):
    return read_files([(name, json.dumps(document).encode()) for name, document in pairs],
                      default_framework())


def test_the_library_strategy_is_held_as_its_source_gives_it(archivist):
    assessment = archive.import_record(archivist, records.library_strategy(),
                                       "library-strategy.json")
    version = assessment.latest
    assert version.imported and version.status == VersionStatus.SIGNED_OFF
    assert version.status_label == "Imported record"
    record = version.historical
    names = {(person.name, person.job_title) for person in record.people}
    assert names == set(records.LIBRARY_OFFICERS)
    assert all(person.user is None for person in record.people)
    assert version.unit.full_name == f"{records.LIBRARY_DIRECTORATE}: {records.LIBRARY_TEAM}"
    assert record.completed_on == date(2014, 7, 21)
    assert [(r.revised_on, r.what_changed[:24]) for r in record.revisions] == [
        (date(2015, 2, 9), "Revised after the public")]
    [sign_off] = record.sign_offs
    assert (sign_off.signed_by, sign_off.role_or_body, sign_off.signed_on) == (
        "Councillor Janet Mowbray, chair", records.EQUALITY_GROUP, date(2015, 2, 24))
    assert record.review_wording == records.WITHIN_A_YEAR
    # "Within a year" of the revision, stored where every review date is.
    assert version.review_date == date(2016, 2, 9)
    assert queries.sign_off_of(version) is None  # never a sign-off made in Due Regard


def test_a_batch_links_children_to_their_parent_whatever_the_order(archivist):
    outcomes = archive.import_batch(archivist, files(records.batch()))
    assert [outcome.errors for outcome in outcomes] == [{}, {}, {}]
    parent = archive.get_record(records.LIBRARY_REFERENCE)
    assert [child.latest.title for child in parent.children] == [
        "Ashby Library: changes to opening hours",
        "Thornbury Library: changes to opening hours"]
    # The unit named by all three is created once.
    assert db.session.scalar(db.select(db.func.count()).select_from(OrgUnit)
                             .where(OrgUnit.name == records.LIBRARY_TEAM)) == 1


def test_the_preview_says_what_will_be_created_and_writes_nothing(archivist):
    plans = archive.plan_batch(files(records.batch()))
    assert all(plan.ok for plan in plans)
    strategy = plans[2]
    assert strategy.units_to_create == [
        records.LIBRARY_DIRECTORATE, f"{records.LIBRARY_DIRECTORATE}: {records.LIBRARY_TEAM}"]
    assert len(strategy.people) == 9 and not any(person.user for person in strategy.people)
    assert db.session.scalar(db.select(db.func.count()).select_from(HistoricalRecord)) == 0


def _with_details(document: dict, **details) -> dict:
    changed = copy.deepcopy(document)
    changed["details"].update(details)
    return changed


def test_a_bad_file_is_refused_whole_and_the_others_are_imported(archivist):
    broken = _with_details(records.branch_library("Ashby", 1), type="not-a-type")
    broken["historical"]["completed_on"] = "21/07/2014"
    outcomes = archive.import_batch(archivist, files([
        ("broken.json", broken), ("library-strategy.json", records.library_strategy())]))
    by_file = {outcome.filename: outcome for outcome in outcomes}
    assert set(by_file["broken.json"].errors) == {"details.type", "historical.completed_on"}
    assert by_file["broken.json"].reference is None
    assert by_file["library-strategy.json"].reference is not None
    assert db.session.scalar(db.select(db.func.count()).select_from(Assessment)) == 1


def test_the_same_record_is_not_imported_twice(archivist):
    archive.import_record(archivist, records.library_strategy(), "a.json")
    with pytest.raises(ImportRefused) as refused:
        archive.import_record(archivist, records.library_strategy(), "b.json")
    assert "historical.source_reference" in refused.value.errors


def test_a_past_review_date_makes_the_review_due_at_once(app, client_as):
    client = client_as(Role.ADMIN, Role.AUTHOR)
    with app.app_context():
        custodian = db.session.get(User, client.user_id)
        archive.import_record(custodian, records.library_strategy(), "library-strategy.json")
        today = date(2026, 12, 2)
        [(version, review_date)] = queries.list_versions_due_for_review(today)
        assert (version.title, review_date) == ("County Library Strategy 2014 to 2019",
                                                date(2016, 2, 9))
        reminders = [r for r in reminders_service.due_reminders(today) if r.kind == "review_due"]
        assert [r.reference for r in reminders] == [version.reference]
        assert "was due for review on 9 February 2016" in reminders[0].message
    # The custodian's home page lists it, and offers a new assessment rather than a revision.
    page = client.get_page("main.home")
    due = page.select_one(".app-reviews-due")
    assert "County Library Strategy 2014 to 2019" in due.get_text()
    assert "start a new assessment" in due.get_text()
    assert due.select_one("form") is None
    # Not among the assessments the custodian is writing: they did not write it.
    yours = page.select_one("main").get_text()
    assert yours.count("County Library Strategy 2014 to 2019") == 1


def _write_archive(folder):
    folder.mkdir()
    for name, document in records.batch():
        (folder / name).write_text(json.dumps(document), encoding="utf-8")
    return folder


def test_the_command_imports_a_folder_and_reports_each_file(app, archivist, tmp_path):
    folder = _write_archive(tmp_path / "archive")
    (folder / "notes.txt").write_text("not a document", encoding="utf-8")
    runner = app.test_cli_runner()

    checked = runner.invoke(eia_cli, ["import", str(folder), "--check"])
    assert "library-strategy.json: would import the record “County Library Strategy 2014 to "\
           "2019”, 9 people named (9 without an account), new units: Communities " \
           "Directorate; Communities Directorate: Library and Heritage Service" in checked.output
    assert db.session.scalar(db.select(db.func.count()).select_from(Assessment)) == 0

    result = runner.invoke(eia_cli, ["import", str(folder), "--as", archivist.email])
    assert result.exit_code == 1  # the text file is not a document
    imported = dict(line.split("\t") for line in result.stdout.splitlines())
    assert sorted(imported) == ["branch-ashby.json", "branch-thornbury.json",
                                "library-strategy.json"]
    assert "notes.txt: file: Cannot be read" in result.output
    assert len(archive.get_record(records.LIBRARY_REFERENCE).children) == 2


def test_the_command_imports_a_zip_and_needs_an_administrator(app, archivist, tmp_path):
    bundle = tmp_path / "archive.zip"
    with zipfile.ZipFile(bundle, "w") as archive_file:
        for name, document in records.batch():
            archive_file.writestr(f"2015/{name}", json.dumps(document))
    runner = app.test_cli_runner()
    refused = runner.invoke(eia_cli, ["import", str(bundle)])
    assert refused.exit_code == 1 and "give --as EMAIL" in refused.output
    result = runner.invoke(eia_cli, ["import", str(bundle), "--as", archivist.email])
    assert result.exit_code == 0, result.output
    assert "archive.zip/2015/library-strategy.json\tEIA-" in result.stdout


def test_an_imported_record_exports_as_the_document_it_came_from(archivist):
    archive.import_batch(archivist, files(records.batch()))
    child = archive.get_record(f"{records.LIBRARY_REFERENCE}-01")
    exported = transfer.export_document(child.latest)
    assert exported["historical"]["parent"] == records.LIBRARY_REFERENCE
    strategy = transfer.export_document(archive.get_record(records.LIBRARY_REFERENCE).latest)
    source = records.library_strategy()
    assert strategy["details"]["head_of_service"] == {
        "email": None, **source["details"]["head_of_service"]}
    assert [p["name"] for p in strategy["details"]["contributors"]] == sorted(
        p["name"] for p in source["details"]["contributors"])
    assert strategy["historical"]["sign_offs"] == source["historical"]["sign_offs"]
    assert strategy["historical"]["review"] == {"date": "2016-02-09",
                                                "wording": records.WITHIN_A_YEAR}
    # The document reads back: only the reference already in the archive stops it.
    with pytest.raises(ImportRefused) as refused:
        archive.import_record(archivist, strategy, "again.json")
    assert list(refused.value.errors) == ["historical.source_reference"]


def test_the_cumulative_view_counts_each_child_once(archivist):
    hits_older_people = {"age": {"impact": "negative",
                                 "effect": "Fewer opening hours for older readers."}}
    batch = records.batch()
    for _, document in batch:
        document["impacts"] = hits_older_people
    archive.import_batch(archivist, files(batch))
    view = get_cumulative_impact(archivist, CumulativeFilter())
    assert len(view.versions) == 3
    assert sorted(v.title for v in view.hitting("age")) == [
        "Ashby Library: changes to opening hours",
        "Thornbury Library: changes to opening hours"]




def test_the_database_holds_one_record_per_source_reference(archivist):
    """Two imports running at once could both pass the check for an earlier record: the
    database keeps the second out."""
    archive.import_record(archivist, records.library_strategy(), "first.json")
    draft = start_assessment(UserFactory(roles={Role.AUTHOR}))
    insert = text("INSERT INTO historical_records (version_id, source_file, source_reference, "
                  "review_wording, imported_by_id, imported_at) VALUES (:version, 'second.json', "
                  ":reference, '', :importer, CURRENT_TIMESTAMP)")
    with pytest.raises(IntegrityError), db.session.begin_nested():
        db.session.execute(insert, {"version": draft.id, "importer": archivist.id,
                                    "reference": records.LIBRARY_REFERENCE})
    # A record without a reference is not held to it.
    with db.session.begin_nested():
        db.session.execute(insert, {"version": draft.id, "importer": archivist.id,
                                    "reference": ""})
