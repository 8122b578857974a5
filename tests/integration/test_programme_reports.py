"""The feedback reports: figures computed from known answers, every group of fewer than five
answers hidden, comments only where a session has five answers, and CSV that no spreadsheet
runs as a formula."""

from __future__ import annotations

import csv
import io

import pytest

from eia.domain import Role, SessionFormat
from eia.models.feedback import LengthAnswer, PaceAnswer
from eia.services.training import reports
from tests.factories import UserFactory, past_session, programme
from tests.integration.feedback_helpers import answered, answers, trainees, with_lead_signed_in

LONG, RIGHT, FAST = LengthAnswer.TOO_LONG, LengthAnswer.ABOUT_RIGHT, PaceAnswer.TOO_FAST


@pytest.fixture(scope="module")
def built(module_transaction):
    """Three sessions with known answers, built once for the module (see `known`).

    A, 150 minutes in person, 40 days ago, by Ada and Ben: five answers, satisfaction 3, 3,
    2, 4, 3; four "too long"; confidence 2, 2, 1, 2, 3 before and 3, 3, 3, 4, 2 after.
    B, 90 minutes online, 3 days ago, by Ada and Cy: six answers, all 5, about right,
    confidence 2 to 5.
    C, 120 minutes in person, 3 days ago, by Ben and Cy: four answers, all 1 (hidden); a
    fifth attendee has not answered yet.
    """
    lead = UserFactory(roles={Role.FACILITATOR}, name="Lee Lead")
    ada, ben, cy = (UserFactory(roles={Role.FACILITATOR}, name=name)
                    for name in ("Ada Adams", "Ben Bell", "Cy Cole"))
    plan = programme(lead, name="EIA roll-out")
    a_people, b_people, c_people = trainees(5), trainees(6), trainees(5)
    a = past_session(plan, attendees=a_people, days_ago=40, facilitators=[ada, ben],
                     title="Session A")
    b = past_session(plan, attendees=b_people, facilitators=[ada, cy], title="Session B",
                     duration_minutes=90, format=SessionFormat.ONLINE,
                     link="https://meet.example.org/eia", place="")
    c = past_session(plan, attendees=c_people, facilitators=[ben, cy], title="Session C",
                     duration_minutes=120)
    answered(a, a_people, [
        answers(3, LONG, FAST, 2, 3, most_useful="The case study",
                to_change='=HYPERLINK("http://evil.example","x")'),
        answers(3, LONG, FAST, 2, 3, to_change="Shorter, please"),
        answers(2, LONG, PaceAnswer.ABOUT_RIGHT, 1, 3),
        answers(4, RIGHT, PaceAnswer.ABOUT_RIGHT, 2, 4),
        answers(3, LONG, PaceAnswer.ABOUT_RIGHT, 3, 2)])
    answered(b, b_people, answers(5, RIGHT, PaceAnswer.ABOUT_RIGHT, 2, 5))
    answered(c, c_people[:4], answers(1, LONG, FAST, 1, 1, to_change="Session C secret"))
    return {"programme": plan, "a": a, "b": b, "c": c, "late": c_people[4], "lead_user": lead}


@pytest.fixture
def known(built, app, app_context):
    """The sessions in this test's session, with the lead signed in (`lead`)."""
    return with_lead_signed_in(app, built)


def _groups(groups):
    return {group.label: group.tally for group in groups}


def test_the_figures_are_computed_from_the_answers(known):
    report = reports.programme_report(known["programme"])
    assert report.overall.answers == 15
    assert report.overall.average_satisfaction == 3.3  # 49 / 15
    sessions = {session.title: tally for session, tally in report.by_session}
    a = sessions["Session A"]
    assert (a.average_satisfaction, a.confidence_before, a.confidence_after,
            a.confidence_gain) == (3.0, 2.0, 3.0, 1.0)
    assert a.length_shares() == [("Too short", 0), ("About right", 20), ("Too long", 80)]
    assert a.pace_shares() == [("Too slow", 0), ("About right", 60), ("Too fast", 40)]
    assert not sessions["Session C"].shown and sessions["Session C"].average_satisfaction is None

    by_length = _groups(report.by_length)
    assert list(by_length) == ["Over 1 hour, up to 2", "Over 2 hours, up to 3"]
    assert by_length["Over 1 hour, up to 2"].average_satisfaction == 3.4  # (30 + 4) / 10
    assert by_length["Over 2 hours, up to 3"].average_satisfaction == 3.0
    by_format = _groups(report.by_format)
    assert by_format["Online"].average_satisfaction == 5.0
    assert by_format["In person"].average_satisfaction == 2.1  # (15 + 4) / 9
    by_facilitator = _groups(report.by_facilitator)
    assert {name: t.answers for name, t in by_facilitator.items()} == {
        "Ada Adams": 11, "Ben Bell": 9, "Cy Cole": 10}
    assert by_facilitator["Ada Adams"].average_satisfaction == 4.1  # 45 / 11
    assert by_facilitator["Cy Cole"].confidence_gain == 1.8  # (30 + 4 - 12 - 4) / 10
    assert sorted(t.answers for t in _groups(report.by_month).values()) == [5, 10]


