"""The engagement section: who was engaged, when and how, what they said, what changed."""

from __future__ import annotations

from sqlalchemy import select

from eia.extensions import db
from eia.models.audit import AuditEvent
from eia.permissions import Role
from eia.services import sections
from eia.services.frameworks import framework_of
from tests.conftest import sign_in_client
from tests.factories import add_contributor, start_assessment
from tests.integration.conftest import audit_details, saved
from tests.pages import banner_text, error_summary, parse

HOSTILE = '<script>alert("x")</script> & "quotes" é ŵ ŷ'
FORUM = {"who": "Eastfield Disability Forum", "when": "March 2026",
         "how": "A meeting at the forum, with a BSL interpreter",
         "what_they_said": "The single site is two bus rides away for many members.",
         "what_changed": "We added a patient transport option."}


def add(client, version, data):
    return client.post_form("assessments.add_engagement", data, reference=version.reference)


def edit(client, version, engagement_id, data):
    return client.post_form("assessments.edit_engagement", data, reference=version.reference,
                            engagement_id=engagement_id)


def card_rows(page):
    return [{row.dt.get_text(strip=True): row.select_one(".govuk-summary-list__value")
             .get_text(" ", strip=True) for row in card.select(".govuk-summary-list__row")}
            for card in page.select(".govuk-summary-card")]


def test_add_engagement_and_see_it_in_the_list(author_client, version):
    page = author_client.get_page("assessments.list_engagement", reference=version.reference)
    assert page.h1.get_text(strip=True) == "Engagement and consultation"
    assert "No engagement added yet" in page.get_text()
    author_client.get_page("assessments.add_engagement", reference=version.reference)

    response = add(author_client, version, FORUM)
    assert response.status_code == 302
    page = parse(author_client.get(response.location))
    assert "Engagement added" in banner_text(page)
    assert page.select_one(".govuk-summary-card__title").get_text(strip=True) == (
        "Engagement 1: March 2026")
    assert card_rows(page) == [{
        "Who": FORUM["who"], "When": "March 2026", "How": FORUM["how"],
        "What they said": FORUM["what_they_said"],
        "What changed as a result": FORUM["what_changed"]}]
    [event] = audit_details("assessment.engagement_added")
    assert event["who"] == FORUM["who"]


def test_errors_keep_what_was_typed_and_save_nothing(author_client, version):
    page = parse(add(author_client, version, {**FORUM, "who": HOSTILE, "when": "",
                                              "what_changed": "   "}))
    assert error_summary(page) == ["Enter when the engagement took place",
                                   "Enter what changed as a result, or why nothing changed"]
    assert page.select_one("textarea[name=who]").get_text() == HOSTILE
    assert page.select_one("textarea[name=what_they_said]").get_text() == (
        FORUM["what_they_said"])
    assert "<script>alert" not in str(page.select_one("main")).replace("&lt;script&gt;", "")
    too_long = parse(add(author_client, version, {**FORUM, "when": "x" * 101}))
    assert error_summary(too_long) == ["When must be 100 characters or fewer"]
    assert saved(version).engagements == []


def test_change_engagement_puts_the_section_back_in_progress(author_client, author, version):
    add(author_client, version, FORUM)
    [activity] = saved(version).engagements
    sections.set_section_completed(author, version, framework_of(version).section("engagement"),
                                   True, missing=[])
    page = author_client.get_page("assessments.edit_engagement", reference=version.reference,
                                  engagement_id=activity.id)
    assert page.h1.get_text(strip=True) == "Change engagement"
    assert page.select_one("textarea[name=who]").get_text() == FORUM["who"]
    lock = page.select_one("input[name=lock_version]")["value"]

    response = edit(author_client, version, activity.id, {
        **FORUM, "what_changed": "Patient transport, and evening appointments.",
        "lock_version": lock})
    assert response.status_code == 302
    [changed] = saved(version).engagements
    assert changed.what_changed == "Patient transport, and evening appointments."
    assert not changed.version.section("engagement").completed
    [event] = audit_details("assessment.engagement_changed")
    assert event["engagement_id"] == activity.id


