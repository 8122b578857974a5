"""Demo: an early proposal to close one day centre, part-written when it was withdrawn, and the
author's reason for withdrawing it (`eia.demo.journeys`)."""

from __future__ import annotations

from datetime import date

from eia.demo.parts import assessment_document, day, done, impact, month, relevance, source

TITLE = "Closing Fernhill day centre ahead of the wider day services review"

WITHDRAW_REASON = (
    "Cabinet has decided to keep Fernhill open while the wider reconfiguration of day "
    "services is assessed, so this proposal will not go ahead on its own. Fernhill is "
    "covered by the assessment of the reconfiguration instead."
)


def document(lead_officer_email: str, today: date) -> dict:
    return assessment_document(
        title=TITLE, type="service_change", unit="Adult Social Care: Day Services",
        lead=lead_officer_email, decision_maker="Cabinet Member for Adult Social Care",
        decision_forum="Cabinet", decision_date=day(today, 30),
        work_started_on=day(today, -45), extra_groups=["carers", "socio_economic"],
        sections={
            "screening": done(
                change_nature="removal",
                change_description=(
                    "Fernhill day centre, whose lease ends this year, would close, and its 26 "
                    "regular attenders would move to Oakwood, three miles away."
                ),
                affected_people=["service_users", "staff"],
                relevant_eliminate_discrimination="yes",
                relevant_advance_equality="yes",
                relevant_good_relations="yes",
                likely_impacts=(
                    "Attenders lose a centre near home that serves the district’s most "
                    "diverse area; their carers lose time with a longer minibus round."
                ),
                group_relevance=relevance(
                    age=("medium", "Several attenders are over 60 and have been going to "
                                   "Fernhill for decades."),
                    disability=("high", "Every attender has a learning disability."),
                    gender_reassignment=("low", "No attender is known to be trans; not yet "
                                                "checked with the advocacy service."),
                    marriage_civil_partnership=("low", "Relevant only to the 12 staff, whose "
                                                       "terms would not change."),
                    pregnancy_maternity=("low", "One member of staff is on maternity leave."),
                    race=("high", "Fernhill serves the district’s most diverse area and "
                                  "cooks Caribbean and South Asian food."),
                    religion_belief=("medium", "Attenders go to Friday prayers from "
                                               "Fernhill."),
                    sex=("medium", "Some attenders need personal care from staff of the same "
                                   "sex."),
                    sexual_orientation=("low", "Not yet checked with the self-advocacy "
                                               "group."),
                    carers=("high", "Most attenders live with family carers."),
                    socio_economic=("high", "Fernhill is in the district’s most deprived "
                                            "ward."),
                ),
                screening_decision="full_assessment",
                screening_basis="Registers and the equality and inclusion lead’s advice.",
            ),
            "aims_and_scope": done(
                purpose="To avoid signing a new ten-year lease on Fernhill, whose building "
                        "needs a new roof and has no space for a sensory room.",
                intended_outcomes="Every Fernhill attender settled at Oakwood, with the "
                                  "staff they know, before the lease ends.",
                delivery="A phased move over three months.",
            ),
        },
        evidence=[
            source("E1", "service_data", "Fernhill registers and support plans",
                   month(today, -30),
                   "26 regular attenders; 11 from Black Caribbean or South Asian families; 6 "
                   "go to Friday prayers with staff; 19 live with family carers."),
            source("E2", "service_data", "Minibus rounds to Oakwood", month(today, -25),
                   "Adding Fernhill’s attenders to the Oakwood minibus rounds would make each "
                   "round 35 minutes longer each way: pick-ups from 8:05am and drop-offs "
                   "until 4:50pm."),
        ],
        impacts={
            "race": impact(
                "negative",
                "Fernhill cooks Caribbean and South Asian food and its staff reflect the "
                "families it serves; eleven attenders from those communities would move to a "
                "centre that does neither.",
                ["E1"],
            ),
            "carers": impact(
                "negative",
                "A minibus round 35 minutes longer each way would shorten the day for 19 "
                "family carers, several of whom fit paid work around Fernhill’s hours.",
                ["E1", "E2"],
            ),
        },
    )
