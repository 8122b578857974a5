"""Scheduling sessions: a programme's sessions, a new session, announcing one, moving it and
cancelling it. For facilitators and administrators."""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import flash, redirect, render_template, request, url_for
from wtforms.fields.choices import SelectChoice

from eia import queries
from eia.domain import BookableBy, DomainError, SessionFormat, SessionKind
from eia.formatting import LOCAL_ZONE
from eia.models.programme import TrainingSession
from eia.services.training import bookings, library, programmes, rescheduling, sessions
from eia.services.training.rescheduling import Move
from eia.views.shared import me
from eia.views.training.blueprint import bp
from eia.views.training.session_helpers import programme_or_404, run_session_or_404
from forms.sessions import (
    NO_UNIT,
    CancelSessionForm,
    MoveSessionForm,
    ScheduleSessionForm,
    parse_time,
)

# Which form field shows a problem the service found with a detail.
FIELD_OF_DETAIL = {"starts_at": "starts_on", "title": "title", "capacity": "capacity",
                   "duration_minutes": "duration_minutes", "place": "place", "link": "link",
                   "audience_unit": "audience_unit", "facilitators": "facilitators"}


def _starts_at(form: MoveSessionForm) -> datetime | None:
    moment = parse_time(form.start_time.data or "")
    if form.starts_on.data is None or moment is None:
        return None
    return datetime.combine(form.starts_on.data, moment, LOCAL_ZONE)


def _show_problems(form, problems: dict[str, list[str]]) -> None:
    for detail, messages in problems.items():
        field = form._fields.get(FIELD_OF_DETAIL.get(detail, "")) or form.starts_on
        field.errors = [*field.errors, *messages]


@bp.get("/programmes/<int:programme_id>/sessions")
def list_programme_sessions(programme_id: int):
    programme = programme_or_404(programme_id)
    rows = [(session, len(bookings.waiting_list(session)),
             sum(1 for b in bookings.booked(session) if b.attendance is not None))
            for session in sessions.sessions_of(programme)]
    return render_template("training/sessions/list_programme_sessions.html",
                           programme=programme, rows=rows)


def _schedule_choices(form: ScheduleSessionForm) -> None:
    form.facilitators.choices = [SelectChoice(person.id, person.name)
                                 for person in programmes.facilitators()]
    form.scenarios.choices = [SelectChoice(entry.key, entry.title)
                              for entry in library.list_library()]
    form.audience_unit.choices = [SelectChoice(NO_UNIT, "Choose a unit")] + [
        SelectChoice(str(unit.id), unit.full_name) for unit in queries.list_units()]


def _number(text: str | None) -> int:
    text = (text or "").strip()
    return int(text) if text.isascii() and text.isdigit() else 0


def _member(enum, value: str | None):
    try:
        return enum(value)
    except ValueError:
        return next(iter(enum))


def _details(form: ScheduleSessionForm, starts_at: datetime) -> sessions.SessionDetails:
    chosen = {person.id: person for person in programmes.facilitators()}
    unit = (queries.get_unit(int(form.audience_unit.data))
            if (form.audience_unit.data or "").isdigit() else None)
    return sessions.SessionDetails(
        title=form.title.data or "", starts_at=starts_at,
        duration_minutes=_number(form.duration_minutes.data),
        capacity=_number(form.capacity.data),
        facilitators=[chosen[i] for i in form.facilitators.data or [] if i in chosen],
        kind=_member(SessionKind, form.kind.data), format=_member(SessionFormat,
                                                                   form.format.data),
        place=form.place.data or "", link=form.link.data or "",
        audience=_member(BookableBy, form.audience.data), audience_unit=unit,
        scenarios=list(form.scenarios.data or []),
        description=form.description.data or "")


