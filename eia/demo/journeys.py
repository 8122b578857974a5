"""Demo assessments at every stage of review and sign-off, moved there by the real services.

Each journey imports its own assessment (a module of this package with its TITLE, document()
and what the reviewer says about it), then makes the moves a real team would: the author
submits, the equality reviewer takes it and comments section by section, the author answers,
the signatory signs off or returns it, and the decision is recorded. Every move goes through
`eia.services.workflow`, every comment, checklist and reply through `eia.services.review`, and
every decision through `eia.services.decisions`, so the demo's history, notifications and
audit trail are the ones the application itself would have written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from types import ModuleType

from eia import queries
from eia.collections import ACTIONS
from eia.demo import (
    appointment_texts,
    falls_classes,
    fernhill,
    hydrotherapy,
    lunch_charges,
    self_referral,
    support_worker_rota,
)
from eia.domain import ImpactLevel, Verdict
from eia.models.assessments import AssessmentVersion
from eia.models.review import CHECKLIST, Review
from eia.models.users import User
from eia.progress import applicable_sections
from eia.services import accounts, collections, decisions, impacts, review, sections, transfer
from eia.services import workflow as moves

LEAD = "author@example.org"
SECOND_AUTHOR = "author2@example.org"
REVIEWER = "reviewer@example.org"
APPROVER = "approver@example.org"

People = dict[str, User]


@dataclass(frozen=True)
class Journey:
    content: ModuleType  # TITLE, document(email, today), and the reviewer's words
    lead: str
    steps: Callable[[People, AssessmentVersion, ModuleType, date], str]  # says where it ended

    @property
    def title(self) -> str:
        return self.content.TITLE


def _people() -> People:
    return {email: accounts.get_user_by_email(email)
            for email in (LEAD, SECOND_AUTHOR, REVIEWER, APPROVER)}


def _comment(reviewer: User, version: AssessmentVersion, points: dict,
             only: set[str] | None = None) -> None:
    """A verdict on every applicable section (or those in `only`): acceptable without a
    comment unless `points` says otherwise."""
    for section in applicable_sections(version, version.framework):
        if only is not None and section.id not in only:
            continue
        verdict, comment = points.get(section.id, (Verdict.ACCEPTABLE, ""))
        review.record_point(reviewer, version, section.id, verdict.value, comment)


def _tick_checklist(reviewer: User, version: AssessmentVersion) -> None:
    review.record_checklist(reviewer, version, {key for key, _label in CHECKLIST})


def _recommended(people: People, version: AssessmentVersion, points: dict) -> None:
    moves.submit(version.lead_officer, version)
    moves.start_review(people[REVIEWER], version)
    _comment(people[REVIEWER], version, points)
    _tick_checklist(people[REVIEWER], version)
    moves.recommend(people[REVIEWER], version)


def _changes_requested(people: People, version: AssessmentVersion, content) -> Review:
    moves.submit(version.lead_officer, version)
    round_ = moves.start_review(people[REVIEWER], version)
    _comment(people[REVIEWER], version, content.FIRST_ROUND)
    review.record_checklist(people[REVIEWER], version, {
        key for key, _label in CHECKLIST
        if key not in ("negative_impacts_answered", "actions_owned")})
    moves.request_changes(people[REVIEWER], version, content.REQUEST_REASON)
    return round_


def _answer(round_: Review, author: User, replies: dict[str, str], *, resolve: bool) -> None:
    version = round_.version
    for section_id, body in replies.items():
        point = round_.point_for(section_id)
        review.reply(author, version, point, body)
        if resolve:
            review.resolve(author, version, point)


def _signed_off_with_decision(people: People, version: AssessmentVersion, today: date, *,
                              forum: str, decided: str, accepted: list[str],
                              minute: str) -> None:
    """The signatory signs off; the decision-maker then decides, and the signatory records it
    (never dated before the sign-off)."""
    signed = moves.sign_off(people[APPROVER], version, declaration_accepted=True)
    decisions.record_decision(people[APPROVER], version, decisions.DecisionDetails(
        decided_on=max(today, signed.signed_at.date()), forum=forum, minute_reference=minute,
        assessment_considered=True, what_was_decided=decided, accepted_mitigations=accepted))


# --- The journeys -----------------------------------------------------------------------------


def _waiting(people: People, version: AssessmentVersion, content, today: date) -> str:
    moves.submit(version.lead_officer, version)
    return "in review, not yet taken"


def _being_reviewed(people: People, version: AssessmentVersion, content, today: date) -> str:
    moves.submit(version.lead_officer, version)
    moves.start_review(people[REVIEWER], version)
    _comment(people[REVIEWER], version, content.REVIEW, only=set(content.REVIEW))
    return "in review, being reviewed"


def _returned_by_reviewer(people: People, version: AssessmentVersion, content,
                          today: date) -> str:
    round_ = _changes_requested(people, version, content)
    _answer(round_, version.lead_officer, content.REPLIES, resolve=False)
    return "changes requested, with the author's first reply"


def _awaiting_sign_off(people: People, version: AssessmentVersion, content,
                       today: date) -> str:
    _recommended(people, version, content.REVIEW)
    return "awaiting sign-off"


def _signed_off(people: People, version: AssessmentVersion, content, today: date) -> str:
    _recommended(people, version, content.REVIEW)
    _signed_off_with_decision(people, version, today, forum=content.FORUM,
                              decided=content.WHAT_WAS_DECIDED, accepted=content.ACCEPTED,
                              minute=f"SMT {today:%Y}/{today:%m}/4")
    return "signed off, decision recorded"


def _withdrawn(people: People, version: AssessmentVersion, content, today: date) -> str:
    moves.withdraw(version.lead_officer, version, content.WITHDRAW_REASON)
    return "withdrawn"


def _revised_and_published(people: People, version: AssessmentVersion, content,
                           today: date) -> str:
    """Version 1 signed off after a round of changes, and decided; version 2 revised, signed
    off, decided and published."""
    author = version.lead_officer
    round_ = _changes_requested(people, version, content)
    _answer(round_, author, content.REPLIES, resolve=True)
    _make_the_changes(author, version, content, today)
    _recommended(people, version, {
        **content.REVIEW,
        "impact_by_group": (Verdict.ACCEPTABLE, "Thank you: the Eastfield venue is sorted "
                                                "and religion or belief properly rated."),
        "action_plan": (Verdict.ACCEPTABLE, "Funding for transport confirmed. Resolved."),
    })
    _signed_off_with_decision(people, version, today, forum=content.FORUM,
                              decided=content.DECIDED, accepted=content.ACCEPTED,
                              minute=f"EMT {today:%Y}/{today:%m}/7")

    second = moves.revise(author, version)
    monitoring = second.framework.section("monitoring_and_review")
    sections.save_answers(author, second, monitoring,
                          {"review_triggers": content.REVIEW_TRIGGERS_V2}, expected_lock=None)
    sections.set_section_completed(author, second, monitoring, True, missing=[])
    _recommended(people, second, {**content.REVIEW, **content.REVIEW_V2})
    _signed_off_with_decision(people, second, today, forum=content.FORUM,
                              decided=content.DECIDED_V2, accepted=content.ACCEPTED,
                              minute=f"EMT {today:%Y}/{today:%m}/7a")
    moves.publish(people[APPROVER], second, content.PUBLIC_SUMMARY)
    return "version 1 superseded, version 2 signed off, decided and published"


def _make_the_changes(author: User, version: AssessmentVersion, content, today: date) -> None:
    """What the author changed in answer to the reviewer, through the editing services."""
    framework = version.framework
    impact_section = framework.section("impact_by_group")
    row = version.impact_for("religion_belief")
    impacts.save_impact(author, version, impact_section, framework.group("religion_belief"),
                        impacts.ImpactAnswer(
                            impact=ImpactLevel.NEGATIVE, effect=row.effect,
                            evidence_ids=[source.id for source in row.evidence],
                            mitigation=content.RELIGION_CORRECTED["mitigation"],
                            harm_remains=False,
                            residual_impact=content.RELIGION_CORRECTED["residual"]),
                        expected_lock=row.lock_version)
    transport = next(a for a in version.actions if "community transport" in a.description)
    values = ACTIONS.values_of(transport)
    values["description"] += content.TRANSPORT_FUNDED
    collections.change_item(author, version, ACTIONS, transport, values,
                            expected_lock=transport.lock_version)
    added = content.venue_action(today)
    collections.add_item(author, version, ACTIONS,
                         {**added, "due_date": date.fromisoformat(added["due_date"])})
    sections.save_answers(author, version, framework.section("outcome"),
                          {"adjustments": content.ADJUSTMENTS_CORRECTED}, expected_lock=None)
    for section_id in ("impact_by_group", "action_plan", "outcome"):
        sections.set_section_completed(author, version, framework.section(section_id), True,
                                       missing=[])


JOURNEYS = (
    Journey(lunch_charges, SECOND_AUTHOR, _waiting),
    Journey(self_referral, LEAD, _being_reviewed),
    Journey(support_worker_rota, SECOND_AUTHOR, _returned_by_reviewer),
    Journey(appointment_texts, LEAD, _awaiting_sign_off),
    Journey(hydrotherapy, LEAD, _signed_off),
    Journey(fernhill, SECOND_AUTHOR, _withdrawn),
    Journey(falls_classes, LEAD, _revised_and_published),
)


def load_journeys(today: date) -> Iterator[str]:
    people = _people()
    for journey in JOURNEYS:
        lead = people[journey.lead]
        if queries.find_assessment_by_title(journey.title, lead.id):
            yield f"exists: {journey.title}"
            continue
        version = transfer.import_document(
            lead, journey.content.document(lead.email, today)).latest
        where = journey.steps(people, version, journey.content, today)
        yield f"created: {version.reference} {journey.title} ({where})"
