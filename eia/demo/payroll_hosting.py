"""Demo: a proposal screened out as not relevant to equality: the short form, with a specific
reason for the whole proposal and for each group."""

from __future__ import annotations

from datetime import date

from eia.demo.parts import assessment_document, day, done, relevance

TITLE = "Moving the payroll system to a new hosting provider"

_SAME_FOR_EVERYONE = ("Nothing staff see or do changes: the same screens, payslips, pay dates "
                      "and support, whoever they are.")


def document(lead_officer_email: str, today: date) -> dict:
    return assessment_document(
        title=TITLE, type="procurement",
        unit="Corporate Services: People and Organisational Development",
        lead=lead_officer_email, decision_maker="Chief Finance Officer",
        decision_forum="Digital Programme Board", decision_date=day(today, 60),
        work_started_on=day(today, -14), extra_groups=["carers", "socio_economic"],
        sections={
            "screening": done(
                change_nature="technical",
                change_description=(
                    "The payroll software stays the same; only the data centre it runs in "
                    "changes, from our own server room to the supplier’s UK-hosted cloud. "
                    "Staff see the same self-service screens, payslips and pay dates."
                ),
                affected_people=["staff"],
                relevant_eliminate_discrimination="no",
                relevant_advance_equality="no",
                relevant_good_relations="no",
                likely_impacts="None expected: nothing staff see or do changes.",
                group_relevance=relevance(
                    age=("none", _SAME_FOR_EVERYONE),
                    disability=("low", "The self-service screens and sign-in page are "
                                       "unchanged and were tested with screen readers and "
                                       "magnifiers; the accessibility lead will repeat the "
                                       "test on the new hosting before go-live."),
                    gender_reassignment=("none", "Records, including the restricted access "
                                                 "to previous names, move unchanged with the "
                                                 "same permissions."),
                    marriage_civil_partnership=("none", "Pay, pension and benefit rules are "
                                                        "not touched; only where the system "
                                                        "runs changes."),
                    pregnancy_maternity=("none", "Maternity pay is calculated and paid "
                                                 "exactly as now, on the same dates."),
                    race=("none", _SAME_FOR_EVERYONE),
                    religion_belief=("none", _SAME_FOR_EVERYONE),
                    sex=("none", "Pay rules, and so the gender pay gap reporting drawn from "
                                 "them, are unchanged."),
                    sexual_orientation=("none", _SAME_FOR_EVERYONE),
                    carers=("none", "Carer’s leave and flexible working are recorded as now; "
                                    "the migration is on a weekend outside the pay cycle."),
                    socio_economic=("none", "Pay dates are unchanged, so nobody on a low "
                                            "wage is paid late by the move."),
                ),
                screening_decision="not_relevant",
                not_relevant_reason=(
                    "The change is to where the system is hosted, not to what it does or who "
                    "uses it. The screens, accessibility settings (tested with screen readers "
                    "last year), pay dates and support routes stay exactly as they are, so no "
                    "member of staff will be affected differently because of a protected "
                    "characteristic. If the supplier later changes the self-service screens, "
                    "that change will be screened separately."
                ),
                screening_basis=(
                    "Supplier’s migration plan; confirmation from the accessibility lead that "
                    "the user interface is unchanged."
                ),
            ),
            "aims_and_scope": done(
                purpose="To retire ageing on-site servers and improve resilience.",
                intended_outcomes="Payroll available 99.9% of the time; no change for staff.",
                delivery="Migration over one weekend outside the payroll cycle.",
            ),
            "monitoring_and_review": done(
                monitoring_indicators=(
                    "Helpdesk calls about payroll access after the move, compared with the "
                    "three months before, including calls from staff who use assistive "
                    "technology."
                ),
                monitoring_owner="Payroll Systems Manager",
                review_date=day(today, 365),
            ),
        },
    )
