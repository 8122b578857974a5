"""Recording the impact on each group: the list of groups, one group's answer, and its rules."""

from __future__ import annotations

import pytest
from sqlalchemy.orm.attributes import set_committed_value

from eia.collections import EVIDENCE
from eia.domain import EvidenceKind, ImpactLevel, Role
from eia.framework import Section
from eia.services import collections, editing, impacts, sections
from eia.services.editing import StaleEdit
from tests.conftest import sign_in_client
from tests.factories import UserFactory, start_assessment
from tests.integration.conftest import audit_events, saved
from tests.pages import error_summary, parse

HOSTILE = '<script>alert("x")</script> & "quotes" é ŵ ŷ'
EFFECT = ("Older patients without a car would travel two buses to the new site, about an hour "
          "each way, and many told us they would miss appointments as a result.")


@pytest.fixture
def census(author, version):
    return collections.add_item(author, version, EVIDENCE, {
        "title": "Census 2021: age by ward", "kind": EvidenceKind.POPULATION, "period": "2021",
        "summary": "A quarter of residents near the clinic are over 65.", "url": ""})


def save_impact(client, version, group_id, data, intent="continue"):
    return client.post_form("assessments.edit_impact", {**data, "intent": intent},
                            reference=version.reference, group_id=group_id)


def audit_actions(version) -> list[str]:
    return [event.action for event in audit_events(version)]


def impact_rows(page) -> dict[str, str]:
    return {row.select_one(".govuk-summary-list__key").find(string=True).strip():
            row.select_one(".govuk-summary-list__value").get_text(" ", strip=True)
            for row in page.select("#impacts .govuk-summary-list__row")}


def test_the_list_shows_every_protected_characteristic_until_each_is_answered(
        author_client, version, census):
    page = author_client.get_page("assessments.list_impacts", reference=version.reference,
                                  section_id="impact_by_group")
    rows = impact_rows(page)
    assert list(rows) == ["Age", "Disability", "Gender reassignment",
                          "Marriage and civil partnership", "Pregnancy and maternity", "Race",
                          "Religion or belief", "Sex", "Sexual orientation"]
    assert set(rows.values()) == {"Not started"}
    assert "Applies to the first aim only" in page.get_text()

    response = save_impact(author_client, version, "age", {
        "impact": "negative", "effect": EFFECT, "evidence_ids": [str(census.id)],
        "harm_remains": "yes",
        "mitigation": "Free patient transport for anyone over 75.",
        "residual_impact": "Longer journeys for some."})
    assert response.location == f"/assessments/{version.reference}/impacts/disability"
    page = author_client.get_page("assessments.list_impacts", reference=version.reference,
                                  section_id="impact_by_group")
    assert impact_rows(page)["Age"] == "Negative"
    assert page.select_one("a[href$='/impacts/age']").get_text(" ", strip=True) == (
        "Change impact on age")


def test_an_impact_is_saved_with_its_evidence_and_audited(author_client, version, census):
    save_impact(author_client, version, "age", {
        "impact": "both", "effect": HOSTILE, "evidence_ids": [str(census.id)],
        "harm_remains": "yes",
        "mitigation": "Free transport", "residual_impact": "Some longer journeys"})
    impact = saved(version).impact_for("age")
    assert (impact.impact, impact.effect, impact.mitigation) == ("both", HOSTILE,
                                                                 "Free transport")
    assert [source.title for source in impact.evidence] == ["Census 2021: age by ward"]
    assert audit_actions(version)[-1] == "assessment.impact_saved"
    page = author_client.get_page("assessments.edit_impact", reference=version.reference,
                                  group_id="age")
    assert page.select_one("input[name=impact][value=both]").has_attr("checked")
    assert page.select_one(f"input[name=evidence_ids][value='{census.id}']").has_attr("checked")
    assert page.select_one("textarea[name=effect]").get_text() == HOSTILE


