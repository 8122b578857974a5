"""Scheduling training sessions, and who may book them.

A session belongs to a programme and has one to three facilitators. A delegate session's only
facilitator must have reached "leads sessions" on the train-the-trainer pathway; with two or
three, a newer facilitator co-delivers beside an experienced one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from eia import audit
from eia.domain import BookableBy, DomainError, SessionFormat, SessionKind
from eia.extensions import db
from eia.formatting import format_datetime
from eia.models.programme import SessionFacilitator, TrainingProgramme, TrainingSession
from eia.models.training import PracticeScenario
from eia.models.types import utcnow
from eia.models.users import OrgUnit, User
from eia.permissions import runs_training
from eia.services.notifications import notify
from eia.services.training import library
from eia.services.training.programmes import may_lead_alone
from eia.services.transaction import unit_of_work

MAX_FACILITATORS = 3
MAX_CAPACITY = 500
SHORTEST_MINUTES, LONGEST_MINUTES = 15, 8 * 60


class SchedulingRefused(DomainError):
    pass


@dataclass
class SessionDetails:
    """What a facilitator fills in to schedule or change a session."""

    title: str
    starts_at: datetime  # timezone-aware
    duration_minutes: int
    capacity: int
    facilitators: list[User]
    kind: SessionKind = SessionKind.DELEGATE
    format: SessionFormat = SessionFormat.IN_PERSON
    place: str = ""
    link: str = ""
    audience: BookableBy = BookableBy.ALL_STAFF
    audience_unit: OrgUnit | None = None
    scenarios: list[str] = field(default_factory=list)  # keys in the practice library
    description: str = ""


def problems_with(programme: TrainingProgramme, details: SessionDetails) -> list[str]:
    """Every reason the details cannot be scheduled, in the order of the form."""
    return [message for messages in problems_by_field(programme, details).values()
            for message in messages]


def problems_by_field(programme: TrainingProgramme,
                      details: SessionDetails) -> dict[str, list[str]]:
    """`problems_with`, each under the name of the detail it is about (a SessionDetails
    field), so that a form can show each beside its field."""
    found: dict[str, list[str]] = {}

    def problem(name: str, message: str) -> None:
        found.setdefault(name, []).append(message)

    if not details.title.strip():
        problem("title", "Enter the session's title")
    if details.starts_at.tzinfo is None:
        problem("starts_at", "The start must have a time zone")
    if not SHORTEST_MINUTES <= details.duration_minutes <= LONGEST_MINUTES:
        problem("duration_minutes", f"A session lasts from {SHORTEST_MINUTES} minutes to "
                                    f"{LONGEST_MINUTES // 60} hours")
    if not 1 <= details.capacity <= MAX_CAPACITY:
        problem("capacity", f"The capacity must be from 1 to {MAX_CAPACITY}")
    if details.format is SessionFormat.IN_PERSON and not details.place.strip():
        problem("place", "Enter where the session takes place")
    if details.format is SessionFormat.ONLINE and not details.link.strip().startswith("https://"):
        problem("link", "Enter the link to join the session, starting https://")
    if details.audience is BookableBy.UNIT and details.audience_unit is None:
        problem("audience_unit", "Choose the unit whose people may book")
    for message in _facilitator_problems(programme, details):
        problem("facilitators", message)
    return found


def _facilitator_problems(programme: TrainingProgramme, details: SessionDetails) -> list[str]:
    people = details.facilitators
    if not 1 <= len(people) <= MAX_FACILITATORS:
        return [f"Choose from one to {MAX_FACILITATORS} facilitators"]
    if len({person.id for person in people}) != len(people):
        return ["Choose each facilitator once"]
    found = [f"{person.name} is not a facilitator" for person in people
             if not runs_training(person)]
    if (not found and details.kind is SessionKind.DELEGATE and len(people) == 1
            and not may_lead_alone(programme, people[0])):
        found.append(f"{people[0].name} has not yet reached “leads sessions” on the "
                     "pathway, so cannot run a delegate session alone: add a facilitator "
                     "who has")
    return found


def _scenarios_for(actor: User, keys: list[str]) -> list[PracticeScenario]:
    """The practice library's scenarios named by `keys`, each stored so a session can name it:
    inside scheduling's unit of work, which writes them with the session."""
    entries = [library.get_entry(key) for key in keys]
    return [library.stored_version(entry, actor).scenario for entry in entries
            if entry is not None and not entry.retired]


def _apply(actor: User, session: TrainingSession, details: SessionDetails) -> None:
    session.title = details.title.strip()
    session.kind = details.kind.value
    session.format = details.format.value
    session.place = details.place.strip() if details.format is SessionFormat.IN_PERSON else ""
    session.link = details.link.strip() if details.format is SessionFormat.ONLINE else ""
    session.starts_at = details.starts_at
    session.duration_minutes = details.duration_minutes
    session.capacity = details.capacity
    session.audience = details.audience.value
    session.audience_unit = details.audience_unit if details.audience is BookableBy.UNIT else None
    session.description = details.description.strip()
    session.scenarios = _scenarios_for(actor, details.scenarios)
    session.facilitators = [SessionFacilitator(user=person, position=position)
                            for position, person in enumerate(details.facilitators)]


