"""Demo: the complete assessment, a draft that passes every blocking check.

Moving outpatient physiotherapy from three community clinics to one site: written as an NHS
community services manager would, with the evidence, engagement, impacts, actions and
reasoning a reviewer expects to see. Tests elsewhere use it as "a complete assessment".
"""

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

TITLE = "Moving outpatient physiotherapy to a single site at Riverside Health Centre"

# Days from today: the work started, engagement ran, the decision is due, then the review.
WORK_STARTED = -120
SURVEY = (-100, -45)
DECISION = 42
REVIEW = 300


def _evidence(today: date) -> list[dict]:
    return [
        source(
            "E1", "service_data", "Outpatient physiotherapy activity and patient profile",
            last_financial_year(today),
            "12,480 attendances by 3,910 patients across Northgate, Millbrook and Eastfield "
            "clinics. 41% of patients were aged 65 or over (18% aged 80 or over); 29% recorded "
            "a long-term disability; 61% were women. 14% used patient transport or a taxi "
            "scheme. Did-not-attend rates were highest at Eastfield (11.2%) and among patients "
            "aged 16 to 24 (13.5%). Among patients aged 75 and over, 9.8% of Eastfield "
            "appointments were missed against 4.1% at the other clinics, and transport was the "
            "reason given for 43% of their cancellations; 38% of patients aged 75 and over "
            "were referred after a fall. 118 women were referred with pregnancy-related pelvic "
            "girdle pain, 46 of them from Eastfield. 2% of patients are recorded as veterans, "
            "in the same proportion at each clinic. Ethnicity was recorded for only 72% of "
            "patients.",
            "https://intranet.example.org/physio/activity",
        ),
        source(
            "E2", "population_data", "Census 2021 and deprivation: the three clinic catchments",
            "Census 2021; English Indices of Deprivation",
            "The Eastfield catchment has the highest proportion of households without a car "
            "(38%, against 24% across the district), the highest proportion of people aged 75 "
            "and over, and the largest Pakistani and Bangladeshi communities in the district "
            "(17% of residents). 9% of Eastfield residents do not speak English well or at "
            "all. Eastfield is among the most deprived 20% of areas in England; Northgate and "
            "Millbrook are around the national average.",
            "https://www.ons.gov.uk/census",
        ),
        source(
            "E3", "research", "Journeys, fares and concessionary travel to Riverside Health "
            "Centre", f"Updated {month(today, -130)}",
            "The council’s transport team: from Eastfield the bus journey to Riverside takes "
            "55 to 70 minutes with one change (15 minutes to Eastfield clinic now); from "
            "Millbrook 35 minutes direct; from Northgate 20 minutes. Eastfield buses run every "
            "30 minutes, and the last one back leaves Riverside at 6pm. Older people’s and "
            "disabled people’s bus passes are valid from 9:30am on weekdays, so the first "
            "journey a pass holder can make from Eastfield reaches Riverside at 10:40am. An "
            "adult day ticket covering both buses costs £5.80, against a £2.60 return to "
            "Eastfield clinic now.",
            "https://www.example.gov.uk/transport/accessibility-modelling",
        ),
        source(
            "E4", "complaints_feedback",
            "Complaints, PALS contacts and Friends and Family Test comments",
            years_to(today, 3),
            "51 comments about physiotherapy access in three years: 19 about travel and "
            "parking; 8 about appointment times clashing with caring or work; 4 from bus-pass "
            "holders given appointments before 9:30am, who had to pay a fare or miss them; 6 "
            "from Muslim women asking for a female physiotherapist; 5 about interpreters not "
            "being booked. Eastfield’s lack of a lift was the most common complaint about "
            "premises.",
        ),
        source(
            "E5", "consultation", "Patient and public engagement on the single-site proposal",
            months(today, *SURVEY),
            "412 survey responses (38% from people aged 65 and over; 22% disabled; 11% "
            "completed in Urdu or Bengali with support) and five listening events. 64% "
            "supported a single modern site if travel help was provided; 71% of Eastfield "
            "respondents said the journey would be difficult or impossible without help. "
            "Working-age respondents without a bus pass were the most worried about fares. "
            "Pregnant women and the Maternity Voices Partnership said a long bus journey with "
            "pelvic girdle pain would be very hard. Muslim respondents said that, with the "
            "longer journey, a midday appointment on a Friday would mean missing Friday "
            "prayers.",
            "https://www.example.nhs.uk/physio-consultation-report",
        ),
        source(
            "E6", "workforce_data", "Physiotherapy workforce profile", month(today, -35),
            "34 staff (28.6 whole-time equivalent); 82% women; 9 work part-time, 6 of whom "
            "have caring responsibilities; 2 have workplace adjustments for disability. Travel "
            "to Riverside adds more than 30 minutes each way for 7 staff, 4 of them part-time.",
        ),
        source(
            "E7", "other", "Access audit of Riverside Health Centre and Eastfield clinic",
            month(today, -95),
            "Riverside: level access from the bus stop (80 metres) and the car park (12 Blue "
            "Badge bays), automatic doors, a Changing Places toilet, ceiling hoists in two "
            "treatment rooms, hearing loops, private changing cubicles, gender-neutral toilets "
            "as well as women’s and men’s, and a baby-changing and feeding room. Eastfield: the "
            "gym is on the first floor with no lift, so patients who cannot use stairs are "
            "seen in a ground-floor room without equipment.",
        ),
    ]


