"""Demo: a council budget proposal to charge for lunches at day centres. A strategic decision,
so socio-economic disadvantage is covered; the journeys submit it for review and leave it
waiting for a reviewer (`eia.demo.journeys`)."""

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

TITLE = "Introducing a charge for lunches at day centres"

DECISION = 56
CONSULTATION = (-75, -40)


def _evidence(today: date) -> list[dict]:
    return [
        source("E1", "service_data", "Day centre attendance and diets", month(today, -60),
               "212 people attend the four day centres for adults with learning "
               "disabilities, 3.4 days a week on average; 54% are men; ages 18 to 84, median "
               "41. 188 eat the centre lunch: 23 need texture-modified food because of "
               "swallowing difficulties, 31 have halal meals, 12 have vegetarian meals for "
               "religious reasons and 9 the Caribbean menu. 9 people are fed by tube and eat "
               "no lunch."),
        source("E2", "service_data", "Catering contract: what each lunch costs",
               last_financial_year(today),
               "A standard lunch costs the council £3.90, a halal lunch £5.60 (bought in), a "
               "texture-modified lunch £4.80, and the Caribbean and South Asian menus £4.30. "
               "Lunches cost £187,000 a year, all met from the day services budget."),
        source("E3", "service_data", "Financial assessments of day centre attenders",
               month(today, -50),
               "Of 212 attenders, 164 have income from benefits only. 151 (71%) pay nothing "
               "towards their care after the Care Act financial assessment, because their "
               "income is at or near the minimum income guarantee; 61 pay a contribution."),
        source("E4", "consultation", "Consultation with attenders, families and carers",
               months(today, *CONSULTATION),
               "146 responses from an easy-read survey with advocates and family meetings at "
               "each centre. Attenders understood paying for lunch, as at a café, but said "
               "£4.50 four days a week was too much. Families on benefits said it would come "
               "out of household food money. Carers of people who need texture-modified food "
               "feared a higher price or having to prepare it themselves. The mosque welfare "
               "committee and temple welfare officers asked that halal and vegetarian meals "
               "cost no more."),
    ]


def _impacts() -> dict:
    return {
        "age": impact(
            "neutral",
            "Attenders of every age pay the same charge for the same lunch, and we found no "
            "age group that eats at the centres more or less often or would pay more.",
            ["E1"],
        ),
        "disability": impact(
            "negative",
            "Every attender is disabled, so the charge falls only on disabled people: someone "
            "attending four days a week would pay £18 a week for lunches that are free now. "
            "For the 23 people who need texture-modified food, bringing a packed lunch is no "
            "real alternative unless a carer prepares it safely at home.",
            ["E1", "E3", "E4"],
            mitigation=(
                "One price for every lunch, whatever it costs us; nobody fed by tube is "
                "charged; people who pay nothing towards their care after the financial "
                "assessment pay £2.50, about what the same meal costs at home; anyone may "
                "bring their own food, and staff support them to eat it as now."
            ),
            harm_remains=True,
            residual="Attenders who pay a care contribution will pay up to £18 a week for "
                     "lunches that are free now.",
        ),
        "race": impact(
            "negative",
            "The Caribbean and South Asian menus cost more to buy than the standard lunch. "
            "Had prices followed cost, as first proposed, Black and Asian attenders would have "
            "paid more than their white peers for a meal they can eat, or given up the menu "
            "they chose.",
            ["E1", "E2"],
            mitigation="One price for every menu.",
            harm_remains=False,
            residual="None: every menu costs the attender the same.",
        ),
        "religion_belief": impact(
            "negative",
            "Halal lunches cost us £5.60, £1.70 more than the standard lunch. A charge that "
            "followed cost would have made Muslim attenders pay more, and the 12 people with "
            "vegetarian meals for religious reasons feared the same; some families said they "
            "would stop the lunch rather than pay more.",
            ["E1", "E2", "E4"],
            mitigation="One price for every lunch, including halal and vegetarian meals.",
            harm_remains=False,
            residual="None: faith-based meals cost the attender the same as any other.",
        ),
        "sex": impact(
            "neutral",
            "Men and women attend in similar numbers (54% men) and pay the same for the same "
            "lunch, so the charge does not fall more on either.",
            ["E1"],
        ),
        "carers": impact(
            "negative",
            "Parent carers who share a household budget with the person they care for will "
            "feel the charge in the family’s food money, and carers of people who need "
            "texture-modified food would have to prepare it at home if the family chose "
            "packed lunches. Many of these carers are in their seventies.",
            ["E3", "E4"],
            mitigation=(
                "The reduced £2.50 rate for people on the lowest incomes; texture-modified "
                "meals at the standard price, so families are not pushed into preparing them; "
                "a benefits check for every family that asks."
            ),
            harm_remains=True,
            residual="Families of attenders who pay a care contribution will pay more than "
                     "now.",
        ),
        "socio_economic": impact(
            "negative",
            "71% of attenders live on incomes at or near the minimum income guarantee, and "
            "164 have no income but benefits. £18 a week is a large share of what they have "
            "left after housing costs, and it comes on top of other rising costs.",
            ["E3", "E4"],
            mitigation=(
                "£2.50 a day for everyone who pays nothing towards their care; nobody refused "
                "a lunch because of arrears; a benefits check offered to every attender."
            ),
            harm_remains=True,
            residual="People on low incomes who pay a small care contribution will pay the "
                     "full £4.50.",
        ),
    }


