"""Demo: limiting hydrotherapy to courses of six sessions, an outcome of "continue despite
adverse impact" with its full justification, and the decision recorded after sign-off. The
journeys take it to sign-off and record the decision (`eia.demo.journeys`)."""

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

TITLE = "Offering hydrotherapy in courses of six sessions"

# The decision is made on the day the demo runs, just after sign-off.
DECISION = 0
CONSULTATION = (-120, -60)

REVIEW = {
    "impact_by_group": (Verdict.ACCEPTABLE, "Honest about who is still worse off, and why."),
    "outcome": (Verdict.ACCEPTABLE, "A full justification: the aim is access for people who "
                                    "wait too long, not cost, and the clinical exceptions keep "
                                    "the duty to make reasonable adjustments."),
    "three_aims": (Verdict.ACCEPTABLE, "Correctly identifies discrimination arising from "
                                       "disability and indirect sex and age discrimination, "
                                       "each needing objective justification."),
}

FORUM = "Community Health Services Senior Management Team"
WHAT_WAS_DECIDED = (
    "Approved courses of six hydrotherapy sessions from the next quarter, with further "
    "sessions where a physiotherapist finds continued benefit or deterioration without them, "
    "a supported move to warm-water sessions at Northgate Leisure Centre, and a review after "
    "six months. The remaining impact was accepted as justified for the reasons in the "
    "assessment."
)
ACCEPTED = ["age", "disability", "religion_belief", "sex", "carers", "socio_economic"]


def _evidence(today: date) -> list[dict]:
    return [
        source("E1", "service_data", "Hydrotherapy pool use and waiting list",
               last_financial_year(today),
               "186 patients on open-ended courses used 71% of sessions, a median of 31 "
               "sessions each. 312 people are waiting, with a median wait of 38 weeks. 62% of "
               "pool users are aged 65 or over; 68% are women; 3% are veterans. Conditions: "
               "osteoarthritis 41%, post-operative 18%, rheumatoid arthritis 14%, "
               "fibromyalgia 12%, multiple sclerosis 6%. 24 women were referred with pelvic "
               "girdle pain in pregnancy, and half gave birth before they were seen."),
        source("E2", "research", "Audit of outcomes by number of sessions", month(today, -160),
               "Patient-reported function and pain for 420 courses: on average 85% of the "
               "improvement came by session six, with little change after session eight. "
               "About one course in eight, mostly for multiple sclerosis or severe "
               "rheumatoid arthritis, kept improving, or the patient deteriorated when "
               "sessions stopped."),
        source("E3", "consultation", "Consultation with pool users, support groups and people "
               "waiting", months(today, *CONSULTATION),
               "198 responses. 81% of current users opposed a limit, valuing the warmth and "
               "the company; the MS Society branch said some members deteriorate without "
               "regular warm-water exercise; people on the waiting list supported shorter "
               "courses. Muslim women asked whether community sessions would be women-only; "
               "many worried about the cost and about needing help to change."),
        source("E4", "other", "Warm-water sessions at Northgate Leisure Centre",
               month(today, -90),
               "The learner pool is kept at 32°C for three sessions a week, with a hoist and "
               "an accessible changing village. £3.50 a session with the council’s leisure "
               "concession card (for people on means-tested benefits or with a disability), "
               "£6.20 otherwise; a carer goes free. A women-only session on Sunday mornings; "
               "modest swimwear is welcome at every session."),
    ]