def _impacts() -> dict:
    return {
        "age": impact(
            "both",
            "Older patients in Eastfield, where many people are over 75 and few have a car, "
            "would face a bus journey of up to 70 minutes with a change instead of 15 minutes. "
            "A bus pass makes the fare free, but only from 9:30am, so the first bus a pass "
            "holder can catch arrives at 10:40am and an early appointment means paying or "
            "missing it. Patients aged 75 and over already miss more Eastfield appointments "
            "because of transport, and many were referred after a fall: a harder journey "
            "means stopping treatment early and a higher risk of falling again. Working-age "
            "adults gain evening sessions and everyone gains shorter waits.",
            ["E1", "E2", "E3", "E5"],
            mitigation=(
                "Free transport for patients aged 75 or over whose journey needs more than one "
                "bus, and for patients of any age whose health or disability makes the bus "
                "journey unsafe or impractical (the age criterion is justified under ‘The "
                "three aims’). Patients who travel on a bus pass are booked between 11am and "
                "4pm, so the pass is valid and they are home before the last bus. The "
                "Eastfield outreach clinic and home visits for housebound patients continue."
            ),
            harm_remains=True,
            residual=(
                "Older patients under 75 who can manage the bus will spend longer travelling, "
                "free of charge on a pass; nobody loses access. Attendance by age band is "
                "checked every quarter."
            ),
        ),
        "disability": impact(
            "both",
            "Disabled patients would lose a local clinic but gain a fully accessible building: "
            "Riverside has level access, a Changing Places toilet and hoists, while at "
            "Eastfield patients who cannot use stairs are treated without gym equipment. "
            "Longer bus journeys are harder for people with fatigue or pain, disabled "
            "bus-pass holders face the same 9:30am limit as older people, and patients with "
            "learning disabilities or autism may find a larger, unfamiliar building "
            "distressing.",
            ["E1", "E3", "E4", "E5", "E7"],
            mitigation=(
                "Transport for any patient whose disability makes the bus journey difficult; "
                "bus-pass holders booked between 11am and 4pm; easy-read letters with "
                "photographs of the new building; a longer first appointment; communication "
                "needs recorded at referral under the Accessible Information Standard; the "
                "outreach clinic for those who cannot travel."
            ),
            harm_remains=True,
            residual=(
                "Some disabled patients who can use the bus will travel further, in exchange "
                "for a much better building; attendance and feedback by disability are "
                "monitored."
            ),
        ),
        "gender_reassignment": impact(
            "neutral",
            "We found nothing to suggest trans patients would be affected differently by the "
            "move. Riverside has private changing cubicles and gender-neutral toilets as well "
            "as women’s and men’s, so nobody has to change in front of others. Gender identity "
            "is not recorded, and the LGBT+ partnership raised no concerns.",
            ["E7"],
        ),
        "pregnancy_maternity": impact(
            "both",
            "About 120 women a year are referred with pelvic girdle pain in pregnancy, 46 of "
            "them from Eastfield. Riverside is next to the maternity unit and has a feeding "
            "room, so women can combine physiotherapy with antenatal appointments. But for "
            "Eastfield women a 70-minute bus journey with a change is painful with pelvic "
            "girdle pain and hard late in pregnancy or with a newborn, as the Maternity "
            "Voices Partnership told us.",
            ["E1", "E3", "E5", "E7"],
            mitigation=(
                "Transport for women in the last three months of pregnancy or whose pelvic "
                "girdle pain makes the bus journey hard; the choice of the Eastfield outreach "
                "clinic; Riverside appointments booked on the same day as antenatal ones where "
                "the woman wants it."
            ),
            harm_remains=False,
            residual="None expected: every pregnant woman can be seen locally or taken to "
                     "Riverside.",
        ),
        "race": impact(
            "negative",
            "Eastfield has the largest Pakistani and Bangladeshi communities in the district "
            "and the lowest car ownership, so these patients are most affected by longer "
            "journeys. Some older patients speak limited English, and complaints show "
            "interpreters are not always booked; an unfamiliar site makes that worse. "
            "Ethnicity is missing for 28% of patients, so the effect may be under-counted.",
            ["E1", "E2", "E4", "E5"],
            mitigation=(
                "Interpreters booked automatically when a language need is recorded; "
                "appointment letters and the new-site guide in Urdu and Bengali; the Eastfield "
                "outreach clinic; a target to raise ethnicity recording to 95%."
            ),
            harm_remains=True,
            residual=(
                "Longer journeys remain for some patients; we will compare attendance by "
                "ethnicity before and after the move."
            ),
        ),
        "religion_belief": impact(
            "both",
            "Muslim women have asked for a female physiotherapist. With all 34 staff at one "
            "site, a female physiotherapist can be offered at every session, which the small "
            "Eastfield team cannot always do. But once the longer journey is added, a midday "
            "appointment on a Friday would take up the middle of the day and clash with "
            "Friday prayers for Muslim patients, as respondents told us.",
            ["E4", "E5"],
            mitigation=(
                "A female physiotherapist offered at booking; no routine appointments between "
                "12 noon and 2:30pm on Fridays unless the patient asks for one."
            ),
            harm_remains=False,
            residual="None expected after these changes; Friday bookings and requests for a "
                     "female physiotherapist are monitored.",
        ),
        "sex": impact(
            "both",
            "61% of patients and 82% of staff are women. Women are more likely to be unpaid "
            "carers and to work part-time, so longer travel and fixed appointment slots affect "
            "them more, and seven staff, most of them women working part-time, would travel "
            "over 30 minutes further each way. Early and evening sessions at Riverside help "
            "working patients who drive or live on the direct Northgate and Millbrook routes, "
            "but not Eastfield patients, whose last bus home leaves at 6pm.",
            ["E1", "E4", "E6"],
            mitigation=(
                "For Eastfield patients who work, the outreach clinic’s Thursday session runs "
                "until 7pm. Staff are offered flexible working, travel expenses for the extra "
                "distance for 12 months, and a base at the outreach clinic where the service "
                "allows."
            ),
            harm_remains=True,
            residual="Some staff will travel further; reviewed with staff-side representatives "
                     "after 6 months.",
        ),
        "sexual_orientation": impact(
            "neutral",
            "We found nothing to suggest lesbian, gay or bisexual patients or staff would be "
            "affected differently by the change of site.",
            no_evidence_reason=(
                "Sexual orientation is not recorded for patients, and the staff survey sample "
                "is too small to break down. The LGBT+ staff network and the local LGBT+ "
                "partnership were asked during engagement and raised no concerns."
            ),
        ),
        "armed_forces": impact(
            "neutral",
            "About 2% of patients are recorded as veterans, in the same proportion at each "
            "clinic, so veterans are affected as other patients of their age and area are. "
            "Veterans with a condition related to their service keep priority treatment, "
            "subject to clinical need, at Riverside as now.",
            ["E1"],
        ),
        "carers": impact(
            "negative",
            "Carers who bring a patient to appointments would spend up to two hours more per "
            "visit, which can mean losing paid work or the break their own respite gives "
            "them. Complaints already mention appointment times clashing with caring, and "
            "carers at the Carers’ Centre said a longer round trip would be hard to fit "
            "around school runs and shifts.",
            ["E4", "E5"],
            mitigation=(
                "Transport for the patient and one carer; appointment times that suit carers; "
                "video follow-up appointments where clinically suitable; the outreach clinic."
            ),
            harm_remains=True,
            residual="Some extra time for carers remains; monitored through the carers’ "
                     "survey.",
        ),
        "socio_economic": impact(
            "negative",
            "Eastfield is among the most deprived areas in England and 38% of its households "
            "have no car. Patients with a bus pass travel free after 9:30am, so for most "
            "older and disabled patients the cost is time, not money. The cost falls on "
            "working-age patients without a pass: a day ticket covering both buses is £5.80, "
            "against a £2.60 return to Eastfield clinic now, and many would lose pay to "
            "attend.",
            ["E2", "E3", "E5"],
            mitigation=(
                "Patients on a qualifying benefit or with a full low-income certificate (HC2) "
                "can claim their fares back under the Healthcare Travel Costs Scheme, and "
                "those with a partial certificate (HC3) part of them: every appointment letter "
                "says how, and Riverside reception pays refunds on the day. The outreach "
                "clinic and video follow-ups save journeys."
            ),
            harm_remains=True,
            residual=(
                "Working-age patients on low incomes who do not qualify for refunds will pay "
                "about £3.20 more per visit; attendance by deprivation quintile is monitored."
            ),
        ),
        "health_inequalities": impact(
            "both",
            "Eastfield is in the most deprived fifth of areas nationally, a Core20PLUS5 "
            "population, and already has the highest did-not-attend rate. Shorter waits help "
            "every patient, but without mitigation longer journeys would widen the gap in "
            "access and in recovery between Eastfield and the rest of the district. Missing "
            "ethnicity data hides part of the picture.",
            ["E1", "E2"],
            mitigation=(
                "The outreach clinic in Eastfield, transport for those who need it, and "
                "quarterly monitoring of attendance and outcomes by deprivation quintile and "
                "ethnicity."
            ),
            harm_remains=True,
            residual="Some Eastfield patients will travel further; the gap in did-not-attend "
                     "rates is a trigger for an early review.",
        ),
    }


