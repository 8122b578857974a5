"""Demo: sending physiotherapy appointments by text message instead of by post, and what the
equality reviewer says about it. It includes an age-based default, with its justification;
the journeys take it to the signatory (`eia.demo.journeys`)."""

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
    years_to,
)
from eia.domain import Verdict

TITLE = "Sending physiotherapy appointments by text message instead of by post"

DECISION = 14

REVIEW = {
    "impact_by_group": (Verdict.ACCEPTABLE, "The age default is justified properly, and "
                                            "communication needs decide the format, as the "
                                            "Accessible Information Standard requires."),
    "three_aims": (Verdict.ACCEPTABLE, "Clear on why posting to people aged 80 and over by "
                                       "default is lawful."),
    "action_plan": (Verdict.ACCEPTABLE, "Each action has an owner, a date and a measure."),
}


def _evidence(today: date) -> list[dict]:
    return [
        source("E1", "service_data", "Appointment letters, mobile numbers and communication "
               "needs", last_financial_year(today),
               "31,200 appointment letters a year. A mobile number is recorded for 83% of "
               "patients, but for only 64% of those aged 80 and over. 1,150 appointments were "
               "missed because the letter arrived late or went to an old address. 9% of "
               "patients have a recorded communication need: large print 3.1%, easy read "
               "1.8%, an interpreter 3.6%, British Sign Language 0.3%. 61% of patients are "
               "women."),
        source("E2", "population_data", "Mobile phones and the NHS App in the district",
               f"Residents’ survey, {month(today, -120)}",
               "9% of adults have no mobile phone, rising to 27% of those aged 80 and over. "
               "18% of Eastfield residents have a phone without mobile data. 47% of the "
               "trust’s patients have registered for the NHS App, but only 31% in "
               "Eastfield."),
        source("E3", "consultation", "Engagement on appointment texts",
               months(today, -60, -30),
               "The patient panel, the Deaf club, the sight loss society, the Carers’ Centre "
               "and the Eastfield Asian Elders Group. Deaf members preferred texts to phone "
               "calls; blind members said texts are easier than print with a screen reader; "
               "older people without smartphones and people with limited English feared "
               "missing appointments; carers asked for a copy of the person’s appointments."),
        source("E4", "complaints_feedback", "Complaints about appointment letters",
               years_to(today, 2),
               "23 complaints: 11 letters arrived after the appointment; 6 large-print "
               "letters were not sent though the need was recorded; 4 letters went in "
               "English to patients with a recorded need for an interpreter."),
    ]


def _impacts() -> dict:
    return {
        "age": impact(
            "both",
            "Texts arrive at once, so fewer people miss appointments because a letter came "
            "late. But 27% of people aged 80 and over have no mobile phone and only 64% of "
            "our patients of that age have a number recorded, so a text-first service would "
            "leave many of the oldest patients without their appointment details.",
            ["E1", "E2", "E3"],
            mitigation=(
                "Letters continue by post for anyone without a mobile number and anyone who "
                "asks; patients aged 80 and over keep letters unless they choose texts (the "
                "age default is justified under ‘The three aims’)."
            ),
            harm_remains=False,
            residual="None expected; missed appointments by age band are monitored.",
        ),
        "disability": impact(
            "both",
            "Blind patients who use screen readers and Deaf patients who cannot use the phone "
            "told us texts are easier for them than print. People with learning disabilities "
            "or dementia may not understand a short text, and large-print letters have "
            "already gone missing despite recorded needs.",
            ["E1", "E3", "E4"],
            mitigation=(
                "The recorded communication need decides the format: easy read and large "
                "print continue by post, and BSL users are offered a video call to book."
            ),
            harm_remains=False,
            residual="None expected; complaints about formats are monitored.",
        ),
        "race": impact(
            "negative",
            "Texts would be in English only. Patients with a recorded need for an interpreter "
            "already receive letters in English, and a text they cannot read is easier to "
            "ignore than a letter a relative can see.",
            ["E1", "E3", "E4"],
            mitigation=(
                "Texts in the five languages most recorded; patients who need an interpreter "
                "are called, with an interpreter, to book."
            ),
            harm_remains=False,
            residual="None expected; missed appointments by ethnicity and language are "
                     "monitored.",
        ),
        "sex": impact(
            "neutral",
            "61% of patients are women and 39% men. The change applies alike, and a text "
            "holds the same details as a letter: time, place and no clinical information.",
            ["E1"],
        ),
        "carers": impact(
            "positive",
            "Carers who manage someone’s appointments asked for copies. With the patient’s "
            "consent, a copy of each text can go to the carer’s phone, so they no longer rely "
            "on seeing the letter at the person’s home.",
            ["E3"],
        ),
        "socio_economic": impact(
            "both",
            "Texts cost nothing to receive, and fewer missed appointments save wasted "
            "journeys. But 18% of Eastfield residents have no mobile data, so anything that "
            "needed the NHS App or a link would not reach them.",
            ["E1", "E2"],
            mitigation="Every text carries the full appointment details, not a link; the NHS "
                       "App is an extra, never the only route.",
            harm_remains=False,
            residual="None expected.",
        ),
        "health_inequalities": impact(
            "both",
            "Only 31% of Eastfield patients use the NHS App, against 47% overall, so an "
            "app-first service would widen the gap in missed appointments between Eastfield "
            "and the rest of the district; texts with full details and post for those who "
            "need it should narrow it.",
            ["E2", "E3"],
            mitigation="Texts with full details; post for anyone without a mobile; missed "
                       "appointments reported by deprivation quintile.",
            harm_remains=False,
            residual="None expected.",
        ),
    }


