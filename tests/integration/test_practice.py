"""Practising on a scenario: starting an attempt, the form with the brief beside it, feedback
the moment it is submitted, a facilitator's review, resubmission and competence.
"""

from __future__ import annotations

import io
import re
from dataclasses import replace

import pytest
from pypdf import PdfReader

from eia import queries
from eia.domain import DomainError, Purpose, Role, VersionStatus
from eia.extensions import db
from eia.kept import Kept
from eia.models.training import PracticeResult
from eia.models.users import User
from eia.pdf.marks import TRAINING
from eia.services import review
from eia.services import workflow as moves
from eia.services.training import attempts, library
from eia.training.marking import model_attempt
from tests.factories import (
    PRACTICE_SCENARIO,
    UserFactory,
    fill_from_model,
    practice_attempt,
    start_assessment,
    start_practice,
)
from tests.integration.conftest import saved
from tests.integration.test_registers import counting_queries
from tests.pages import banner_text, error_summary, parse


@pytest.fixture
def trainee_client(client_as):
    return client_as(Role.TRAINEE, name="Aisha Rahman")


@pytest.fixture
def trainee(trainee_client, app_context):
    return db.session.get(User, trainee_client.user_id)


@pytest.fixture
def facilitator_client(client_as):
    return client_as(Role.FACILITATOR, name="Tomasz Nowak")


@pytest.fixture
def facilitator(facilitator_client, app_context):
    return db.session.get(User, facilitator_client.user_id)


def _scenario():
    return library.get_entry(PRACTICE_SCENARIO).scenario


def test_a_trainee_starts_an_attempt_and_the_pack_becomes_its_evidence(trainee_client,
                                                                        trainee):
    page = trainee_client.get_page("training.list_scenarios")
    links = [a.get_text(strip=True) for a in page.select("table a")]
    assert _scenario().title in links and len(links) == 9

    page = trainee_client.get_page("training.view_scenario", key=PRACTICE_SCENARIO)
    assert _scenario().brief[0] in page.get_text()
    response = trainee_client.post_form("training.start_attempt", key=PRACTICE_SCENARIO)
    reference = re.search(r"/assessments/(TRN-\d{4}-\d{4})$", response.location).group(1)

    version = saved(attempts_version(reference))
    assert version.assessment.purpose == Purpose.TRAINING
    assert version.title == _scenario().assessment.title
    assert version.lead_officer_id == trainee.id
    assert version.enabled_extra_groups == list(_scenario().assessment.extra_groups)
    assert [(s.pack_key, s.title) for s in version.evidence] == [
        (item.key, item.title) for item in _scenario().evidence]

    page = trainee_client.get_page("assessments.list_evidence", reference=reference)
    assert "Who has a passport or driving licence" in page.get_text()


def attempts_version(reference):

    return queries.latest_version(reference)


def test_the_brief_and_pack_are_beside_every_page_of_the_attempt(trainee_client, trainee):
    version = fill_from_model(trainee, start_practice(trainee))
    reference = version.reference
    framework = version.framework
    pages = [("assessments.view_task_list", {}), ("assessments.check_answers", {}),
             ("assessments.edit_details", {}), ("assessments.list_evidence", {}),
             ("assessments.list_engagement", {}), ("assessments.list_actions", {}),
             ("assessments.edit_impact", {"group_id": "socio_economic"}),
             ("assessments.list_impacts", {"section_id": "impact_by_group"}),
             ("assessments.complete_section", {"section_id": "screening"})]
    pages += [("assessments.edit_page", {"section_id": s.id, "page_id": p.id})
              for s in framework.sections for p in s.pages[:1]]
    for endpoint, values in pages:
        page = trainee_client.get_page(endpoint, reference=reference, **values)
        aside = page.select_one("aside")
        assert aside is not None, endpoint
        assert _scenario().title in aside.get_text(), endpoint
        assert "E2: Who has a passport or driving licence" in aside.get_text(), endpoint


