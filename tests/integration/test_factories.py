"""AssessmentFactory reaches every workflow state the way a team would.

Each trait's version must have the status, the workflow events and the people that the real
moves leave behind, with separation of duties intact; and what other tests rely on about a
state (an empty draft cannot be submitted, a complete one can, a returned one has comments to
answer) must hold.
"""

from __future__ import annotations

import pytest

from eia import queries
from eia.domain import Role, Verdict, VersionStatus
from eia.services import workflow as moves
from tests.factories import STATES, AssessmentFactory, UserFactory

S = VersionStatus
AUTHOR, REVIEWER, APPROVER = Role.AUTHOR, Role.REVIEWER, Role.APPROVER
REVIEWED = [("submit", AUTHOR), ("start_review", REVIEWER)]
RECOMMENDED = [*REVIEWED, ("recommend", REVIEWER)]
SIGNED = [*RECOMMENDED, ("sign_off", APPROVER)]

# state -> the version's status, and each workflow event on it as (action, role of its actor)
EXPECTED = {
    "draft": (S.DRAFT, []),
    "complete": (S.DRAFT, []),
    "submitted": (S.IN_REVIEW, [("submit", AUTHOR)]),
    "under_review": (S.IN_REVIEW, REVIEWED),
    "changes_requested": (S.CHANGES_REQUESTED, [*REVIEWED, ("request_changes", REVIEWER)]),
    "awaiting_sign_off": (S.AWAITING_SIGN_OFF, RECOMMENDED),
    "signed_off": (S.SIGNED_OFF, SIGNED),
    "published": (S.SIGNED_OFF, [*SIGNED, ("publish", APPROVER)]),
    "withdrawn": (S.WITHDRAWN, [("withdraw", AUTHOR)]),
    "returned": (S.CHANGES_REQUESTED, [*RECOMMENDED, ("return", APPROVER)]),
    "superseded": (S.SUPERSEDED, [*SIGNED, ("revise", AUTHOR), ("supersede", APPROVER)]),
}


def _cannot_be_submitted(version) -> None:
    assert moves.blocking_problems(version) != ()


def _can_be_submitted_and_has_a_file(version) -> None:
    assert moves.blocking_problems(version) == ()
    assert any(source.file is not None for source in version.evidence)


def _has_verdicts_on_some_sections_only(version) -> None:
    review = queries.latest_review(version)
    assert review.decision is None
    assert 0 < len(review.points) < len(version.sections)


def _has_comments_to_answer_and_a_reply(version) -> None:
    points = queries.latest_review(version).points
    assert sorted(p.verdict for p in points if p.needs_answer) == [Verdict.IMPROVABLE,
                                                                   Verdict.TO_CORRECT]
    replies = [reply for point in points for reply in point.replies]
    assert [reply.author_id for reply in replies] == [version.lead_officer.id]


def _is_version_one_of_two(version) -> None:
    assert [(v.number, v.status) for v in version.assessment.versions] == [
        (1, S.SUPERSEDED), (2, S.SIGNED_OFF)]
    assert version.number == 1


# What other tests rely on about a state, beyond its status and events.
ALSO = {
    "draft": _cannot_be_submitted,
    "complete": _can_be_submitted_and_has_a_file,
    "under_review": _has_verdicts_on_some_sections_only,
    "changes_requested": _has_comments_to_answer_and_a_reply,
    "superseded": _is_version_one_of_two,
}


def test_every_state_has_an_expectation():
    assert EXPECTED.keys() == STATES.keys()


@pytest.mark.parametrize("state", STATES)
def test_each_trait_reaches_its_state_through_the_workflow(app_context, state):
    version = AssessmentFactory(**{state: True})
    status, moves_made = EXPECTED[state]
    assert version.status == status
    events = queries.workflow_events_of(version)
    assert [(e.action, e.actor_id) for e in events] == [
        (action, _person(version, role).id) for action, role in moves_made]
    people = {role: _person(version, role) for _, role in moves_made}
    assert len({person.id for person in people.values()}) == len(people), (
        "the author, the reviewer and the signatory must be different people")
    for role, person in people.items():
        assert role in person.roles
    if state in ALSO:
        ALSO[state](version)


def _person(version, role: Role):
    """Who played `role` for this version: its lead officer, its reviewer or its signatory."""
    if role is AUTHOR:
        return version.lead_officer
    if role is REVIEWER:
        return queries.latest_review(version).reviewer
    record = queries.sign_off_of(version)
    if record is not None:
        return record.approver
    events = queries.workflow_events_of(version)
    return next(e.actor for e in events if e.action == "return")


def test_the_people_given_are_the_people_who_act(app_context):
    author = UserFactory(roles={AUTHOR})
    reviewer = UserFactory(roles={REVIEWER})
    approver = UserFactory(roles={APPROVER})
    version = AssessmentFactory(signed_off=True, author=author, reviewer=reviewer,
                                approver=approver)
    assert version.lead_officer.id == author.id
    assert queries.latest_review(version).reviewer_id == reviewer.id
    assert queries.sign_off_of(version).approver_id == approver.id


def test_a_state_can_be_named_instead_of_given_as_a_trait(app_context):
    assert AssessmentFactory(state="submitted").status == S.IN_REVIEW
    with pytest.raises(ValueError, match="No assessment state 'approved'"):
        AssessmentFactory(state="approved")