def _actions(today: date) -> list[dict]:
    return [
        action(
            "Commission transport for patients aged 75 or over whose journey needs more than "
            "one bus, patients whose health or disability makes the bus journey unsafe or "
            "impractical, women in the last three months of pregnancy or with pelvic girdle "
            "pain, and one carer each; book bus-pass holders between 11am and 4pm; and stop "
            "discharging patients for appointments missed because of transport. Funded from "
            "the estates programme for two years (£84,000 a year).",
            ["age", "disability", "pregnancy_maternity", "carers", "socio_economic"],
            "Priya Shah, Service Manager", day(today, 60),
            "Transport in place before the move; 95% of eligible patients offered it at "
            "booking; no rise in missed appointments among patients aged 75 and over.",
            "in_progress",
        ),
        action(
            "Open an outreach clinic at Eastfield Library on Tuesdays and Thursdays, with the "
            "Thursday session running until 7pm for patients who work.",
            ["age", "disability", "pregnancy_maternity", "race", "sex", "socio_economic",
             "health_inequalities"],
            "Clinical Lead, Outpatient Physiotherapy", day(today, 75),
            "Clinic running on the day of the move; at least 80% of its sessions used within "
            "3 months.",
        ),
        action(
            "Book interpreters automatically when a language need is recorded, and translate "
            "appointment letters and the new-site guide into Urdu and Bengali.",
            ["race"], "Patient Access Manager", day(today, 45),
            "No complaints about missing interpreters in the first 6 months; translated "
            "letters sent to every patient with a recorded language need.",
        ),
        action(
            "Raise the recording of ethnicity for physiotherapy patients from 72% to 95%, and "
            "hear from Gypsy and Traveller families who use the Eastfield clinic through the "
            "council’s Traveller liaison officer before the move.",
            ["race", "health_inequalities"], "Head of Information", day(today, 180),
            "Ethnicity recorded for 95% of new referrals by the six-month review; the "
            "families’ views reported to the programme board.",
        ),
        action(
            "Agree flexible working, travel expenses for 12 months and outreach-clinic bases "
            "with affected staff and staff-side representatives.",
            ["sex", "carers"], "Head of People, Community Health Services",
            day(today, 30),
            "Every affected member of staff has had a one-to-one meeting and a written outcome "
            "before the move.",
            "in_progress",
        ),
        action(
            "Offer a female physiotherapist at booking and keep Friday between 12 noon and "
            "2:30pm free of routine appointments.",
            ["religion_belief", "sex"], "Clinical Lead, Outpatient Physiotherapy",
            day(today, 60),
            "Requests for a female physiotherapist met within the usual waiting time in 95% "
            "of cases; no routine Friday midday bookings.",
        ),
    ]


