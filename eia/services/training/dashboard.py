"""The programme lead's page: delegates trained against the target, sessions run and planned,
how full they were, the waiting lists, what the surveys say, competence from practice, and who
on the staff has not yet booked, by unit, with a reminder to book.

Every count is one aggregate query, so the page costs the same few queries whether the
programme has twenty delegates or two thousand. The figures are about delegate sessions:
rehearsals and follow-up sessions are for facilitators and people already trained.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, exists, func, or_, select
from sqlalchemy.exc import IntegrityError

from eia import audit
from eia.domain import Attendance, BookingStatus, DomainError, Role, SessionKind
from eia.extensions import db
from eia.formatting import LOCAL_ZONE
from eia.models.feedback import BookingReminder
from eia.models.programme import Booking, SessionFacilitator, TrainingProgramme, TrainingSession
from eia.models.training import PracticeAttempt, PracticeResult
from eia.models.types import utcnow
from eia.models.users import OrgUnit, User, UserRole
from eia.permissions import leads_programme
from eia.services.mail import deliver_pending
from eia.services.notifications import notify
from eia.services.training import reports
from eia.services.transaction import after_commit, unit_of_work

NO_UNIT = 0  # stands for "no unit" where a unit id is expected (in a URL, for instance)


class ReminderRefused(DomainError):
    pass


def may_read_dashboard(person: User, programme: TrainingProgramme) -> bool:
    """The lead and administrators; the facilitators of the programme's sessions may read it."""
    return leads_programme(person, programme) or (
        getattr(person, "is_authenticated", False) and db.session.scalar(select(exists().where(
            SessionFacilitator.user_id == person.id,
            SessionFacilitator.session_id == TrainingSession.id,
            TrainingSession.programme_id == programme.id))))


@dataclass(frozen=True)
class UnitCount:
    unit_id: int  # NO_UNIT for people without one
    name: str
    people: int


@dataclass(frozen=True)
class Dashboard:
    programme: TrainingProgramme
    delegates_trained: int
    sessions_run: int
    sessions_planned: int
    places_taken: int  # over the sessions run
    places_offered: int
    waiting: int  # on the waiting lists of upcoming sessions
    feedback: reports.Tally
    competent: int  # delegates with a practice attempt accepted as competent
    not_booked: list[UnitCount]

    @property
    def target(self) -> int:
        return self.programme.target_delegates

    @property
    def target_percent(self) -> int | None:
        return round(100 * self.delegates_trained / self.target) if self.target else None

    @property
    def fill_rate(self) -> int | None:
        return round(100 * self.places_taken / self.places_offered) if self.places_offered else None

    @property
    def not_booked_total(self) -> int:
        return sum(unit.people for unit in self.not_booked)


def _delegate_sessions(programme: TrainingProgramme):
    return and_(TrainingSession.programme_id == programme.id,
                TrainingSession.kind == SessionKind.DELEGATE.value,
                TrainingSession.cancelled_at.is_(None))


def _delegates(programme: TrainingProgramme):
    """The people who attended a delegate session of the programme (a subquery of ids)."""
    return (select(Booking.person_id).join(TrainingSession)
            .where(_delegate_sessions(programme),
                   Booking.attendance == Attendance.ATTENDED.value).distinct())


def _has_booked(programme: TrainingProgramme):
    """A booking (or a place waited for) on one of the programme's delegate sessions, or an
    attendance at one, for the person in the outer query."""
    return exists().where(
        Booking.person_id == User.id, Booking.session_id == TrainingSession.id,
        TrainingSession.programme_id == programme.id,
        TrainingSession.kind == SessionKind.DELEGATE.value,
        or_(Booking.attendance == Attendance.ATTENDED.value,
            and_(TrainingSession.cancelled_at.is_(None),
                 Booking.status.in_([BookingStatus.BOOKED.value,
                                     BookingStatus.WAITLISTED.value]))))


def _not_booked(programme: TrainingProgramme):
    """Active staff who have not booked. Facilitators deliver the training, so are not
    counted."""
    facilitator = exists().where(UserRole.user_id == User.id,
                                 UserRole.role == Role.FACILITATOR.value)
    return and_(User.active.is_(True), ~facilitator, ~_has_booked(programme))


