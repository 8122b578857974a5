"""Demo: moving falls-prevention classes into community venues, as first submitted, with the
equality reviewer's first round, the author's answers and corrections, the decisions and the
public summary. Version 1 rates religion or belief neutral against its own evidence and
leaves community transport unfunded; the reviewer sends it back, the author corrects both, and
it is signed off; version 2 adds a review trigger and is signed off and published
(`eia.demo.journeys`). The programme's age criterion carries its justification."""

from __future__ import annotations

from datetime import date

from eia.demo.parts import (
    action,
    assessment_document,
    day,
    done,
    engaged,
    impact,
    last_financial_year,
    month,
    months,
    relevance,
    source,
)
from eia.domain import Verdict

TITLE = "Running falls-prevention classes in community venues"

DECISION = 0  # decided on the day the demo runs, after sign-off
ENGAGEMENT = (-110, -50)

OK, IMPROVE, CORRECT = Verdict.ACCEPTABLE, Verdict.IMPROVABLE, Verdict.TO_CORRECT

# What the reviewer says about a sound assessment of this proposal.
REVIEW = {
    "screening": (OK, "Clear, and the age criterion is dealt with at the outset."),
    "evidence": (OK, "Good use of the falls admissions data by area."),
    "engagement": (OK, "The people most affected were heard, and each entry says what "
                       "changed."),
    "three_aims": (OK, "The objective justification of the age criterion is well made: "
                       "aim, evidence, and why it goes no further than needed."),
    "monitoring_and_review": (OK, "Completion by area and ethnicity is the right measure."),
}

# The first round: what the reviewer sends back.
FIRST_ROUND = {
    **REVIEW,
    "evidence": (IMPROVE, "The referral data is from the last financial year; check whether "
                          "the Eastfield completion rate has changed since the new "
                          "referral route started."),
    "impact_by_group": (CORRECT, "Religion or belief is rated neutral, but your own "
                                 "engagement (E4) says some Muslim, Hindu and Sikh members "
                                 "would not exercise in St Mark’s Church Hall. That is a "
                                 "negative impact on the people the Eastfield class is "
                                 "meant for: rate it negative and say what you will do."),
    "action_plan": (CORRECT, "The community transport action has no funding. Without it "
                             "the decision-maker cannot rely on it as a mitigation: confirm "
                             "it is funded, or say what happens if it is not."),
}

REQUEST_REASON = ("Two sections need correcting before this can go for sign-off: the "
                  "impact on religion or belief at the Eastfield venue, and funding for "
                  "community transport. Please also look at the evidence point.")

REPLIES = {
    "impact_by_group": "Agreed. The Eastfield class moves to Eastfield Community Centre, on "
                       "the same bus route, and a female instructor is offered on request. "
                       "Religion or belief is now rated negative, with that mitigation.",
    "action_plan": "Community transport is funded from the public health grant for two "
                   "years (£18,000 a year), confirmed by the Director of Public Health. "
                   "Added to the action.",
    "evidence": "Checked with the information team: Eastfield completion rose only from 18% "
                "to 21% since the new route, so the figures still hold.",
}

# The author's corrections, made through the editing services.
RELIGION_CORRECTED = {
    "mitigation": "The Eastfield class moves from St Mark’s Church Hall to Eastfield "
                  "Community Centre, on the same bus route, and a female instructor is "
                  "offered on request.",
    "residual": "None expected; attendance at the Eastfield class by ethnicity is "
                "monitored.",
}
ADJUSTMENTS_CORRECTED = (
    "Community transport, funded for two years; a bilingual instructor at Eastfield; the "
    "Eastfield class at Eastfield Community Centre instead of St Mark’s Church Hall, with a "
    "female instructor on request; the supervised Riverside class.")
TRANSPORT_FUNDED = " Funded from the public health grant for two years (£18,000 a year)."

# Version 2, after the decision.
REVIEW_TRIGGERS_V2 = (
    "Review early if completion in Eastfield falls below half, if any venue becomes "
    "unavailable, or if community transport funding is not renewed after two years.")
REVIEW_V2 = {"monitoring_and_review": (OK, "The funding trigger is a sensible addition.")}

FORUM = "Executive Management Team"
DECIDED = (
    "Approved moving the falls-prevention classes to four community venues, with the "
    "Eastfield class at Eastfield Community Centre, free community transport funded for two "
    "years, and a class at Riverside for people at highest risk.")
DECIDED_V2 = (
    "Noted the revised assessment, which adds an early review if community transport funding "
    "is not renewed, and confirmed the decision.")
ACCEPTED = ["age", "disability", "race", "religion_belief", "socio_economic"]