def _engagement(today: date) -> list[dict]:
    return [
        engaged(
            "Patients of all three clinics (survey), with support to complete it in Urdu and "
            "Bengali", day(today, SURVEY[0]), day(today, SURVEY[1]),
            ["age", "disability", "race", "sex", "socio_economic", "health_inequalities"],
            "Online and paper survey, with volunteers at each clinic",
            "Most supported one modern site if travel help was provided; Eastfield patients "
            "were worried about the journey, and working-age patients about the fares.",
            "Transport for patients and carers, the outreach clinic and fare refunds at "
            "reception were added to the proposal.",
        ),
        engaged(
            "Eastfield Asian Elders Group and the Bangladeshi Women’s Association",
            day(today, -80), day(today, -73), ["age", "race", "religion_belief", "sex"],
            "Two listening events with interpreters",
            "Asked for female physiotherapists, interpreters who are booked reliably, letters "
            "they can read, and no appointments at the time of Friday prayers.",
            "Female staff on request, automatic interpreter booking, translated letters and a "
            "free Friday midday added to the action plan.",
        ),
        engaged(
            "Carers’ Centre and the learning disability partnership board",
            day(today, -70), day(today, -66), ["carers", "disability"],
            "Meetings and a visit to Riverside",
            "Carers lose time and pay; people with learning disabilities need to know what the "
            "new building looks like; bus-pass holders cannot travel before 9:30am.",
            "Carers included in transport; easy-read letters with photographs; longer first "
            "appointments; the booking window for bus-pass holders.",
        ),
        engaged(
            "Maternity Voices Partnership", day(today, -62), None,
            ["pregnancy_maternity", "sex"], "A meeting with the partnership’s members",
            "A long bus journey with pelvic girdle pain would be very hard; being next to the "
            "maternity unit would help women combine appointments.",
            "Transport for women late in pregnancy or with pelvic girdle pain, and booking on "
            "the same day as antenatal appointments.",
        ),
        engaged(
            "LGBT+ staff network and the local LGBT+ partnership", day(today, -58), None,
            ["gender_reassignment", "sexual_orientation"], "A meeting and a walk round "
            "Riverside",
            "No concerns about the move; asked that private changing is kept.",
            "Nothing needed to change: Riverside’s changing cubicles are private.",
        ),
        engaged(
            "Physiotherapy staff and staff-side representatives", day(today, -110),
            day(today, -30), ["sex", "carers", "disability"],
            "Team meetings, one-to-ones and formal consultation",
            "Part-time staff with caring responsibilities were worried about longer travel.",
            "Travel expenses for 12 months, flexible working and outreach bases offered.",
        ),
    ]


