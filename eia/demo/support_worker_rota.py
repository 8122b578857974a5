"""Demo: a change to day services support workers' shift pattern as first submitted, with the
equality reviewer's first round of comments and the author's first reply. It passes every
blocking check, but the reviewer finds what a check cannot: pregnancy rated neutral against
the assessment's own evidence, and carers left without an action. The journeys leave it with
its author (`eia.demo.journeys`)."""

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

TITLE = "Moving day services support workers to a four-day rota"

DECISION = 35
SURVEY = (-70, -50)

OK, IMPROVE, CORRECT = Verdict.ACCEPTABLE, Verdict.IMPROVABLE, Verdict.TO_CORRECT

# The reviewer's first round: what a council equality lead would send back.
FIRST_ROUND = {
    "screening": (OK, "Good to see marriage and civil partnership screened in: it is an "
                      "employment change."),
    "evidence": (IMPROVE, "The staff survey reached 64% of staff. Say whether part-time "
                          "staff and staff on leave replied in proportion, and link the "
                          "occupational health advice (E4) to the impacts it bears on."),
    "engagement": (IMPROVE, "Staff on maternity leave or long-term sick leave were not "
                            "reached. Say how they will be consulted before the decision."),
    "impact_by_group": (CORRECT, "Pregnancy and maternity is rated neutral, but your own "
                                 "occupational health advice (E4) says pregnant staff may "
                                 "need shorter shifts, and the four staff on maternity leave "
                                 "were not consulted. Rate it negative, and say how pregnant "
                                 "staff can keep shorter days after an individual risk "
                                 "assessment."),
    "action_plan": (CORRECT, "Carers are rated both positive and negative, but no action "
                             "addresses the 22 staff with caring responsibilities. Add one, "
                             "with an owner and a date before the rota starts, for deciding "
                             "their flexible-working requests."),
}

REQUEST_REASON = ("Two sections need correcting before this can go for sign-off: the impact "
                  "on pregnant staff and staff on maternity leave, and an action for staff "
                  "who are carers. Please also look at the points marked improvable.")

# The author's first answer, before making the changes.
REPLIES = {
    "action_plan": "Agreed. I will add an action for me to decide every flexible-working "
                   "request, with HR advice, a month before the rota starts, and keep the "
                   "five-day pattern for anyone whose request is agreed.",
}


def _evidence(today: date) -> list[dict]:
    return [
        source("E1", "workforce_data", "Day services support workers: profile",
               month(today, -40),
               "64 support workers at four centres; 86% women; 38% aged 55 or over; 22 have "
               "caring responsibilities (14 for children, 8 for adults); 6 have workplace "
               "adjustments for disability; 3 are pregnant and 4 on maternity leave; 14% are "
               "from minority ethnic groups, spread evenly across the centres; 5 couples "
               "(married, in a civil partnership or living together) work in the service."),
        source("E2", "workforce_data", "Staff survey on the proposed rota",
               months(today, *SURVEY),
               "41 of 64 staff replied (64%). 58% preferred four longer days. Most with "
               "children under 12 did not, because nurseries and after-school clubs close at "
               "6pm. 7 Muslim staff asked about finishing after sunset in Ramadan; 2 Jewish "
               "staff about winter Fridays. 9 staff aged over 55 worried about fatigue on "
               "long days of moving and handling. Staff who work for the bank or travel by "
               "bus welcomed one fewer journey a week."),
        source("E3", "service_data", "Attendance and what carers ask for",
               last_financial_year(today),
               "212 attenders; 96 family carers are in paid work, and 61 asked at reviews for "
               "a longer day to fit around work. The support plans of 14 autistic attenders "
               "say that changes of staff must be planned in advance."),
        source("E4", "other", "Occupational health advice on longer shifts",
               month(today, -45),
               "Shifts of more than nine hours that include moving and handling raise the "
               "risk of fatigue and injury. Staff with health conditions, older staff in "
               "physically demanding roles and pregnant staff need individual risk "
               "assessments, and pregnant staff may need shorter shifts and more breaks."),
    ]