def test_a_negative_impact_without_mitigation_is_refused_and_the_text_is_kept(
        author_client, version, census):
    page = parse(save_impact(author_client, version, "disability", {
        "impact": "negative", "effect": HOSTILE, "evidence_ids": [str(census.id)],
        "harm_remains": "yes",
        "mitigation": "  "}))
    message = ("Say how the negative impact will be removed or reduced, or justify continuing "
               "despite it in the outcome")
    assert error_summary(page) == [message]
    assert page.select_one("#mitigation-error").get_text(strip=True).endswith(message)
    assert page.select_one("textarea[name=effect]").get_text() == HOSTILE
    assert page.select_one("input[name=impact][value=negative]").has_attr("checked")
    assert page.title.get_text().startswith("Error: ")
    assert saved(version).impact_for("disability") is None
    assert "assessment.impact_saved" not in audit_actions(version)


def test_a_full_justification_answers_a_negative_impact_on_the_page_and_in_the_checks(
        author, author_client, version, census):
    """One rule for both: continuing despite the impact, fully justified, needs no mitigation;
    the impact page saves what the quality checks accept."""
    outcome = version.framework.section("outcome")
    sections.save_answers(author, version, outcome, {
        "outcome": "continue_despite_adverse_impact",
        "justification_legitimate_aim": "Keeping the service safe to run.",
        "justification_necessity": "No other site can hold the equipment.",
        "justification_alternatives": "Two sites were costed and rejected.",
        "justification_proportionality": "The harm is limited to a small number of visits.",
    }, expected_lock=None)
    response = save_impact(author_client, version, "disability", {
        "impact": "negative", "effect": EFFECT, "evidence_ids": [str(census.id)],
        "harm_remains": "yes",
        "mitigation": ""})
    assert response.status_code == 302
    assert saved(version).impact_for("disability").mitigation == ""
    page = author_client.get_page("assessments.check_answers", reference=version.reference)
    assert "Say how the negative impact on people who share the protected characteristic of " \
           "disability" not in page.get_text()


def test_an_impact_with_no_evidence_needs_a_reason(author_client, version, census):
    page = parse(save_impact(author_client, version, "race", {
        "impact": "neutral", "effect": EFFECT}))
    assert error_summary(page) == [
        "Select the evidence that supports this, or say why there is none"]
    assert saved(version).impact_for("race") is None

    response = save_impact(author_client, version, "race", {
        "impact": "neutral", "effect": EFFECT,
        "no_evidence_reason": "Ethnicity is not recorded by the clinic; a survey is planned."})
    assert response.status_code == 302
    assert saved(version).impact_for("race").no_evidence_reason.startswith("Ethnicity")


def test_every_problem_is_listed_at_once(author_client, version):
    page = parse(save_impact(author_client, version, "sex", {}))
    assert error_summary(page) == [
        "Select the likely impact",
        "Describe what the effect would be on people’s lives",
        "Select the evidence that supports this, or say why there is none",
    ]
    links = [a["href"] for a in page.select(".govuk-error-summary a")]
    assert links == ["#impact", "#effect", "#no_evidence_reason"]
    assert all(page.select_one(link) for link in links)


def test_the_page_shows_the_groups_guidance_and_the_marriage_note(author_client, version):
    page = author_client.get_page("assessments.edit_impact", reference=version.reference,
                                  group_id="marriage_civil_partnership")
    assert page.h1.get_text(strip=True) == "Marriage and civil partnership"
    assert "first aim only" in page.select_one("#aims-note").get_text()
    assert "in employment" in page.select_one("#aims-note").get_text()
    things = [li.get_text(strip=True) for li in page.select("#things-to-consider li")]
    assert things[0].startswith("Employment terms, benefits and pensions")
    legends = [legend.get_text(strip=True) for legend in page.select("legend")]
    assert "What is the likely impact?" in legends
    assert "Add evidence" in page.get_text()  # no sources yet, so a way to add one

    age = author_client.get_page("assessments.edit_impact", reference=version.reference,
                                 group_id="age")
    assert age.select_one("#aims-note") is None


