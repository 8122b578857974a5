"""The train-the-trainer pathway: each facilitator's stage in a programme, as its lead records
it (observed a rehearsal → co-delivered → leads sessions).

Stages are reached in order, one at a time; a person may be put back a stage, but only with a
note saying why. Each record names the sessions that show it: for "observed", rehearsals of
the programme; for the later stages, sessions of the programme the person facilitated. A
learner may be paired with an experienced facilitator, who must already lead sessions. Every
record is kept; the latest is the person's stage.

`may_lead_alone` (defined beside `stage_of` in `programmes`, which the sessions import, and
offered here too) is the rule the sessions use: only a facilitator who leads sessions may be
the sole facilitator of a delegate session.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from eia import audit
from eia.domain import DomainError, PathwayStage, Role, SessionKind
from eia.extensions import db
from eia.models.programme import PathwayRecord, TrainingProgramme, TrainingSession
from eia.models.types import utcnow
from eia.models.users import User
from eia.permissions import leads_programme
from eia.services.training.programmes import facilitators, may_lead_alone, stage_of
from eia.services.training.sessions import is_facilitating, sessions_of
from eia.services.transaction import unit_of_work

MAX_NOTE = 5_000


class PathwayRefused(DomainError):
    pass


def shows_stage(session: TrainingSession, person: User, stage: PathwayStage) -> bool:
    """Whether `session` can be evidence of `person` reaching `stage`: a rehearsal they watched
    for "observed"; a session they facilitated for the later stages."""
    if stage is PathwayStage.OBSERVED:
        return session.kind == SessionKind.REHEARSAL.value
    return is_facilitating(person, session)


def evidence_choices(programme: TrainingProgramme, person: User) -> list[TrainingSession]:
    """The programme's sessions that can show some stage for `person`: its rehearsals, and
    the sessions they facilitated; cancelled sessions are left out."""
    return [session for session in sessions_of(programme)
            if not session.cancelled and any(shows_stage(session, person, stage)
                                             for stage in PathwayStage)]


def _check_move(person: User, current: PathwayStage | None, stage: PathwayStage,
                note: str) -> None:
    reached = current.rank if current else -1
    if stage.rank > reached + 1:
        missing = list(PathwayStage)[reached + 1]
        raise PathwayRefused(f"{person.name} has not reached ‘{missing.label}’ yet: record "
                             "that first, as the stages are reached in order")
    if current is not None and stage.rank < current.rank and not note:
        raise PathwayRefused(f"Say in the note why {person.name} goes back to ‘{stage.label}’")


def _evidence(programme: TrainingProgramme, person: User, stage: PathwayStage,
              session_ids: Iterable[int]) -> list[TrainingSession]:
    wanted = set(session_ids)
    sessions = [s for s in sessions_of(programme) if s.id in wanted]
    if len(sessions) != len(wanted):
        raise PathwayRefused("Choose sessions of this programme as evidence")
    for session in sessions:
        if not shows_stage(session, person, stage):
            if stage is PathwayStage.OBSERVED:
                raise PathwayRefused(f"‘{session.title}’ is not a rehearsal: choose the "
                                     f"rehearsals {person.name} observed")
            raise PathwayRefused(f"{person.name} did not facilitate ‘{session.title}’: choose "
                                 "sessions they facilitated")
    return sessions


def _check_pairing(programme: TrainingProgramme, person: User, partner: User | None) -> None:
    if partner is None:
        return
    if partner.id == person.id:
        raise PathwayRefused(f"Pair {person.name} with someone else")
    if not may_lead_alone(programme, partner):
        raise PathwayRefused(f"{partner.name} does not lead sessions yet, so cannot be "
                             f"{person.name}’s experienced partner")


def record_stage(actor: User, programme: TrainingProgramme, person: User, *,
                 stage: PathwayStage, note: str = "", evidence: Iterable[int] = (),
                 paired_with: User | None = None, now: datetime | None = None) -> PathwayRecord:
    """Record that `person` has reached `stage` in `programme`, with the sessions that show it
    (`evidence`, session ids) and an experienced partner. Raises PathwayRefused when the actor
    does not lead the programme, the person is not a facilitator, a stage is skipped, a step
    back has no note, a session does not show the stage or the partner does not lead."""
    if not leads_programme(actor, programme):
        raise PathwayRefused("Only the programme’s lead or an administrator can record a "
                             "facilitator’s stage")
    if Role.FACILITATOR not in person.roles:
        raise PathwayRefused(f"{person.name} is not a facilitator")
    note = note.strip()
    if len(note) > MAX_NOTE:
        raise PathwayRefused(f"The note must be {MAX_NOTE:,} characters or fewer")
    _check_move(person, stage_of(programme, person), stage, note)
    sessions = _evidence(programme, person, stage, evidence)
    _check_pairing(programme, person, paired_with)
    with unit_of_work():
        record = PathwayRecord(programme_id=programme.id, person=person, stage=stage.value,
                               note=note, paired_with=paired_with, recorded_by=actor,
                               evidence=sessions, recorded_at=now or utcnow())
        db.session.add(record)
        db.session.flush()
        audit.record("pathway_stage_recorded", actor=actor, object_type="programme",
                     object_id=programme.id,
                     details={"person": person.email, "stage": stage.value,
                              "evidence": [s.id for s in sessions],
                              "paired_with": paired_with.email if paired_with else ""})
    return record


def history(programme: TrainingProgramme, person: User) -> list[PathwayRecord]:
    """Every record of `person` in `programme`, newest first."""
    return list(db.session.scalars(
        select(PathwayRecord)
        .where(PathwayRecord.programme_id == programme.id, PathwayRecord.person_id == person.id)
        .options(selectinload(PathwayRecord.evidence))
        .order_by(PathwayRecord.recorded_at.desc(), PathwayRecord.id.desc())))


@dataclass(frozen=True)
class Standing:
    """Where one facilitator is: their latest record, or None before any."""

    person: User
    latest: PathwayRecord | None

    @property
    def stage(self) -> PathwayStage | None:
        return PathwayStage(self.latest.stage) if self.latest else None


def standings(programme: TrainingProgramme) -> list[Standing]:
    """Every facilitator, by name, with their latest record in the programme: a newcomer's
    first stage is recorded from here."""
    return [Standing(person, next(iter(history(programme, person)), None))
            for person in facilitators()]


def partners(programme: TrainingProgramme, person: User) -> list[User]:
    """Who `person` may be paired with: the facilitators who lead sessions in the programme."""
    return [p for p in facilitators() if p.id != person.id and may_lead_alone(programme, p)]


def facilitator_or_none(person_id: int) -> User | None:
    """The facilitator with this id, or None (an unknown id, or not a facilitator)."""
    person = db.session.get(User, person_id)
    return person if person is not None and Role.FACILITATOR in person.roles else None
