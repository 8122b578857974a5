"""Demo assessments at every stage of review and sign-off, moved there by the real services.

Each journey imports a copy of a demo document under its own title, then makes the moves a
real team would: the author submits, the equality reviewer takes it and comments section by
section, the author answers, the signatory signs off or returns it. Every move goes through
`eia.services.workflow`, and every comment, checklist and reply through `eia.services.review`,
so the demo's history, notifications and audit trail are the ones the application itself would
have written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date

from eia import queries
from eia.collections import ACTIONS
from eia.demo import day_services, physiotherapy
from eia.domain import ImpactLevel, Verdict
from eia.models.review import CHECKLIST, Review
from eia.models.users import User
from eia.progress import applicable_sections
from eia.services import accounts, collections, impacts, review, sections, transfer
from eia.services import workflow as moves

LEAD = "author@example.org"
SECOND_AUTHOR = "author2@example.org"
REVIEWER = "reviewer@example.org"
APPROVER = "approver@example.org"

OK, IMPROVE, CORRECT = Verdict.ACCEPTABLE, Verdict.IMPROVABLE, Verdict.TO_CORRECT

# What an equality lead writes on a sound assessment: short, specific, and saying why.
SOUND = {
    "screening": (OK, "Screening is clear and a full assessment is the right call: the "
                      "activity data shows Eastfield patients are older and poorer than the "
                      "district as a whole."),
    "aims_and_scope": (OK, "Aims and outcomes are measurable. Good to see ‘no fall in "
                           "attendance by any group’ as an outcome in its own right."),
    "evidence": (OK, "Good range of sources. The gap in ethnicity recording is acknowledged "
                     "and has an action."),
    "engagement": (OK, "Engagement reached the groups most affected, and each entry says "
                       "what changed as a result. This is what we want to see."),
    "impact_by_group": (OK, "Every protected characteristic is covered with evidence or a "
                            "reason. Mitigations are specific."),
    "intersectional_and_cumulative": (OK, "Strong section. Naming the bus subsidy cut and the "
                                          "GP merger shows real thought about the cumulative "
                                          "impact on Eastfield."),
    "three_aims": (OK, "All three aims addressed with reference to the evidence."),
    "other_duties": (OK, "Socio-economic disadvantage and health inequalities (Core20PLUS5) "
                         "are properly considered."),
    "outcome": (OK, "‘Adjust the proposal’ is the right outcome and the adjustments are "
                    "listed."),
    "action_plan": (OK, "Each action has an owner, a date and a measure of success."),
    "monitoring_and_review": (OK, "Quarterly monitoring broken down by group, with early "
                                  "review triggers. Good."),
}

# A first round that finds real problems, as a council or trust equality lead would put them.
NEEDS_WORK = {
    **SOUND,
    "evidence": (IMPROVE, "The workforce profile is a year old and does not say how many "
                          "staff are on maternity leave or expected back before the move. "
                          "Please check it with HR so the staff impacts rest on current "
                          "figures."),
    "impact_by_group": (CORRECT, "Pregnancy and maternity is rated positive, but the text "
                                 "says longer travel from Eastfield is a risk late in "
                                 "pregnancy. That is a negative impact for some women: rate "
                                 "it ‘both’ and show the outreach clinic and transport as "
                                 "the mitigation."),
    "intersectional_and_cumulative": (IMPROVE, "Consider younger disabled people who work: "
                                               "evening sessions help them, but how will "
                                               "they get to Riverside after work when buses "
                                               "from Eastfield stop at 6pm?"),
    "action_plan": (CORRECT, "The transport action has no budget or funding source. Without "
                             "one the decision-maker cannot rely on it as a mitigation. "
                             "Please confirm it is funded, or say what happens if it is "
                             "not."),
}

REQUEST_REASON = ("Two sections need correcting before this can go for sign-off: the "
                  "pregnancy and maternity impact, and funding for the transport action. "
                  "Please also look at the points marked improvable.")

# The author's answers to the points, by section.
REPLIES = {
    "impact_by_group": "Agreed. We have changed pregnancy and maternity to ‘both’ and added "
                       "women in the last three months of pregnancy to those eligible for "
                       "transport.",
    "action_plan": "Transport is funded from the estates programme budget for the first two "
                   "years (£84,000 a year, agreed at the capital board on 3 September). Added "
                   "to the action.",
    "evidence": "Checked with HR: two staff are on maternity leave and both return after the "
                "move. Their managers will discuss travel and working pattern with them "
                "before they come back.",
}


@dataclass(frozen=True)
class Journey:
    title: str
    lead: str
    base: Callable[[str, date], dict]
    steps: Callable[[dict[str, User], object], str]  # makes the moves; says where it ended


def _people() -> dict[str, User]:
    return {email: accounts.get_user_by_email(email)
            for email in (LEAD, SECOND_AUTHOR, REVIEWER, APPROVER)}


def _comment(reviewer: User, version, points: dict, only: set[str] | None = None) -> None:
    for section in applicable_sections(version, version.framework):
        if only is not None and section.id not in only:
            continue
        verdict, comment = points.get(section.id, (OK, ""))
        review.record_point(reviewer, version, section.id, verdict.value, comment)


def _tick_checklist(reviewer: User, version) -> None:
    review.record_checklist(reviewer, version, {key for key, _label in CHECKLIST})


def _recommended(people, version) -> None:
    moves.submit(version.lead_officer, version)
    moves.start_review(people[REVIEWER], version)
    _comment(people[REVIEWER], version, SOUND)
    _tick_checklist(people[REVIEWER], version)
    moves.recommend(people[REVIEWER], version)


def _changes_requested(people, version) -> Review:
    moves.submit(version.lead_officer, version)
    round_ = moves.start_review(people[REVIEWER], version)
    _comment(people[REVIEWER], version, NEEDS_WORK)
    review.record_checklist(people[REVIEWER], version, {
        key for key, _label in CHECKLIST
        if key not in ("negative_impacts_answered", "actions_owned")})
    moves.request_changes(people[REVIEWER], version, REQUEST_REASON)
    return round_


def _answer(round_: Review, author: User, section_ids: tuple[str, ...], *,
            resolve: bool) -> None:
    version = round_.version
    for section_id in section_ids:
        point = round_.point_for(section_id)
        review.reply(author, version, point, REPLIES[section_id])
        if resolve:
            review.resolve(author, version, point)


# --- The journeys -----------------------------------------------------------------------------


def _waiting(people, version) -> str:
    moves.submit(version.lead_officer, version)
    return "in review, not yet taken"


def _being_reviewed(people, version) -> str:
    moves.submit(version.lead_officer, version)
    moves.start_review(people[REVIEWER], version)
    _comment(people[REVIEWER], version, SOUND, only={"screening", "aims_and_scope", "evidence"})
    return "in review, being reviewed"


def _returned_by_reviewer(people, version) -> str:
    round_ = _changes_requested(people, version)
    _answer(round_, version.lead_officer, ("action_plan",), resolve=False)
    return "changes requested, with the author's first reply"


def _awaiting_sign_off(people, version) -> str:
    _recommended(people, version)
    return "awaiting sign-off"


def _signed_off(people, version) -> str:
    _recommended(people, version)
    moves.sign_off(people[APPROVER], version, declaration_accepted=True)
    return "signed off"


def _withdrawn(people, version) -> str:
    moves.withdraw(version.lead_officer, version,
                   "Cabinet has decided to keep Fernhill open for a further year while the "
                   "community offer is developed, so this proposal will not go ahead now. A "
                   "new assessment will be started for the revised proposal.")
    return "withdrawn"


PUBLIC_SUMMARY = (
    "Outpatient physiotherapy is moving from three clinics to Riverside Health Centre, with an "
    "outreach clinic at Eastfield Library two days a week. We found that older, disabled and "
    "low-income patients in Eastfield, and carers who bring them, would have longer and dearer "
    "journeys. To prevent this we are providing free transport for those who need it, "
    "interpreters and translated letters, female physiotherapists on request and evening "
    "appointments. We will check attendance by group every quarter and review the change "
    "after a year.")


def _revised_and_published(people, version) -> str:
    """Version 1 signed off after a round of changes; version 2 signed off and published."""
    author = version.lead_officer
    round_ = _changes_requested(people, version)
    _answer(round_, author, ("impact_by_group", "action_plan", "evidence"), resolve=True)
    _make_the_changes(author, version)
    _recommended_again(people, version)
    moves.sign_off(people[APPROVER], version, declaration_accepted=True)

    second = moves.revise(author, version)
    framework = second.framework
    monitoring = framework.section("monitoring_and_review")
    sections.save_answers(author, second, monitoring, {"review_triggers": (
        "Review early if did-not-attend rates for any group rise by more than two percentage "
        "points, if the bus subsidy changes further, or if the transport contract is not "
        "renewed after its first two years.")}, expected_lock=None)
    sections.set_section_completed(author, second, monitoring, True, missing=[])
    _recommended(people, second)
    moves.sign_off(people[APPROVER], second, declaration_accepted=True)
    moves.publish(people[APPROVER], second, PUBLIC_SUMMARY)
    return "version 1 superseded, version 2 signed off and published"


def _make_the_changes(author: User, version) -> None:
    """What the author changed in answer to the reviewer, through the editing services."""
    framework = version.framework
    impact_section = framework.section("impact_by_group")
    row = version.impact_for("pregnancy_maternity")
    impacts.save_impact(author, version, impact_section, framework.group("pregnancy_maternity"),
                        impacts.ImpactAnswer(
                            impact=ImpactLevel.BOTH, effect=row.effect,
                            evidence_ids=[source.id for source in row.evidence],
                            mitigation=row.mitigation + " Women in the last three months of "
                            "pregnancy are eligible for transport.",
                            residual_impact=row.residual_impact),
                        expected_lock=row.lock_version)
    transport = next(a for a in version.actions if a.description.startswith("Commission"))
    values = ACTIONS.values_of(transport)
    values["description"] += " Funded from the estates programme budget for two years " \
                             "(£84,000 a year)."
    collections.change_item(author, version, ACTIONS, transport, values,
                            expected_lock=transport.lock_version)
    for section_id in ("impact_by_group", "action_plan"):
        sections.set_section_completed(author, version, framework.section(section_id), True,
                                       missing=[])


def _recommended_again(people, version) -> None:
    moves.submit(version.lead_officer, version)
    moves.start_review(people[REVIEWER], version)
    _comment(people[REVIEWER], version, {
        **SOUND,
        "impact_by_group": (OK, "Thank you: pregnancy and maternity now properly covered."),
        "action_plan": (OK, "Funding for transport confirmed. Resolved."),
    })
    _tick_checklist(people[REVIEWER], version)
    moves.recommend(people[REVIEWER], version)


JOURNEYS = (
    Journey("Extending evening physiotherapy clinics at Riverside Health Centre", SECOND_AUTHOR,
            physiotherapy.document, _waiting),
    Journey("Introducing self-referral to outpatient physiotherapy", LEAD,
            physiotherapy.document, _being_reviewed),
    Journey("Moving pelvic-health physiotherapy classes to Riverside Health Centre", LEAD,
            physiotherapy.document, _returned_by_reviewer),
    Journey("Merging the falls-prevention classes into one programme at Riverside", SECOND_AUTHOR,
            physiotherapy.document, _awaiting_sign_off),
    Journey("Closing the Northgate physiotherapy clinic on Saturdays", LEAD,
            physiotherapy.document, _signed_off),
    Journey("Closing Fernhill day centre ahead of the wider day services review", SECOND_AUTHOR,
            day_services.document, _withdrawn),
    Journey("Bringing community physiotherapy together at Riverside Health Centre", LEAD,
            physiotherapy.document, _revised_and_published),
)


def load_journeys(today: date) -> Iterator[str]:
    people = _people()
    for journey in JOURNEYS:
        lead = people[journey.lead]
        if queries.find_assessment_by_title(journey.title, lead.id):
            yield f"exists: {journey.title}"
            continue
        document = journey.base(lead.email, today)
        document["details"]["title"] = journey.title
        version = transfer.import_document(lead, document).latest
        where = journey.steps(people, version)
        yield f"created: {version.reference} {journey.title} ({where})"
