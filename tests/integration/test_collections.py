"""Evidence, engagement and actions: one path for every collection, so one set of tests.

Each test runs for all three collections. What only one collection does (evidence files and
links, action due dates and groups) is tested in its own module.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from sqlalchemy import select

from eia.collections import ACTIONS, ENGAGEMENT, EVIDENCE, Collection
from eia.domain import Role
from eia.extensions import db
from eia.models.audit import AuditEvent
from eia.services import sections
from tests.conftest import sign_in_client
from tests.factories import add_contributor, start_assessment
from tests.integration.conftest import audit_details, saved
from tests.pages import banner_text, error_summary, parse

HOSTILE = '<script>alert("x")</script> & "quotes" é ŵ ŷ'
NEXT_YEAR = date.today().year + 1


@dataclass(frozen=True)
class Sample:
    """A collection with form data for one item, and how a user would recognise it."""

    collection: Collection
    data: dict
    changed: dict  # a change to make, field by field
    blank: str  # a required field, left blank in the error test
    blank_message: str
    heading: str  # the first card's heading
    section_id: str
    next_step: str  # where "Save and continue" goes, after the reference

    @property
    def id(self) -> str:
        return self.collection.key

    def items(self, version):
        return self.collection.items(saved(version))


SAMPLES = [
    Sample(EVIDENCE,
           {"title": "Census 2021: age profile of Eastfield", "kind": "population_data",
            "period": "2021", "summary": "A quarter of residents are over 65.",
            "url": "https://www.ons.gov.uk/census"},
           {"summary": "A quarter of residents are over 65, and one in ten over 80."},
           "period", "Enter the period the evidence covers",
           "E1: Census 2021: age profile of Eastfield", "evidence", "sections/evidence/gaps"),
    Sample(ENGAGEMENT,
           {"who": "Eastfield Disability Forum", "started_on": ["12", "3", "2026"],
            "groups": ["disability"],
            "how": "A meeting at the forum, with a BSL interpreter",
            "what_they_said": "The single site is two bus rides away for many members.",
            "what_changed": "We added a patient transport option."},
           {"what_changed": "Patient transport, and evening appointments."},
           "who", "Enter who you engaged or consulted", "Engagement 1: 12 March 2026",
           "engagement", "sections/engagement/seldom-heard"),
    Sample(ACTIONS,
           {"description": "Offer free patient transport to anyone over 75 or with a Blue "
                           "Badge.",
            "groups": ["age", "disability"], "owner": "Outpatient Services Manager",
            "due_date": ["30", "6", str(NEXT_YEAR)],
            "success_measure": "Missed appointments by age band stay at last year's level.",
            "status": "planned"},
           {"owner": "Head of Outpatients", "status": "in_progress"},
           "description", "Enter what will be done", "Action 1", "action_plan",
           "sections/action-plan/complete"),
]


@pytest.fixture(params=SAMPLES, ids=lambda sample: sample.id)
def sample(request) -> Sample:
    return request.param


def url(client, sample: Sample, verb: str, version, item=None) -> str:
    name = sample.collection.key if verb == "list" else sample.collection.noun
    values = {sample.collection.id_argument: item.id} if item is not None else {}
    return client.url(f"assessments.{verb}_{name}", reference=version.reference, **values)


def post(client, address: str, data: dict):
    """A form post as the browser sends it (multipart, which every collection's form takes)."""
    return client.post(address, data={"csrf_token": client.csrf_token(), **data},
                       content_type="multipart/form-data")


def add(client, sample: Sample, version, **changes):
    return post(client, url(client, sample, "add", version), {**sample.data, **changes})


def card_rows(page) -> list[dict[str, str]]:
    return [{row.dt.get_text(strip=True): row.select_one(".govuk-summary-list__value")
             .get_text(" ", strip=True) for row in card.select(".govuk-summary-list__row")}
            for card in page.select(".govuk-summary-card")]


def lock_on(page) -> str:
    return page.select_one("input[name=lock_version]")["value"]


def test_add_an_item_and_see_it_in_the_list(author_client, version, sample):
    collection = sample.collection
    page = parse(author_client.get(url(author_client, sample, "list", version)))
    assert collection.empty in page.get_text()
    form = parse(author_client.get(url(author_client, sample, "add", version)))
    assert form.h1.get_text(strip=True) == collection.add_first

    response = add(author_client, sample, version)
    assert response.status_code == 302
    page = parse(author_client.get(response.location))
    assert f"{collection.noun.capitalize()} added: {sample.data[collection.fields[0].name]}" \
        in banner_text(page)
    assert page.select_one(".govuk-summary-card__title").get_text(strip=True) == sample.heading
    [rows] = card_rows(page)
    for field in collection.fields:
        assert field.label in rows
    [item] = sample.items(version)
    [event] = audit_details(collection.added)
    assert event[f"{collection.noun}_id"] == item.id
    assert event["title"] == collection.title_of(item)


def test_errors_keep_what_was_typed_and_save_nothing(author_client, version, sample):
    text_field = next(f.name for f in sample.collection.fields
                      if f.kind == "long_text" and f.name != sample.blank)
    page = parse(add(author_client, sample, version, **{sample.blank: "   ",
                                                          text_field: HOSTILE}))
    assert error_summary(page) == [sample.blank_message]
    assert page.select_one(f"textarea[name={text_field}]").get_text() == HOSTILE
    assert "<script>alert" not in str(page.select_one("main")).replace("&lt;script&gt;", "")
    assert sample.items(version) == []


def test_a_limit_is_the_same_on_the_page_and_in_the_check(author_client, version, sample):
    """The character count's maxlength comes from the limit the form checks."""
    form = parse(author_client.get(url(author_client, sample, "add", version)))
    for field in sample.collection.fields:
        if field.kind == "long_text":
            counted = form.select_one(f"textarea[name={field.name}]").find_parent(
                class_="govuk-character-count")
            assert counted["data-maxlength"] == str(field.max_length), field.name
    name = next(f for f in sample.collection.fields if f.kind == "long_text")
    page = parse(add(author_client, sample, version, **{name.name: "x" * (name.max_length + 1)}))
    assert error_summary(page)[0].endswith(f"must be {name.max_length:,} characters or fewer")


def test_a_change_puts_the_section_back_in_progress(author_client, author, version, sample):
    add(author_client, sample, version)
    [item] = sample.items(version)
    sections.set_section_completed(author, version,
                                   version.framework.section(sample.section_id), True,
                                   missing=[])
    page = parse(author_client.get(url(author_client, sample, "edit", version, item)))
    assert page.h1.get_text(strip=True).startswith("Change")

    response = post(author_client, url(author_client, sample, "edit", version, item),
                    {**sample.data, **sample.changed, "lock_version": lock_on(page)})
    assert response.status_code == 302
    [changed] = sample.items(version)
    for name, value in sample.changed.items():
        assert getattr(changed, name) == value
    assert not changed.version.section(sample.section_id).completed
    [event] = audit_details(sample.collection.changed)
    assert event[f"{sample.collection.noun}_id"] == item.id


def test_remove_after_confirming(author_client, version, sample):
    collection = sample.collection
    add(author_client, sample, version)
    [item] = sample.items(version)
    item_id = item.id
    confirm = parse(author_client.get(url(author_client, sample, "remove", version, item)))
    assert confirm.h1.get_text(strip=True) == (
        f"Are you sure you want to remove this {collection.noun}?")
    assert sample.heading in confirm.get_text()
    assert len(sample.items(version)) == 1  # looking at the confirmation removes nothing

    response = post(author_client, url(author_client, sample, "remove", version, item),
                    {"lock_version": lock_on(confirm)})
    assert response.status_code == 302
    page = parse(author_client.get(response.location))
    assert f"{collection.noun.capitalize()} removed" in banner_text(page)
    assert sample.items(version) == []
    [event] = audit_details(collection.removed)
    assert event[f"{collection.noun}_id"] == item_id


def test_a_stale_change_shows_both_texts_and_saves_nothing(app, author_client, author,
                                                         version, sample):
    """SECURITY.md (No lost work): A stale edit is refused with both versions shown."""
    other = sign_in_client(app, add_contributor(author, version, "Tom Evans"))
    add(author_client, sample, version)
    [item] = sample.items(version)
    address = url(author_client, sample, "edit", version, item)
    lock = lock_on(parse(author_client.get(address)))
    text_field = next(f.name for f in sample.collection.fields if f.kind == "long_text")

    first = post(other, address, {**sample.data, text_field: "Tom's words", "lock_version": lock})
    assert first.status_code == 302
    second = post(author_client, address, {**sample.data, text_field: "Priya's words",
                                           "lock_version": lock})
    assert second.status_code == 409
    page = parse(second)
    assert page.h1.get_text(strip=True) == "Your changes have not been saved"
    assert "Priya's words" in [t.get_text() for t in page.select("textarea")]
    assert "Tom's words" in page.get_text()
    [kept] = sample.items(version)
    assert getattr(kept, text_field) == "Tom's words"
    assert len(audit_details(sample.collection.changed)) == 1


def test_a_stale_removal_is_refused_the_same_way_for_every_collection(app, author_client,
                                                                      author, version, sample):
    """Someone changed the item after the confirmation page was opened: nothing is removed, and
    the confirmation page is shown again with the item as it now is and a message."""
    other = sign_in_client(app, add_contributor(author, version, "Tom Evans"))
    add(author_client, sample, version)
    [item] = sample.items(version)
    confirm = parse(author_client.get(url(author_client, sample, "remove", version, item)))
    lock = lock_on(confirm)
    post(other, url(other, sample, "edit", version, item),
         {**sample.data, **sample.changed, "lock_version": lock})

    response = post(author_client, url(author_client, sample, "remove", version, item),
                    {"lock_version": lock})
    assert response.status_code == 302
    assert response.location == url(author_client, sample, "remove", version, item)
    page = parse(author_client.get(response.location))
    assert error_summary(page) == [
        f"Someone else changed this {sample.collection.noun} after you opened the page, so it "
        "has not been removed. Check it before you remove it."]
    assert len(sample.items(version)) == 1
    assert audit_details(sample.collection.removed) == []


def test_removing_what_is_already_gone_says_so(author_client, version, sample):
    add(author_client, sample, version)
    [item] = sample.items(version)
    address = url(author_client, sample, "remove", version, item)
    lock = lock_on(parse(author_client.get(address)))
    first = post(author_client, address, {"lock_version": lock})
    author_client.get(first.location)  # the first removal's message is read
    again = post(author_client, address, {"lock_version": lock})
    assert again.location == url(author_client, sample, "list", version)
    assert banner_text(parse(author_client.get(again.location))) == (
        f"Success This {sample.collection.noun} had already been removed")
    assert author_client.get(address).status_code == 404


def test_save_and_continue_goes_to_the_next_step(author_client, version, sample):
    response = post(author_client, url(author_client, sample, "list", version), {})
    assert response.status_code == 302
    assert response.location == f"/assessments/{version.reference}/{sample.next_step}"


def test_looking_changes_nothing(author_client, version, sample):
    add(author_client, sample, version)
    [item] = sample.items(version)
    before = db.session.scalar(select(AuditEvent.id).order_by(AuditEvent.id.desc()).limit(1))
    for verb in ("list", "add"):
        assert author_client.get(url(author_client, sample, verb, version)).status_code == 200
    for verb in ("edit", "remove"):
        response = author_client.get(url(author_client, sample, verb, version, item))
        assert response.status_code == 200
    after = db.session.scalar(select(AuditEvent.id).order_by(AuditEvent.id.desc()).limit(1))
    assert after == before
    assert len(sample.items(version)) == 1


def test_an_author_of_another_assessment_gets_404(client_as, author_client, version, sample):
    add(author_client, sample, version)
    [item] = sample.items(version)
    stranger = client_as(Role.AUTHOR)
    for verb in ("list", "add"):
        assert stranger.get(url(stranger, sample, verb, version)).status_code == 404
    for verb in ("edit", "remove"):
        assert stranger.get(url(stranger, sample, verb, version, item)).status_code == 404
    assert post(stranger, url(stranger, sample, "remove", version, item),
                {}).status_code == 404
    assert add(stranger, sample, version).status_code == 404
    assert len(sample.items(version)) == 1


def test_an_item_of_another_assessment_is_not_found_here(author_client, author, version,
                                                         sample):
    """SECURITY.md (Access): Objects checked too: who may not see an assessment gets 404, not
    its title (IDOR), pages and API."""
    other = start_assessment(author, title="Another proposal")
    add(author_client, sample, other)
    [item] = sample.items(other)
    for verb in ("edit", "remove"):
        assert author_client.get(url(author_client, sample, verb, version, item)
                                 ).status_code == 404
    assert len(sample.items(other)) == 1


def test_check_answers_shows_items_with_change_links_for_editors_only(client_as, author_client,
                                                                      version, sample):
    anchor = f"#section-{sample.section_id}"
    page = author_client.get_page("assessments.check_answers", reference=version.reference)
    assert "None added" in page.select_one(anchor).find_next("dl").get_text()
    add(author_client, sample, version)
    [item] = sample.items(version)
    page = author_client.get_page("assessments.check_answers", reference=version.reference)
    card = page.select_one(anchor).find_next(class_="govuk-summary-card")
    assert card.select_one(".govuk-summary-card__title").get_text(strip=True) == sample.heading
    change = card.select_one(".govuk-summary-card__actions a")
    assert change["href"] == url(author_client, sample, "edit", version, item)
    reviewer = client_as(Role.REVIEWER)
    page = reviewer.get_page("assessments.check_answers", reference=version.reference)
    card = page.select_one(anchor).find_next(class_="govuk-summary-card")
    assert card.select_one(".govuk-summary-card__actions") is None


def test_a_revision_copies_every_field_of_every_item(author_client, version, sample):
    """Version N+1 holds what N held, field for field: copying reads the description."""
    from eia.services.versions import copy_version

    add(author_client, sample, version)
    [item] = sample.items(version)
    new = copy_version(saved(version), saved(version).lead_officer)
    [copy] = sample.collection.items(new)
    assert sample.collection.values_of(copy) == sample.collection.values_of(item)