def test_a_stored_scenario_text_is_read_and_parsed_once_per_process(trainee_client, trainee,
                                                                   monkeypatch):
    """Every page of an attempt shows its scenario: the text (tens of kB) is read from the
    database only the first time a process meets it, then the parsed scenario is kept."""
    monkeypatch.setattr(library, "_stored", Kept(limit=128))
    first, second = start_practice(trainee), start_practice(trainee)

    def texts_read_showing(version) -> int:
        db.session.expire_all()
        with counting_queries() as statements:
            trainee_client.get_page("assessments.view_task_list", reference=version.reference)
        return sum("practice_scenario_versions.source" in s for s in statements)

    assert texts_read_showing(first) == 1
    assert texts_read_showing(first) == 0
    assert texts_read_showing(second) == 0
    parsed = [attempts.scenario_of(attempts.attempt_of(v)) for v in (first, second)]
    assert parsed[0] is parsed[1]


def test_a_live_assessment_has_no_scenario_beside_it(author_client, author):

    version = start_assessment(author)
    page = author_client.get_page("assessments.view_task_list", reference=version.reference)
    assert page.select_one("aside") is None


def test_submitting_goes_straight_to_feedback_naming_the_critical_point_missed(
        trainee_client, trainee):
    scenario = _scenario()
    version = start_practice(trainee)
    # The effect on socio-economic disadvantage without what people would lose.
    model = model_attempt(scenario)
    missing = model.impacts["socio_economic"].effect.replace(
        "Ending the guest pass would cut them off from managing their benefits and looking "
        "for work.", "")

    fill_from_model(trainee, version, replace(model, impacts={
        **model.impacts, "socio_economic": replace(model.impacts["socio_economic"],
                                                   effect=missing.replace(
                                                       "Universal Credit journal, benefits "
                                                       "and job searching", "online forms"))}))

    page = trainee_client.get_page("assessments.check_answers", reference=version.reference)
    button = page.find("form", action=f"/assessments/{version.reference}/submit")
    assert button.find("button").get_text(strip=True) == "Submit for feedback"

    response = trainee_client.post_form("assessments.submit", reference=version.reference)
    assert response.location.endswith(f"/training/attempts/{version.reference}/feedback")
    assert saved(version).status == VersionStatus.IN_REVIEW

    page = parse(trainee_client.get(response.location))
    assert "You have submitted your practice attempt" in banner_text(page)
    missed = [li.get_text(strip=True) for li in page.select(".app-missed-critical li")]
    assert missed == ["Says what people would lose: access to Universal Credit, benefits and "
                      "job searching."]
    text = page.get_text(" ", strip=True)
    assert "Critical points found 5 of 6" in text
    assert "Not yet competent: 1 critical point missed" in text
    point = page.select_one("#point-benefits_and_job_search")
    assert "Missed" in point.get_text() and "inconvenience at the counter" in point.get_text()


def test_feedback_lists_unsupported_impacts_evidence_missed_and_live_blockers(trainee_client,
                                                                               trainee):
    scenario = _scenario()
    version = start_practice(trainee)
    model = model_attempt(scenario)

    weaker = replace(model, impacts={
        **model.impacts,
        "age": replace(model.impacts["age"], evidence=()),  # a claim with no evidence linked
        # Found no harm to women: nothing mitigates what the model answer finds.
        "sex": replace(model.impacts["sex"], level="neutral", evidence=("E4",), mitigation="",
                       residual=""),
    }, actions=())
    fill_from_model(trainee, version, weaker, only={"screening", "aims_and_scope", "evidence",
                                                    "impact_by_group"})
    trainee_client.post_form("assessments.submit", reference=version.reference)
    page = trainee_client.get_page("training.view_feedback", reference=version.reference)

    age = page.select_one("#group-age").get_text(" ", strip=True)
    assert "Unsupported" in age and "no evidence linked" in age
    evidence = page.find("th", string="Sex").parent.get_text(" ", strip=True)
    assert "E4: What partner organisations said" in evidence
    assert "E3: Proof of address: who cannot provide it" in evidence
    text = page.get_text(" ", strip=True)
    assert "Your attempt has no mitigation for them and no action that names the group" in text
    assert "Sex : the model answer’s mitigation" in text
    assert "In a live assessment, the quality checks would not have let you submit" in text