PUBLIC_SUMMARY = (
    "Falls-prevention classes are moving from the Northgate clinic gym to four community "
    "venues, including Eastfield Community Centre, so that people can go nearer home and wait "
    "less. The classes are for people aged 65 and over, and for people aged 50 to 64 whom a "
    "physiotherapist judges at high risk of falling. We found that people who cannot walk to "
    "a venue or use the bus, and people with limited English, could miss out, and that a "
    "church hall would put some people off. So we are providing free community transport, "
    "an interpreter or a bilingual instructor, a female instructor on request, and a "
    "supervised class at Riverside for people at highest risk. We will check who finishes "
    "the classes, by area and group, every quarter.")


def venue_action(today: date) -> dict:
    """The action the author adds in answer to the reviewer."""
    return action(
        "Book Eastfield Community Centre for the Eastfield class in place of St Mark’s Church "
        "Hall, and offer a female instructor on request.", ["race", "religion_belief"],
        "Falls Prevention Coordinator", day(today, 30),
        "The class running at the community centre from its first week.")


def _evidence(today: date) -> list[dict]:
    return [
        source("E1", "service_data", "Falls-prevention programme: referrals and attendance",
               last_financial_year(today),
               "412 people referred; 70% women; median age 79; 3% veterans. One class of 12 "
               "at the Northgate clinic gym; median wait 14 weeks. 31% of people referred "
               "did not start, most often giving travel as the reason. 38% of referrals came "
               "from Eastfield, but only 18% of Eastfield referrals completed the programme."),
        source("E2", "population_data", "Falls admissions and population by area",
               "Public health profile, latest year",
               "Emergency admissions for falls among people aged 65 and over are 40% higher "
               "in Eastfield than the district average. 17% of Eastfield residents are of "
               "Pakistani or Bangladeshi heritage and 9% do not speak English well."),
        source("E3", "research", "Evidence for strength and balance programmes",
               "Review of national guidance and trials",
               "The 50-hour, 24-week strength and balance programme we use was tested in "
               "trials of people aged 65 and over, in whom it reduces falls. National falls "
               "guidance also covers people aged 50 to 64 at higher risk of falling, whose "
               "treatment is decided individually."),
        source("E4", "consultation", "Engagement with class members and community groups",
               months(today, *ENGAGEMENT),
               "60% of class members would rather travel less. The older people’s forum "
               "asked for step-free venues on bus routes. The Eastfield Asian Elders Group "
               "said some Muslim, Hindu and Sikh members would not feel comfortable "
               "exercising in a church hall, and asked for a female instructor and for "
               "classes in Urdu and Bengali. The sight loss society asked for transport."),
        source("E5", "other", "Venue access checks", month(today, -70),
               "Millbrook Leisure Centre, Northgate Community Centre, Riverside Health Centre "
               "and St Mark’s Church Hall, Eastfield: all step-free with accessible toilets "
               "and on bus routes. Eastfield Community Centre, as an alternative: step-free, "
               "accessible toilet, next to the bus stop, free on Tuesday mornings."),
    ]


def _impacts() -> dict:
    return {
        "age": impact(
            "both",
            "People aged 65 and over, median age 79, could go to a class near home instead "
            "of travelling to Northgate, and wait less than 14 weeks. The frailest, at "
            "highest risk of a fall during exercise, need closer supervision than a "
            "community venue gives. Younger people at high risk join on clinical referral.",
            ["E1", "E3", "E4"],
            mitigation="A supervised class at Riverside for people at highest risk; community "
                       "classes led by instructors trained in postural stability, with a "
                       "physiotherapist on call.",
            harm_remains=False,
            residual="None expected; falls during classes are recorded and reviewed.",
        ),
        "disability": impact(
            "both",
            "All five venues are step-free with accessible toilets, and shorter journeys help "
            "people with pain or sight loss. But people who cannot walk to a venue or use the "
            "bus could still not get there, as the sight loss society told us.",
            ["E4", "E5"],
            mitigation="Free community transport to classes for anyone who cannot walk or "
                       "use the bus.",
            harm_remains=False,
            residual="None expected.",
        ),
        "race": impact(
            "negative",
            "Eastfield has the highest falls admissions, the largest Pakistani and "
            "Bangladeshi communities and the lowest completion rate. Classes taught only in "
            "English would keep out people with limited English, who are the people the "
            "Eastfield class is for.",
            ["E1", "E2", "E4"],
            mitigation="A bilingual instructor, or an interpreter, at the Eastfield class.",
            harm_remains=False,
            residual="None expected; completion by ethnicity is monitored.",
        ),
        "religion_belief": impact(
            "neutral",
            "The Eastfield class would meet in St Mark’s Church Hall. The Eastfield Asian "
            "Elders Group told us some Muslim, Hindu and Sikh members would not feel "
            "comfortable exercising in a church hall. The classes are not religious and are "
            "open to everyone.",
            ["E4", "E5"],
        ),
        "sex": impact(
            "positive",
            "Women are 70% of people referred, more often have osteoporosis and more often "
            "live alone, so classes nearer home and shorter waits help them most. A female "
            "instructor can be offered at the Eastfield class.",
            ["E1", "E4"],
        ),
        "armed_forces": impact(
            "neutral",
            "3% of people referred are veterans, spread across the district, so they gain "
            "from venues nearer home as others do; priority for conditions related to "
            "service is unchanged.",
            ["E1"],
        ),
        "carers": impact(
            "positive",
            "Many people are brought to Northgate by a family carer. A venue near home, and "
            "community transport for those who need it, saves carers a long round trip each "
            "week for 24 weeks.",
            ["E1", "E4"],
        ),
        "socio_economic": impact(
            "both",
            "Classes stay free, and a venue within walking distance saves bus fares. But "
            "community transport costs £2 each way, which people on low incomes who cannot "
            "walk or use the bus would have to pay for 24 weeks.",
            ["E1", "E4"],
            mitigation="Community transport free of charge for everyone going to a class.",
            harm_remains=False,
            residual="None expected.",
        ),
        "health_inequalities": impact(
            "positive",
            "Eastfield has 40% more falls admissions than average, and only 18% of its "
            "referrals complete the programme. A class in Eastfield brings prevention to "
            "where falls are most common.",
            ["E1", "E2"],
        ),
    }


