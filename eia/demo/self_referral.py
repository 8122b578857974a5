"""Demo: letting adults refer themselves to outpatient physiotherapy, and what the equality
reviewer says on the sections she has looked at so far. One impact is honestly not yet known,
with an action to find out before the decision; the journeys leave it being reviewed
(`eia.demo.journeys`)."""

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

TITLE = "Introducing self-referral to outpatient physiotherapy"

DECISION = 35

# What the reviewer has written so far, on the first sections she has read.
REVIEW = {
    "screening": (Verdict.ACCEPTABLE, "Good to see the age threshold explained: the Act’s "
                                      "protection from age discrimination in services starts "
                                      "at 18, so the 16 cut-off is a service boundary, not "
                                      "something to justify."),
    "aims_and_scope": (Verdict.ACCEPTABLE, "Clear aims, and ‘no widening of the gap by "
                                           "deprivation’ is the right measure for this."),
    "evidence": (Verdict.ACCEPTABLE, "The pilot data by deprivation quintile is exactly what "
                                     "this needed."),
}


def _evidence(today: date) -> list[dict]:
    return [
        source("E1", "service_data", "Referrals, and the Millbrook self-referral pilot",
               last_financial_year(today),
               "9,640 referrals, 96% from GPs, taking a median 19 days from the GP "
               "appointment to reach us. In the six-month self-referral pilot at Millbrook, "
               "62% of self-referrals were online and 38% by phone. Self-referrers were "
               "younger (median age 44, against 58 for GP referrals), more often men (46%, "
               "against 39%), and 71% lived in the two least deprived quintiles. 2.6% of "
               "self-referrers said they had served in the armed forces; GP letters said "
               "whether a patient had served in 0.4% of cases. Pregnant women with pelvic "
               "girdle pain who referred themselves were seen 3 weeks sooner than those "
               "referred by a midwife or GP."),
        source("E2", "population_data", "Digital access and language in the district",
               f"Residents’ survey, {month(today, -200)}; Census 2021",
               "14% of adults have not used the internet in the last three months, rising to "
               "38% of those aged 75 and over and 21% of disabled residents. 18% of Eastfield "
               "residents have a phone without mobile data. 9% of Eastfield residents do not "
               "speak English well or at all."),
        source("E3", "complaints_feedback", "Feedback from the self-referral pilot",
               months(today, -260, -80),
               "88% of self-referrers were satisfied. Women with pelvic-health problems said "
               "they would not have raised their symptoms with a GP. 14 people complained "
               "that the online form offered only the titles Mr, Mrs, Miss and Ms and asked "
               "for gender with two options."),
        source("E4", "consultation", "Engagement on self-referral", months(today, -60, -25),
               "GP practice managers, patient participation groups, the Eastfield Asian "
               "Elders Group, the Carers’ Centre and Healthwatch supported self-referral, but "
               "feared older people and people with limited English would be left behind if "
               "it were online only. They asked for a paper form at GP surgeries and "
               "libraries. Healthwatch warned that self-referral elsewhere had lengthened "
               "waits for people referred by GPs. Carers said that getting a GP appointment "
               "was the hardest part of the present route."),
    ]