def _relevance() -> dict:
    return relevance(
        age=("high", "41% of patients are 65 or over, and older people in Eastfield are the "
                     "least likely to drive and the most at risk on a long bus journey."),
        disability=("high", "29% of patients have a long-term disability; the building, the "
                            "journey and the unfamiliar setting all matter to them."),
        gender_reassignment=("low", "Where treatment is given does not depend on gender "
                                    "identity, but changing and toilet facilities can matter "
                                    "to trans patients, so we checked them."),
        marriage_civil_partnership=(
            "none", "Relevant only in employment. Relocation terms, travel expenses and "
                    "flexible working apply to every member of staff alike, and no rule "
                    "refers to a spouse or partner, so marital or civil partnership status "
                    "makes no difference."),
        pregnancy_maternity=("medium", "Women with pelvic girdle pain in pregnancy are a "
                                       "regular group of patients, and travel late in "
                                       "pregnancy is hard."),
        race=("high", "Eastfield has the district’s largest Pakistani and Bangladeshi "
                      "communities and the most people with limited English."),
        religion_belief=("medium", "Muslim women ask for female physiotherapists, and a "
                                   "longer journey could clash with Friday prayers."),
        sex=("medium", "Most patients and staff are women, who are also most of the unpaid "
                       "carers and part-time staff."),
        sexual_orientation=("low", "We know of no link between where physiotherapy is given "
                                   "and sexual orientation, and asked LGBT+ groups to be sure."),
        armed_forces=("low", "The Covenant duty applies to our healthcare functions; veterans "
                             "are spread evenly across the three clinics."),
        carers=("high", "Carers bring many older and disabled patients and would share the "
                        "longer journey."),
        socio_economic=("high", "Eastfield is among the most deprived areas in England and "
                                "most households there have no car."),
        health_inequalities=("high", "Eastfield is a Core20PLUS5 population with the highest "
                                     "did-not-attend rate."),
    )


