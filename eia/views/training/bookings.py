"""Booking: the sessions offered to me and my bookings, one session's page (book, cancel,
leave the waiting list, practise its scenarios), and its calendar file. For everyone signed
in: every member of staff may be offered a session."""

from __future__ import annotations

from flask import Response, flash, redirect, render_template, request, url_for

from eia.domain import BookingStatus, DomainError
from eia.permissions import runs_training
from eia.services.training import attempts, bookings, polls, sessions, surveys
from eia.services.training.calendar import calendar_text
from eia.views.shared import me
from eia.views.training.blueprint import bp
from eia.views.training.session_helpers import session_or_404
from forms.sessions import BookingForm


@bp.get("/sessions")
def list_sessions():
    mine = bookings.bookings_of(me())
    booked_ids = {booking.session_id for booking in mine}
    offered = [session for session in sessions.offered_to(me())
               if session.id not in booked_ids]
    return render_template("training/sessions/list_sessions.html", offered=offered,
                           mine=[(b, bookings.place_in_line(b)) for b in mine],
                           facilitating=sessions.facilitating(me()))


@bp.route("/sessions/<int:session_id>", methods=["GET", "POST"])
def view_session(session_id: int):
    """The session; its form books a place in one step."""
    session = session_or_404(session_id)
    form = BookingForm()
    if form.validate_on_submit():
        try:
            booking = bookings.book(me(), session, form.access_needs.data or "")
        except DomainError as error:
            form.access_needs.errors = [*form.access_needs.errors, str(error)]
        else:
            flash("You are booked. We have emailed you a calendar invitation."
                  if booking.holds_place else
                  "The session is full, so you are on the waiting list: if a place comes "
                  "free, the first in line gets it and is told by email.", "success")
            return redirect(url_for("training.view_session", session_id=session.id))
    booking = bookings.booking_of(me(), session)
    if booking is not None and booking.status == BookingStatus.CANCELLED:
        booking = None
    runs = runs_training(me()) or sessions.is_facilitating(me(), session)
    return render_template(
        "training/sessions/view_session.html", session=session, form=form, booking=booking,
        place_in_line=bookings.place_in_line(booking) if booking else None,
        may_book=sessions.may_book(me(), session) and not sessions.is_facilitating(me(),
                                                                                    session),
        scenarios=sessions.scenario_titles(session),
        runs=runs, booked=bookings.booked(session) if runs else [],
        waiting=bookings.waiting_list(session) if runs else [],
        open_polls=[p for p in polls.polls_of(session) if p.is_open]
        if booking is not None and booking.holds_place else [],
        survey_waiting=surveys.is_open(session) and surveys.attended(me(), session)
        and not surveys.has_answered(me(), session))


@bp.post("/sessions/<int:session_id>/cancel-booking")
def cancel_booking(session_id: int):
    session = session_or_404(session_id)
    booking = bookings.booking_of(me(), session)
    if booking is None:
        flash("You have no booking on this session", "error")
    else:
        waiting = booking.status == BookingStatus.WAITLISTED
        try:
            bookings.cancel_booking(me(), booking)
        except DomainError as error:
            flash(str(error), "error")
        else:
            flash("You have left the waiting list." if waiting
                  else "Your booking is cancelled.", "success")
    return redirect(url_for("training.view_session", session_id=session.id))


@bp.get("/sessions/<int:session_id>/calendar.ics")
def download_calendar(session_id: int):
    session = session_or_404(session_id)
    return Response(calendar_text(session), mimetype="text/calendar", headers={
        "Content-Disposition": f'attachment; filename="session-{session.id}.ics"'})


@bp.post("/sessions/<int:session_id>/practise")
def practise_in_session(session_id: int):
    session = session_or_404(session_id)
    try:
        assessment = attempts.start_attempt(me(), request.form.get("scenario", ""),
                                            session=session)
    except DomainError as error:
        flash(str(error), "error")
        return redirect(url_for("training.view_session", session_id=session.id))
    flash(f"You have started a practice attempt, {assessment.reference}. The brief and the "
          "evidence pack are beside every page.", "success")
    return redirect(url_for("assessments.view_task_list", reference=assessment.reference))