def _actions(today: date) -> list[dict]:
    return [
        action("Arrange free community transport to classes for anyone who cannot walk to "
               "a venue or use the bus.", ["disability", "socio_economic"],
               "Falls Prevention Coordinator", day(today, 45),
               "Everyone who asks has transport from their first class.", "in_progress"),
        action("Recruit a bilingual instructor for the Eastfield class, or book an "
               "interpreter for every session.", ["race"], "Falls Prevention Coordinator",
               day(today, 60), "Every Eastfield session has an Urdu or Bengali speaker."),
        action("Run a supervised class at Riverside Health Centre for people at highest risk.",
               ["age"], "Clinical Lead, Outpatient Physiotherapy", day(today, 60),
               "Everyone assessed as highest risk offered a place within four weeks."),
        action("Report completion by venue, area, age band, sex and ethnicity every quarter.",
               ["age", "race", "health_inequalities"], "Head of Information", day(today, 120),
               "Eastfield completion at least 50% within a year."),
    ]


def document(lead_officer_email: str, today: date) -> dict:
    return assessment_document(
        title=TITLE, type="service_change",
        unit="Community Health Services: Outpatient Physiotherapy",
        lead=lead_officer_email, decision_maker="Director of Community Health Services",
        decision_forum=FORUM, decision_date=day(today, DECISION),
        work_started_on=day(today, -140),
        extra_groups=["armed_forces", "carers", "health_inequalities", "socio_economic"],
        sections={
            "screening": done(
                change_nature="revised",
                change_description=(
                    "The 24-week falls-prevention (strength and balance) programme now runs "
                    "as one class at the Northgate clinic gym. It would run as classes in "
                    "four community venues, in Millbrook, Northgate, Eastfield and Riverside, "
                    "led by instructors trained in postural stability with physiotherapy "
                    "support. It is for people aged 65 and over, and people aged 50 to 64 "
                    "whom a physiotherapist judges at high risk of falling."
                ),
                affected_people=["service_users", "public", "partners"],
                relevant_eliminate_discrimination="yes",
                relevant_advance_equality="yes",
                relevant_good_relations="yes",
                likely_impacts=(
                    "Older people, disabled people and Eastfield residents could reach "
                    "classes more easily; the frailest need supervision; venues and "
                    "language matter to some communities."
                ),
                group_relevance=relevance(
                    age=("high", "The programme is for older people, and its age criterion "
                                 "needs justifying."),
                    disability=("high", "Many people referred have pain, sight loss or "
                                        "balance problems."),
                    gender_reassignment=("none", "People exercise in their own clothes, so "
                                                 "no changing is needed, and nothing about "
                                                 "the classes depends on gender identity."),
                    marriage_civil_partnership=("none", "A change to a service; no "
                                                        "employment term changes."),
                    pregnancy_maternity=("none", "The programme is for falls in later life; "
                                                 "balance problems in pregnancy are treated "
                                                 "by the pelvic-health service."),
                    race=("medium", "Eastfield’s South Asian communities have high falls "
                                    "admissions and low completion."),
                    religion_belief=("medium", "Venues can matter to people of different "
                                               "faiths."),
                    sex=("medium", "70% of people referred are women."),
                    sexual_orientation=("none", "The classes ask nothing about relationships "
                                                "and do not depend on sexual orientation."),
                    armed_forces=("low", "Veterans are referred in proportion."),
                    carers=("medium", "Carers bring many people to classes."),
                    socio_economic=("high", "Travel costs fall on people on low incomes."),
                    health_inequalities=("high", "Eastfield has the highest falls "
                                                 "admissions."),
                ),
                screening_decision="full_assessment",
                screening_basis="Programme data, public health falls data and engagement.",
            ),
            "aims_and_scope": done(
                purpose="To prevent falls and fractures by getting more people, especially "
                        "in Eastfield, to start and finish the programme.",
                intended_outcomes="Median wait under four weeks; completion at least 60% "
                                  "overall and 50% in Eastfield.",
                delivery="Four community classes from three months after the decision, with "
                         "the Northgate gym class ending when they start.",
            ),
            "evidence": done(evidence_gaps="Ethnicity is recorded for 80% of people referred; "
                                           "the coordinator will ask at assessment."),
            "engagement": done(engagement_gaps="People who were referred but never started "
                                               "were hard to reach; we will phone a sample."),
            "impact_by_group": done(),
            "intersectional_and_cumulative": done(
                intersectional_impact=(
                    "Older South Asian women in Eastfield with limited English are most at "
                    "risk of falls and least likely to complete the programme now. The "
                    "Eastfield venue, a bilingual instructor and a female instructor on "
                    "request are aimed at them, and their completion will be reported "
                    "separately."
                ),
                cumulative_impact=(
                    "The single-site physiotherapy proposal would close the Northgate clinic "
                    "gym, and the Eastfield bus subsidy is being reduced. Community venues "
                    "near home make the classes less dependent on both."
                ),
            ),
            "three_aims": done(
                aim_eliminate_discrimination=(
                    "Admitting people from age 65 treats younger adults less favourably "
                    "because of age, which is lawful only if it is a proportionate means of a "
                    "legitimate aim. It is: the aim is to prevent falls and fractures where "
                    "they are concentrated, in later life; the programme was tested in people "
                    "aged 65 and over; and it goes no further than needed, because people "
                    "aged 50 to 64 at high risk join on clinical referral and anyone younger "
                    "is treated individually by the physiotherapy service."
                ),
                aim_advance_equality="Classes in Eastfield, with language support and "
                                     "transport, meet the needs of the people least likely "
                                     "to complete the programme now.",
                aim_foster_good_relations="Classes in shared community venues bring older "
                                          "people from different communities together.",
            ),
            "other_duties": done(
                human_rights_engaged="no",
                socio_economic_impact="See the impact for socio-economic disadvantage.",
                health_inequalities="affects",
                health_inequalities_detail="A class in Eastfield, the Core20PLUS5 area with "
                                           "the highest falls admissions, should narrow the "
                                           "gap in completion.",
                armed_forces_covenant="Considered: veterans gain as others do, and their "
                                      "priority is unchanged.",
            ),
            "outcome": done(
                outcome="adjust",
                outcome_summary="Move the classes to community venues, adjusted with "
                                "transport, language support and a supervised class for "
                                "people at highest risk.",
                adjustments="Community transport; a bilingual instructor at Eastfield; the "
                            "supervised Riverside class.",
            ),
            "action_plan": done(),
            "monitoring_and_review": done(
                monitoring_indicators="Quarterly: starts and completion by venue, area, age "
                                      "band, sex and ethnicity; falls during classes.",
                monitoring_owner="Falls Prevention Coordinator",
                review_date=day(today, 300),
                review_triggers="Review early if completion in Eastfield falls below half, "
                                "or if any venue becomes unavailable.",
            ),
        },
        evidence=_evidence(today),
        engagement=[
            engaged("Class members and the older people’s forum", day(today, ENGAGEMENT[0]),
                    day(today, -90), ["age", "disability", "sex", "socio_economic"],
                    "A survey in class and a forum meeting",
                    "Most would rather travel less; venues must be step-free and on bus "
                    "routes.",
                    "Venues chosen on bus routes and checked for access."),
            engaged("Eastfield Asian Elders Group", day(today, -75), None,
                    ["race", "religion_belief", "age", "sex", "health_inequalities"],
                    "A listening event with interpreters",
                    "Some would not exercise in a church hall; asked for a female instructor "
                    "and classes in Urdu and Bengali.",
                    "A bilingual instructor for the Eastfield class."),
            engaged("Sight loss society and the Carers’ Centre", day(today, -60),
                    day(today, ENGAGEMENT[1]), ["disability", "carers", "socio_economic"],
                    "Meetings", "People who cannot use the bus need transport.",
                    "Community transport added."),
        ],
        impacts=_impacts(),
        actions=_actions(today),
    )