def test_four_answers_show_nothing_and_five_show_the_figures(known):
    client = known["lead"]
    page = client.get_page("training.view_session_report", session_id=known["c"].id)
    text = page.get_text(" ", strip=True)
    assert "Fewer than five answers: not shown, to keep answers anonymous" in text
    assert "out of 5" not in text and "Session C secret" not in text
    assert page.select_one("svg") is None

    answered(known["c"], [known["late"]], answers(1, LONG, FAST, 1, 1))
    page = client.get_page("training.view_session_report", session_id=known["c"].id)
    text = page.get_text(" ", strip=True)
    assert "1.0 out of 5" in text and "Session C secret" in text
    assert page.select_one("svg") is not None


def test_the_programme_report_hides_small_groups_and_their_comments(known):
    page = known["lead"].get_page("training.view_programme_report",
                                  programme_id=known["programme"].id)
    rows = {row.th.get_text(" ", strip=True).split(" ")[1]: row.get_text(" ", strip=True)
            for row in page.select("table tbody tr") if row.th
            and row.th.get_text(strip=True).startswith("Session")}
    assert "not shown, to keep answers anonymous" in rows["C"]
    assert "3.0" in rows["A"] and "+1.0" in rows["A"]
    text = page.get_text(" ", strip=True)
    assert "Shorter, please" in text and "Session C secret" not in text
    assert len(page.select("figure svg")) >= 4


def _csv(response) -> list[list[str]]:
    assert response.mimetype == "text/csv"
    return list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))


def test_the_csv_exports_are_formula_safe_and_hide_small_groups(known):
    """SECURITY.md (Output encoding): CSV cells starting with = + - @, tab or CR neutralised, in
    every CSV."""
    client, plan = known["lead"], known["programme"]
    figures = _csv(client.get(client.url("training.download_report_csv",
                                         programme_id=plan.id)))
    assert figures[0][:4] == ["Grouping", "Group", "Answers", "Average satisfaction (1 to 5)"]
    rows = {(row[0], row[1].split(",")[0]): row for row in figures[1:]}
    assert rows[("Whole programme", "EIA roll-out")][2:4] == ["15", "3.3"]
    assert rows[("By session", "Session A")][2:] == [
        "5", "3.0", "0", "20", "80", "0", "60", "40", "2.0", "3.0", "1.0"]
    assert rows[("By session", "Session C")][2:] == ["Fewer than 5", *[""] * 10]
    assert rows[("By format", "Online")][3] == "5.0"

    comments = _csv(client.get(client.url("training.download_comments_csv",
                                          programme_id=plan.id)))
    assert comments[0] == ["Session", "Date", "Most useful", "To change"]
    changes = [row[3] for row in comments[1:]]
    assert "'=HYPERLINK(\"http://evil.example\",\"x\")" in changes
    assert "Shorter, please" in changes and "Session C secret" not in changes
    assert all(row[0] in ("Session A", "Session B") for row in comments[1:])


def test_trainees_cannot_see_reports(known, client_as):
    trainee = client_as(Role.TRAINEE)
    plan = known["programme"]
    for endpoint, values in (("training.view_session_report", {"session_id": known["a"].id}),
                             ("training.view_programme_report", {"programme_id": plan.id}),
                             ("training.download_report_csv", {"programme_id": plan.id}),
                             ("training.download_comments_csv", {"programme_id": plan.id})):
        assert trainee.get(trainee.url(endpoint, **values)).status_code == 403
