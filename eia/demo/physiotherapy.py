"""Demo: a complete assessment that passes every quality check.

Moving outpatient physiotherapy from three community clinics to one site: written as an NHS
community trust's service manager would, with the evidence, engagement, impacts and actions
a reviewer expects to see.
"""

from __future__ import annotations

from datetime import date, timedelta

TITLE = "Moving outpatient physiotherapy to a single site at Riverside Health Centre"


def _evidence() -> list[dict]:
    return [
        {
            "key": "E1", "kind": "service_data", "period": "April 2024 to March 2025",
            "title": "Outpatient physiotherapy activity and patient profile",
            "summary": (
                "12,480 attendances by 3,910 patients across Northgate, Millbrook and Eastfield "
                "clinics. 41% of patients were aged 65 or over (18% aged 80 or over); 29% "
                "recorded a long-term disability; 61% were women. 14% of patients used patient "
                "transport or a taxi scheme. Did-not-attend rates were highest at Eastfield "
                "(11.2%) and among patients aged 16 to 24 (13.5%). Ethnicity was recorded for "
                "only 72% of patients."
            ),
            "url": "https://intranet.example.org/physio/activity-2024-25",
            "file": None,
        },
        {
            "key": "E2", "kind": "population_data", "period": "Census 2021",
            "title": "Census 2021: population of the three clinic catchments",
            "summary": (
                "The Eastfield catchment has the highest proportion of households without a car "
                "(38%, against 24% across the district), the highest proportion of people "
                "aged 75 and over, and the largest Pakistani and Bangladeshi communities in the "
                "district (17% of residents). 9% of Eastfield residents do not speak English "
                "well or at all."
            ),
            "url": "https://www.ons.gov.uk/census",
            "file": None,
        },
        {
            "key": "E3", "kind": "research", "period": "Published 2023",
            "title": "Travel times by public transport to Riverside Health Centre",
            "summary": (
                "Modelling by the council's transport team: from Eastfield the journey to "
                "Riverside takes 55 to 70 minutes by bus with one change (against 15 minutes "
                "to Eastfield clinic); from Millbrook 35 minutes direct; from Northgate 20 "
                "minutes. Buses from Eastfield run every 30 minutes and not after 6pm."
            ),
            "url": "https://www.example.gov.uk/transport/accessibility-modelling-2023",
            "file": None,
        },
        {
            "key": "E4", "kind": "complaints_feedback", "period": "2022 to 2025",
            "title": "Complaints, PALS contacts and Friends and Family Test comments",
            "summary": (
                "47 comments about physiotherapy access in three years: 19 about travel and "
                "parking, 8 about appointment times clashing with caring responsibilities or "
                "work, 6 from Muslim women asking for a female physiotherapist, 5 about "
                "interpreters not being booked. Riverside's parking was praised; Eastfield's "
                "lack of a lift was the most common complaint about premises."
            ),
            "url": "",
            "file": None,
        },
        {
            "key": "E5", "kind": "consultation", "period": "June to August 2025",
            "title": "Patient and public engagement on the single-site proposal",
            "summary": (
                "412 survey responses (38% from people aged 65 and over; 22% disabled; 11% "
                "completed in Urdu or Bengali with support) and four listening events. 64% "
                "supported a single modern site if transport help was provided; 71% of "
                "Eastfield respondents said the journey would be difficult or impossible "
                "without help."
            ),
            "url": "https://www.example.nhs.uk/physio-consultation-report",
            "file": None,
        },
        {
            "key": "E6", "kind": "workforce_data", "period": "March 2025",
            "title": "Physiotherapy workforce profile",
            "summary": (
                "34 staff (28.6 whole-time equivalent); 82% women; 9 work part-time, 6 of "
                "whom have caring responsibilities; 2 have workplace adjustments for "
                "disability. Travel to Riverside adds more than 30 minutes each way for 7 "
                "staff, 4 of them part-time."
            ),
            "url": "",
            "file": None,
        },
    ]


def _impact(impact, effect, evidence, mitigation="", residual="", no_evidence_reason=""):
    return {"impact": impact, "effect": effect, "evidence": evidence,
            "mitigation": mitigation, "residual_impact": residual,
            "no_evidence_reason": no_evidence_reason}