def _problems(form: ScheduleSessionForm, programme) -> dict[str, list[str]]:
    """What the service finds wrong, about the details the form could read: with the form's
    own errors, every problem is shown at once."""
    starts_at = _starts_at(form)
    details = _details(form, starts_at or datetime.now(LOCAL_ZONE) + timedelta(days=1))
    problems = {detail: messages for detail, messages
                in sessions.problems_by_field(programme, details).items()
                if not form[FIELD_OF_DETAIL[detail]].errors}
    if starts_at is not None and starts_at <= datetime.now(LOCAL_ZONE):
        problems.setdefault("starts_at", []).insert(0, "The session must start in the future")
    return problems


@bp.route("/programmes/<int:programme_id>/sessions/new", methods=["GET", "POST"])
def schedule_session(programme_id: int):
    programme = programme_or_404(programme_id)
    form = ScheduleSessionForm()
    _schedule_choices(form)
    if form.is_submitted():
        valid = form.validate()
        problems = _problems(form, programme)
        if valid and not problems:
            try:
                session = sessions.schedule_session(me(), programme,
                                                    _details(form, _starts_at(form)))
            except DomainError as error:
                problems = {"starts_at": [str(error)]}
            else:
                flash(f"“{session.title}” is scheduled. Announce it when you are ready: "
                      "nobody is told until you do.", "success")
                return redirect(url_for("training.view_session", session_id=session.id))
        _show_problems(form, problems)
    return render_template("training/sessions/schedule_session.html", programme=programme,
                           form=form)


@bp.post("/sessions/<int:session_id>/announce")
def announce_session(session_id: int):
    session = run_session_or_404(session_id)
    try:
        told = sessions.announce_session(me(), session)
    except DomainError as error:
        flash(str(error), "error")
    else:
        flash(f"Announced: {told} {'person was' if told == 1 else 'people were'} told.",
              "success")
    return redirect(url_for("training.view_session", session_id=session.id))


def _move_form(session: TrainingSession) -> MoveSessionForm:
    form = MoveSessionForm()
    if request.method == "GET":
        local = session.starts_at.astimezone(LOCAL_ZONE)
        form.revision.data = str(session.revision)
        form.starts_on.process_data(local.date())
        form.start_time.data = f"{local:%H:%M}"
        form.duration_minutes.data = str(session.duration_minutes)
        form.capacity.data = str(session.capacity)
        form.place.data, form.link.data = session.place, session.link
    return form


@bp.route("/sessions/<int:session_id>/move", methods=["GET", "POST"])
def move_session(session_id: int):
    session = run_session_or_404(session_id)
    form = _move_form(session)
    if form.validate_on_submit():
        move = Move(starts_at=_starts_at(form),
                    duration_minutes=int(form.duration_minutes.data),
                    capacity=int(form.capacity.data), place=form.place.data or "",
                    link=form.link.data or "")
        problems = rescheduling.move_problems(session, move)
        if not problems:
            try:
                rescheduling.move_session(me(), session, move, revision=_revision(form))
            except DomainError as error:
                problems = {"starts_at": [str(error)]}
            else:
                flash("The session is changed, and everyone booked or waiting has been told.",
                      "success")
                return redirect(url_for("training.view_session", session_id=session.id))
        _show_problems(form, problems)
    return render_template("training/sessions/move_session.html", session=session, form=form)


def _revision(form) -> int:
    value = str(form.revision.data or "")
    return int(value) if value.isascii() and value.isdigit() else -1


@bp.route("/sessions/<int:session_id>/cancel", methods=["GET", "POST"])
def cancel_session(session_id: int):
    session = run_session_or_404(session_id)
    form = CancelSessionForm()
    if request.method == "GET":
        form.revision.data = str(session.revision)
    if form.validate_on_submit():
        try:
            rescheduling.cancel_session(me(), session, form.reason.data,
                                        revision=_revision(form))
        except DomainError as error:
            form.reason.errors = [*form.reason.errors, str(error)]
        else:
            flash("The session is cancelled, and everyone booked or waiting has been told.",
                  "success")
            return redirect(url_for("training.view_session", session_id=session.id))
    return render_template("training/sessions/cancel_session.html", session=session, form=form)