def _impacts() -> dict:
    return {
        "age": impact(
            "both",
            "62% of pool users are 65 or over, many with arthritis, and those on open-ended "
            "courses would lose weekly NHS sessions they have had for years. Older people "
            "waiting for hydrotherapy after a hip or knee replacement, who now wait 38 weeks, "
            "would be seen within weeks, while it still helps.",
            ["E1", "E2", "E3"],
            mitigation="Further sessions on clinical need; a supported move to community "
                       "warm-water sessions.",
            harm_remains=True,
            residual="Older people with long-term conditions lose open-ended NHS sessions; "
                     "those who need more on clinical grounds keep them.",
        ),
        "disability": impact(
            "negative",
            "People with long-term conditions such as arthritis, fibromyalgia and multiple "
            "sclerosis are most of those on open-ended courses. A limit treats them "
            "unfavourably because of something arising from their condition, their need for "
            "continuing therapy, and the MS Society warned that some deteriorate without it.",
            ["E1", "E2", "E3"],
            mitigation=(
                "A physiotherapist reviews everyone at session six and continues sessions "
                "where they still bring benefit or stopping would cause deterioration (about "
                "one in eight on the audit); a first community session accompanied by a "
                "physiotherapy assistant; the hoist and changing village at Northgate."
            ),
            harm_remains=True,
            residual="Disabled people without a clinical need for more sessions move to "
                     "community sessions, which cost £3.50 and offer less support.",
        ),
        "pregnancy_maternity": impact(
            "positive",
            "Half of the pregnant women referred with pelvic girdle pain gave birth before "
            "they were seen. Shorter courses mean they can be seen within two weeks, while "
            "warm-water exercise can still ease pain in pregnancy.",
            ["E1"],
        ),
        "race": impact(
            "neutral",
            "The ethnicity of pool users matches that of patients referred to physiotherapy, "
            "so the limit does not fall more on any ethnic group.",
            ["E1"],
        ),
        "religion_belief": impact(
            "negative",
            "The hospital pool offers single-sex sessions on request. Muslim women who want "
            "to carry on in the community told us a mixed public session would not be "
            "acceptable to them, so for them the community option might not exist.",
            ["E3", "E4"],
            mitigation="The leisure centre’s women-only session on Sunday mornings, with "
                       "modest swimwear welcome, offered to every woman who asks.",
            harm_remains=False,
            residual="None expected.",
        ),
        "sex": impact(
            "negative",
            "68% of pool users are women, reflecting that arthritis and fibromyalgia are more "
            "common in women, so a limit puts women at a particular disadvantage compared "
            "with men.",
            ["E1", "E2"],
            mitigation="The same clinical exceptions and community route as for disability.",
            harm_remains=True,
            residual="Women are most of those who lose open-ended sessions.",
        ),
        "armed_forces": impact(
            "neutral",
            "3% of pool users are veterans, as for physiotherapy as a whole. They are affected "
            "as other users are, and priority for conditions related to service, subject to "
            "clinical need, is unchanged.",
            ["E1"],
        ),
        "carers": impact(
            "negative",
            "Carers who help someone into the pool would lose the weekly hospital routine and, "
            "in a community session, would have to help with changing themselves, which "
            "many told us is hard for them.",
            ["E3", "E4"],
            mitigation="Carers go free at Northgate, where there is a hoist and a changing "
                       "village; the first session is accompanied.",
            harm_remains=False,
            residual="None expected.",
        ),
        "socio_economic": impact(
            "negative",
            "NHS sessions are free. Community sessions cost £3.50 a time with a concession "
            "card or £6.20 without, so people on low incomes who want to carry on will pay "
            "or stop.",
            ["E3", "E4"],
            mitigation="Help to apply for the concession card, which covers people on "
                       "means-tested benefits or with a disability.",
            harm_remains=True,
            residual="£3.50 a session for those who continue in the community.",
        ),
        "health_inequalities": impact(
            "positive",
            "Patients from Eastfield, the most deprived area, are over-represented on the "
            "waiting list and under-represented on open-ended courses. Shorter courses move "
            "them up the list.",
            ["E1"],
        ),
    }


def _actions(today: date) -> list[dict]:
    return [
        action("Review every patient at session six and continue sessions where they still "
               "bring benefit or stopping would cause deterioration.",
               ["age", "disability", "sex"], "Clinical Lead, Outpatient Physiotherapy",
               day(today, 60), "Every session-six review recorded; continuation decided by "
                               "clinical need.", "in_progress"),
        action("Support the move to community sessions: an accompanied first session at "
               "Northgate Leisure Centre, and help to apply for the concession card.",
               ["age", "disability", "carers", "socio_economic"],
               "Physiotherapy Assistant Practitioner", day(today, 90),
               "80% of people finishing a course offered an accompanied first session."),
        action("Offer the women-only Sunday session to every woman who asks.",
               ["religion_belief", "sex"], "Clinical Lead, Outpatient Physiotherapy",
               day(today, 60), "Every request met."),
        action("See pregnant women with pelvic girdle pain within two weeks of referral.",
               ["pregnancy_maternity"], "Clinical Lead, Outpatient Physiotherapy",
               day(today, 90), "95% seen within two weeks."),
    ]