def test_a_facilitator_reviews_the_attempt_and_the_trainee_revises_and_resubmits(
        trainee_client, trainee, facilitator_client, facilitator):
    version = practice_attempt("submitted", person=trainee)
    reference = version.reference
    page = facilitator_client.get_page("training.list_attempts_to_review")
    assert reference in page.get_text()

    facilitator_client.post_form("review.start_review", reference=reference)
    page = facilitator_client.get_page("review.overview", reference=reference)
    assert "This is a practice attempt" in page.get_text()
    assert page.select_one("aside") is not None
    sections = [a["href"].rsplit("/", 1)[1] for a in page.select(".govuk-task-list__link")]
    for section in sections:
        verdict = "to_correct" if section == "impact-by-group" else "acceptable"
        comment = "Say what people would lose." if verdict == "to_correct" else ""
        facilitator_client.post_form("review.review_section", {"verdict": verdict,
                                                               "comment": comment},
                                     reference=reference, section_id=section)
    page = facilitator_client.get_page("review.overview", reference=reference)
    assert "You cannot accept the attempt yet" in page.get_text()
    response = facilitator_client.post_form("review.request_changes",
                                            {"reason": "One section to correct."},
                                            reference=reference)
    assert response.location.endswith("/training/review")
    assert saved(version).status == VersionStatus.CHANGES_REQUESTED

    # The trainee meets the review loop: comments on the task list, the attempt editable again,
    # the feedback of the last submission kept while it changes.
    page = trainee_client.get_page("assessments.view_task_list", reference=reference)
    assert "Tomasz Nowak asked for changes" in page.get_text()
    assert page.select(".govuk-task-list__link")
    page = trainee_client.get_page("training.view_feedback", reference=reference)
    assert "You get full feedback again when you resubmit it" in page.get_text()
    response = trainee_client.post_form("assessments.submit", reference=reference)
    assert response.location.endswith(f"/training/attempts/{reference}/feedback")
    db.session.expire_all()
    attempt = attempts.attempt_of(saved(version))
    assert [s.number for s in attempt.submissions] == [1, 2]
    page = trainee_client.get_page("training.view_feedback", reference=reference)
    assert "Submission 2" in page.select_one("main").get_text()


def test_accepting_an_attempt_that_found_everything_makes_it_competent(
        trainee_client, trainee, facilitator_client, facilitator):
    version = practice_attempt("under_review", person=trainee, facilitator=facilitator)
    reference = version.reference
    response = facilitator_client.post_form("review.accept_attempt", reference=reference)
    assert response.status_code == 302
    page = parse(facilitator_client.get(response.location))
    assert "Give a verdict on every section first" in error_summary(page)[0]

    for section in attempts_version(reference).framework.sections:
        facilitator_client.post_form("review.review_section", {"verdict": "acceptable"},
                                     reference=reference, section_id=section.id)
    response = facilitator_client.post_form("review.accept_attempt", reference=reference)
    assert response.location.endswith("/training/review")
    page = parse(facilitator_client.get(response.location))
    assert "recorded as competent" in banner_text(page)

    result = db.session.scalar(db.select(PracticeResult))
    assert (result.competent, result.critical_found, result.critical_total,
            result.accepted_by_id) == (True, 6, 6, facilitator.id)
    assert saved(version).status == VersionStatus.ACCEPTED
    page = trainee_client.get_page("training.my_record")
    assert "Yes, since" in page.get_text() and "Competent" in page.select_one("table").get_text()


def test_an_attempt_accepted_with_a_critical_point_missed_is_not_competent(trainee, facilitator):
    scenario = _scenario()
    model = model_attempt(scenario)

    version = start_practice(trainee)
    fill_from_model(trainee, version, replace(model, outcome="no_major_change"))
    attempts.submit_attempt(trainee, version)

    moves.start_review(facilitator, version)
    for section in version.framework.sections:
        review.record_point(facilitator, version, section.id, "acceptable", "")
    result = attempts.accept_attempt(facilitator, version)
    assert (result.competent, result.critical_found, result.critical_total) == (False, 5, 6)