def _impacts() -> dict:
    return {
        "age": impact(
            "both",
            "Working-age adults could refer themselves without a GP appointment and be seen "
            "about three weeks sooner. But 38% of people aged 75 and over do not use the "
            "internet, so an online-first route would leave them on the slower GP route while "
            "others take up appointments. Self-referral is for people aged 16 and over; "
            "children keep their route to the children’s physiotherapy service.",
            ["E1", "E2", "E4"],
            mitigation=(
                "A free phone line with call-back, and a paper form at GP surgeries and "
                "libraries; GP referral continues; one waiting list, triaged by clinical need "
                "whichever route a referral comes by."
            ),
            harm_remains=False,
            residual="None expected: older people keep every route they have now and gain "
                     "the phone line.",
        ),
        "disability": impact(
            "both",
            "People with long-term conditions could refer themselves back during a flare-up "
            "instead of waiting for a GP. An online form that does not work with a screen "
            "reader, or a phone line that Deaf people cannot use, would shut some disabled "
            "people out of the faster route; 21% of disabled residents are not online.",
            ["E1", "E2", "E4"],
            mitigation=(
                "The online form tested with screen readers and magnifiers; the phone line "
                "with text relay and a BSL video relay service; an easy-read paper form."
            ),
            harm_remains=False,
            residual="None expected once the form and the phone line are accessible.",
        ),
        "gender_reassignment": impact(
            "not_known",
            "The pilot form offered only four titles and a two-option gender question, and "
            "people complained. We do not yet know whether trans and non-binary people were "
            "put off referring themselves, because gender identity is not recorded.",
            ["E3"],
        ),
        "pregnancy_maternity": impact(
            "positive",
            "Pregnant women with pelvic girdle pain could refer themselves as soon as the "
            "pain starts instead of waiting for a midwife or GP appointment. In the pilot "
            "they were seen three weeks sooner, which matters in a condition that worsens as "
            "pregnancy goes on.",
            ["E1"],
        ),
        "race": impact(
            "negative",
            "The online form is in English only. People with limited English, 9% of Eastfield "
            "residents, would need a relative to fill it in or stay on the slower GP route, "
            "so the faster route would reach them last.",
            ["E2", "E4"],
            mitigation="The form in Urdu, Bengali and Polish; interpreters on the phone line.",
            harm_remains=False,
            residual="None expected; referrals by ethnicity and language are monitored.",
        ),
        "sex": impact(
            "positive",
            "Women with pelvic-health problems told us they would not raise their symptoms "
            "with a GP, so a direct route brings them to a specialist. Men made 46% of pilot "
            "self-referrals against 39% of GP referrals, so the route also reaches men who "
            "might not otherwise come.",
            ["E1", "E3"],
        ),
        "armed_forces": impact(
            "positive",
            "The form asks whether someone has served, which GP letters rarely say. Veterans "
            "with a condition related to their service can then be seen with the priority the "
            "Armed Forces Covenant expects, subject to clinical need.",
            ["E1"],
        ),
        "carers": impact(
            "positive",
            "Carers told us that getting a GP appointment was the hardest part of the present "
            "route. They could refer themselves by phone at a time that suits them, or refer "
            "the person they care for with that person’s consent.",
            ["E4"],
        ),
        "socio_economic": impact(
            "both",
            "In the pilot 71% of self-referrers lived in the two least deprived quintiles. "
            "People without data or a smartphone, more common in Eastfield, would lose out, "
            "and if better-off areas take up more appointments, waits grow for everyone "
            "else. People who cannot take time off for a GP appointment gain most.",
            ["E1", "E2"],
            mitigation=(
                "A freephone line with call-back; paper forms at GP surgeries, libraries and "
                "Eastfield Community Centre; promotion through Eastfield community groups; one "
                "waiting list by clinical need."
            ),
            harm_remains=True,
            residual="Some gap in use by deprivation is likely in the first year; monitored "
                     "quarterly.",
        ),
        "health_inequalities": impact(
            "both",
            "Self-referral can follow the inverse care law: the people with most need use it "
            "least. Healthwatch warned that elsewhere it lengthened waits for people referred "
            "by GPs, who include many older, disabled and Eastfield patients. Done well, it "
            "removes the GP step that delays treatment for everyone.",
            ["E1", "E4"],
            mitigation=(
                "Triage by clinical need, not by route; the phone line and paper forms; "
                "promotion in Core20PLUS5 areas; waits monitored by route and deprivation."
            ),
            harm_remains=True,
            residual="A risk of a gap by deprivation remains until monitoring shows "
                     "otherwise.",
        ),
    }


def _actions(today: date) -> list[dict]:
    return [
        action("Open a freephone self-referral line with call-back, interpreters, text relay "
               "and BSL video relay.", ["age", "disability", "race", "socio_economic"],
               "Patient Access Manager", day(today, DECISION + 30),
               "Line open at launch; 95% of calls answered or called back the same day.",
               "in_progress"),
        action("Put paper referral forms, including an easy-read version, in every GP "
               "surgery, library and Eastfield Community Centre, and promote self-referral "
               "through Eastfield community groups.",
               ["age", "disability", "socio_economic", "health_inequalities"],
               "Clinical Lead, Outpatient Physiotherapy", day(today, DECISION + 45),
               "Forms in place at launch; self-referrals from Eastfield in proportion to its "
               "share of patients within six months."),
        action("Translate the online form into Urdu, Bengali and Polish.", ["race"],
               "Digital Services Lead", day(today, DECISION + 45),
               "Translated forms live at launch."),
        action("Test the revised form, with the titles people use and an optional gender "
               "identity question, with the LGBT+ partnership and trans patients, and report "
               "what they found before the decision.", ["gender_reassignment"],
               "Digital Services Lead", day(today, DECISION - 7),
               "Findings reported to the decision-maker with the assessment."),
        action("Keep one waiting list triaged by clinical need, and report waits by referral "
               "route, age, disability, ethnicity and deprivation quintile every quarter.",
               ["age", "disability", "race", "socio_economic", "health_inequalities"],
               "Head of Information", day(today, DECISION + 120),
               "No group’s median wait more than two weeks longer than the average."),
    ]


