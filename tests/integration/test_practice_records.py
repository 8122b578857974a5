"""What facilitators and trainees read about practice: the cohort view and its chart, training
records, the home pages, and the setting that requires competent practice before a live
assessment.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date, timedelta

import pytest

from eia.demo.practice import no_major_change, screened_as_technical
from eia.domain import Role
from eia.extensions import db
from eia.models.audit import AuditEvent
from eia.models.users import User
from eia.services import review
from eia.services import workflow as moves
from eia.services.training import attempts, library, records
from eia.training.marking import model_attempt
from tests.conftest import sign_in_client
from tests.factories import (
    PRACTICE_SCENARIO,
    UserFactory,
    fill_from_model,
    practice_attempt,
    start_practice,
)
from tests.integration.test_page_queries import page_statements
from tests.pages import error_summary, parse

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def facilitator_client(client_as):
    return client_as(Role.FACILITATOR, name="Tomasz Nowak")


@pytest.fixture
def facilitator(facilitator_client, app_context):
    return db.session.get(User, facilitator_client.user_id)


def _submitted(name: str, vary=None):
    person = UserFactory(roles={Role.TRAINEE}, name=name)
    version = start_practice(person)
    scenario = library.get_entry(PRACTICE_SCENARIO).scenario
    model = model_attempt(scenario, date.today())
    fill_from_model(person, version, vary(model) if vary else model)
    attempts.submit_attempt(person, version)
    return person


@pytest.fixture
def cohort(app_context):
    """Three trainees who submitted (one missing the outcome, one the screening reasons) and
    one who has not."""
    people = [_submitted("Alex Ashe"), _submitted("Bo Bell", no_major_change),
              _submitted("Cal Cole", screened_as_technical)]
    started = UserFactory(roles={Role.TRAINEE}, name="Dee Dunn")
    start_practice(started)
    return [*people, started]


def test_the_cohort_view_shows_what_each_trainee_found_as_a_chart_and_a_table(
        facilitator_client, cohort):
    page = facilitator_client.get_page("training.view_cohort", key=PRACTICE_SCENARIO)
    attempts_table = page.select_one("main table")
    shown = {row.select("td")[0].get_text(strip=True): row.select("td")
             for row in attempts_table.select("tbody tr")}
    assert set(shown) == {person.name for person in cohort}
    for person in cohort:
        [attempt] = records.attempts_by(person.id)
        version = attempt.assessment.latest
        reference, status = shown[person.name][1], shown[person.name][2]
        assert reference.get_text(" ", strip=True).startswith(version.reference)
        assert status.get_text(strip=True) == version.status_label
        assert (reference.a is not None) == (attempt.latest_submission is not None)
    assert shown["Dee Dunn"][3].get_text(strip=True) == "Not yet submitted"
    assert shown["Dee Dunn"][2].get_text(strip=True) == "Draft"

    # Each missed by one trainee of three: the critical ones first.
    missed = [li.get_text(" ", strip=True) for li in page.select("main ol li")]
    assert len(missed) == 4 and all("missed by 1 of 3 trainees" in m for m in missed)
    assert missed[0].startswith("Screens the proposal in") and "Critical" in missed[0]
    assert missed[1].startswith("Outcome Critical")
    assert all("Good practice" in m for m in missed[2:])

    figure = page.select_one("figure")
    root = ET.fromstring(str(figure.find("svg")))
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title").text == "What each trainee found"
    table = figure.find("table")
    headings = [th.get_text(strip=True) for th in table.select("thead th")]
    assert headings == ["", "Alex Ashe", "Bo Bell", "Cal Cole"]
    rows = {row.th.get_text(strip=True): [td.get_text(strip=True) for td in row.select("td")]
            for row in table.select("tbody tr")}
    assert rows["Outcome (critical)"] == ["Found", "Missed", "Found"]
    assert rows["Screening decision (critical)"] == ["Found", "Found", "Found"]
    # The chart says in its cells what the table says.
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert texts.count("Missed") == sum(row.count("Missed") for row in rows.values())


def test_the_cohort_can_be_narrowed_to_attempts_started_since_a_date(facilitator_client,
                                                                     cohort):
    tomorrow = date.today() + timedelta(days=1)
    response = facilitator_client.get(facilitator_client.url(
        "training.view_cohort", key=PRACTICE_SCENARIO, **{
            "since": [str(tomorrow.day), str(tomorrow.month), str(tomorrow.year)]}))
    page = parse(response)
    assert "Nobody has started this scenario since" in page.get_text()
    assert page.select_one("figure") is None

    response = facilitator_client.get(facilitator_client.url(
        "training.view_cohort", key=PRACTICE_SCENARIO, since=["31", "2", "2026"]))
    assert response.status_code == 200
    assert error_summary(parse(response)) == ["The date must be a real date"]


def test_the_cohort_view_runs_the_same_statements_however_many_trainees(facilitator_client,
                                                                       cohort):
    """A room of two hundred reads the cohort as quickly as a room of four: nothing about a
    trainee (their attempt's submissions, result, name, roles) is read one by one."""
    few = page_statements(facilitator_client, "training.view_cohort", key=PRACTICE_SCENARIO)
    _submitted("Eve Eld", no_major_change)
    for name in ("Fay Ford", "Gus Gale", "Hal Hunt"):
        start_practice(UserFactory(roles={Role.TRAINEE}, name=name))
    many = page_statements(facilitator_client, "training.view_cohort", key=PRACTICE_SCENARIO)
    assert len(many) == len(few), "\n".join(sorted(set(many) - set(few)))


def test_a_training_record_shows_attempts_points_found_and_competence(app, facilitator_client,
                                                                      facilitator):
    trainee = UserFactory(roles={Role.TRAINEE}, name="Aisha Rahman")
    practice_attempt("accepted", person=trainee, facilitator=facilitator)
    practice_attempt("draft", person=trainee)

    own = sign_in_client(app, trainee).get_page("training.my_record")
    summary = own.select_one(".govuk-summary-list").get_text(" ", strip=True)
    assert "Scenarios attempted 1" in summary and "Attempts 2" in summary
    assert "Competent Yes, since" in summary
    rows = [row.get_text(" ", strip=True) for row in own.select("tbody tr")]
    assert any("6 of 6" in row and "19 of 19" in row and "Competent" in row for row in rows)
    assert any("Not yet submitted" in row for row in rows)

    people = facilitator_client.get_page("training.list_trainees")
    row = people.find("a", string="Aisha Rahman").find_parent("tr").get_text(" ", strip=True)
    assert "2" in row and "Yes" in row
    record = facilitator_client.get_page("training.view_record", user_id=trainee.id)
    assert record.select_one("h1").get_text(strip=True) == "Aisha Rahman"


def test_home_pages_say_what_to_do_next(app, facilitator_client, facilitator):
    trainee = UserFactory(roles={Role.TRAINEE}, name="Aisha Rahman")
    home = sign_in_client(app, trainee).get_page("main.home")
    assert "Practise on a scenario" in home.get_text()

    draft = practice_attempt("draft", person=trainee)
    submitted = practice_attempt("submitted", person=trainee)
    home = sign_in_client(app, trainee).get_page("main.home")
    section = home.select_one("#home-practice").find_parent("section")
    links = {a.get_text(" ", strip=True): a["href"] for a in section.select("a")}
    assert links[f"Continue {draft.reference}: Photo ID to join the library and use its "
                 "computers"] == f"/assessments/{draft.reference}"
    assert any(href == f"/training/attempts/{submitted.reference}/feedback"
               for href in links.values())

    home = facilitator_client.get_page("main.home")
    text = home.select_one("#home-facilitator").find_parent("section").get_text(" ", strip=True)
    assert "1 practice attempt is waiting for a facilitator" in text


def test_the_setting_requires_a_competent_attempt_before_a_live_assessment(app, client_as,
                                                                           facilitator):
    admin = client_as(Role.ADMIN)
    page = admin.get_page("admin.edit_settings")
    assert page.find("input", {"name": "practice_required", "value": "no"}).has_attr("checked")
    response = admin.post_form("admin.edit_settings", {"practice_required": "maybe"})
    assert response.status_code == 200
    assert error_summary(parse(response)) == ["Select whether practice is required"]
    response = admin.post_form("admin.edit_settings", {"practice_required": "yes"})
    assert response.status_code == 302
    event = db.session.scalar(db.select(AuditEvent).where(
        AuditEvent.action == "settings.practice_requirement_changed"))
    assert event.details_dict == {"before": False, "after": True}

    author = UserFactory(roles={Role.AUTHOR}, name="Priya Shah")
    client = sign_in_client(app, author)
    page = client.get_page("assessments.start_assessment")
    assert "a training facilitator must accept one of your practice attempts" in page.get_text()
    assert page.find("a", string="Practise on a scenario")["href"] == "/training/scenarios"
    assert page.find("form", action="/assessments/new") is None
    response = client.post_form("assessments.start_assessment", {"title": "A real proposal"})
    assert "Practise on a scenario" in parse(response).get_text()

    practice_attempt("accepted", person=author, facilitator=facilitator)
    page = client.get_page("assessments.start_assessment")
    assert page.find("form", action="/assessments/new") is not None


def test_an_accepted_attempt_that_missed_a_critical_point_does_not_satisfy_the_setting(
        app, client_as, facilitator):
    client_as(Role.ADMIN).post_form("admin.edit_settings", {"practice_required": "yes"})
    author = UserFactory(roles={Role.AUTHOR})
    version = start_practice(author)
    scenario = library.get_entry(PRACTICE_SCENARIO).scenario
    fill_from_model(author, version, no_major_change(model_attempt(scenario)))
    attempts.submit_attempt(author, version)
    moves.start_review(facilitator, version)
    for section in version.framework.sections:
        review.record_point(facilitator, version, section.id, "acceptable", "")
    assert attempts.accept_attempt(facilitator, version).competent is False
    page = sign_in_client(app, author).get_page("assessments.start_assessment")
    assert page.find("form", action="/assessments/new") is None
