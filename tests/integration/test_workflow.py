"""The workflow table: exactly its moves are possible, and no one reviews or signs their own work.

For every (state, action) pair and every role, the test arranges what the guards look at so
that they would pass, then asks `refusal`: a move outside the table, or by a role the table
does not name, must be refused; a move in the table, by a role it names, must not be. Live
assessments and practice attempts each have their own rows, so both are walked.
"""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import text

from eia.domain import Purpose, Role, Verdict, VersionStatus
from eia.extensions import db
from eia.models.review import CHECKLIST, Publication, Review, ReviewPoint
from eia.progress import applicable_sections
from eia.services import workflow as moves
from eia.workflow import TRANSITIONS, Action, Move, MoveRefused, refusal, transition_for
from tests.factories import UserFactory, start_assessment, start_practice


@pytest.fixture
def people(app_context):
    """One person per role; the author is the lead officer of every assessment here."""
    return {role: UserFactory(roles={role}, name=f"Only {role.value}") for role in Role}


def set_status(version, status: VersionStatus) -> None:
    # Straight to the state under test: the route there is tested elsewhere.
    db.session.execute(text("UPDATE assessment_versions SET status = :s WHERE id = :id"),
                       {"s": status.value, "id": version.id})
    db.session.expire(version)


def review_round(version, reviewer, *, verdict=Verdict.ACCEPTABLE) -> Review:
    review = Review(version=version, round=1, reviewer=reviewer,
                    checklist={key: True for key, _ in CHECKLIST})
    db.session.add(review)
    for section in applicable_sections(version, version.framework):
        review.points.append(ReviewPoint(section_id=section.id, verdict=verdict.value,
                                         comment="Looked at"))
    db.session.flush()
    return review


def arrange(version, action: Action, people) -> None:
    """Make the facts the guards of (state, action) look at true."""
    if action in (Action.REQUEST_CHANGES, Action.RECOMMEND, Action.ACCEPT):
        reviewer = Role.FACILITATOR if version.is_training else Role.REVIEWER
        review_round(version, people[reviewer])
    if action in (Action.SIGN_OFF, Action.RETURN):
        review = review_round(version, UserFactory(roles={Role.REVIEWER}))
        review.decision = "recommended"
    if action is Action.SUPERSEDE:
        newer = start_assessment(version.lead_officer)
        newer.assessment_id, newer.number = version.assessment_id, version.number + 1
        db.session.flush()
        set_status(newer, VersionStatus.SIGNED_OFF)
    if action is Action.UNPUBLISH:
        db.session.add(Publication(version=version, summary="Summary",
                                   published_by_id=people[Role.APPROVER].id))
    db.session.flush()
    db.session.expire(version)


def move(version, action, actor) -> Move:
    return Move(version, action, actor, reason="A reason", declaration_accepted=True,
                summary="A summary for the public")


def new_version(purpose: Purpose, people):
    """A live assessment led by the author, or a practice attempt that the author leads and
    the trainee contributes to (both practise, so either may make the author's moves)."""
    if purpose is Purpose.LIVE:
        return start_assessment(people[Role.AUTHOR])
    version = start_practice(people[Role.AUTHOR])
    version.contributors.append(people[Role.TRAINEE])
    db.session.flush()
    return version


@pytest.mark.parametrize("purpose", list(Purpose), ids=lambda p: p.value)
@pytest.mark.parametrize("status", list(VersionStatus), ids=lambda s: s.value)
def test_exactly_the_moves_in_the_table_are_possible(people, status, purpose):
    """SECURITY.md (Workflow integrity): Transitions checked, for every (state, action) and
    role, admins included."""
    wrong = []
    for action in Action:
        version = new_version(purpose, people)
        set_status(version, status)
        arrange(version, action, people)
        transition = transition_for(status, action, purpose)
        for role, actor in people.items():
            expected = transition is not None and role in transition.roles
            possible = refusal(move(version, action, actor)) is None
            if possible != expected:
                wrong.append(f"{status.value} --{action.value}--> as {role.value}: "
                             f"{'possible' if possible else 'refused'}")
    assert wrong == []


# The workflow as DESIGN.md draws it: (for, from, action, to, who). A practice attempt meets
# the review loop and nothing else: no sign-off, publication, revision or withdrawal.
DESIGNED = {
    ("live", "draft", "submit", "in_review", "author"),
    ("live", "in_review", "start_review", "in_review", "reviewer"),
    ("live", "in_review", "request_changes", "changes_requested", "reviewer"),
    ("live", "changes_requested", "resubmit", "in_review", "author"),
    ("live", "in_review", "recommend", "awaiting_sign_off", "reviewer"),
    ("live", "awaiting_sign_off", "sign_off", "signed_off", "approver"),
    ("live", "awaiting_sign_off", "return", "changes_requested", "approver"),
    ("live", "draft", "withdraw", "withdrawn", "author"),
    ("live", "changes_requested", "withdraw", "withdrawn", "author"),
    ("live", "signed_off", "revise", "signed_off", "author"),
    ("live", "signed_off", "supersede", "superseded", "approver"),
    ("live", "signed_off", "publish", "signed_off", "admin, approver"),
    ("live", "signed_off", "unpublish", "signed_off", "admin, approver"),
    ("live", "superseded", "unpublish", "superseded", "admin, approver"),
    ("training", "draft", "submit", "in_review", "author, trainee"),
    ("training", "in_review", "start_review", "in_review", "facilitator"),
    ("training", "in_review", "request_changes", "changes_requested", "facilitator"),
    ("training", "changes_requested", "resubmit", "in_review", "author, trainee"),
    ("training", "in_review", "accept", "accepted", "facilitator"),
}