def test_extra_groups_are_answered_under_other_duties_and_only_when_switched_on(
        author_client, version):
    page = author_client.get_page("assessments.list_impacts", reference=version.reference,
                                  section_id="other_duties")
    assert list(impact_rows(page)) == ["Carers", "Socio-economic disadvantage"]
    author_client.get_page("assessments.edit_impact", reference=version.reference,
                           group_id="carers")
    for group_id in ("health_inequalities", "welsh_language", "no_such_group"):
        author_client.get_page("assessments.edit_impact", reference=version.reference,
                               group_id=group_id, expected_status=404)
    response = save_impact(author_client, version, "health_inequalities", {
        "impact": "positive", "effect": EFFECT, "no_evidence_reason": "None yet"})
    assert response.status_code == 404
    author_client.get_page("assessments.list_impacts", reference=version.reference,
                           section_id="screening", expected_status=404)


def test_save_and_come_back_later_goes_to_the_task_list(author_client, version):
    response = save_impact(author_client, version, "age", {
        "impact": "not_known", "effect": EFFECT, "no_evidence_reason": "Data requested"},
        intent="later")
    assert response.location == f"/assessments/{version.reference}"


def test_continuing_from_the_last_unanswered_group_returns_to_the_list(author_client,
                                                                        version):
    answer = {"impact": "positive", "effect": EFFECT, "no_evidence_reason": "Survey planned"}
    assert save_impact(author_client, version, "carers", answer).location.endswith(
        "/impacts/socio-economic")
    response = save_impact(author_client, version, "socio_economic", answer)
    assert response.location == f"/assessments/{version.reference}/sections/other-duties/impacts"
    onwards = author_client.post_form("assessments.list_impacts", reference=version.reference,
                                      section_id="other_duties")
    assert onwards.location == (
        f"/assessments/{version.reference}/sections/other-duties/duties")


def test_a_change_sends_a_completed_section_back_to_in_progress(author, author_client,
                                                               version):
    framework = version.framework
    section: Section = framework.section("impact_by_group")
    sections.set_section_completed(author, version, section, True, missing=[])
    save_impact(author_client, version, "age", {
        "impact": "positive", "effect": EFFECT, "no_evidence_reason": "Survey planned"})
    assert saved(version).section("impact_by_group").completed is False


def test_looking_at_the_pages_changes_nothing(author_client, version):
    before = audit_actions(version)
    author_client.get_page("assessments.list_impacts", reference=version.reference,
                           section_id="impact_by_group")
    author_client.get_page("assessments.edit_impact", reference=version.reference,
                           group_id="age")
    assert audit_actions(version) == before
    assert saved(version).impacts == []


def test_another_authors_assessment_is_not_found(client_as, version):
    stranger = client_as(Role.AUTHOR)
    stranger.get_page("assessments.list_impacts", reference=version.reference,
                      section_id="impact_by_group", expected_status=404)
    stranger.get_page("assessments.edit_impact", reference=version.reference, group_id="age",
                      expected_status=404)
    response = save_impact(stranger, version, "age", {
        "impact": "positive", "effect": EFFECT, "no_evidence_reason": "x"})
    assert response.status_code == 404
    assert saved(version).impact_for("age") is None


