"""Test data made through the real services, so tests only build states the app can reach.

Users and units are made by the account and unit services. Assessments are made by
`AssessmentFactory`, which reaches each workflow state the way a team would: the author imports
the demo's complete physiotherapy assessment (the canonical document, as `flask eia import`
reads it) or starts an empty one, then the author, an equality reviewer and a signatory make
the moves through `eia.services.workflow` and write comments through `eia.services.review`.
Nothing here sets a status or inserts a review row by hand. Practice attempts are made the
same way (`practice_attempt`): started from a scenario, the model answer entered through the
editing services, submitted, reviewed and accepted by a facilitator.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

import factory

from eia.collections import EVIDENCE
from eia.demo import physiotherapy
from eia.demo.answers import answers_for, fill_attempt
from eia.domain import AssessmentType, Attendance, Role, Verdict
from eia.models.assessments import AssessmentVersion
from eia.models.review import CHECKLIST, ReviewPoint
from eia.models.types import utcnow
from eia.models.users import User
from eia.progress import applicable_sections
from eia.services import accounts, assessments, collections, review, transfer, units
from eia.services import workflow as moves
from eia.services.training import attempts, bookings, programmes, sessions
from eia.training.marking import model_attempt
from eia.uploads import check_upload

PASSWORD = "correct horse battery staple"


class UserFactory(factory.Factory):
    """`UserFactory(roles={Role.AUTHOR})` creates and commits an active user with PASSWORD."""

    class Meta:
        model = dict

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    name = factory.Sequence(lambda n: f"Person {n}")
    job_title = "Policy Officer"
    roles = factory.LazyFunction(lambda: {Role.AUTHOR})
    unit_id = None
    password = PASSWORD

    @classmethod
    def _create(cls, model_class, **fields):
        return accounts.create_user(**fields)


class InvitedUserFactory(UserFactory):
    """A user who has been invited and has not yet set a password."""

    password = None


class UnitFactory(factory.Factory):
    class Meta:
        model = dict

    name = factory.Sequence(lambda n: f"Directorate {n}")
    parent_id = None

    @classmethod
    def _create(cls, model_class, **fields):
        return units.create_unit(None, **fields)


def start_assessment(author, **overrides):
    """Start an assessment as `author` through the real service; returns its latest version."""
    details = {
        "title": "Moving outpatient physiotherapy to a single site",
        "assessment_type": AssessmentType.SERVICE_CHANGE,
        "unit_id": None,
        "lead_officer_id": author.id,
        "contributor_ids": [],
        "decision_maker": "Director of Community Health Services",
        "decision_forum": "Executive Management Team",
        "decision_date": date.today() + timedelta(days=90),
        "work_started_on": date.today() - timedelta(days=10),
    }
    details.update(overrides)
    assessment = assessments.start_assessment(author, assessments.ControlDetails(**details))
    return assessment.latest


def add_contributor(author, version, name: str):
    """A new author added to `version` as a contributor, through the real service."""
    contributor = UserFactory(roles={Role.AUTHOR}, name=name)
    details = assessments.ControlDetails(
        title=version.title, assessment_type=AssessmentType(version.assessment_type),
        unit_id=version.unit_id, lead_officer_id=author.id, contributor_ids=[contributor.id],
        decision_maker=version.decision_maker, decision_forum=version.decision_forum,
        decision_date=version.decision_date, work_started_on=version.work_started_on)
    assessments.update_control_details(author, version, details,
                                       expected_lock=version.lock_version)
    return contributor


# Assessments in every workflow state -------------------------------------------------------

# A small file on the first evidence source, so that every complete assessment has an upload
# to download and to carry into a new version.
EVIDENCE_FILE = b"clinic,attendances\nNorthgate,4210\nMillbrook,3905\nEastfield,4365\n"

PUBLIC_SUMMARY = ("Outpatient physiotherapy is moving to one site, with transport and an "
                  "outreach clinic so that no group of patients loses access.")
CHANGES_REASON = "The action plan needs a funded transport action before sign-off."
RETURN_REASON = "The decision date has moved: check the dates in the action plan."
WITHDRAW_REASON = "The proposal has been dropped by the board."
# What the reviewer asks for when the factory sends an assessment back, by section.
ASKED = {
    "action_plan": (Verdict.TO_CORRECT, "The transport action has no budget: say how it is "
                                        "funded."),
    "evidence": (Verdict.IMPROVABLE, "The workforce profile is a year old; check it with HR."),
}
REPLY = ("action_plan", "Transport is funded from the estates budget for two years; added to "
                        "the action.")
# Sections a reviewer has been through when the factory leaves a review under way.
FIRST_LOOKED_AT = 3


def complete_document(author: User) -> dict:
    """The demo's physiotherapy assessment, led by `author`, with no organisational unit (so
    none need exist) and a CSV file on its first evidence source."""
    document = physiotherapy.document(author.email, date.today())
    document["details"]["unit"] = None
    document["evidence"][0]["file"] = {
        "filename": "physiotherapy-activity.csv", "content_type": "text/csv",
        "size": len(EVIDENCE_FILE), "sha256": hashlib.sha256(EVIDENCE_FILE).hexdigest(),
        "content_base64": base64.b64encode(EVIDENCE_FILE).decode(),
    }
    return document


@dataclass
class Team:
    """The people an assessment passes between.

    A reviewer or signatory who was not given is made when first needed, each a different
    person from the author and from each other, so separation of duties always holds.
    """

    author: User
    given_reviewer: User | None = None
    given_approver: User | None = None
    _made: dict[Role, User] = field(default_factory=dict, init=False, repr=False)

    @property
    def reviewer(self) -> User:
        return self.given_reviewer or self._make(Role.REVIEWER, "Grace Okafor")

    @property
    def approver(self) -> User:
        return self.given_approver or self._make(Role.APPROVER, "David Lloyd")

    def _make(self, role: Role, name: str) -> User:
        if role not in self._made:
            self._made[role] = UserFactory(roles={role}, name=name)
        return self._made[role]


def _verdicts(reviewer: User, version: AssessmentVersion,
              asked: dict[str, tuple[Verdict, str]] | None = None,
              *, only: int | None = None) -> dict[str, ReviewPoint]:
    """The reviewer's verdict on each applicable section (the first `only` of them, if given):
    acceptable with no comment, except where `asked` says otherwise."""
    asked = asked or {}
    points = {}
    for section in applicable_sections(version, version.framework)[:only]:
        verdict, comment = asked.get(section.id, (Verdict.ACCEPTABLE, ""))
        points[section.id] = review.record_point(reviewer, version, section.id, verdict.value,
                                                 comment)
    return points


def _draft(team: Team) -> AssessmentVersion:
    return start_assessment(team.author)


def _complete(team: Team) -> AssessmentVersion:
    return transfer.import_document(team.author, complete_document(team.author)).latest


def _submitted(team: Team) -> AssessmentVersion:
    version = _complete(team)
    moves.submit(team.author, version)
    return version


def _under_review(team: Team) -> AssessmentVersion:
    """Taken by the reviewer, who has given verdicts on the first few sections only."""
    version = _submitted(team)
    moves.start_review(team.reviewer, version)
    _verdicts(team.reviewer, version, only=FIRST_LOOKED_AT)
    return version


def _changes_requested(team: Team) -> AssessmentVersion:
    """Sent back with one section to correct and one to improve; the author has answered the
    one to correct."""
    version = _under_review(team)
    points = _verdicts(team.reviewer, version, ASKED)
    moves.request_changes(team.reviewer, version, CHANGES_REASON)
    section_id, answer = REPLY
    review.reply(team.author, version, points[section_id], answer)
    return version


def _recommended(team: Team, version: AssessmentVersion) -> AssessmentVersion:
    """Submitted, taken, found acceptable in every section and recommended for sign-off."""
    moves.submit(team.author, version)
    moves.start_review(team.reviewer, version)
    _verdicts(team.reviewer, version)
    review.record_checklist(team.reviewer, version, {key for key, _label in CHECKLIST})
    moves.recommend(team.reviewer, version)
    return version


def _awaiting_sign_off(team: Team) -> AssessmentVersion:
    return _recommended(team, _complete(team))


def _signed_off(team: Team) -> AssessmentVersion:
    version = _awaiting_sign_off(team)
    moves.sign_off(team.approver, version, declaration_accepted=True)
    return version


def _published(team: Team) -> AssessmentVersion:
    version = _signed_off(team)
    moves.publish(team.approver, version, PUBLIC_SUMMARY)
    return version


def _withdrawn(team: Team) -> AssessmentVersion:
    version = _complete(team)
    moves.withdraw(team.author, version, WITHDRAW_REASON)
    return version


def _returned(team: Team) -> AssessmentVersion:
    """Recommended by the reviewer, then returned by the signatory without signing."""
    version = _awaiting_sign_off(team)
    moves.return_for_changes(team.approver, version, RETURN_REASON)
    return version


def _superseded(team: Team) -> AssessmentVersion:
    """Version 1, replaced when version 2 (its unchanged copy) was reviewed and signed off."""
    first = _signed_off(team)
    second = moves.revise(team.author, first)
    _recommended(team, second)
    moves.sign_off(team.approver, second, declaration_accepted=True)
    return first


# state -> how a team gets an assessment there. Every trait of AssessmentFactory is one of these.
STATES: dict[str, Callable[[Team], AssessmentVersion]] = {
    "draft": _draft,
    "complete": _complete,
    "submitted": _submitted,
    "under_review": _under_review,
    "changes_requested": _changes_requested,
    "awaiting_sign_off": _awaiting_sign_off,
    "signed_off": _signed_off,
    "published": _published,
    "withdrawn": _withdrawn,
    "returned": _returned,
    "superseded": _superseded,
}


class AssessmentFactory(factory.Factory):
    """An assessment moved to a workflow state by its team; returns the version in that state.

        AssessmentFactory()                          an empty draft, led by a new author
        AssessmentFactory(draft=True)                the same
        AssessmentFactory(complete=True)             a draft that passes every blocking check
        AssessmentFactory(submitted=True)            in review, waiting for a reviewer
        AssessmentFactory(under_review=True)         in review, taken; verdicts on 3 sections
        AssessmentFactory(changes_requested=True)    sent back, with review points and a reply
        AssessmentFactory(awaiting_sign_off=True)    recommended by the reviewer
        AssessmentFactory(signed_off=True)
        AssessmentFactory(published=True)            signed off and on the public register
        AssessmentFactory(withdrawn=True)            a complete draft, withdrawn
        AssessmentFactory(returned=True)             returned by the signatory
        AssessmentFactory(superseded=True)           version 1; version 2 is signed off

    `state="signed_off"` does the same as the trait, for tests parametrised by state. Pass
    `author`, `reviewer` and `approver` to choose the people; otherwise new ones are made.
    """

    class Meta:
        model = dict

    class Params:
        draft = factory.Trait(state="draft")
        complete = factory.Trait(state="complete")
        submitted = factory.Trait(state="submitted")
        under_review = factory.Trait(state="under_review")
        changes_requested = factory.Trait(state="changes_requested")
        awaiting_sign_off = factory.Trait(state="awaiting_sign_off")
        signed_off = factory.Trait(state="signed_off")
        published = factory.Trait(state="published")
        withdrawn = factory.Trait(state="withdrawn")
        returned = factory.Trait(state="returned")
        superseded = factory.Trait(state="superseded")

    state = "draft"
    author = factory.SubFactory(UserFactory, name="Priya Shah", roles={Role.AUTHOR})
    reviewer = None
    approver = None

    @classmethod
    def _create(cls, model_class, *, state: str, author: User, reviewer: User | None,
                approver: User | None) -> AssessmentVersion:
        if state not in STATES:
            raise ValueError(f"No assessment state {state!r}: choose one of {sorted(STATES)}")
        return STATES[state](Team(author, reviewer, approver))


# Practice attempts ---------------------------------------------------------------------------

PRACTICE_SCENARIO = "library-photo-id-check"
# A file of the trainee's own beside the evidence pack, so a complete attempt has an upload.
OWN_EVIDENCE = {"title": "Counter staff’s notes on guest pass users", "kind": "other",
                "period": "One week in March", "summary": "Who asked for a guest pass, and why.",
                "url": ""}
PRACTICE_CHANGES_REASON = "Say what people would lose, and who lacks ID."
PRACTICE_ASKED = {
    "impact_by_group": (Verdict.TO_CORRECT, "Say what people would lose without the "
                                            "computers."),
    "monitoring_and_review": (Verdict.IMPROVABLE, "Count the people turned away."),
}


def start_practice(person, key: str = PRACTICE_SCENARIO) -> AssessmentVersion:
    """Start a practice attempt at `key` as `person` through the real service."""
    return attempts.start_attempt(person, key).latest


def fill_from_model(person, version, attempt=None, *, only=None) -> AssessmentVersion:
    """Enter the model answer (or `attempt`) into a practice attempt, as a trainee would."""
    scenario = attempts.scenario_of(attempts.attempt_of(version))
    given = attempt or model_attempt(scenario, date.today())
    fill_attempt(person, version, answers_for(scenario, given, version.framework,
                                              date.today()), only=only)
    return version


def _own_evidence(person, version) -> None:
    checked = check_upload("notes.csv", EVIDENCE_FILE, max_bytes=1_000_000)
    collections.add_item(person, version, EVIDENCE, OWN_EVIDENCE,
                         upload=collections.Upload(checked, EVIDENCE_FILE))


@dataclass
class Practice:
    """The people a practice attempt passes between: the person practising and a facilitator."""

    person: User
    given_facilitator: User | None = None
    _made: User | None = field(default=None, init=False, repr=False)

    @property
    def facilitator(self) -> User:
        if self.given_facilitator is not None:
            return self.given_facilitator
        if self._made is None:
            self._made = UserFactory(roles={Role.FACILITATOR}, name="Tomasz Nowak")
        return self._made


def _practice_draft(practice: Practice) -> AssessmentVersion:
    return start_practice(practice.person)


def _practice_complete(practice: Practice) -> AssessmentVersion:
    version = start_practice(practice.person)
    _own_evidence(practice.person, version)
    return fill_from_model(practice.person, version)


def _practice_submitted(practice: Practice) -> AssessmentVersion:
    version = _practice_complete(practice)
    attempts.submit_attempt(practice.person, version)
    return version


def _practice_under_review(practice: Practice) -> AssessmentVersion:
    version = _practice_submitted(practice)
    moves.start_review(practice.facilitator, version)
    _verdicts(practice.facilitator, version, only=FIRST_LOOKED_AT)
    return version


def _practice_changes_requested(practice: Practice) -> AssessmentVersion:
    version = _practice_under_review(practice)
    points = _verdicts(practice.facilitator, version, PRACTICE_ASKED)
    moves.request_changes(practice.facilitator, version, PRACTICE_CHANGES_REASON)
    review.reply(practice.person, version, points["impact_by_group"], "I will add it.")
    return version


def _practice_accepted(practice: Practice) -> AssessmentVersion:
    version = _practice_submitted(practice)
    moves.start_review(practice.facilitator, version)
    _verdicts(practice.facilitator, version)
    attempts.accept_attempt(practice.facilitator, version)
    return version


PRACTICE_STATES: dict[str, Callable[[Practice], AssessmentVersion]] = {
    "draft": _practice_draft,
    "complete": _practice_complete,
    "submitted": _practice_submitted,
    "under_review": _practice_under_review,
    "changes_requested": _practice_changes_requested,
    "accepted": _practice_accepted,
}


def practice_attempt(state: str = "draft", *, person: User | None = None,
                     facilitator: User | None = None) -> AssessmentVersion:
    """A practice attempt at the library scenario, moved to `state` by the real services:

        draft              started: the evidence pack is its evidence list, nothing else
        complete           the model answer entered, plus a source of the trainee's own
        submitted          complete and submitted: marked, waiting for a facilitator
        under_review       taken by a facilitator; verdicts on 3 sections
        changes_requested  sent back with a section to correct; the trainee has replied
        accepted           reviewed and accepted (competent: it is the model answer)

    `person` practises (a new trainee when not given); `facilitator` reviews.
    """
    person = person or UserFactory(roles={Role.TRAINEE}, name="Aisha Rahman")
    return PRACTICE_STATES[state](Practice(person, facilitator))


# The training programme ------------------------------------------------------------------------


def programme(lead: User | None = None, **overrides):
    """A training programme led by `lead` (a new facilitator when not given)."""
    lead = lead or UserFactory(roles={Role.FACILITATOR})
    fields = {"name": "EIA training 2027", "target_delegates": 200, **overrides}
    return programmes.create_programme(lead, lead=lead, **fields)


def training_session(programme, *, facilitators=None, starts_in=timedelta(days=7),
                     capacity=12, announce=True, now=None, **overrides):
    """A delegate session of `programme` starting `starts_in` after `now`, with two
    facilitators (so that neither needs to lead alone), announced unless told otherwise."""

    now = now or utcnow()
    facilitators = facilitators or [UserFactory(roles={Role.FACILITATOR}) for _ in range(2)]
    details = sessions.SessionDetails(
        title=overrides.pop("title", "Equality impact assessments: the essentials"),
        starts_at=now + starts_in, duration_minutes=overrides.pop("duration_minutes", 150),
        capacity=capacity, facilitators=facilitators,
        place=overrides.pop("place", "Room 2, Civic Centre"), **overrides)
    session = sessions.schedule_session(facilitators[0], programme, details, now=now)
    if announce:
        sessions.announce_session(facilitators[0], session, now=now)
    return session


def past_session(programme, *, attendees=(), no_shows=(), days_ago=3, **overrides):
    """A delegate session of `programme` that started `days_ago` days ago, booked by
    `attendees` and `no_shows` before it started, with attendance marked."""
    earlier = utcnow() - timedelta(days=days_ago + 7)
    capacity = overrides.pop("capacity", max(12, len(attendees) + len(no_shows)))
    session = training_session(programme, now=earlier, capacity=capacity, **overrides)
    marks = {}
    for people, mark in ((attendees, Attendance.ATTENDED), (no_shows, Attendance.NO_SHOW)):
        for person in people:
            marks[bookings.book(person, session, now=earlier).id] = mark
    if marks:
        bookings.mark_attendance(session.facilitators[0].user, session, marks)
    return session
