"""Demo: an assessment about half done, as a user finds one part-way through.

Screening (with each group's relevance), aims and scope are finished; the evidence has one
source; one impact is recorded without its mitigation yet; the rest is still to do.
"""

from __future__ import annotations

from datetime import date

from eia.demo.parts import assessment_document, day, done, impact, relevance, source

TITLE = "Reconfiguring day services for adults with learning disabilities"


def document(lead_officer_email: str, today: date) -> dict:
    return assessment_document(
        title=TITLE, type="service_change", unit="Adult Social Care: Day Services",
        lead=lead_officer_email, decision_maker="Cabinet Member for Adult Social Care",
        decision_forum="Cabinet", decision_date=day(today, 120),
        work_started_on=day(today, -21), extra_groups=["carers", "socio_economic"],
        sections={
            "screening": done(
                change_nature="reduction",
                change_description=(
                    "The council runs four building-based day centres for adults with "
                    "learning disabilities. The proposal is to close Oakwood and Fernhill, "
                    "move their 58 regular attenders to the two remaining centres, and spend "
                    "part of the saving on community-based activities."
                ),
                affected_people=["service_users", "staff", "partners"],
                relevant_eliminate_discrimination="yes",
                relevant_advance_equality="yes",
                relevant_good_relations="yes",
                likely_impacts=(
                    "Disabled adults lose familiar places, staff and friendships; longer "
                    "transport journeys; family carers lose respite if hours change."
                ),
                group_relevance=relevance(
                    age=("medium", "Attenders are 19 to 78; older attenders with dementia "
                                   "and their older parents may find a move hardest."),
                    disability=("high", "Every attender has a learning disability; many are "
                                        "autistic or have complex physical needs."),
                    gender_reassignment=("low", "No attender is known to be trans; we will "
                                                "check with the advocacy service."),
                    marriage_civil_partnership=(
                        "low", "Relevant only to the 41 staff whose base would change; "
                               "their terms do not depend on marital status."),
                    pregnancy_maternity=("low", "Two staff are on maternity leave and must "
                                                "be consulted on any change of base."),
                    race=("medium", "Fernhill serves the district’s most diverse area; food, "
                                    "language and family involvement differ."),
                    religion_belief=("medium", "Some attenders go to Friday prayers from "
                                               "Fernhill; halal meals are provided there."),
                    sex=("medium", "Most family carers are women, and some attenders need "
                                   "personal care from a member of staff of the same sex."),
                    sexual_orientation=("low", "Nothing known yet; we will ask the "
                                               "self-advocacy group."),
                    carers=("high", "39 attenders live with family carers, 17 of them aged "
                                    "70 or over, for whom the centres are their main break."),
                    socio_economic=("high", "Most attenders live on benefits, and transport "
                                            "and activity costs could fall on families."),
                ),
                screening_decision="full_assessment",
                screening_basis=(
                    "Every person affected is disabled and many rely on family carers; a "
                    "closure without an assessment has been found unlawful elsewhere."
                ),
            ),
            "aims_and_scope": done(
                purpose=(
                    "To save £640,000 a year from the day services budget while widening the "
                    "choice of daytime activities, as set out in the adult social care "
                    "strategy."
                ),
                intended_outcomes=(
                    "Everyone who now attends Oakwood or Fernhill has a day opportunity that "
                    "meets their assessed needs, agreed in a review, before either centre "
                    "closes."
                ),
                delivery=(
                    "Individual reviews for every attender; transport re-planned; a phased "
                    "move over six months with familiar staff moving with people."
                ),
            ),
            "evidence": {"completed": False, "answers": {}},
        },
        evidence=[
            source(
                "E1", "service_data", "Day centre attendance and needs",
                f"Registers at {today:%B %Y}",
                "58 regular attenders at Oakwood and Fernhill; 21 have complex physical "
                "needs and use wheelchairs; 14 are autistic; 39 live with family carers, 17 "
                "of whom are aged 70 or over.",
            ),
        ],
        impacts={
            "disability": impact(
                "negative",
                "Moving 58 people from Oakwood and Fernhill to two larger centres breaks "
                "routines and friendships that many attenders, especially the 14 autistic "
                "people, rely on; for the 21 wheelchair users the minibus journey would "
                "be longer.",
                ["E1"],
            ),
        },
    )
