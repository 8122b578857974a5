"""The staff register's CSV exports: what the filtered list shows, every page of it, safe to
open in a spreadsheet; and the open actions of the same assessments."""

from __future__ import annotations

import csv
import io

from eia.collections import ACTIONS
from eia.domain import Role
from eia.exports import BYTE_ORDER_MARK
from eia.extensions import db
from eia.models.users import User
from eia.services import collections, tags
from tests.bulk import add_assessments
from tests.factories import UserFactory, start_assessment


def _rows(response) -> list[list[str]]:
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    text = response.get_data().decode("utf-8")
    assert text.startswith(BYTE_ORDER_MARK)
    return list(csv.reader(io.StringIO(text.removeprefix(BYTE_ORDER_MARK))))


def test_the_register_csv_holds_every_filtered_row_and_neutralises_formulas(
        author, reviewer_client, app_context):
    """SECURITY.md (Output encoding): CSV cells starting with = + - @, tab or CR neutralised, in
    every CSV."""
    start_assessment(author, title="=HYPERLINK(\"http://evil.example\",\"Click\")")
    start_assessment(author, title="Ysgol Bro Taf: newid dalgylch")
    reviewer = db.session.get(User, reviewer_client.user_id)
    add_assessments(60, authors=[reviewer], units=[], reviewer=reviewer, approver=reviewer)
    rows = _rows(reviewer_client.get("/all-assessments/register.csv"))
    assert rows[0][:4] == ["Reference", "Version", "Title", "Status"]
    assert len(rows) == 1 + 62  # every page, not only the first 25
    titles = [row[2] for row in rows[1:]]
    assert "'=HYPERLINK(\"http://evil.example\",\"Click\")" in titles
    assert "Ysgol Bro Taf: newid dalgylch" in titles
    drafts = _rows(reviewer_client.get("/all-assessments/register.csv?status=draft&q=bro+taf"))
    assert [row[2] for row in drafts[1:]] == ["Ysgol Bro Taf: newid dalgylch"]


def test_an_author_exports_only_what_they_may_see(author, author_client, app_context):
    start_assessment(author, title="Mine")
    start_assessment(UserFactory(roles={Role.AUTHOR}), title="Someone else's")
    rows = _rows(author_client.get("/all-assessments/register.csv"))
    assert [row[2] for row in rows[1:]] == ["Mine"]


def test_the_actions_csv_lists_open_actions_with_their_assessment(
        author, version, reviewer_client, app_context):
    collections.add_item(author, version, ACTIONS, {
        "description": "-Fund transport for two years", "owner": "Estates lead",
        "status": "in_progress"})
    collections.add_item(author, version, ACTIONS, {"description": "Already done",
                                                    "status": "done"})
    reviewer = db.session.get(User, reviewer_client.user_id)
    tags.add_tag(reviewer, version, "Budget 2027/28")
    rows = _rows(reviewer_client.get("/all-assessments/actions.csv?tag=budget+2027/28"))
    assert rows[0][:6] == ["Reference", "Assessment", "Action", "Owner", "Due date", "Status"]
    assert rows[1:] == [[version.reference, version.title, "'-Fund transport for two years",
                         "Estates lead", "", "In progress", ""]]