def _sections(today: date) -> dict:
    return {
        "screening": done(
            change_nature="revised",
            change_description=(
                "Outpatient physiotherapy is now delivered from three community clinics "
                "(Northgate, Millbrook and Eastfield). From next spring it would move to one "
                "refurbished site at Riverside Health Centre, with an outreach clinic at "
                "Eastfield Library two days a week. Home visits for housebound patients "
                "continue."
            ),
            affected_people=["service_users", "staff", "public"],
            relevant_eliminate_discrimination="yes",
            relevant_advance_equality="yes",
            relevant_good_relations="yes",
            likely_impacts=(
                "Longer journeys for older, disabled, minority ethnic and low-income patients "
                "in Eastfield, and for carers who bring them; a better building for disabled "
                "patients; changes to where staff work, most of whom are women."
            ),
            group_relevance=_relevance(),
            screening_decision="full_assessment",
            screening_basis=(
                "Activity data and the Census show that patients of the Eastfield clinic are "
                "older, poorer and less likely to have a car than the district as a whole, so "
                "a move is likely to affect protected groups differently."
            ),
        ),
        "aims_and_scope": done(
            purpose=(
                "To bring outpatient physiotherapy together at one modern, accessible site so "
                "that we can offer longer opening hours, specialist classes and shorter waits, "
                "and stop using the Eastfield building, which has no lift and needs £400,000 "
                "of repairs."
            ),
            intended_outcomes=(
                "Waiting times from referral to first appointment down from 14 weeks to 6; "
                "evening sessions three days a week; pelvic-health and hand-therapy clinics at "
                "one site; no fall in attendance by any group of patients."
            ),
            delivery=(
                "Riverside’s ground floor is being refurbished (funded). Staff from the three "
                "clinics move to Riverside, with an outreach rota at Eastfield Library. "
                "Appointments, letters and patient transport change from the date of the "
                "move."
            ),
            related_policies=(
                "Community services estates strategy; the trust’s accessible information "
                "policy; patient transport eligibility criteria; the did-not-attend policy."
            ),
            scope_exclusions=(
                "Inpatient and musculoskeletal triage services are not affected. Falls-"
                "prevention classes are moving to community venues under their own "
                "assessment."
            ),
        ),
        "evidence": done(evidence_gaps=(
            "Ethnicity is missing for 28% of patients, and sexual orientation and gender "
            "identity are not recorded. We have set an action to improve ethnicity recording "
            "and asked LGBT+ groups directly during engagement."
        )),
        "engagement": done(engagement_gaps=(
            "Few responses came from people aged 16 to 24 or from Gypsy and Traveller "
            "families who use the Eastfield clinic. We will ask young people through the "
            "youth service at the six-month review, and Gypsy and Traveller families through "
            "the Traveller liaison officer before the move (see the action plan)."
        )),
        "impact_by_group": done(),
        "intersectional_and_cumulative": done(
            intersectional_impact=(
                "The people most affected are older disabled women from Pakistani and "
                "Bangladeshi communities in Eastfield who do not drive, speak limited English "
                "and often rely on a family member to bring them. For them the move combines a "
                "long journey, a language barrier and the loss of a familiar local clinic. "
                "Transport, interpreters, translated letters and the Eastfield outreach "
                "clinic are designed with this group in mind, and we will look at their "
                "attendance specifically. Younger disabled people who work gain evening "
                "sessions only if they can reach Riverside after 6pm, so the late outreach "
                "session is for them."
            ),
            cumulative_impact=(
                "The council is reducing the Eastfield bus subsidy from April, and the GP "
                "practice in Eastfield is merging with one in Millbrook. Together with this "
                "move, Eastfield residents face several losses of local services in one year. "
                "We have shared this assessment with the council’s transport team and the "
                "primary care network so that the changes are planned together."
            ),
        ),
        "three_aims": done(
            aim_eliminate_discrimination=(
                "The move could put older, disabled and minority ethnic patients in Eastfield "
                "at a particular disadvantage, which would be indirect discrimination unless "
                "justified, and discharging patients who miss appointments because of the "
                "journey could be unfavourable treatment arising from disability. Transport, "
                "the booking window for bus-pass holders, interpreters, the outreach clinic "
                "and the change to the did-not-attend policy remove that disadvantage. "
                "Offering transport automatically from age 75 treats younger patients less "
                "favourably because of age, which is lawful only if it is a proportionate "
                "means of a legitimate aim. It is: the aim is to keep the patients most at "
                "risk of falling and of stopping treatment coming to it (at Eastfield, "
                "patients aged 75 and over miss 9.8% of appointments against 4.1% elsewhere, "
                "and 38% were referred after a fall); an age threshold can be applied at "
                "booking without an assessment that would delay treatment; and it goes no "
                "further than needed, because patients of any age whose health or "
                "disability makes the journey hard qualify on need."
            ),
            aim_advance_equality=(
                "A fully accessible building, evening sessions, female staff at every session "
                "and transport for those who need it meet needs the current clinics cannot. "
                "Better ethnicity recording will let us see and close gaps in access."
            ),
            aim_foster_good_relations=(
                "Eastfield residents told us they feel services are leaving their area. "
                "Running the outreach clinic in Eastfield Library, with community groups, "
                "keeps the service visible there and shows that their concerns were heard."
            ),
        ),
        "other_duties": done(
            human_rights_engaged="no",
            socio_economic_impact=(
                "Travel costs rise for working-age patients on low incomes in Eastfield who "
                "have no bus pass; fare refunds, the outreach clinic and video follow-ups "
                "reduce this (see the impact for socio-economic disadvantage)."
            ),
            health_inequalities="affects",
            health_inequalities_detail=(
                "Eastfield is in the most deprived 20% of areas nationally (a Core20PLUS5 "
                "population). Without mitigation, longer journeys would widen inequalities in "
                "access and outcomes; the outreach clinic and transport aim to prevent that, "
                "and attendance will be monitored by deprivation quintile."
            ),
            armed_forces_covenant=(
                "We considered the Covenant principles: veterans are about 2% of patients, "
                "spread evenly, so the move affects them as it does other patients. Priority "
                "treatment for conditions related to service, subject to clinical need, "
                "continues, and the referral form still asks whether someone has served."
            ),
            other_commitments=(
                "The Accessible Information Standard: communication needs are recorded at "
                "referral and met in every letter and appointment."
            ),
        ),
        "outcome": done(
            outcome="adjust",
            outcome_summary=(
                "Go ahead with the single site, adjusted so that no group loses access: "
                "transport, an outreach clinic with a late session, interpreters and "
                "translated information, bus-pass-friendly appointment times, female staff on "
                "request and support for affected staff. Some longer journeys and costs "
                "remain, and are justified below."
            ),
            remaining_impact_proportionality=(
                "Harm remains for some older, disabled, minority ethnic and low-income "
                "patients in Eastfield, for carers and for seven staff: mainly longer "
                "journeys, and for working-age patients on low incomes without a bus pass "
                "about £3.20 more per visit. Nobody loses access: transport, the outreach "
                "clinic, home visits and video follow-ups mean every patient can be treated. "
                "Against that, the single site cuts the wait from 14 weeks to 6, which helps "
                "these same patients most, replaces a building without a lift that needs "
                "£400,000 of repairs, and allows evening sessions and a female physiotherapist "
                "at every session. The remaining harm is limited, mitigated as far as we can "
                "and monitored quarterly with triggers for an early review, so we judge it "
                "proportionate to those aims."
            ),
            adjustments=(
                "Added the Eastfield outreach clinic, with a late Thursday session, and "
                "transport for patients, pregnant women and carers, none of which were in the "
                "original proposal; bus-pass holders booked between 11am and 4pm; the "
                "timetable keeps Friday midday free; nobody is discharged for missing an "
                "appointment because of transport; staff travel support for 12 months."
            ),
        ),
        "action_plan": done(),
        "monitoring_and_review": done(
            monitoring_indicators=(
                "Every quarter, broken down by age band, disability, ethnicity, sex and "
                "deprivation quintile: attendances, did-not-attend rate, waiting time to "
                "first appointment, use of transport and the outreach clinic, fare refunds, "
                "and complaints. Staff turnover and sickness in the team, by sex and working "
                "pattern."
            ),
            monitoring_owner="Priya Shah, Service Manager, Outpatient Physiotherapy",
            review_date=day(today, REVIEW),
            review_triggers=(
                "Review early if did-not-attend rates for any group rise by more than two "
                "percentage points, or if the bus subsidy or bus-pass hours change."
            ),
        ),
    }


def document(lead_officer_email: str, today: date) -> dict:
    """The canonical document of the complete demo assessment, with dates relative to today."""
    return assessment_document(
        title=TITLE, type="service_change",
        unit="Community Health Services: Outpatient Physiotherapy",
        lead=lead_officer_email, decision_maker="Director of Community Health Services",
        decision_forum="Executive Management Team", decision_date=day(today, DECISION),
        work_started_on=day(today, WORK_STARTED),
        extra_groups=["armed_forces", "carers", "health_inequalities", "socio_economic"],
        sections=_sections(today), evidence=_evidence(today),
        engagement=_engagement(today), impacts=_impacts(), actions=_actions(today),
    )