def dashboard(programme: TrainingProgramme, *, now: datetime | None = None) -> Dashboard:
    now = now or utcnow()
    sessions = _delegate_sessions(programme)
    run, planned, taken, offered = db.session.execute(select(
        func.count().filter(TrainingSession.starts_at <= now),
        func.count().filter(TrainingSession.starts_at > now),
        func.coalesce(func.sum(TrainingSession.booked_count)
                      .filter(TrainingSession.starts_at <= now), 0),
        func.coalesce(func.sum(TrainingSession.capacity)
                      .filter(TrainingSession.starts_at <= now), 0),
    ).where(sessions)).one()
    waiting = db.session.scalar(
        select(func.count()).select_from(Booking).join(TrainingSession)
        .where(sessions, TrainingSession.starts_at > now,
               Booking.status == BookingStatus.WAITLISTED.value))
    delegates = _delegates(programme)
    trained = db.session.scalar(select(func.count()).select_from(delegates.subquery()))
    competent = db.session.scalar(
        select(func.count(PracticeAttempt.trainee_id.distinct()))
        .join(PracticeResult, PracticeResult.attempt_id == PracticeAttempt.id)
        .where(PracticeResult.competent.is_(True), PracticeAttempt.trainee_id.in_(delegates)))
    return Dashboard(programme=programme, delegates_trained=trained, sessions_run=run,
                     sessions_planned=planned, places_taken=int(taken),
                     places_offered=int(offered), waiting=waiting,
                     feedback=reports.programme_report(programme).overall,
                     competent=competent, not_booked=not_booked_by_unit(programme))


def not_booked_by_unit(programme: TrainingProgramme) -> list[UnitCount]:
    """How many have not booked, in each unit (people without a unit last)."""
    rows = db.session.execute(
        select(User.unit_id, func.count()).where(_not_booked(programme))
        .group_by(User.unit_id)).all()
    units = {unit.id: unit for unit in db.session.scalars(
        select(OrgUnit).where(OrgUnit.id.in_([u for u, _ in rows if u is not None])))}
    counts = [UnitCount(unit_id, units[unit_id].full_name, people)
              for unit_id, people in rows if unit_id is not None]
    counts.sort(key=lambda unit: unit.name.casefold())
    counts += [UnitCount(NO_UNIT, "No unit", people) for unit_id, people in rows
               if unit_id is None]
    return counts


def _in_unit(unit_id: int | None):
    if unit_id is None:
        return True
    return User.unit_id.is_(None) if unit_id == NO_UNIT else User.unit_id == unit_id


@dataclass(frozen=True)
class NotBooked:
    person: User
    last_reminded: datetime | None


def not_booked_in(programme: TrainingProgramme, unit_id: int) -> list[NotBooked]:
    """The people of one unit (NO_UNIT: of none) who have not booked, by name, each with when
    they were last reminded to."""
    last = (select(BookingReminder.person_id, func.max(BookingReminder.reminded_at)
                   .label("at"))
            .where(BookingReminder.programme_id == programme.id)
            .group_by(BookingReminder.person_id).subquery())
    rows = db.session.execute(
        select(User, last.c.at).outerjoin(last, last.c.person_id == User.id)
        .where(_not_booked(programme), _in_unit(unit_id)).order_by(User.name, User.id)).all()
    return [NotBooked(person, at) for person, at in rows]


@dataclass(frozen=True)
class Reminded:
    sent: int
    already_today: int  # reminded earlier the same day, so not again


def remind_not_booked(actor: User, programme: TrainingProgramme, *, unit_id: int | None = None,
                      now: datetime | None = None) -> Reminded:
    """Remind everyone who has not booked (in one unit, or NO_UNIT, when `unit_id` is given),
    in the application and by email: at most once a day each, so pressing the button twice
    sends nothing the second time. Only the lead and administrators remind."""
    if not leads_programme(actor, programme):
        raise ReminderRefused("Only the programme's lead can send reminders to book")
    now = now or utcnow()
    today = now.astimezone(LOCAL_ZONE).date()
    reminded_today = exists().where(BookingReminder.programme_id == programme.id,
                                    BookingReminder.person_id == User.id,
                                    BookingReminder.reminded_on == today)
    scope = and_(_not_booked(programme), _in_unit(unit_id))
    people = list(db.session.scalars(select(User).where(scope, ~reminded_today)
                                     .order_by(User.id)))
    already = db.session.scalar(select(func.count()).select_from(User)
                                .where(scope, reminded_today))
    if not people:
        return Reminded(0, already)
    try:
        with unit_of_work():
            db.session.add_all([BookingReminder(programme_id=programme.id, person_id=person.id,
                                                reminded_on=today, reminded_at=now,
                                                reminded_by_id=actor.id) for person in people])
            db.session.flush()
            notify(people, "booking_reminder",
                   f"You have not yet booked EIA training in “{programme.name}”. Choose a "
                   "session and book a place.", "/training/sessions")
            audit.record("booking_reminders_sent", actor=actor, object_type="programme",
                         object_id=programme.id, details={"people": len(people)})
            after_commit(deliver_pending)
    except IntegrityError as error:
        # Someone else reminded some of the same people a moment ago.
        raise ReminderRefused("These reminders have just been sent by someone else") from error
    return Reminded(len(people), already)