def _impacts() -> dict:
    return {
        "age": _impact(
            "both",
            "Older patients, especially those aged 80 and over in Eastfield, would face a "
            "journey of up to 70 minutes by bus with a change, instead of 15 minutes. For "
            "people with painful joints or poor balance after a fall, that journey can mean "
            "missing appointments and stopping treatment early, which slows recovery and "
            "raises the risk of another fall. Younger adults would gain evening sessions, "
            "which the single site can staff.",
            ["E1", "E2", "E3", "E5"],
            "Free patient transport for anyone aged 75 or over, or assessed as unable to use "
            "the bus, booked with the appointment; a community outreach clinic at Eastfield "
            "Library two days a week for patients who cannot travel; home visits kept for "
            "housebound patients.",
            "Some older patients will still travel further than now, but none will lose "
            "access to treatment; we will check attendance by age every quarter.",
        ),
        "disability": _impact(
            "both",
            "Disabled patients would lose a local clinic but gain a fully accessible building: "
            "Riverside has level access, a changing places toilet and hoists, while Eastfield "
            "has no lift. Longer journeys are harder for people with fatigue or pain, and "
            "patients with learning disabilities may find an unfamiliar, larger building "
            "distressing.",
            ["E1", "E3", "E4", "E5"],
            "Transport offered to any patient whose disability makes the bus journey "
            "difficult; easy-read appointment letters with photographs of the new building; "
            "a first appointment with extra time; the outreach clinic for those who cannot "
            "travel.",
            "Journeys will be longer for some disabled patients, offset by a much better "
            "building; monitored through attendance and feedback by disability.",
        ),
        "gender_reassignment": _impact(
            "neutral",
            "We found nothing to suggest trans patients would be affected differently by the "
            "move. Riverside has private changing rooms as well as gender-neutral toilets, "
            "which some trans and non-binary patients have asked for elsewhere in the trust.",
            [],
            no_evidence_reason=(
                "Gender identity is not recorded in the physiotherapy system and the number of "
                "patients is likely to be very small, so local data would not be reliable. "
                "We asked the LGBT+ staff network and the local LGBT+ partnership for views "
                "during engagement; neither raised concerns about the move."
            ),
        ),
        "marriage_civil_partnership": _impact(
            "neutral",
            "The change affects where patients are treated, not employment terms, so "
            "marriage and civil partnership is relevant only to staff. No staff terms change "
            "according to marital or civil partnership status.",
            ["E6"],
        ),
        "pregnancy_maternity": _impact(
            "positive",
            "Pregnant women referred for pelvic girdle pain would be seen at Riverside, which "
            "is next to the maternity unit, so women can combine appointments. Longer travel "
            "from Eastfield is a risk late in pregnancy.",
            ["E1", "E5"],
            "Pregnant women from Eastfield can choose the outreach clinic or transport.",
            "None expected.",
        ),
        "race": _impact(
            "negative",
            "Eastfield has the largest Pakistani and Bangladeshi communities in the district "
            "and the lowest car ownership, so these patients are most affected by longer "
            "journeys. Some older patients speak limited English, and complaints show "
            "interpreters are not always booked; an unfamiliar site makes that worse. Ethnicity "
            "is missing for 28% of patients, so the effect may be under-counted.",
            ["E1", "E2", "E4", "E5"],
            "Interpreters booked automatically when a language need is recorded; appointment "
            "letters and the new-site guide in Urdu and Bengali; the Eastfield outreach "
            "clinic; a target to raise ethnicity recording to 95%.",
            "Longer journeys remain for some patients; we will compare attendance by ethnicity "
            "before and after the move.",
        ),
        "religion_belief": _impact(
            "negative",
            "Muslim women have asked for a female physiotherapist, which is easier to arrange "
            "at one larger site with more staff. However, appointment times at a single site "
            "could clash with Friday prayers for some patients who now use the local clinic "
            "at other times.",
            ["E4", "E5"],
            "Patients can ask for a female physiotherapist when booking; no clinic sessions "
            "between 12:30 and 2pm on Fridays unless the patient chooses it.",
            "None expected after these changes.",
        ),
        "sex": _impact(
            "both",
            "61% of patients and 82% of staff are women. Women are more likely to be unpaid "
            "carers and to work part-time, so longer travel and fixed appointment slots affect "
            "them more. Female staff with caring responsibilities would travel further to work.",
            ["E1", "E4", "E6"],
            "Early-morning and evening appointments; staff offered flexible working, travel "
            "expenses for the extra distance for 12 months, and a base at the outreach clinic "
            "where service needs allow.",
            "Some staff will travel further; reviewed with staff-side at 6 months.",
        ),
        "sexual_orientation": _impact(
            "neutral",
            "We found nothing to suggest lesbian, gay or bisexual patients or staff would be "
            "affected differently by the change of site.",
            [],
            no_evidence_reason=(
                "Sexual orientation is not recorded for patients; the staff survey sample is "
                "too small to break down. The LGBT+ staff network and local partnership were "
                "asked and raised no concerns."
            ),
        ),
        "carers": _impact(
            "negative",
            "Carers who bring a patient to appointments would spend up to two hours more per "
            "visit, which can mean losing paid work or respite. Complaints already mention "
            "appointment times clashing with caring.",
            ["E4", "E5"],
            "Transport for the patient and one carer; appointments offered at times that suit "
            "carers; video follow-up appointments where clinically suitable.",
            "Some extra time for carers remains; monitored through the carers' survey.",
        ),
        "socio_economic": _impact(
            "negative",
            "Bus fares and lost earnings fall hardest on people on low incomes, who are "
            "concentrated in Eastfield. The return fare to Riverside is £6.40 against £2.20 "
            "now.",
            ["E2", "E3"],
            "Travel costs refunded through the Healthcare Travel Costs Scheme, explained in "
            "every appointment letter; free transport for eligible patients; outreach clinic.",
            "Some patients who are not eligible for refunds will pay more to travel.",
        ),
    }


