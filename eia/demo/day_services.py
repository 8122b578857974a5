"""Demo: an assessment about half done — screening, aims and some evidence and impacts."""

from __future__ import annotations

from datetime import date, timedelta

TITLE = "Reconfiguring day services for adults with learning disabilities"


def document(lead_officer_email: str, today: date) -> dict:
    return {
        "schema_version": 1,
        "details": {
            "title": TITLE,
            "type": "service_change",
            "unit": "Adult Social Care: Day Services",
            "lead_officer": {"email": lead_officer_email},
            "contributors": [],
            "decision_maker": "Cabinet Member for Adult Social Care",
            "decision_forum": "Cabinet",
            "decision_date": (today + timedelta(days=120)).isoformat(),
            "work_started_on": (today - timedelta(days=21)).isoformat(),
        },
        "sections": {
            "screening": {"completed": True, "answers": {
                "change_nature": "reduction",
                "change_description": (
                    "The council runs four building-based day centres for adults with learning "
                    "disabilities. The proposal is to close Oakwood and Fernhill, move their 58 "
                    "regular attenders to the two remaining centres, and spend part of the "
                    "saving on community-based activities."
                ),
                "affected_people": ["service_users", "staff", "partners"],
                "relevant_eliminate_discrimination": "yes",
                "relevant_advance_equality": "yes",
                "relevant_good_relations": "yes",
                "likely_impacts": (
                    "Disabled adults lose familiar places, staff and friendships; longer "
                    "transport journeys; family carers lose respite if hours change."
                ),
                "screening_decision": "full_assessment",
                "screening_basis": (
                    "Every person affected is disabled and many rely on family carers; a "
                    "closure without an assessment has been found unlawful elsewhere."
                ),
            }},
            "aims_and_scope": {"completed": True, "answers": {
                "purpose": (
                    "To save £640,000 a year from the day services budget while widening the "
                    "choice of daytime activities, as set out in the adult social care "
                    "strategy."
                ),
                "intended_outcomes": (
                    "Everyone who now attends Oakwood or Fernhill has a day opportunity that "
                    "meets their assessed needs, agreed in a review, before either centre "
                    "closes."
                ),
                "delivery": (
                    "Individual reviews for every attender; transport re-planned; a phased move "
                    "over six months with familiar staff moving with people."
                ),
            }},
            "evidence": {"completed": False, "answers": {}},
        },
        "evidence": [
            {
                "key": "E1", "kind": "service_data", "period": "2025",
                "title": "Day centre attendance and needs",
                "summary": (
                    "58 regular attenders at Oakwood and Fernhill; 21 have complex physical "
                    "needs and use wheelchairs; 14 are autistic; 39 live with family carers, "
                    "17 of whom are aged 70 or over."
                ),
                "url": "", "file": None,
            },
        ],
        "engagement": [],
        "impacts": {
            "disability": {
                "impact": "negative",
                "effect": (
                    "Moving to a different centre breaks routines and friendships that many "
                    "attenders, especially autistic people, rely on; journeys for people with "
                    "complex physical needs get longer."
                ),
                "evidence": ["E1"],
                "mitigation": "",
                "residual_impact": "",
                "no_evidence_reason": "",
            },
        },
        "actions": [],
        "extra_groups": ["carers", "socio_economic"],
    }