def test_the_table_is_the_designed_workflow():
    assert {(t.purpose.value, t.source.value, t.action.value, t.target.value,
             ", ".join(sorted(r.value for r in t.roles))) for t in TRANSITIONS} == DESIGNED


def test_every_row_of_the_table_names_roles_and_a_real_state():
    for transition in TRANSITIONS:
        assert transition.roles, transition
        assert transition_for(transition.source, transition.action,
                              transition.purpose) is transition


def test_the_table_refuses_in_words(people):
    version = start_assessment(people[Role.AUTHOR])
    message = refusal(move(version, Action.SIGN_OFF, people[Role.APPROVER]))
    assert message == "An assessment that is draft cannot be signed off"


@pytest.fixture
def everyone(app_context):
    """Someone holding every role, admin included: the rules bind them too."""
    return UserFactory(roles=set(Role), name="Holds every role")


def test_an_author_or_contributor_cannot_review_their_own_assessment(people, everyone):
    """SECURITY.md (Workflow integrity): No self-review, no self-approval."""
    version = start_assessment(everyone, contributor_ids=[people[Role.REVIEWER].id])
    set_status(version, VersionStatus.IN_REVIEW)
    for person in (everyone, people[Role.REVIEWER]):
        assert refusal(move(version, Action.START_REVIEW, person)) == (
            "You cannot review or sign off an assessment you wrote or contributed to")


def test_no_one_signs_off_their_own_work_or_a_version_they_reviewed(people, everyone):
    """SECURITY.md (Workflow integrity): No self-review, no self-approval."""
    own = start_assessment(everyone)
    set_status(own, VersionStatus.AWAITING_SIGN_OFF)
    assert "wrote or contributed" in refusal(move(own, Action.SIGN_OFF, everyone))

    reviewed = start_assessment(people[Role.AUTHOR])
    set_status(reviewed, VersionStatus.AWAITING_SIGN_OFF)
    review_round(reviewed, everyone).decision = "recommended"
    assert refusal(move(reviewed, Action.SIGN_OFF, everyone)) == (
        "The person who reviewed this version cannot also sign it off")
    assert refusal(move(reviewed, Action.SIGN_OFF, people[Role.APPROVER])) is None


def test_recommending_is_refused_while_a_section_is_to_correct(people):
    version = start_assessment(people[Role.AUTHOR])
    set_status(version, VersionStatus.IN_REVIEW)
    review_round(version, people[Role.REVIEWER], verdict=Verdict.TO_CORRECT)
    assert "to correct" in refusal(move(version, Action.RECOMMEND, people[Role.REVIEWER]))
    assert refusal(move(version, Action.REQUEST_CHANGES, people[Role.REVIEWER])) is None


def test_submitting_is_refused_while_the_checks_find_problems(people):
    version = start_assessment(people[Role.AUTHOR])
    with pytest.raises(MoveRefused, match="cannot be submitted while"):
        moves.submit(people[Role.AUTHOR], version, today=date.today())
    db.session.refresh(version)
    assert version.status == VersionStatus.DRAFT


def test_nothing_live_can_happen_to_a_practice_attempt(people, everyone):
    version = start_practice(everyone)
    for status, action in ((VersionStatus.DRAFT, Action.WITHDRAW),
                           (VersionStatus.IN_REVIEW, Action.RECOMMEND),
                           (VersionStatus.SIGNED_OFF, Action.PUBLISH),
                           (VersionStatus.SIGNED_OFF, Action.REVISE)):
        set_status(version, status)
        past = {"recommend": "recommended for sign-off", "publish": "published",
                "revise": "revised", "withdraw": "withdrawn"}[action.value]
        assert refusal(move(version, action, everyone)) == (
            f"A practice attempt cannot be {past}: it stays practice")


def test_a_facilitator_never_reviews_their_own_practice_attempt(people, everyone):
    version = start_practice(everyone)
    set_status(version, VersionStatus.IN_REVIEW)
    assert refusal(move(version, Action.START_REVIEW, everyone)) == (
        "You cannot review or sign off an assessment you wrote or contributed to")
    assert refusal(move(version, Action.START_REVIEW, people[Role.FACILITATOR])) is None
    assert refusal(move(version, Action.START_REVIEW, people[Role.REVIEWER])) == (
        "You do not have a role that allows this")


def test_a_practice_attempt_is_submitted_whatever_the_checks_find(people):
    version = start_practice(people[Role.TRAINEE])
    moves.submit(people[Role.TRAINEE], version, today=date.today())
    db.session.refresh(version)
    assert version.status == VersionStatus.IN_REVIEW
