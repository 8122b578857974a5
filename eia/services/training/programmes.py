"""Training programmes: making and changing one, finding them, and where each facilitator is on
the train-the-trainer pathway.

The other parts of the programme (sessions and bookings, feedback, the facilitators' shared
pages) build on these: a programme is found with `get_programme`, and a facilitator's stage,
which decides whether they may lead a delegate session alone, with `stage_of`.
"""

from __future__ import annotations

from sqlalchemy import select

from eia import audit
from eia.domain import DomainError, PathwayStage, Role
from eia.extensions import db
from eia.models.programme import (
    PathwayRecord,
    SessionFacilitator,
    TrainingProgramme,
    TrainingSession,
)
from eia.models.users import User, UserRole
from eia.permissions import runs_training
from eia.services.transaction import unit_of_work

MAX_TARGET = 100_000


class ProgrammeRefused(DomainError):
    pass


def _check_details(name: str, target: int, lead: User | None) -> None:
    if not name.strip():
        raise ProgrammeRefused("Enter the programme's name")
    if not 0 <= target <= MAX_TARGET:
        raise ProgrammeRefused(f"The target must be a number from 0 to {MAX_TARGET:,}")
    if lead is not None and not runs_training(lead):
        raise ProgrammeRefused(f"{lead.name} is not a facilitator, so cannot lead a programme")


def create_programme(actor: User, *, name: str, target_delegates: int, lead: User | None = None,
                     description: str = "") -> TrainingProgramme:
    if not runs_training(actor):
        raise ProgrammeRefused("Only facilitators and administrators can start a programme")
    _check_details(name, target_delegates, lead)
    with unit_of_work():
        programme = TrainingProgramme(name=name.strip(), target_delegates=target_delegates,
                                      lead=lead or actor, description=description.strip())
        db.session.add(programme)
        db.session.flush()
        audit.record("programme_created", actor=actor, object_type="programme",
                     object_id=programme.id, details={"name": programme.name})
    return programme


def change_programme(actor: User, programme: TrainingProgramme, *, name: str,
                     target_delegates: int, lead: User | None, description: str) -> None:
    if not (runs_training(actor) and (programme.lead_id in (None, actor.id)
                                      or Role.ADMIN in actor.roles)):
        raise ProgrammeRefused("Only the programme's lead or an administrator can change it")
    _check_details(name, target_delegates, lead)
    with unit_of_work():
        programme.name = name.strip()
        programme.target_delegates = target_delegates
        programme.lead = lead
        programme.description = description.strip()
        audit.record("programme_changed", actor=actor, object_type="programme",
                     object_id=programme.id,
                     details={"name": programme.name, "target": target_delegates,
                              "lead": lead.email if lead else ""})


def get_programme(programme_id: int) -> TrainingProgramme | None:
    return db.session.get(TrainingProgramme, programme_id)


def list_programmes() -> list[TrainingProgramme]:
    return list(db.session.scalars(select(TrainingProgramme).order_by(TrainingProgramme.name)))


def facilitators() -> list[User]:
    """Everyone who may facilitate: active people with the facilitator role, by name."""
    return list(db.session.scalars(
        select(User).join(UserRole).where(UserRole.role == Role.FACILITATOR.value,
                                          User.active.is_(True)).order_by(User.name)))


def stage_of(programme: TrainingProgramme, person: User) -> PathwayStage | None:
    """The person's latest recorded pathway stage in the programme; None before any."""
    stage = db.session.scalar(
        select(PathwayRecord.stage)
        .where(PathwayRecord.programme_id == programme.id, PathwayRecord.person_id == person.id)
        .order_by(PathwayRecord.recorded_at.desc(), PathwayRecord.id.desc()).limit(1))
    return PathwayStage(stage) if stage else None


def may_lead_alone(programme: TrainingProgramme, person: User) -> bool:
    """True when `person` has reached "leads sessions" in `programme`: only they may be the
    sole facilitator of a delegate session."""
    return stage_of(programme, person) is PathwayStage.LEADS


def team_of(programme: TrainingProgramme) -> list[User]:
    """The programme's facilitators, by name: its lead, whoever facilitates one of its
    sessions, and whoever has a stage on its pathway. Active people only."""
    facilitating = select(SessionFacilitator.user_id).join(TrainingSession).where(
        TrainingSession.programme_id == programme.id)
    on_pathway = select(PathwayRecord.person_id).where(
        PathwayRecord.programme_id == programme.id)
    return list(db.session.scalars(
        select(User).where(User.active.is_(True),
                           (User.id == programme.lead_id) | User.id.in_(facilitating)
                           | User.id.in_(on_pathway))
        .order_by(User.name)))
