"""Demo: four proposals of one budget round, tagged "Budget 2027/28", whose negative impacts
fall on some of the same people (older and disabled people, carers, low-income households).

Each is a draft part-way through its analysis, loaded through the same import as
`flask eia import`, then tagged by its lead officer: together they are what the cumulative
impact view is for. Found by title before they are made, so running the demo again adds
nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from eia import queries
from eia.demo.parts import assessment_document, day, done, impact, relevance
from eia.services import accounts, tags, transfer

TAG = "Budget 2027/28"

# (title, kind, unit, lead officer's email, what changes, impacts by group)
PROPOSALS = (
    ("Introducing a charge for garden waste collection", "budget", "Corporate Services",
     "author@example.org",
     "An annual charge of £58 for fortnightly garden waste collection, which is free today, "
     "raising about £1.2 million a year.",
     {"age": ("negative", "Older residents on fixed incomes are more likely to have large "
                          "gardens and less able to take waste to the tip themselves."),
      "disability": ("negative", "Disabled residents who cannot drive or lift bags have no "
                                 "other way to get rid of garden waste."),
      "socio_economic": ("negative", "A flat charge takes a larger share of a low income."),
      "sex": ("neutral", "No difference expected between women and men.")}),
    ("Reducing day centre opening to four days a week", "budget",
     "Adult Social Care: Day Services", "author2@example.org",
     "The three day centres close on Fridays, saving £310,000 a year in staffing and "
     "transport.",
     {"disability": ("negative", "Every person who attends has a learning disability or "
                                 "complex needs, and loses a day of support and company."),
      "age": ("negative", "Half of the people who attend are over 60 and live with parents "
                          "in their eighties."),
      "carers": ("negative", "Family carers lose a day of respite; some will have to cut "
                             "their working hours."),
      "sex": ("negative", "Most family carers are women, so the lost respite falls mostly "
                          "on women.")}),
    ("Raising car park charges at community clinics", "budget",
     "Community Health Services: Community Nursing", "author@example.org",
     "Parking at the four community clinics rises from £1 to £2.50 for up to three hours.",
     {"disability": ("negative", "Disabled patients who cannot use public transport pay "
                                 "more for every appointment; Blue Badge parking stays free."),
      "pregnancy_maternity": ("negative", "Antenatal appointments are frequent, so the rise "
                                          "adds up for pregnant women."),
      "socio_economic": ("not_known", "We do not yet know how many patients on low incomes "
                                      "drive to the clinics."),
      "age": ("positive", "Older patients with bus passes are not affected, and more spaces "
                          "free up for those who drive.")}),
    ("Closing the carers' drop-in centre on Saturdays", "budget",
     "Adult Social Care: Carers Support", "author2@example.org",
     "The drop-in centre for unpaid carers opens Monday to Friday only, saving £45,000 a "
     "year.",
     {"carers": ("negative", "Working carers can only come on Saturdays, and lose their "
                             "one chance of face-to-face advice."),
      "sex": ("negative", "Two in three carers who use the centre are women."),
      "race": ("not_known", "Saturday users are more diverse than weekday users, but the "
                            "numbers are small; we are checking with the centre.")}),
)


def _relevance(impacts: dict) -> dict:
    """The screening's relevance table: high for a group hit (negative or not yet known),
    medium for one the proposal helps or leaves alone."""
    return relevance(**{
        group: ("high" if level in ("negative", "not_known") else "medium", effect)
        for group, (level, effect) in impacts.items()})


def _document(title: str, kind: str, unit: str, lead: str, change: str,
              impacts: dict, today: date) -> dict:
    return assessment_document(
        title=title, type=kind, unit=unit, lead=lead, decision_maker="Cabinet",
        decision_forum="Budget Council", decision_date=day(today, 75),
        work_started_on=day(today, -30), strategic_decision=True,
        extra_groups=["carers", "socio_economic"],
        sections={"screening": done(
            change_nature="reduction", change_description=change,
            affected_people=["service_users", "public"],
            relevant_eliminate_discrimination="yes", relevant_advance_equality="yes",
            relevant_good_relations="no",
            likely_impacts="Set out group by group in the impact section.",
            group_relevance=_relevance(impacts),
            screening_decision="full_assessment",
            screening_basis="A saving in the budget round that changes what people get or "
                            "pay.")},
        impacts={group: impact(level, effect, no_evidence_reason=(
                     "The budget consultation closes next month; its results will be "
                     "added."))
                 for group, (level, effect) in impacts.items()},
    )


def load_budget(today: date) -> Iterator[str]:
    """Import and tag the budget round's proposals that are not there yet."""
    for title, kind, unit, email, change, impacts in PROPOSALS:
        lead = accounts.get_user_by_email(email)
        found = queries.find_assessment_by_title(title, lead.id)
        if found:
            yield f"exists: {title}"
            continue
        assessment = transfer.import_document(
            lead, _document(title, kind, unit, email, change, impacts, today))
        tags.add_tag(lead, assessment.latest, TAG)
        yield f"created: {assessment.reference} {title} ({TAG})"