def _actions(today: date) -> list[dict]:
    return [
        action("Keep posting letters to patients without a mobile number, to anyone who asks, "
               "and to patients aged 80 and over unless they choose texts.",
               ["age", "socio_economic", "health_inequalities"], "Patient Access Manager",
               day(today, DECISION + 30), "No rise in missed appointments among patients "
               "aged 80 and over in the first six months.", "in_progress"),
        action("Use each patient’s recorded communication need to choose the format: easy "
               "read, large print, BSL video call or text.", ["disability"],
               "Patient Access Manager", day(today, DECISION + 30),
               "No complaints about a format not sent in the first six months."),
        action("Translate the text templates into the five languages most recorded, and call "
               "patients who need an interpreter to book.", ["race"],
               "Patient Access Manager", day(today, DECISION + 45),
               "Every patient with a recorded language need contacted in their language."),
        action("Report missed appointments by age band, disability, ethnicity and deprivation "
               "quintile every month for six months.",
               ["age", "disability", "race", "health_inequalities"], "Head of Information",
               day(today, DECISION + 210), "Monthly report to the service’s management "
               "meeting."),
    ]


def document(lead_officer_email: str, today: date) -> dict:
    return assessment_document(
        title=TITLE, type="service_change",
        unit="Community Health Services: Outpatient Physiotherapy",
        lead=lead_officer_email, decision_maker="Director of Community Health Services",
        decision_forum="Community Health Services Senior Management Team",
        decision_date=day(today, DECISION), work_started_on=day(today, -75),
        extra_groups=["armed_forces", "carers", "health_inequalities", "socio_economic"],
        sections={
            "screening": done(
                change_nature="revised",
                change_description=(
                    "Physiotherapy appointments are now sent by post. They would be sent by "
                    "text message, with the details also in the NHS App, and by post only to "
                    "those who need or ask for it."
                ),
                affected_people=["service_users"],
                relevant_eliminate_discrimination="yes",
                relevant_advance_equality="yes",
                relevant_good_relations="no",
                likely_impacts="Older people without mobiles, people with communication needs "
                               "and people with limited English could miss appointments.",
                group_relevance=relevance(
                    age=("high", "The oldest patients are the least likely to have a mobile "
                                 "number recorded."),
                    disability=("high", "9% of patients have a recorded communication need."),
                    gender_reassignment=("none", "Texts use the name and title recorded for "
                                                 "the patient, as letters do; nothing about "
                                                 "how appointments are sent depends on "
                                                 "gender identity."),
                    marriage_civil_partnership=("none", "A change to how patients are "
                                                        "contacted; no employment term "
                                                        "changes."),
                    pregnancy_maternity=("none", "Urgent pelvic-girdle-pain appointments are "
                                                 "already arranged by phone, and nothing "
                                                 "else about how appointments are sent "
                                                 "depends on pregnancy."),
                    race=("high", "3.6% of patients need an interpreter, and the texts would "
                                  "be in English."),
                    religion_belief=("none", "How an appointment is sent does not depend on "
                                             "religion or belief."),
                    sex=("low", "Most patients are women; we checked that the change falls "
                                "alike."),
                    sexual_orientation=("none", "How an appointment is sent does not depend "
                                                "on sexual orientation."),
                    armed_forces=("none", "Veterans receive appointments as other patients "
                                          "do; their priority is decided at triage, not in "
                                          "how the appointment is sent."),
                    carers=("medium", "Many carers manage appointments for the person they "
                                      "care for."),
                    socio_economic=("high", "Many Eastfield residents have no mobile data."),
                    health_inequalities=("high", "NHS App use is lowest in Eastfield."),
                ),
                screening_decision="full_assessment",
                screening_basis="Appointment and communication needs data; the residents’ "
                                "survey; complaints.",
            ),
            "aims_and_scope": done(
                purpose="To stop appointments being missed because letters arrive late, and "
                        "to save £38,000 a year in postage.",
                intended_outcomes="Appointments missed because of late or lost letters down "
                                  "by three-quarters; no rise in missed appointments for any "
                                  "group.",
                delivery="Texts from the booking system, two months after the decision.",
            ),
            "evidence": done(evidence_gaps="Mobile numbers may be out of date; numbers are "
                                           "checked at every appointment from now on."),
            "engagement": done(engagement_gaps="We did not reach people experiencing "
                                               "homelessness, who may have no fixed number; "
                                               "the outreach nurses will ask."),
            "impact_by_group": done(),
            "intersectional_and_cumulative": done(
                intersectional_impact=(
                    "Older people in Eastfield with limited English and no mobile data are "
                    "most at risk: no NHS App, no English text, and sometimes no mobile at "
                    "all. For them the letter by post, in their language, with a call from an "
                    "interpreter to book, stays the default."
                ),
                cumulative_impact=(
                    "The Eastfield GP practice is merging and moving its own reminders to "
                    "texts too. We have agreed with the practice to share which patients need "
                    "letters, so that nobody loses both at once."
                ),
            ),
            "three_aims": done(
                aim_eliminate_discrimination=(
                    "Posting to patients aged 80 and over unless they choose texts treats "
                    "them differently because of age. Some may see that default as less "
                    "favourable treatment, so we have made sure it is a proportionate means "
                    "of a legitimate aim. The aim is that nobody misses treatment for lack of a "
                    "mobile phone; 27% of people of that age have none and a third have no "
                    "number recorded, far more than any other age group. It is proportionate "
                    "because anyone aged 80 or over can choose texts with one call, and "
                    "anyone younger can ask for letters, so nobody is held to the default."
                ),
                aim_advance_equality="Texts suit Deaf and blind patients better than print, "
                                     "and carers can receive copies.",
                aim_foster_good_relations="No effect found.",
            ),
            "other_duties": done(
                human_rights_engaged="no",
                socio_economic_impact="See the impact for socio-economic disadvantage.",
                health_inequalities="affects",
                health_inequalities_detail="An app-first service would widen the gap with "
                                           "Eastfield; texts with full details and post for "
                                           "those who need it are designed to narrow it.",
                armed_forces_covenant="Considered: veterans receive appointments as other "
                                      "patients do, and the change does not affect their "
                                      "priority for treatment.",
                other_commitments="The Accessible Information Standard: the recorded "
                                  "communication need decides the format.",
            ),
            "outcome": done(
                outcome="adjust",
                outcome_summary="Send appointments by text, adjusted so that post continues "
                                "for those who need it and every format need is met.",
                adjustments="Post by default at 80 and over; formats by communication need; "
                            "translated texts; full details in every text.",
            ),
            "action_plan": done(),
            "monitoring_and_review": done(
                monitoring_indicators="Monthly missed appointments by age band, disability, "
                                      "ethnicity and deprivation quintile; complaints.",
                monitoring_owner="Patient Access Manager",
                review_date=day(today, DECISION + 365),
            ),
        },
        evidence=_evidence(today),
        engagement=[
            engaged("Patient panel, Deaf club and sight loss society", day(today, -60),
                    day(today, -45), ["age", "disability"], "Meetings, with a BSL interpreter",
                    "Texts are easier for Deaf and blind patients; older members without "
                    "smartphones want letters.",
                    "Letters kept for anyone who asks, and by default at 80 and over."),
            engaged("Eastfield Asian Elders Group and the Carers’ Centre", day(today, -40),
                    day(today, -30),
                    ["race", "carers", "socio_economic", "health_inequalities", "age"],
                    "Listening events with interpreters",
                    "English-only texts would be missed; carers want copies; many have no "
                    "mobile data.",
                    "Translated texts, carer copies and full details in every text."),
        ],
        impacts=_impacts(),
        actions=_actions(today),
    )