def _actions(today: date) -> list[dict]:
    start = DECISION + 90
    return [
        action("Set one price for every lunch, including halal, vegetarian, cultural and "
               "texture-modified meals, in the catering contract.",
               ["disability", "race", "religion_belief"], "Catering Contract Manager",
               day(today, start - 30),
               "Every menu charged at the same price from the first day; no fall in take-up "
               "of any menu in the first three months."),
        action("Introduce the £2.50 reduced rate for attenders who pay nothing towards their "
               "care, and no charge for anyone fed by tube.",
               ["disability", "carers", "socio_economic"], "Head of Financial Assessments",
               day(today, start - 30),
               "Every eligible attender on the reduced rate before the charge starts."),
        action("Write to every attender and family, in easy read and in the languages they "
               "use, two months before the charge starts, with a named contact and the offer "
               "of a benefits check.",
               ["disability", "carers", "socio_economic"], "Day Services Manager",
               day(today, start - 60),
               "Letters sent to all 212 attenders; benefits checks completed for every family "
               "that asks."),
        action("Monitor lunch take-up, packed lunches and arrears by centre, menu and "
               "financial assessment band every quarter for a year.",
               ["disability", "socio_economic", "carers"], "Day Services Manager",
               day(today, start + 90),
               "Quarterly report to the adult social care leadership team; early review if "
               "take-up falls by more than 10% in any group."),
    ]