def _actions(today: date) -> list[dict]:
    return [
        {
            "description": "Commission a patient transport service for patients aged 75 and "
                           "over, patients whose disability makes the bus journey difficult, "
                           "and one carer each.",
            "groups": ["age", "disability", "carers", "socio_economic"],
            "owner": "Priya Shah, Service Manager",
            "due_date": (today + timedelta(days=60)).isoformat(),
            "success_measure": "Transport in place before the move; 95% of eligible patients "
                               "offered it at booking; no rise in missed appointments among "
                               "patients aged 75 and over.",
            "status": "in_progress",
        },
        {
            "description": "Open an outreach clinic at Eastfield Library two days a week.",
            "groups": ["age", "disability", "race", "socio_economic", "pregnancy_maternity"],
            "owner": "Clinical Lead, Outpatient Physiotherapy",
            "due_date": (today + timedelta(days=75)).isoformat(),
            "success_measure": "Clinic running on the day of the move; at least 80% of its "
                               "sessions used within 3 months.",
            "status": "planned",
        },
        {
            "description": "Book interpreters automatically when a language need is "
                           "recorded, and translate appointment letters and the new-site "
                           "guide into Urdu and Bengali.",
            "groups": ["race"],
            "owner": "Patient Access Manager",
            "due_date": (today + timedelta(days=45)).isoformat(),
            "success_measure": "No complaints about missing interpreters in the first 6 "
                               "months; translated letters sent to every patient with a "
                               "recorded language need.",
            "status": "planned",
        },
        {
            "description": "Raise the recording of ethnicity for physiotherapy patients from "
                           "72% to 95%.",
            "groups": ["race"],
            "owner": "Head of Information",
            "due_date": (today + timedelta(days=180)).isoformat(),
            "success_measure": "Ethnicity recorded for 95% of new referrals by the six-month "
                               "review.",
            "status": "planned",
        },
        {
            "description": "Agree flexible working, travel expenses for 12 months and "
                           "outreach-clinic bases with affected staff and staff-side "
                           "representatives.",
            "groups": ["sex", "carers"],
            "owner": "Head of People, Community Health Services",
            "due_date": (today + timedelta(days=30)).isoformat(),
            "success_measure": "Every affected member of staff has had a one-to-one meeting "
                               "and a written outcome before the move.",
            "status": "in_progress",
        },
        {
            "description": "Offer female physiotherapists on request and keep Friday "
                           "lunchtime free of routine clinics.",
            "groups": ["religion_belief", "sex"],
            "owner": "Clinical Lead, Outpatient Physiotherapy",
            "due_date": (today + timedelta(days=60)).isoformat(),
            "success_measure": "Requests for a female physiotherapist met within the usual "
                               "waiting time in 95% of cases.",
            "status": "planned",
        },
    ]