def test_a_facilitator_cannot_review_their_own_attempt(client_as, app_context):
    both = client_as(Role.FACILITATOR, Role.TRAINEE, name="Sam Both")
    person = db.session.get(User, both.user_id)
    version = practice_attempt("submitted", person=person)
    page = both.get_page("training.list_attempts_to_review")
    assert "Your own attempt: another facilitator must review it" in page.get_text()
    response = both.post_form("review.start_review", reference=version.reference)
    page = parse(both.get(response.location))
    assert "You cannot review or sign off an assessment you wrote" in error_summary(page)[0]


def test_the_model_answer_is_shown_only_after_submitting(trainee_client, trainee):
    version = fill_from_model(trainee, start_practice(trainee))
    page = trainee_client.get_page("training.compare_with_model", reference=version.reference)
    assert "once you have submitted" in page.get_text()
    assert page.select("table") == []

    attempts.submit_attempt(trainee, version)
    page = trainee_client.get_page("training.compare_with_model", reference=version.reference)
    rows = {row.th.get_text(strip=True): [td.get_text(strip=True) for td in row.select("td")]
            for row in page.select("tbody tr")}
    assert rows["Outcome"] == ["Adjust the proposal", "Adjust the proposal"]
    assert _scenario().model_answer.cumulative in rows["Cumulative impact"][1]


def test_the_pdf_of_an_attempt_is_marked_training_on_every_page(trainee_client, trainee):
    version = practice_attempt("submitted", person=trainee)
    response = trainee_client.get(trainee_client.url("assessments.download_pdf",
                                                     reference=version.reference))
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(response.data)).pages]
    assert len(pages) > 3
    assert all(TRAINING in text for text in pages)
    assert "practice attempt at a fictional training scenario" in pages[0]


def test_an_author_practises_but_the_attempt_stays_practice(author_client, author):
    response = author_client.post_form("training.start_attempt", key=PRACTICE_SCENARIO)
    reference = response.location.rsplit("/", 1)[1]
    assert reference.startswith("TRN-")
    version = attempts_version(reference)
    page = author_client.get_page("assessments.view_task_list", reference=reference)
    assert "Withdraw" not in page.get_text() and "Versions of this assessment" not in page.text
    page = author_client.get_page("main.home")
    assert reference not in page.select_one("#home-author").find_parent("section").get_text()
    assert reference in page.select_one("#home-practice").find_parent("section").get_text()
    # No move makes it live: revising and withdrawing are refused by the table itself.
    response = author_client.post_form("assessments.withdraw", {"reason": "x"},
                                       reference=reference)
    assert saved(version).status == VersionStatus.DRAFT
    assert response.status_code in (200, 302)
    # A decision is recorded against a live assessment only: for an attempt there is no page.
    for endpoint in ("assessments.record_decision", "assessments.view_version"):
        response = author_client.get(author_client.url(endpoint, reference=reference,
                                                        number=1))
        assert response.status_code == (404 if endpoint.endswith("decision") else 200)
    response = author_client.post_form("assessments.record_decision", {
        "decided_on-day": "1", "decided_on-month": "1", "decided_on-year": "2027",
        "forum": "Board", "assessment_considered": "yes", "what_was_decided": "Go ahead."},
        reference=reference, number=1)
    assert response.status_code == 404


def test_a_retired_scenario_cannot_be_started(trainee_client, trainee, facilitator):
    library.retire_scenario(facilitator, PRACTICE_SCENARIO)
    page = trainee_client.get_page("training.list_scenarios")
    assert _scenario().title not in page.get_text()
    page = trainee_client.get_page("training.view_scenario", key=PRACTICE_SCENARIO)
    assert "has been retired" in page.get_text()
    response = trainee_client.post_form("training.start_attempt", key=PRACTICE_SCENARIO)
    page = parse(trainee_client.get(response.location))
    assert "has been retired, so it cannot be started" in error_summary(page)[0]


def test_people_who_do_not_practise_cannot_start_an_attempt(app_context):
    reviewer = UserFactory(roles={Role.REVIEWER})
    with pytest.raises(DomainError, match="Only trainees and authors can practise"):
        attempts.start_attempt(reviewer, PRACTICE_SCENARIO)