def test_remove_engagement_after_confirming(author_client, version):
    add(author_client, version, FORUM)
    add(author_client, version, {**FORUM, "who": "Carers' network", "when": "April 2026"})
    _, second = saved(version).engagements
    second_id = second.id
    page = author_client.get_page("assessments.remove_engagement", reference=version.reference,
                                  engagement_id=second.id)
    assert page.h1.get_text(strip=True) == "Are you sure you want to remove this engagement?"
    assert "Carers' network" in page.get_text()
    assert len(saved(version).engagements) == 2

    response = author_client.post_form("assessments.remove_engagement",
                                       {"lock_version": str(second.lock_version)},
                                       reference=version.reference, engagement_id=second.id)
    assert response.status_code == 302
    page = parse(author_client.get(response.location))
    assert "Engagement removed" in banner_text(page)
    assert [a.who for a in saved(version).engagements] == [FORUM["who"]]
    [event] = audit_details("assessment.engagement_removed")
    assert event["engagement_id"] == second_id


def test_save_and_continue_goes_to_the_next_page(author_client, version):
    response = author_client.post_form("assessments.list_engagement",
                                       reference=version.reference)
    assert response.status_code == 302
    assert response.location == (
        f"/assessments/{version.reference}/sections/engagement/seldom-heard")


def test_looking_changes_nothing(author_client, version):
    add(author_client, version, FORUM)
    [activity] = saved(version).engagements
    before = db.session.scalar(select(AuditEvent.id).order_by(AuditEvent.id.desc()).limit(1))
    for endpoint in ("assessments.list_engagement", "assessments.add_engagement"):
        author_client.get_page(endpoint, reference=version.reference)
    for endpoint in ("assessments.edit_engagement", "assessments.remove_engagement"):
        author_client.get_page(endpoint, reference=version.reference,
                               engagement_id=activity.id)
    after = db.session.scalar(select(AuditEvent.id).order_by(AuditEvent.id.desc()).limit(1))
    assert after == before


def test_an_author_of_another_assessment_gets_404(client_as, author_client, version):
    add(author_client, version, FORUM)
    [activity] = saved(version).engagements
    stranger = client_as(Role.AUTHOR)
    reference = version.reference
    for endpoint in ("assessments.list_engagement", "assessments.add_engagement"):
        assert stranger.get(stranger.url(endpoint, reference=reference)).status_code == 404
    for endpoint in ("assessments.edit_engagement", "assessments.remove_engagement"):
        url = stranger.url(endpoint, reference=reference, engagement_id=activity.id)
        assert stranger.get(url).status_code == 404, endpoint
    assert edit(stranger, version, activity.id, {**FORUM, "who": "Stranger"}).status_code == 404
    assert [a.who for a in saved(version).engagements] == [FORUM["who"]]


def test_an_activity_of_another_assessment_is_not_found_here(author_client, author, version):
    other = start_assessment(author, title="Another proposal")
    add(author_client, other, FORUM)
    [activity] = saved(other).engagements
    for endpoint in ("assessments.edit_engagement", "assessments.remove_engagement"):
        url = author_client.url(endpoint, reference=version.reference,
                                engagement_id=activity.id)
        assert author_client.get(url).status_code == 404, endpoint


def test_a_stale_change_shows_both_texts_and_saves_nothing(app, author_client, author,
                                                         version):
    other = sign_in_client(app, add_contributor(author, version, "Tom Evans"))
    add(author_client, version, FORUM)
    [activity] = saved(version).engagements
    mine = author_client.get_page("assessments.edit_engagement", reference=version.reference,
                                  engagement_id=activity.id)
    lock = mine.select_one("input[name=lock_version]")["value"]

    first = edit(other, version, activity.id, {**FORUM, "what_they_said": "Tom's notes",
                                               "lock_version": lock})
    assert first.status_code == 302
    second = edit(author_client, version, activity.id, {
        **FORUM, "what_they_said": "Priya's notes", "lock_version": lock})
    assert second.status_code == 409
    page = parse(second)
    assert page.h1.get_text(strip=True) == "Your changes have not been saved"
    assert "Priya's notes" in [t.get_text() for t in page.select("textarea")]
    assert "Tom's notes" in page.get_text()
    [kept] = saved(version).engagements
    assert kept.what_they_said == "Tom's notes"
    assert len(audit_details("assessment.engagement_changed")) == 1


def test_check_answers_shows_engagement_with_a_change_link(author_client, version):
    page = author_client.get_page("assessments.check_answers", reference=version.reference)
    section = page.select_one("#section-engagement").find_next("dl")
    assert "No engagement added" in section.get_text()
    add(author_client, version, FORUM)
    [activity] = saved(version).engagements
    page = author_client.get_page("assessments.check_answers", reference=version.reference)
    card = page.select_one("#section-engagement").find_next(class_="govuk-summary-card")
    assert FORUM["what_changed"] in card.get_text()
    change = card.select_one(".govuk-summary-card__actions a")
    assert change["href"] == f"/assessments/{version.reference}/engagement/{activity.id}"