def document(lead_officer_email: str, today: date) -> dict:
    return assessment_document(
        title=TITLE, type="service_change",
        unit="Community Health Services: Outpatient Physiotherapy",
        lead=lead_officer_email, decision_maker="Director of Community Health Services",
        decision_forum=FORUM, decision_date=day(today, DECISION),
        work_started_on=day(today, -150),
        extra_groups=["armed_forces", "carers", "health_inequalities", "socio_economic"],
        sections={
            "screening": done(
                change_nature="reduction",
                change_description=(
                    "Hydrotherapy at St Anne’s Community Hospital is now offered in "
                    "open-ended courses. It would be offered in courses of six sessions, with "
                    "more where a physiotherapist finds a clinical need, and a supported move "
                    "to community warm-water sessions afterwards."
                ),
                affected_people=["service_users", "public"],
                relevant_eliminate_discrimination="yes",
                relevant_advance_equality="yes",
                relevant_good_relations="no",
                likely_impacts="Disabled and older people with long-term conditions, mostly "
                               "women, lose open-ended sessions; people waiting are seen "
                               "sooner.",
                group_relevance=relevance(
                    age=("high", "62% of pool users are 65 or over."),
                    disability=("high", "Most people on open-ended courses have long-term "
                                        "conditions."),
                    gender_reassignment=("none", "Changing at the pool is in private "
                                                 "cubicles and the change affects only how "
                                                 "many sessions are offered."),
                    marriage_civil_partnership=("none", "A change to a service; no "
                                                        "employment term changes."),
                    pregnancy_maternity=("medium", "Pregnant women with pelvic girdle pain "
                                                   "wait too long now."),
                    race=("low", "We checked pool users’ ethnicity against referrals."),
                    religion_belief=("medium", "Muslim women need single-sex sessions."),
                    sex=("high", "68% of pool users are women."),
                    sexual_orientation=("none", "How many sessions are offered does not "
                                                "depend on sexual orientation."),
                    armed_forces=("low", "Veterans use the pool in proportion."),
                    carers=("medium", "Many users come with a carer who helps them change."),
                    socio_economic=("high", "Community sessions cost money; NHS ones do "
                                            "not."),
                    health_inequalities=("medium", "Eastfield patients wait longest."),
                ),
                screening_decision="full_assessment",
                screening_basis="Pool data, the outcomes audit and consultation.",
            ),
            "aims_and_scope": done(
                purpose=(
                    "To give hydrotherapy to people when it helps: after surgery or injury, "
                    "and in pregnancy, people now wait 38 weeks, and half the pregnant women "
                    "referred give birth before they are seen."
                ),
                intended_outcomes="Median wait under six weeks; no loss of function for "
                                  "people who finish a course, checked at three months.",
                delivery="From the next quarter, for new and existing patients, with reviews "
                         "at session six.",
            ),
            "evidence": done(evidence_gaps="We do not know how many people finishing a course "
                                           "will keep going in the community; the assistant "
                                           "practitioner will follow up at three months."),
            "engagement": done(engagement_gaps="None known: every current user was written "
                                               "to, with easy-read and translated versions."),
            "impact_by_group": done(),
            "intersectional_and_cumulative": done(
                intersectional_impact=(
                    "Older disabled women on low incomes with long-term conditions are most "
                    "affected: they are most of those on open-ended courses, and the "
                    "community option costs them money and needs help to change. The "
                    "clinical exceptions and the accompanied first session are aimed at "
                    "them, and we will look at their function at three months."
                ),
                cumulative_impact=(
                    "The council has raised leisure charges this year, and the single-site "
                    "physiotherapy proposal may lengthen some journeys. We have checked that "
                    "the concession price at Northgate is frozen for a year and that St "
                    "Anne’s is not affected by the single-site proposal."
                ),
            ),
            "three_aims": done(
                aim_eliminate_discrimination=(
                    "A limit on sessions treats people unfavourably because of something "
                    "arising from disability (needing continuing therapy), and puts women and "
                    "older people at a particular disadvantage. Each is lawful only if the "
                    "limit is a proportionate means of a legitimate aim, which the outcome "
                    "sets out. Continuing sessions on clinical need keeps the duty to make "
                    "reasonable adjustments."
                ),
                aim_advance_equality="People waiting, including pregnant women and patients "
                                     "from Eastfield, are seen while treatment still helps.",
                aim_foster_good_relations="Explaining openly why courses are limited, with "
                                          "the waiting list figures, answers the sense that "
                                          "one group is losing out to another.",
            ),
            "other_duties": done(
                human_rights_engaged="no",
                socio_economic_impact="See the impact for socio-economic disadvantage.",
                health_inequalities="affects",
                health_inequalities_detail="Shorter courses move Eastfield patients, who "
                                           "wait longest, up the list.",
                armed_forces_covenant="Considered: veterans are affected as other users are "
                                      "and their priority is unchanged.",
            ),
            "outcome": done(
                outcome="continue_despite_adverse_impact",
                outcome_summary=(
                    "Go ahead with courses of six sessions. Adverse impact remains for "
                    "people with long-term conditions, mostly older women, who lose "
                    "open-ended sessions; it is justified below."
                ),
                cannot_be_justified=["none"],
                justification_legitimate_aim=(
                    "Timely treatment for the patients hydrotherapy helps most: people after "
                    "surgery or injury wait 38 weeks, by which time the treatment is often "
                    "too late, and half the pregnant women referred give birth before they "
                    "are seen."
                ),
                justification_necessity=(
                    "Open-ended courses use 71% of sessions for 186 people. The pool is full "
                    "from 8am to 6pm, and there is no other NHS warm-water pool within 25 "
                    "miles, so the wait cannot fall unless courses end when they stop "
                    "helping."
                ),
                justification_alternatives=(
                    "Longer opening: no staff to run it safely. A second pool: no capital. "
                    "Open-ended courses for long-term conditions only: they would still use "
                    "most sessions. Prioritising the waiting list without changing courses: "
                    "people after surgery would still wait months. A limit with clinical "
                    "exceptions meets the aim with least harm."
                ),
                justification_proportionality=(
                    "About 150 people, mostly older disabled women, lose open-ended NHS "
                    "sessions. The audit shows most of the benefit comes by session six; "
                    "those who keep improving or deteriorate without sessions keep them; "
                    "everyone else is helped to carry on in the community at £3.50 with a "
                    "concession card, with a women-only session and help for carers. "
                    "Against that, 312 people waiting would be seen in weeks instead of "
                    "months. We judge the remaining harm proportionate, and will review "
                    "after six months."
                ),
            ),
            "action_plan": done(),
            "monitoring_and_review": done(
                monitoring_indicators="Waiting times; session-six decisions; function at "
                                      "three months; community uptake; complaints, all by "
                                      "age, disability, sex and deprivation.",
                monitoring_owner="Clinical Lead, Outpatient Physiotherapy",
                review_date=day(today, 180),
                review_triggers="Function falling at three months for any group.",
            ),
        },
        evidence=_evidence(today),
        engagement=[
            engaged("Current pool users", day(today, CONSULTATION[0]), day(today, CONSULTATION[1]),
                    ["age", "disability", "sex", "socio_economic", "religion_belief"],
                    "Letters (easy-read and translated), a survey and two meetings at the pool",
                    "Most opposed a limit; worried about cost and changing; Muslim women "
                    "asked for women-only sessions.",
                    "Clinical exceptions, the women-only session and the accompanied first "
                    "session."),
            engaged("Arthritis support group and the MS Society branch", day(today, -100),
                    day(today, -90), ["disability", "carers", "age"], "Meetings",
                    "Some people deteriorate without regular sessions; carers struggle with "
                    "changing.",
                    "Continuing sessions where stopping causes deterioration; the changing "
                    "village and free carers at Northgate."),
            engaged("People on the waiting list", day(today, -110), day(today, -70),
                    ["age", "pregnancy_maternity", "health_inequalities"], "A survey",
                    "Supported shorter courses so they could be seen sooner.",
                    "Confirmed the proposal’s aim."),
        ],
        impacts=_impacts(),
        actions=_actions(today),
    )
