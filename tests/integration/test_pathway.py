"""The facilitator pathway: stages in order, a step back only with a note, the sessions that
show a stage, pairing with someone who leads, the history, and who may record."""

from __future__ import annotations

import pytest

from eia.domain import PathwayStage, Role, SessionKind
from eia.extensions import db
from eia.models.users import User
from eia.services.training import pathway
from tests.factories import UserFactory, past_session, programme
from tests.pages import parse


@pytest.fixture
def lead_client(client_as):
    return client_as(Role.FACILITATOR, name="Tomasz Nowak")


@pytest.fixture
def lead(lead_client, app_context):
    return db.session.get(User, lead_client.user_id)


@pytest.fixture
def course(lead):
    return programme(lead)


@pytest.fixture
def newcomer():
    return UserFactory(roles={Role.FACILITATOR}, name="Ana Costa")


def record(client, course, person, *, follow: bool = False, **data):
    return client.post_form("training.record_stage", data, follow=follow,
                            programme_id=course.id, person_id=person.id)


def errors(response) -> str:
    return parse(response).select_one(".govuk-error-summary").get_text(" ", strip=True)


def test_the_lead_records_each_stage_with_its_evidence_and_the_page_shows_it(
        lead_client, lead, course, newcomer):
    rehearsal = past_session(course, title="Rehearsal one", kind=SessionKind.REHEARSAL,
                         facilitators=[lead])
    delivered = past_session(course, title="Delegates, March", facilitators=[lead, newcomer])
    pathway.record_stage(lead, course, lead, stage=PathwayStage.OBSERVED)
    pathway.record_stage(lead, course, lead, stage=PathwayStage.CO_DELIVERED)
    pathway.record_stage(lead, course, lead, stage=PathwayStage.LEADS)

    assert record(lead_client, course, newcomer, stage="observed",
                  evidence=[str(rehearsal.id)], note="Watched closely").status_code == 302
    response = record(lead_client, course, newcomer, stage="co_delivered",
                      evidence=[str(delivered.id)], paired_with_id=str(lead.id),
                      note="Ran the evidence exercise", follow=True)
    page = parse(response)
    assert "Stage now: Co-delivered" in page.get_text(" ", strip=True)
    cards = [c.get_text(" ", strip=True) for c in page.select(".govuk-summary-card")]
    assert cards[0].startswith("Co-delivered") and "Delegates, March" in cards[0]
    assert "Paired with Tomasz Nowak" in cards[0]
    assert cards[1].startswith("Observed a rehearsal") and "Rehearsal one" in cards[1]

    overview = lead_client.get_page("training.view_pathway", programme_id=course.id)
    row = next(r for r in overview.select("tbody tr") if "Ana Costa" in r.get_text())
    assert [c.get_text(" ", strip=True) for c in row.find_all(["th", "td"])][:3] == [
        "Ana Costa", "Co-delivered", "Tomasz Nowak"]
    assert pathway.may_lead_alone(course, lead)
    assert not pathway.may_lead_alone(course, newcomer)


def test_a_stage_cannot_be_skipped(lead_client, course, newcomer):
    response = record(lead_client, course, newcomer, stage="co_delivered")
    assert ("Ana Costa has not reached ‘Observed a rehearsal’ yet: record that first"
            in errors(response))
    assert pathway.stage_of(course, newcomer) is None
    page = parse(response)
    assert page.select_one("input[name=stage][value=co_delivered]").has_attr("checked")


def test_going_back_needs_a_note(lead, course, newcomer):
    pathway.record_stage(lead, course, newcomer, stage=PathwayStage.OBSERVED)
    pathway.record_stage(lead, course, newcomer, stage=PathwayStage.CO_DELIVERED)
    with pytest.raises(pathway.PathwayRefused, match="Say in the note why Ana Costa goes back"):
        pathway.record_stage(lead, course, newcomer, stage=PathwayStage.OBSERVED)
    pathway.record_stage(lead, course, newcomer, stage=PathwayStage.OBSERVED,
                         note="Needs to watch the new format first")
    assert pathway.stage_of(course, newcomer) is PathwayStage.OBSERVED
    assert len(pathway.history(course, newcomer)) == 3


def test_evidence_must_show_the_stage(lead, course, newcomer):
    other = UserFactory(roles={Role.FACILITATOR}, name="Sam Reid")
    delegate_session = past_session(course, title="Delegates, March", facilitators=[lead, other])
    rehearsal = past_session(course, title="Rehearsal one", kind=SessionKind.REHEARSAL,
                         facilitators=[lead])
    with pytest.raises(pathway.PathwayRefused, match="‘Delegates, March’ is not a rehearsal"):
        pathway.record_stage(lead, course, newcomer, stage=PathwayStage.OBSERVED,
                             evidence=[delegate_session.id])
    pathway.record_stage(lead, course, newcomer, stage=PathwayStage.OBSERVED,
                         evidence=[rehearsal.id])
    with pytest.raises(pathway.PathwayRefused, match="Ana Costa did not facilitate"):
        pathway.record_stage(lead, course, newcomer, stage=PathwayStage.CO_DELIVERED,
                             evidence=[delegate_session.id])
    elsewhere = past_session(programme(lead, name="Another"), title="Elsewhere",
                         kind=SessionKind.REHEARSAL, facilitators=[lead])
    with pytest.raises(pathway.PathwayRefused, match="Choose sessions of this programme"):
        pathway.record_stage(lead, course, newcomer, stage=PathwayStage.OBSERVED,
                             evidence=[elsewhere.id])


def test_the_partner_must_lead_sessions(lead, course, newcomer):
    with pytest.raises(pathway.PathwayRefused, match="Tomasz Nowak does not lead sessions yet"):
        pathway.record_stage(lead, course, newcomer, stage=PathwayStage.OBSERVED,
                             paired_with=lead)


def test_only_the_lead_or_an_administrator_records(client_as, lead, course, newcomer):
    other = client_as(Role.FACILITATOR, name="Sam Reid")
    page = other.get_page("training.record_stage", programme_id=course.id,
                          person_id=newcomer.id)
    assert page.select_one("input[name=stage]") is None
    assert record(other, course, newcomer, stage="observed").status_code == 403
    admin = client_as(Role.ADMIN)
    assert record(admin, course, newcomer, stage="observed").status_code == 302
    assert pathway.stage_of(course, newcomer) is PathwayStage.OBSERVED


def test_only_facilitators_have_a_pathway_page(lead_client, course):
    author = UserFactory(roles={Role.AUTHOR})
    response = lead_client.get(lead_client.url("training.record_stage", programme_id=course.id,
                                               person_id=author.id))
    assert response.status_code == 404
