"""Demo: a proposal screened out as not relevant to equality, with its specific reason."""

from __future__ import annotations

from datetime import date, timedelta

TITLE = "Moving the payroll system to a new hosting provider"


def document(lead_officer_email: str, today: date) -> dict:
    return {
        "schema_version": 1,
        "details": {
            "title": TITLE,
            "type": "procurement",
            "unit": "Corporate Services: People and Organisational Development",
            "lead_officer": {"email": lead_officer_email},
            "contributors": [],
            "decision_maker": "Chief Finance Officer",
            "decision_forum": "Digital Programme Board",
            "decision_date": (today + timedelta(days=60)).isoformat(),
            "work_started_on": (today - timedelta(days=14)).isoformat(),
        },
        "sections": {
            "screening": {"completed": True, "answers": {
                "change_nature": "technical",
                "change_description": (
                    "The payroll software stays the same; only the data centre it runs in "
                    "changes, from our own server room to the supplier's UK-hosted cloud. "
                    "Staff see the same self-service screens, payslips and pay dates."
                ),
                "affected_people": ["staff"],
                "relevant_eliminate_discrimination": "no",
                "relevant_advance_equality": "no",
                "relevant_good_relations": "no",
                "likely_impacts": "None expected: nothing staff see or do changes.",
                "screening_decision": "not_relevant",
                "not_relevant_reason": (
                    "The change is to where the system is hosted, not to what it does or who "
                    "uses it. The screens, accessibility settings (tested with screen readers "
                    "in 2024), pay dates and support routes stay exactly as they are, so no "
                    "member of staff will be affected differently because of a protected "
                    "characteristic. If the supplier later changes the self-service screens, "
                    "that change will be screened separately."
                ),
                "screening_basis": (
                    "Supplier's migration plan; confirmation from the accessibility lead that "
                    "the user interface is unchanged."
                ),
            }},
            "aims_and_scope": {"completed": True, "answers": {
                "purpose": "To retire ageing on-site servers and improve resilience.",
                "intended_outcomes": "Payroll available 99.9% of the time; no change for staff.",
                "delivery": "Migration over one weekend outside the payroll cycle.",
            }},
            "monitoring_and_review": {"completed": True, "answers": {
                "monitoring_indicators": "Helpdesk calls about payroll access after the move, "
                                         "compared with the three months before.",
                "monitoring_owner": "Payroll Systems Manager",
                "review_date": (today + timedelta(days=365)).isoformat(),
            }},
        },
        "evidence": [],
        "engagement": [],
        "impacts": {},
        "actions": [],
        "extra_groups": ["carers", "socio_economic"],
    }