def _impacts() -> dict:
    return {
        "age": impact(
            "negative",
            "38% of support workers are over 55, and nine of them told us that nine-hour "
            "days of moving and handling would leave them exhausted by the end of the week. "
            "Longer shifts raise the risk of injury for older staff in physically demanding "
            "roles, as occupational health advises.",
            ["E1", "E2", "E4"],
            mitigation="Individual risk assessments for staff over 55 who ask; moving and "
                       "handling shared across two workers in the last two hours of a shift.",
            harm_remains=False,
            residual="None expected after risk assessments; sickness absence by age band "
                     "is monitored.",
        ),
        "disability": impact(
            "both",
            "Attenders, all of them disabled, can stay for a longer day. But on a four-day "
            "rota each attender sees a different worker one day in five, and the support "
            "plans of 14 autistic attenders say changes of staff must be planned; the six "
            "staff with workplace adjustments may find long days harder.",
            ["E1", "E3", "E4"],
            mitigation="A named second worker for each autistic attender, introduced before "
                       "the change; adjustments reviewed with each of the six staff, who "
                       "may keep shorter days.",
            harm_remains=False,
            residual="None expected; incidents and changes of staff for autistic attenders "
                     "are monitored.",
        ),
        "marriage_civil_partnership": impact(
            "neutral",
            "Five couples work in the service. The rule that partners are not rostered in a "
            "line-management relationship applies alike to married, civil partnered and "
            "cohabiting couples, and nothing in the new rota depends on marital status.",
            ["E1"],
        ),
        "pregnancy_maternity": impact(
            "neutral",
            "Three support workers are pregnant and four are on maternity leave. The new "
            "pattern would apply to them as to everyone else when they are at work.",
            ["E1"],
        ),
        "race": impact(
            "neutral",
            "Shift times are the same in every centre, and staff from minority ethnic groups "
            "are spread evenly across them, so the rota does not fall on any ethnic group "
            "more than another.",
            ["E1"],
        ),
        "religion_belief": impact(
            "both",
            "A day off each week can be chosen to suit religious observance. But a 5:45pm "
            "finish is after sunset in winter, which matters to Muslim staff breaking their "
            "fast in Ramadan and to Jewish staff before the Sabbath on Fridays.",
            ["E2"],
            mitigation="Shift swaps or a 4pm finish on request during Ramadan and on winter "
                       "Fridays.",
            harm_remains=False,
            residual="None expected.",
        ),
        "sex": impact(
            "both",
            "86% of support workers are women, and most staff with young children are women. "
            "A full day off saves a day of childcare, but a 5:45pm finish leaves no time to "
            "reach a nursery or after-school club that closes at 6pm.",
            ["E1", "E2"],
            mitigation="Flexible-working requests decided before the rota starts; the "
                       "five-day pattern kept for anyone whose request is agreed.",
            harm_remains=True,
            residual="Some staff with children may have to change their childcare.",
        ),
        "carers": impact(
            "both",
            "Family carers of attenders gain an hour and a half a day, which 61 of them asked "
            "for to fit around work. But 22 support workers are carers themselves, and longer "
            "days will not fit around the care some of them give.",
            ["E1", "E2", "E3"],
            mitigation="Flexible-working requests considered for staff with caring "
                       "responsibilities.",
            harm_remains=True,
            residual="Some staff who are carers may not be able to keep their present hours.",
        ),
        "socio_economic": impact(
            "both",
            "Support workers are among the council’s lower-paid staff. One fewer journey a "
            "week saves bus fares, but staff who need childcare until 6pm could pay for a "
            "longer session, which would take most of the saving.",
            ["E2"],
            mitigation="The five-day pattern for staff whose childcare costs would rise.",
            harm_remains=False,
            residual="None expected.",
        ),
    }


def _actions(today: date) -> list[dict]:
    return [
        action("Complete individual risk assessments for staff over 55 who ask, and for the "
               "six staff with workplace adjustments, before the rota starts.",
               ["age", "disability"], "Day Services Manager", day(today, DECISION + 30),
               "Every requested assessment completed before the change."),
        action("Introduce a named second worker to each autistic attender before the change.",
               ["disability"], "Centre Managers", day(today, DECISION + 45),
               "Every autistic attender has met their second worker before the rota starts."),
        action("Agree shift swaps or an earlier finish during Ramadan and on winter Fridays "
               "for staff who ask.", ["religion_belief"], "Centre Managers",
               day(today, DECISION + 60), "Every request met."),
        action("Keep the five-day pattern available for staff whose flexible-working request "
               "is agreed.", ["sex", "socio_economic"], "Head of HR, Adult Social Care",
               day(today, DECISION + 30),
               "Everyone who asks has a decision before the rota starts."),
    ]