def schedule_session(actor: User, programme: TrainingProgramme, details: SessionDetails, *,
                     now: datetime | None = None) -> TrainingSession:
    """A new session, not yet announced (nobody is told until it is). `now` is the moment it
    is scheduled, the present unless a programme's earlier sessions are being recorded."""
    if not runs_training(actor):
        raise SchedulingRefused("Only facilitators can schedule sessions")
    problems = problems_with(programme, details)
    if problems:
        raise SchedulingRefused(problems[0])
    if details.starts_at <= (now or utcnow()):
        raise SchedulingRefused("The session must start in the future")
    with unit_of_work():
        session = TrainingSession(programme=programme, created_by=actor, booked_count=0)
        db.session.add(session)
        _apply(actor, session, details)
        db.session.flush()
        audit.record("session_scheduled", actor=actor, object_type="training_session",
                     object_id=session.id, details={"title": session.title,
                                                    "starts_at": session.starts_at.isoformat()})
    return session


def people_who_may_book(session: TrainingSession) -> list[User]:
    """Everyone active the session is offered to, less its facilitators."""
    # Each person's roles and unit come in the same query: deciding who may book reads both.
    people = db.session.scalars(select(User).where(User.active.is_(True)).order_by(User.id)
                                .options(selectinload(User.role_rows), selectinload(User.unit)))
    return [person for person in people
            if may_book(person, session) and not is_facilitating(person, session)]


def announce_session(actor: User, session: TrainingSession, *, now: datetime | None = None,
                     quietly: bool = False) -> int:
    """Open the session for booking and tell everyone it is offered to, at once, in the
    application and by email. Returns how many people were told.

    `quietly` opens booking and tells nobody: for a session its facilitators fill themselves
    (booking imported delegates onto it) and for a programme's earlier sessions, recorded
    after the fact.
    """
    if not (runs_training(actor) or is_facilitating(actor, session)):
        raise SchedulingRefused("Only facilitators can announce sessions")
    if session.cancelled:
        raise SchedulingRefused("A cancelled session cannot be announced")
    if session.announced_at is not None:
        raise SchedulingRefused("This session has already been announced")
    now = now or utcnow()
    if session.starts_at <= now:
        raise SchedulingRefused("This session has already started")
    audience = [] if quietly else people_who_may_book(session)
    with unit_of_work():
        session.announced_at = now
        notify(audience, "session_announced",
               f"New training session: “{session.title}”, {format_datetime(session.starts_at)}. "
               "Book a place.", f"/training/sessions/{session.id}")
        audit.record("session_announced", actor=actor, object_type="training_session",
                     object_id=session.id, details={"told": len(audience)})
    return len(audience)


def get_session(session_id: int) -> TrainingSession | None:
    return db.session.get(TrainingSession, session_id)


def may_book(person: User, session: TrainingSession) -> bool:
    """Whether the session is offered to the person (its audience), whatever its places."""
    audience = BookableBy(session.audience)
    if audience is BookableBy.FACILITATORS:
        return runs_training(person)
    if audience is BookableBy.UNIT:
        unit = person.unit
        return unit is not None and session.audience_unit_id in (unit.id, unit.parent_id)
    return True


def is_facilitating(person: User, session: TrainingSession) -> bool:
    return any(row.user_id == person.id for row in session.facilitators)


def sessions_of(programme: TrainingProgramme) -> list[TrainingSession]:
    return list(db.session.scalars(select(TrainingSession)
                                   .where(TrainingSession.programme_id == programme.id)
                                   .order_by(TrainingSession.starts_at)))


def may_see(person: User, session: TrainingSession) -> bool:
    """Who may open a session's page: facilitators and administrators, anyone who has booked
    it, and, once it is announced, everyone it is offered to."""
    if runs_training(person) or is_facilitating(person, session):
        return True
    if any(b.person_id == person.id for b in session.bookings):
        return True
    return session.announced_at is not None and may_book(person, session)


def offered_to(person: User, *, now: datetime | None = None) -> list[TrainingSession]:
    """Upcoming announced sessions the person may book, soonest first."""
    upcoming = db.session.scalars(select(TrainingSession).where(
        TrainingSession.starts_at > (now or utcnow()), TrainingSession.cancelled_at.is_(None),
        TrainingSession.announced_at.is_not(None)).order_by(TrainingSession.starts_at)
        .options(selectinload(TrainingSession.facilitators)))
    return [session for session in upcoming
            if may_book(person, session) and not is_facilitating(person, session)]


def facilitating(person: User) -> list[TrainingSession]:
    """Sessions the person facilitates, soonest first."""
    return list(db.session.scalars(
        select(TrainingSession).join(SessionFacilitator)
        .where(SessionFacilitator.user_id == person.id).order_by(TrainingSession.starts_at)))


def scenario_titles(session: TrainingSession) -> list[tuple[str, str]]:
    """The session's scenarios still in the library, as (key, title)."""
    entries = [library.get_entry(scenario.key) for scenario in session.scenarios]
    return [(entry.key, entry.title) for entry in entries if entry and not entry.retired]