def document(lead_officer_email: str, today: date) -> dict:
    """The canonical document of the complete demo assessment, with dates relative to today."""
    return {
        "schema_version": 1,
        "details": {
            "title": TITLE,
            "type": "service_change",
            "unit": "Community Health Services: Outpatient Physiotherapy",
            "lead_officer": {"email": lead_officer_email},
            "contributors": [],
            "decision_maker": "Director of Community Health Services",
            "decision_forum": "Executive Management Team",
            "decision_date": (today + timedelta(days=42)).isoformat(),
            "work_started_on": (today - timedelta(days=120)).isoformat(),
        },
        "sections": {
            "screening": {"completed": True, "answers": {
                "change_nature": "revised",
                "change_description": (
                    "Outpatient physiotherapy is now delivered from three community clinics "
                    "(Northgate, Millbrook and Eastfield). From next spring it would move to "
                    "one refurbished site at Riverside Health Centre, with a two-day outreach "
                    "clinic at Eastfield Library. Home visits for housebound patients continue."
                ),
                "affected_people": ["service_users", "staff", "public"],
                "relevant_eliminate_discrimination": "yes",
                "relevant_advance_equality": "yes",
                "relevant_good_relations": "no",
                "likely_impacts": (
                    "Longer journeys for older, disabled and low-income patients in Eastfield, "
                    "and for carers who bring them; a better building for disabled patients; "
                    "changes to where staff work, most of whom are women."
                ),
                "screening_decision": "full_assessment",
                "screening_basis": (
                    "Activity data and the Census show that patients of the Eastfield clinic "
                    "are older, poorer and less likely to have a car than the district as a "
                    "whole, so a move is likely to affect protected groups differently."
                ),
            }},
            "aims_and_scope": {"completed": True, "answers": {
                "purpose": (
                    "To bring outpatient physiotherapy together at one modern, accessible site "
                    "so that we can offer longer opening hours, specialist classes and shorter "
                    "waits, and stop using the Eastfield building, which has no lift and needs "
                    "£400,000 of repairs."
                ),
                "intended_outcomes": (
                    "Waiting times from referral to first appointment down from 14 weeks to 6; "
                    "evening sessions three days a week; falls-prevention and pelvic-health "
                    "classes at one site; no fall in attendance by any group of patients."
                ),
                "delivery": (
                    "Riverside's ground floor is being refurbished (funded). Staff from the "
                    "three clinics move to Riverside, with an outreach rota at Eastfield "
                    "Library. Appointments, letters and patient transport change from the "
                    "date of the move."
                ),
                "related_policies": "Community services estates strategy 2024 to 2029; the "
                                    "trust's accessible information policy; patient transport "
                                    "eligibility criteria.",
                "scope_exclusions": "Inpatient and musculoskeletal triage services are not "
                                    "affected.",
            }},
            "evidence": {"completed": True, "answers": {
                "evidence_gaps": (
                    "Ethnicity is missing for 28% of patients, and sexual orientation and "
                    "gender identity are not recorded. We have set an action to improve "
                    "ethnicity recording and asked LGBT+ groups directly during engagement."
                ),
            }},
            "engagement": {"completed": True, "answers": {
                "engagement_gaps": (
                    "Few responses came from people aged 16 to 24 or from Gypsy and Traveller "
                    "families who use the Eastfield clinic. We will ask both through the youth "
                    "service and the Traveller liaison officer before the move, and at the "
                    "six-month review."
                ),
            }},
            "impact_by_group": {"completed": True, "answers": {}},
            "intersectional_and_cumulative": {"completed": True, "answers": {
                "intersectional_impact": (
                    "The people most affected are older disabled women from Pakistani and "
                    "Bangladeshi communities in Eastfield who do not drive, speak limited "
                    "English and often rely on a family member to bring them. For them the "
                    "move combines a long journey, a language barrier and the loss of a "
                    "familiar local clinic. Transport, interpreters, translated letters and the "
                    "Eastfield outreach clinic are designed with this group in mind, and we "
                    "will look at their attendance specifically."
                ),
                "cumulative_impact": (
                    "The council is reducing the Eastfield bus subsidy from April, and the GP "
                    "practice in Eastfield is merging with one in Millbrook. Together with this "
                    "move, Eastfield residents face several losses of local services in one "
                    "year. We have shared this assessment with the council's transport team "
                    "and the primary care network so that the changes are planned together."
                ),
            }},
            "three_aims": {"completed": True, "answers": {
                "aim_eliminate_discrimination": (
                    "The move could indirectly disadvantage older, disabled and minority "
                    "ethnic patients in Eastfield. Transport, interpreters and the outreach "
                    "clinic remove that disadvantage, so the service remains open to all on "
                    "equal terms."
                ),
                "aim_advance_equality": (
                    "A fully accessible building, evening sessions and female staff on request "
                    "meet needs that the current clinics cannot. Better ethnicity recording "
                    "will let us see and close gaps in access."
                ),
                "aim_foster_good_relations": (
                    "Running the outreach clinic in Eastfield Library, with community groups, "
                    "keeps the service visible in the community that loses its clinic and "
                    "shows that its concerns were heard."
                ),
            }},
            "other_duties": {"completed": True, "answers": {
                "human_rights_engaged": "no",
                "socio_economic_impact": (
                    "Travel costs rise for low-income patients in Eastfield; refunds through "
                    "the Healthcare Travel Costs Scheme and free transport for eligible "
                    "patients reduce this (see the impact for socio-economic disadvantage)."
                ),
                "health_inequalities": "affects",
                "health_inequalities_detail": (
                    "Eastfield is in the most deprived 20% of areas nationally (a Core20PLUS5 "
                    "population). Without mitigation, longer journeys would widen inequalities "
                    "in access and outcomes; the outreach clinic and transport aim to prevent "
                    "that, and attendance will be monitored by deprivation quintile."
                ),
                "welsh_language": "not_applicable",
            }},
            "outcome": {"completed": True, "answers": {
                "outcome": "adjust",
                "outcome_summary": (
                    "Go ahead with the single site, adjusted so that no group loses access: "
                    "transport, an outreach clinic, interpreters and translated information, "
                    "flexible appointments and support for affected staff."
                ),
                "adjustments": (
                    "Added the Eastfield outreach clinic and transport for patients and "
                    "carers, which were not in the original proposal; changed the clinic "
                    "timetable to include evenings and avoid Friday lunchtime; agreed staff "
                    "travel support for 12 months."
                ),
            }},
            "action_plan": {"completed": True, "answers": {}},
            "monitoring_and_review": {"completed": True, "answers": {
                "monitoring_indicators": (
                    "Every quarter, broken down by age band, disability, ethnicity, sex and "
                    "deprivation quintile: attendances, did-not-attend rate, waiting time to "
                    "first appointment, use of transport and the outreach clinic, and "
                    "complaints. Staff turnover and sickness in the team, by sex and working "
                    "pattern."
                ),
                "monitoring_owner": "Priya Shah, Service Manager, Outpatient Physiotherapy",
                "review_date": (today + timedelta(days=300)).isoformat(),
                "review_triggers": (
                    "Review early if did-not-attend rates for any group rise by more than two "
                    "percentage points, or if the bus subsidy changes further."
                ),
            }},
        },
        "evidence": _evidence(),
        "engagement": [
            {
                "who": "Patients of all three clinics (survey), with support to complete it in "
                       "Urdu and Bengali",
                "when": "June to August 2025",
                "how": "Online and paper survey, with volunteers at each clinic",
                "what_they_said": "Most supported one modern site if travel help was provided; "
                                  "Eastfield patients were worried about the journey and cost.",
                "what_changed": "Transport for patients and carers, and the outreach clinic, "
                                "were added to the proposal.",
            },
            {
                "who": "Eastfield Asian Elders Group and the Bangladeshi Women's Association",
                "when": "July 2025",
                "how": "Two listening events with interpreters",
                "what_they_said": "Asked for female physiotherapists, interpreters that are "
                                  "booked reliably, and letters they can read.",
                "what_changed": "Female staff on request, automatic interpreter booking and "
                                "translated letters added to the action plan.",
            },
            {
                "who": "Carers' Centre and the learning disability partnership board",
                "when": "July 2025",
                "how": "Meetings and a visit to Riverside",
                "what_they_said": "Carers lose time and pay; people with learning "
                                  "disabilities need to know what the new building looks like.",
                "what_changed": "Carers included in transport; easy-read letters with "
                                "photographs; longer first appointments.",
            },
            {
                "who": "Physiotherapy staff and staff-side representatives",
                "when": "May to September 2025",
                "how": "Team meetings, one-to-ones and formal consultation",
                "what_they_said": "Part-time staff with caring responsibilities were worried "
                                  "about longer travel.",
                "what_changed": "Travel expenses for 12 months, flexible working and outreach "
                                "bases offered.",
            },
        ],
        "impacts": _impacts(),
        "actions": _actions(today),
        "extra_groups": ["carers", "socio_economic"],
    }