def document(lead_officer_email: str, today: date) -> dict:
    return assessment_document(
        title=TITLE, type="hr", unit="Adult Social Care: Day Services",
        lead=lead_officer_email, decision_maker="Director of Adult Social Care",
        decision_forum="Adult Social Care Leadership Team", decision_date=day(today, DECISION),
        work_started_on=day(today, -80), extra_groups=["carers", "socio_economic"],
        sections={
            "screening": done(
                change_nature="revised",
                change_description=(
                    "Day services support workers now work five days of 7.5 hours. They would "
                    "move to four days of 9.25 hours, 8am to 5:45pm, so that the centres can "
                    "open from 8:30am to 5:30pm. Part-time staff keep their hours pro rata."
                ),
                affected_people=["staff", "service_users"],
                relevant_eliminate_discrimination="yes",
                relevant_advance_equality="yes",
                relevant_good_relations="no",
                likely_impacts=(
                    "Staff with children or caring responsibilities, mostly women; older and "
                    "disabled staff on long physical days; autistic attenders who need the "
                    "same staff; family carers gain a longer day."
                ),
                group_relevance=relevance(
                    age=("medium", "38% of staff are over 55 and the work is physical."),
                    disability=("high", "Attenders are all disabled, and six staff have "
                                        "workplace adjustments."),
                    gender_reassignment=("none", "Shift times and terms are the same for "
                                                 "every worker; time off for treatment is "
                                                 "handled under the existing policy."),
                    marriage_civil_partnership=("low", "An employment change: five couples "
                                                       "work in the service."),
                    pregnancy_maternity=("medium", "Three staff are pregnant and four are on "
                                                   "maternity leave."),
                    race=("low", "Shift times are the same in every centre; we checked the "
                                 "workforce profile."),
                    religion_belief=("medium", "Finishing times and days off matter for "
                                               "religious observance."),
                    sex=("high", "86% of staff are women, and most staff with young children "
                                 "are women."),
                    sexual_orientation=("none", "Nothing in the rota or the terms depends on "
                                                "sexual orientation; family leave applies "
                                                "alike to same-sex partners."),
                    carers=("high", "22 staff are carers, and family carers asked for a "
                                    "longer day."),
                    socio_economic=("medium", "Support workers are among the lower-paid "
                                              "staff; childcare and fares change."),
                ),
                screening_decision="full_assessment",
                screening_basis="Workforce profile, the staff survey and occupational health "
                                "advice.",
            ),
            "aims_and_scope": done(
                purpose=(
                    "To open the day centres for longer, as family carers have asked, without "
                    "more staff, and to give support workers a day off each week."
                ),
                intended_outcomes=(
                    "Centres open 8:30am to 5:30pm; no rise in sickness absence or turnover; "
                    "no support worker with caring responsibilities forced to leave."
                ),
                delivery="Formal consultation with staff and the trade unions; the new rota "
                         "from two months after the decision.",
            ),
            "evidence": done(evidence_gaps="The survey did not ask about disability, so "
                                           "disabled staff’s views come from their managers."),
            "engagement": done(engagement_gaps="Bank staff were not surveyed; they will be "
                                               "asked at the next bank staff meeting."),
            "impact_by_group": done(),
            "intersectional_and_cumulative": done(
                intersectional_impact=(
                    "Women over 55 who care for an older parent as well as working are the "
                    "most affected: long physical days, the care they give in the evenings, "
                    "and often their own health conditions. Risk assessments and the "
                    "five-day pattern are meant for them, and we will look at their "
                    "sickness absence and turnover specifically."
                ),
                cumulative_impact=(
                    "The reconfiguration of day services and the proposed lunch charge also "
                    "affect the same centres in the same year, for staff and attenders. The "
                    "new rota will not start until staff moving between centres in the "
                    "reconfiguration know their base."
                ),
            ),
            "three_aims": done(
                aim_eliminate_discrimination=(
                    "Requiring everyone to work longer days could put women and carers at a "
                    "particular disadvantage, and older and disabled staff at risk. Keeping "
                    "the five-day pattern for those who need it, risk assessments and "
                    "reasonable adjustments remove that."
                ),
                aim_advance_equality="A longer day helps family carers who work stay in "
                                     "work.",
                aim_foster_good_relations="Explaining clearly why some staff keep five days "
                                          "avoids resentment within teams.",
            ),
            "other_duties": done(
                human_rights_engaged="no",
                socio_economic_impact="See the impact for socio-economic disadvantage: fares "
                                      "fall, childcare costs may rise.",
            ),
            "outcome": done(
                outcome="adjust",
                outcome_summary=(
                    "Introduce the four-day rota, with the five-day pattern kept for staff "
                    "who need it, risk assessments and planned changes of staff for autistic "
                    "attenders."
                ),
                remaining_impact_proportionality=(
                    "Some staff with children or caring responsibilities may have to change "
                    "their arrangements. Everyone can ask to keep five days, and the longer "
                    "day meets a clear need of family carers, so we judge it proportionate."
                ),
                adjustments="The five-day pattern option; risk assessments; a named second "
                            "worker for autistic attenders; Ramadan and winter-Friday swaps.",
            ),
            "action_plan": done(),
            "monitoring_and_review": done(
                monitoring_indicators="Sickness absence, turnover and flexible-working "
                                      "requests by sex, age, disability and caring "
                                      "responsibility; incidents involving autistic "
                                      "attenders.",
                monitoring_owner="Day Services Manager",
                review_date=day(today, DECISION + 240),
            ),
        },
        evidence=_evidence(today),
        engagement=[
            engaged("Support workers at the four centres", day(today, SURVEY[0]),
                    day(today, SURVEY[1]),
                    ["age", "religion_belief", "sex", "carers", "socio_economic"],
                    "Survey and team meetings",
                    "Most wanted four days; parents of young children and staff over 55 did "
                    "not; Muslim and Jewish staff asked about late finishes.",
                    "The five-day option, risk assessments and observance swaps."),
            engaged("UNISON and GMB", day(today, -65), day(today, -30),
                    ["sex", "carers", "disability"], "Formal consultation meetings",
                    "Asked that nobody be made to take the new pattern.",
                    "The five-day pattern kept for those whose request is agreed."),
            engaged("Family carers’ forum", day(today, -60), None, ["carers", "disability"],
                    "A forum meeting",
                    "A longer day would help carers who work; autistic attenders need "
                    "warning of new staff.",
                    "The named second worker."),
        ],
        impacts=_impacts(),
        actions=_actions(today),
    )