@pytest.mark.parametrize("answered_first", [False, True], ids=["first-answer", "change"])
def test_a_stale_save_is_refused_and_shows_both_texts(app, author, author_client,
                                                      answered_first):
    """SECURITY.md (No lost work): A stale edit is refused with both versions shown."""
    contributor = UserFactory(roles={Role.AUTHOR}, name="Tom Evans")
    version = start_assessment(author, contributor_ids=[contributor.id])
    other = sign_in_client(app, contributor)
    if answered_first:
        save_impact(author_client, version, "age", {
            "impact": "neutral", "effect": "First draft", "no_evidence_reason": "None"})
    mine = author_client.get_page("assessments.edit_impact", reference=version.reference,
                                  group_id="age")
    lock = mine.select_one("input[name=lock_version]")["value"]
    events = len(audit_actions(version))

    first = save_impact(other, version, "age", {
        "impact": "positive", "effect": "Tom's effect", "no_evidence_reason": "Tom's reason",
        "lock_version": lock})
    assert first.status_code == 302
    second = save_impact(author_client, version, "age", {
        "impact": "negative", "effect": "Priya's effect", "no_evidence_reason": "Priya's",
        "harm_remains": "yes",
        "mitigation": "Priya's mitigation", "lock_version": lock})
    assert second.status_code == 409
    page = parse(second)
    assert page.h1.get_text(strip=True) == "Your changes have not been saved"
    mine_texts = [t.get_text() for t in page.select("textarea")]
    assert "Priya's effect" in mine_texts and "Priya's mitigation" in mine_texts
    assert "Tom's effect" in page.get_text()
    impact = saved(version).impact_for("age")
    assert (impact.impact, impact.effect) == ("positive", "Tom's effect")
    assert len(audit_actions(version)) == events + 1


def test_check_answers_shows_each_groups_impact_with_change_links(author_client, version,
                                                                   census):
    save_impact(author_client, version, "age", {
        "impact": "negative", "effect": EFFECT, "evidence_ids": [str(census.id)],
        "harm_remains": "yes",
        "mitigation": "Free patient transport"})
    page = author_client.get_page("assessments.check_answers", reference=version.reference)
    cards = {card.select_one(".govuk-summary-card__title").get_text(strip=True): card
             for card in page.select("#section-impact_by_group ~ .govuk-summary-card")}
    assert "Likely impact Negative" in cards["Age"].get_text(" ", strip=True)
    assert "Free patient transport" in cards["Age"].get_text()
    assert "Likely impact Not answered" in cards["Disability"].get_text(" ", strip=True)
    change = cards["Age"].select_one(".govuk-summary-card__actions a")
    assert change["href"] == f"/assessments/{version.reference}/impacts/age"
    assert change.get_text(" ", strip=True) == "Change impact (Age)"


def test_two_first_answers_at_the_same_moment_cannot_both_be_saved(author, version):
    framework = version.framework
    section, group = framework.section("impact_by_group"), framework.group("age")
    impacts.save_impact(author, version, section, group, impacts.ImpactAnswer(
        impact=ImpactLevel.POSITIVE, effect="Tom's effect", no_evidence_reason="None yet"),
        expected_lock=editing.NEW_ROW_LOCK)
    # As if this request had read the impacts just before the other save landed.
    set_committed_value(version, "impacts", [])
    with pytest.raises(StaleEdit) as refused:
        impacts.save_impact(author, version, section, group, impacts.ImpactAnswer(
            impact=ImpactLevel.NEGATIVE, effect="Priya's effect", no_evidence_reason="None",
            mitigation="Transport", harm_remains=True), expected_lock=editing.NEW_ROW_LOCK)
    assert refused.value.theirs["effect"] == "Tom's effect"
    assert saved(version).impact_for("age").effect == "Tom's effect"


def test_a_group_screened_as_not_relevant_is_passed_over_but_can_still_be_added(
        author, author_client, version, census):
    sections.save_answers(author, version, version.framework.section("screening"), {
        "group_relevance": {"marriage_civil_partnership": {
            "relevance": "none", "reason": "Relevant only in employment; no staff change."}},
    }, expected_lock=None)
    response = save_impact(author_client, version, "gender_reassignment", {
        "impact": "neutral", "effect": EFFECT, "evidence_ids": [str(census.id)]})
    assert response.location == f"/assessments/{version.reference}/impacts/pregnancy-maternity"

    page = author_client.get_page("assessments.list_impacts", reference=version.reference,
                                  section_id="impact_by_group")
    assert impact_rows(page)["Marriage and civil partnership"] == (
        "Not relevant (screening): Relevant only in employment; no staff change.")
    link = page.select_one("a[href$='/impacts/marriage-civil-partnership']")
    assert link.get_text(" ", strip=True) == "Add impact on marriage and civil partnership"
