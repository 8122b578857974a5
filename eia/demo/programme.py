"""Demo training programme: EIA training for the trust's staff, a target of 200 delegates.

Its story, relative to the day the demo is loaded: the lead facilitator ran a rehearsal that
two newer facilitators watched; three long (three and a half hour) delegate sessions followed,
whose feedback said they were too long; the programme moved to a two-hour format (one of them
online), which did better; a follow-up question session answered what people asked afterwards.
Three sessions are coming: the next one is full with a waiting list, the one after is filling,
the last was announced today. Delegates were brought in as invited accounts across the
trust's teams, as a facilitator imports them.

Everything goes through the training services with the moment each thing happened (`now=`),
so past sessions have bookings and attendance as they would have been recorded; nothing is
made twice when the demo runs again.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import KW_ONLY, dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import select

from eia.demo import programme_feedback, programme_team
from eia.domain import Attendance, BookableBy, Role, SessionFormat, SessionKind
from eia.extensions import db
from eia.formatting import LOCAL_ZONE
from eia.models.programme import TrainingProgramme, TrainingSession
from eia.models.users import OrgUnit, User
from eia.services import accounts
from eia.services.mail import deliver_all_due
from eia.services.training import bookings, programmes, sessions
from eia.services.transaction import unit_of_work

PROGRAMME = "EIA training 2027"
TARGET = 200
LEAD = "facilitator@example.org"
# email, name, job title, team: the newer facilitators, at earlier stages of the pathway.
NEWER_FACILITATORS = (
    ("facilitator2@example.org", "Owen Price", "Learning and Development Officer",
     "People and Organisational Development"),
    ("facilitator3@example.org", "Leila Ahmed", "Equality and Diversity Officer",
     "Equality, Diversity and Inclusion"),
)
SCENARIOS = ("library-photo-id-check", "blood-test-booking-online-only")

FIRST_NAMES = ("Aisha", "Ben", "Carys", "Dev", "Ellie", "Femi", "Gareth", "Hana", "Ifan",
               "Jade", "Kwame", "Lowri", "Marek", "Nadia", "Oliver", "Pooja", "Rhys", "Sana",
               "Tariq", "Una", "Vikram", "Wendy", "Yusuf", "Zara")
SURNAMES = ("Ali", "Bowen", "Clarke", "Davies", "Evans", "Francis", "Griffiths", "Hughes")
TEAMS = ("Day Services", "Carers Support", "Outpatient Physiotherapy", "Community Nursing",
         "People and Organisational Development", "Equality, Diversity and Inclusion")


@dataclass(frozen=True)
class Plan:
    """One session of the story: when (days from today), how long, and who came."""

    title: str
    days: int
    minutes: int
    _: KW_ONLY
    kind: SessionKind = SessionKind.DELEGATE
    format: SessionFormat = SessionFormat.IN_PERSON
    capacity: int = 16
    booked: int = 0  # delegates booked (the first of them, in order, from where the last ended)
    no_shows: int = 0
    facilitators: tuple[str, ...] = (LEAD, "facilitator2@example.org")


LONG, SHORT = 210, 120
PLANS = (
    Plan("Facilitator rehearsal", -130, LONG, kind=SessionKind.REHEARSAL, capacity=4,
         facilitators=(LEAD, "facilitator2@example.org", "facilitator3@example.org")),
    Plan("EIA essentials (half day)", -110, LONG, booked=15, no_shows=2),
    Plan("EIA essentials (half day)", -95, LONG, booked=16, no_shows=1),
    Plan("EIA essentials (half day)", -80, LONG, booked=14, no_shows=2),
    Plan("EIA essentials (two hours)", -52, SHORT, booked=16, no_shows=1),
    Plan("EIA essentials online (two hours)", -38, SHORT, format=SessionFormat.ONLINE, capacity=20,
         booked=19, no_shows=2, facilitators=(LEAD, "facilitator3@example.org")),
    Plan("EIA essentials (two hours)", -21, SHORT, booked=16, no_shows=1),
    Plan("Follow-up questions", -10, 60, kind=SessionKind.FOLLOW_UP, format=SessionFormat.ONLINE,
         capacity=30, booked=9, facilitators=(LEAD,)),
    Plan("EIA essentials (two hours)", 6, SHORT, capacity=12, booked=15),
    Plan("EIA essentials online (two hours)", 13, SHORT, format=SessionFormat.ONLINE, capacity=20,
         booked=8, facilitators=(LEAD, "facilitator3@example.org")),
    Plan("EIA essentials (two hours)", 20, SHORT, capacity=16, booked=2),
)
# The demo's trainee accounts (`eia.demo`), who practise on scenarios (`eia.demo.practice`).
TRAINEES = ("trainee@example.org", "trainee2@example.org", "trainee3@example.org",
            "trainee4@example.org")
LATEST_PAST_DAYS, SAM_BOOKED_DAYS = -21, 13
DELEGATES = sum(plan.booked for plan in PLANS if plan.kind is SessionKind.DELEGATE)


def _at(today: date, days: int, hour: int = 9, minute: int = 30) -> datetime:
    """A moment `days` from `today`, at a UK local time, in UTC."""
    local = datetime.combine(today + timedelta(days=days), time(hour, minute), LOCAL_ZONE)
    return local.astimezone(UTC)


def _person(email: str) -> User:
    return accounts.get_user_by_email(email)


def _facilitators(password: str) -> Iterator[str]:
    for email, name, job_title, team in NEWER_FACILITATORS:
        if _person(email):
            continue
        unit = db.session.scalar(select(OrgUnit).where(OrgUnit.name == team))
        accounts.create_user(email=email, name=name, job_title=job_title, unit_id=unit.id,
                             roles={Role.FACILITATOR}, password=password)
        yield f"created: {email} (facilitator)"


def _delegates() -> list[User]:
    """The staff the programme's delegate sessions are for, invited as a facilitator's import
    invites them, spread across the trust's teams: in one go, their invitations sent together."""
    people = []
    units = {unit.name: unit for unit in db.session.scalars(select(OrgUnit))}
    with unit_of_work():
        for number in range(DELEGATES):
            first = FIRST_NAMES[number % len(FIRST_NAMES)]
            surname = SURNAMES[(number // len(FIRST_NAMES)) % len(SURNAMES)]
            email = f"{first.lower()}.{surname.lower()}{number // 192 or ''}@example.org"
            person = _person(email) or accounts.create_user(
                email=email, name=f"{first} {surname}", job_title="",
                unit_id=units[TEAMS[number % len(TEAMS)]].id, roles={Role.TRAINEE})
            people.append(person)
    deliver_all_due()
    return people


def _details(plan: Plan, today: date) -> sessions.SessionDetails:
    online = plan.format is SessionFormat.ONLINE
    return sessions.SessionDetails(
        title=plan.title, starts_at=_at(today, plan.days), duration_minutes=plan.minutes,
        capacity=plan.capacity, facilitators=[_person(email) for email in plan.facilitators],
        kind=plan.kind, format=plan.format,
        place="" if online else "Training Room 2, Trust Headquarters",
        link="https://meet.example.org/eia-training" if online else "",
        audience=BookableBy.FACILITATORS if plan.kind is SessionKind.REHEARSAL
        else BookableBy.ALL_STAFF,
        scenarios=list(SCENARIOS) if plan.kind is SessionKind.DELEGATE else [],
        description="What the equality duty asks, how to assess a proposal's impact, and "
                    "practice on a scenario.")


def _run(plan: Plan, programme: TrainingProgramme, people: list[User],
         today: date) -> TrainingSession:
    """Schedule, announce and book the session as it happened; mark who came."""
    lead = _person(plan.facilitators[0])
    scheduled = _at(today, min(plan.days - 21, -1))
    session = sessions.schedule_session(lead, programme, _details(plan, today), now=scheduled)
    # Only the last session is announced to everyone now; the others were announced then.
    sessions.announce_session(lead, session, now=scheduled, quietly=plan is not PLANS[-1])
    with unit_of_work():  # the session's bookings together, and their confirmations
        for count, person in enumerate(people):
            bookings.book(person, session, now=scheduled + timedelta(hours=count + 1))
    deliver_all_due()
    if plan.days < 0:
        places = bookings.booked(session)
        absent = {booking.id for booking in places[:plan.no_shows]}
        bookings.mark_attendance(lead, session, {
            booking.id: Attendance.NO_SHOW if booking.id in absent else Attendance.ATTENDED
            for booking in places}, now=_at(today, plan.days, 10))
    return session


def load_programme(today: date, password: str) -> Iterator[str]:
    yield from _facilitators(password)
    existing = db.session.scalar(select(TrainingProgramme)
                                 .where(TrainingProgramme.name == PROGRAMME))
    if existing is not None:
        yield f"exists: programme {PROGRAMME}"
        return
    lead = _person(LEAD)
    programme = programmes.create_programme(
        lead, name=PROGRAMME, target_delegates=TARGET, lead=lead,
        description="Equality impact assessment training for every manager and policy "
                    "author in the trust, run by our own facilitators.")
    people = _delegates()
    trainees = [_person(email) for email in TRAINEES]
    start = 0
    for plan in PLANS:
        if plan.kind is SessionKind.REHEARSAL:
            chosen = []
        elif plan.kind is SessionKind.FOLLOW_UP:
            chosen = people[:plan.booked]  # people who came to the first sessions
        else:
            chosen, start = people[start:start + plan.booked], start + plan.booked
        # The demo's trainees came to the latest session; the demo trainee booked the next
        # online one too.
        if plan.days == LATEST_PAST_DAYS:
            chosen = trainees + chosen[:-len(trainees)]
        elif plan.days == SAM_BOOKED_DAYS:
            chosen = [trainees[0], *chosen[:-1]]
        session = _run(plan, programme, chosen, today)
        yield f"created: session “{session.title}” ({_at(today, plan.days):%d %b %Y})"
    yield from programme_team.load_team(programme, today)
    yield from programme_feedback.load_feedback(programme)
