"""Marking attendance in the room: everyone holding a place, with their access needs, and
attended or did not attend for each, saved at once. For the session's facilitators."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for

from eia.domain import Attendance, DomainError
from eia.services.training import bookings
from eia.views.shared import me
from eia.views.training.blueprint import bp
from eia.views.training.session_helpers import run_session_or_404
from forms.sessions import AttendanceForm


def field_name(booking) -> str:
    return f"attendance-{booking.id}"


@bp.route("/sessions/<int:session_id>/attendance", methods=["GET", "POST"])
def mark_attendance(session_id: int):
    session = run_session_or_404(session_id)
    form = AttendanceForm()
    places = bookings.booked(session)
    error = ""
    if form.validate_on_submit():
        marks = {}
        for booking in places:
            value = request.form.get(field_name(booking), "")
            marks[booking.id] = Attendance(value) if value in set(Attendance) else None
        try:
            changed = bookings.mark_attendance(me(), session, marks)
        except DomainError as refusal:
            error = str(refusal)
        else:
            flash(f"Attendance saved ({changed} changed).", "success")
            return redirect(url_for("training.mark_attendance", session_id=session.id))
    return render_template("training/sessions/mark_attendance.html", session=session,
                           form=form, places=places, field_name=field_name, error=error,
                           choices=list(Attendance))