def document(lead_officer_email: str, today: date) -> dict:
    return assessment_document(
        title=TITLE, type="budget", unit="Adult Social Care: Day Services",
        lead=lead_officer_email, decision_maker="Cabinet",
        decision_forum="Cabinet (budget meeting)", decision_date=day(today, DECISION),
        work_started_on=day(today, -95), strategic_decision=True,
        extra_groups=["carers", "socio_economic"],
        sections={
            "screening": done(
                change_nature="new",
                change_description=(
                    "Lunches at the council’s four day centres for adults with learning "
                    "disabilities are free. Three months after the budget is agreed, attenders "
                    "would pay £4.50 for each lunch they eat."
                ),
                affected_people=["service_users", "public"],
                relevant_eliminate_discrimination="yes",
                relevant_advance_equality="yes",
                relevant_good_relations="no",
                likely_impacts=(
                    "Disabled attenders and their families on low incomes pay more; people "
                    "with halal, cultural or texture-modified meals could pay more still."
                ),
                group_relevance=relevance(
                    age=("low", "Attenders are 18 to 84 and all would pay the same; we "
                                "checked whether any age group eats there more."),
                    disability=("high", "Every attender has a learning disability, and 23 "
                                        "need texture-modified food."),
                    gender_reassignment=("none", "The charge and the menu are the same for "
                                                 "everyone; nothing about a lunch depends on "
                                                 "gender identity."),
                    marriage_civil_partnership=("none", "A charge to people who use a "
                                                        "service; no employment term "
                                                        "changes."),
                    pregnancy_maternity=("none", "No attender has been pregnant in the last "
                                                 "five years; if one were, the same menu and "
                                                 "price apply and any dietary advice is "
                                                 "followed as now."),
                    race=("medium", "Caribbean and South Asian menus cost more to buy, so a "
                                    "cost-based price would fall on Black and Asian "
                                    "attenders."),
                    religion_belief=("high", "Halal lunches cost £1.70 more than standard "
                                             "ones, and some attenders eat vegetarian meals "
                                             "for religious reasons."),
                    sex=("low", "Men and women attend in similar numbers; we checked."),
                    sexual_orientation=("none", "Nothing about the charge or the lunch "
                                                "depends on sexual orientation."),
                    carers=("high", "Most attenders live with family carers who share the "
                                    "household budget."),
                    socio_economic=("high", "Most attenders live on benefits at or near the "
                                            "minimum income guarantee."),
                ),
                screening_decision="full_assessment",
                screening_basis=(
                    "Attendance and financial assessment data; the catering contract; advice "
                    "from the equality and inclusion lead."
                ),
            ),
            "aims_and_scope": done(
                purpose=(
                    "To meet part of the adult social care savings in next year’s budget "
                    "without closing day centre places, by charging for lunches as most "
                    "councils nearby already do."
                ),
                intended_outcomes=(
                    "£150,000 a year towards the cost of lunches; no attender going without "
                    "lunch because of the charge; no fall in take-up of any menu."
                ),
                delivery=(
                    "Charged through the existing care billing, monthly in arrears, from three "
                    "months after the decision. Families told two months before."
                ),
                related_policies="The council’s charging policy for adult social care; the "
                                 "reconfiguration of day services, assessed separately.",
            ),
            "evidence": done(evidence_gaps=(
                "We do not know how many families already send packed lunches on some days. "
                "Centres will record this for a month before the charge starts."
            )),
            "engagement": done(engagement_gaps=(
                "Few replies came from attenders who live alone with home care. Their "
                "social workers will go through the proposal with them at their next review."
            )),
            "impact_by_group": done(),
            "intersectional_and_cumulative": done(
                intersectional_impact=(
                    "Older parent carers on pension credit who look after an adult son or "
                    "daughter with complex needs are hit hardest: the charge comes out of a "
                    "small fixed income, and if they chose packed lunches they would have to "
                    "prepare texture-modified food themselves. South Asian families with "
                    "halal and texture-modified needs would, under a cost-based charge, have "
                    "paid the most; one price for every meal prevents that."
                ),
                cumulative_impact=(
                    "Care contributions rise each April with benefit uprating, and the "
                    "reconfiguration of day services may lengthen some journeys. Together "
                    "these fall on the same families in one year, so the reduced rate, the "
                    "benefits checks and the quarterly monitoring will be reported alongside "
                    "the reconfiguration’s."
                ),
            ),
            "three_aims": done(
                aim_eliminate_discrimination=(
                    "A cost-based charge would have put Black and Asian attenders, and those "
                    "with halal or vegetarian meals for religious reasons, at a particular "
                    "disadvantage; texture-modified food at a higher price would have "
                    "penalised people because of their disability. One price removes that, "
                    "and nobody fed by tube is charged for a meal they cannot eat."
                ),
                aim_advance_equality=(
                    "The reduced rate and benefits checks protect people on the lowest "
                    "incomes, and keeping the centres’ places open protects the daytime "
                    "opportunities disabled adults value."
                ),
                aim_foster_good_relations=(
                    "One price for every menu avoids any sense that one group’s meals cost "
                    "more or are subsidised by others."
                ),
            ),
            "other_duties": done(
                human_rights_engaged="no",
                socio_economic_impact=(
                    "As a strategic budget decision we considered how to reduce inequalities "
                    "of outcome: see the impact for socio-economic disadvantage. The reduced "
                    "rate and benefits checks are there so that the charge does not widen "
                    "the gap for those with least."
                ),
                other_commitments=(
                    "The lunch is charged as food, not as care. The Care Act financial "
                    "assessment sets care contributions as now; we use it only to decide who "
                    "pays the reduced rate."
                ),
            ),
            "outcome": done(
                outcome="adjust",
                outcome_summary=(
                    "Introduce the charge, adjusted so that every meal costs the same, people "
                    "on the lowest incomes pay £2.50, and nobody fed by tube pays. A cost "
                    "remains for families who pay a care contribution."
                ),
                remaining_impact_proportionality=(
                    "Attenders who pay a care contribution, and their families, will pay up "
                    "to £18 a week. That is no more than the food costs, and less than a "
                    "café meal; those with least pay £2.50, about what they would spend at "
                    "home; and nobody is refused a lunch. Without the charge the savings "
                    "would mean fewer day centre places, which would harm the same people "
                    "more. We judge the remaining cost proportionate."
                ),
                adjustments=(
                    "One price for every menu, replacing cost-based prices; the £2.50 "
                    "reduced rate; no charge for people fed by tube; benefits checks."
                ),
            ),
            "action_plan": done(),
            "monitoring_and_review": done(
                monitoring_indicators=(
                    "Quarterly: lunch take-up and packed lunches by centre, menu and "
                    "financial assessment band; arrears; complaints."
                ),
                monitoring_owner="Day Services Manager",
                review_date=day(today, DECISION + 90 + 300),
                review_triggers="A fall of more than 10% in take-up in any group.",
            ),
        },
        evidence=_evidence(today),
        engagement=[
            engaged("Attenders at the four day centres, with advocates from the self-advocacy "
                    "group", day(today, CONSULTATION[0]), day(today, CONSULTATION[1]),
                    ["disability", "race", "religion_belief", "socio_economic"],
                    "Easy-read survey and group sessions at each centre",
                    "Paying for lunch is fair, like a café, but £4.50 four days a week is too "
                    "much for people on benefits.",
                    "The reduced rate for people who pay nothing towards their care."),
            engaged("Families and carers", day(today, -70), day(today, -45),
                    ["carers", "socio_economic", "disability"],
                    "Evening meetings at each centre and phone calls",
                    "The charge would come out of household food money; texture-modified "
                    "food must not cost more or fall to families to prepare.",
                    "Texture-modified meals at the standard price; benefits checks."),
            engaged("Eastfield mosque welfare committee and the Hindu and Sikh temples’ "
                    "welfare officers", day(today, -60), None, ["religion_belief", "race"],
                    "A joint meeting",
                    "Halal and vegetarian meals must not cost more than other meals.",
                    "One price for every lunch."),
        ],
        impacts=_impacts(),
        actions=_actions(today),
    )
