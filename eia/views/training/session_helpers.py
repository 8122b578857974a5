"""Finding the programme or session a request is about, with the object checks, so that every
session view starts from something the person may use (404 otherwise)."""

from __future__ import annotations

from flask import abort

from eia.domain import Attendance, BookableBy, BookingStatus, SessionFormat, SessionKind, label_of
from eia.models.programme import TrainingProgramme, TrainingSession
from eia.permissions import runs_training
from eia.services.training import programmes, sessions
from eia.views.shared import me
from eia.views.training.blueprint import bp


def programme_or_404(programme_id: int) -> TrainingProgramme:
    return programmes.get_programme(programme_id) or abort(404)


def session_or_404(session_id: int) -> TrainingSession:
    """A session the signed-in person may see."""
    session = sessions.get_session(session_id)
    if session is None or not sessions.may_see(me(), session):
        abort(404)
    return session


def run_session_or_404(session_id: int) -> TrainingSession:
    """A session the signed-in person runs: its facilitators, and facilitators and
    administrators of the programme."""
    session = session_or_404(session_id)
    if not (runs_training(me()) or sessions.is_facilitating(me(), session)):
        abort(404)
    return session


@bp.app_context_processor
def _session_labels() -> dict:
    """The words for a session's stored choices: templates never build them."""
    return {"session_label": {
        "kind": lambda value: label_of(SessionKind, value),
        "format": lambda value: label_of(SessionFormat, value),
        "audience": lambda value: label_of(BookableBy, value),
        "booking": lambda value: label_of(BookingStatus, value),
        "attendance": lambda value: label_of(Attendance, value, "Not marked"),
    }}