def document(lead_officer_email: str, today: date) -> dict:
    return assessment_document(
        title=TITLE, type="service_change",
        unit="Community Health Services: Outpatient Physiotherapy",
        lead=lead_officer_email, decision_maker="Director of Community Health Services",
        decision_forum="Community Health Services Senior Management Team",
        decision_date=day(today, DECISION), work_started_on=day(today, -70),
        extra_groups=["armed_forces", "carers", "health_inequalities", "socio_economic"],
        sections={
            "screening": done(
                change_nature="new",
                change_description=(
                    "Adults can now reach outpatient physiotherapy only through their GP or "
                    "another clinician. After the Millbrook pilot, anyone aged 16 or over "
                    "would be able to refer themselves online, by phone or on a paper form, "
                    "across the whole service."
                ),
                affected_people=["service_users", "public", "partners"],
                relevant_eliminate_discrimination="yes",
                relevant_advance_equality="yes",
                relevant_good_relations="no",
                likely_impacts=(
                    "Faster access for many; a risk that older, disabled, low-income people "
                    "and people with limited English fall behind if the route is online."
                ),
                group_relevance=relevance(
                    age=("high", "Older people are least likely to be online; the route "
                                 "starts at 16, which the Act’s age protection in services "
                                 "(18 and over) does not reach."),
                    disability=("high", "Disabled people use the service most and need an "
                                        "accessible form and phone line."),
                    gender_reassignment=("medium", "The pilot form’s titles and gender "
                                                   "question drew complaints."),
                    marriage_civil_partnership=("none", "Who can refer themselves does not "
                                                        "depend on marital status, and no "
                                                        "staff terms change."),
                    pregnancy_maternity=("medium", "Pregnant women with pelvic girdle pain "
                                                   "could refer themselves sooner."),
                    race=("high", "The form is in English; 9% of Eastfield residents do not "
                                  "speak English well."),
                    religion_belief=("none", "How a referral is made does not depend on "
                                             "religion or belief; appointments, and the "
                                             "choice of a female physiotherapist, work as "
                                             "now."),
                    sex=("medium", "Women with pelvic-health problems and men who seldom see "
                                   "a GP both stand to gain."),
                    sexual_orientation=("none", "The form asks nothing about relationships "
                                                "or partners, and referring oneself does not "
                                                "depend on sexual orientation."),
                    armed_forces=("low", "The form can ask whether someone has served, which "
                                         "GP letters rarely say."),
                    carers=("medium", "Carers find GP appointments hardest to fit in."),
                    socio_economic=("high", "Pilot self-referrers came mostly from the least "
                                            "deprived areas."),
                    health_inequalities=("high", "Self-referral can widen the gap between "
                                                 "those who find it and those who need it "
                                                 "most."),
                ),
                screening_decision="full_assessment",
                screening_basis="The Millbrook pilot’s data and feedback; the residents’ "
                                "survey; advice from the equality and inclusion lead.",
            ),
            "aims_and_scope": done(
                purpose=(
                    "To cut the time from first symptoms to treatment, and free GP "
                    "appointments, by letting people come straight to physiotherapy."
                ),
                intended_outcomes=(
                    "Median time from first contact to assessment under three weeks; no "
                    "widening of the gap in use or waits by age, disability, ethnicity or "
                    "deprivation."
                ),
                delivery=(
                    "The online form, a phone line and paper forms, all feeding one waiting "
                    "list triaged by clinicians, across all clinics."
                ),
            ),
            "evidence": done(evidence_gaps=(
                "Gender identity and sexual orientation are not recorded; we are testing the "
                "form with the LGBT+ partnership before the decision (see the action plan)."
            )),
            "engagement": done(engagement_gaps=(
                "We have not heard from people experiencing homelessness, who rarely have a "
                "GP. The outreach nurses will ask at the next two drop-in sessions."
            )),
            "impact_by_group": done(),
            "intersectional_and_cumulative": done(
                intersectional_impact=(
                    "Older disabled people in Eastfield with limited English are the most "
                    "likely to be left on the slower route: not online, needing an "
                    "interpreter, and often relying on a relative to make calls. The phone "
                    "line with interpreters and paper forms in the community centre are aimed "
                    "at them, and we will look at their referrals specifically."
                ),
                cumulative_impact=(
                    "The Eastfield GP practice is merging with one in Millbrook, which may "
                    "make GP appointments harder to get there; self-referral could help, if "
                    "people in Eastfield know about it and can use it. That is why promotion "
                    "starts there."
                ),
            ),
            "three_aims": done(
                aim_eliminate_discrimination=(
                    "An online-only route would put older, disabled people and people with "
                    "limited English at a particular disadvantage; the phone line, paper "
                    "forms, accessible and translated forms prevent it. The 16 threshold is "
                    "where the children’s service ends: the Act’s protection from age "
                    "discrimination in services applies only to people aged 18 and over, so "
                    "it needs no justification in law."
                ),
                aim_advance_equality=(
                    "A direct route for women with pelvic-health problems, carers and people "
                    "who cannot take time off to see a GP; veterans identified at referral."
                ),
                aim_foster_good_relations="No effect found: the change is to how people "
                                          "reach the service, not who uses it.",
            ),
            "other_duties": done(
                human_rights_engaged="no",
                socio_economic_impact="See the impact for socio-economic disadvantage.",
                health_inequalities="affects",
                health_inequalities_detail=(
                    "Self-referral can widen inequalities in access if it is used mainly by "
                    "better-off people. Triage by need, the phone line and promotion in "
                    "Core20PLUS5 areas are there to narrow the gap, and waits will be "
                    "reported by deprivation quintile."
                ),
                armed_forces_covenant=(
                    "The form asks whether someone has served, so veterans with a condition "
                    "related to their service can be prioritised, subject to clinical need."
                ),
            ),
            "outcome": done(
                outcome="adjust",
                outcome_summary=(
                    "Introduce self-referral with every route open (phone, paper and online), "
                    "translated and accessible forms, and one waiting list by need. The "
                    "impact on trans people will be known before the decision."
                ),
                remaining_impact_proportionality=(
                    "A gap in use by deprivation may remain in the first year. It is "
                    "outweighed by faster treatment for most patients, including those in "
                    "Eastfield, and it is watched every quarter with a trigger for review."
                ),
                adjustments="The phone line and paper forms, added after engagement; "
                            "translated and accessible forms; triage by need, not route.",
            ),
            "action_plan": done(),
            "monitoring_and_review": done(
                monitoring_indicators=(
                    "Quarterly: referrals by route, age, disability, ethnicity, sex and "
                    "deprivation quintile; waits by route; did-not-attend rates."
                ),
                monitoring_owner="Clinical Lead, Outpatient Physiotherapy",
                review_date=day(today, DECISION + 365),
                review_triggers="Any group’s median wait rising more than two weeks above "
                                "the average.",
            ),
        },
        evidence=_evidence(today),
        engagement=[
            engaged("GP practice managers and patient participation groups",
                    day(today, -60), day(today, -40), ["age", "disability", "carers"],
                    "Meetings and an online survey",
                    "Support, if older people keep a phone or paper route.",
                    "The phone line and paper forms were added."),
            engaged("Eastfield Asian Elders Group", day(today, -48), None, ["race", "age"],
                    "A listening event with interpreters",
                    "Many members cannot use an English online form.",
                    "Translated forms and interpreters on the phone line."),
            engaged("Healthwatch and the Carers’ Centre", day(today, -45), day(today, -25),
                    ["health_inequalities", "socio_economic", "disability", "carers"],
                    "Meetings",
                    "Self-referral elsewhere lengthened waits for GP referrals; carers find "
                    "GP appointments hardest to get.",
                    "One waiting list triaged by need; waits monitored by route."),
        ],
        impacts=_impacts(),
        actions=_actions(today),
    )
