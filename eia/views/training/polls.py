"""Polls during a session: the facilitators open and close them; the people booked on the
session answer from their own device; everyone in the room sees the results once five have
answered. The results page refreshes itself where JavaScript runs (`poll_results` answers it
with JSON) and has a link to refresh it where it does not.
"""

from __future__ import annotations

from flask import abort, flash, jsonify, redirect, render_template, url_for

from eia.charts import Series, bar_chart
from eia.domain import DomainError
from eia.models.feedback import Poll, PollKind
from eia.models.programme import TrainingSession
from eia.services.training import polls
from eia.views.shared import me
from eia.views.training.blueprint import bp
from eia.views.training.session_helpers import session_or_404
from forms.feedback import AnswerPollForm, ClosePollForm, OpenPollForm


def _runnable(session_id: int) -> TrainingSession:
    session = session_or_404(session_id)
    if not polls.may_run_polls(me(), session):
        abort(404)
    return session


def _poll_or_404(session_id: int, poll_id: int) -> Poll:
    """A poll of the session, for its facilitators and the people booked on it."""
    session = session_or_404(session_id)
    poll = polls.get_poll(session, poll_id)
    if poll is None or not (polls.may_run_polls(me(), session) or polls.may_answer(me(), session)):
        abort(404)
    return poll


def _render_list(session: TrainingSession, form: OpenPollForm):
    listed = [(poll, polls.results(poll)) for poll in polls.polls_of(session)]
    return render_template("training/feedback/polls.html", session=session, form=form,
                           listed=listed, close_form=ClosePollForm())


@bp.get("/sessions/<int:session_id>/polls")
def list_polls(session_id: int):
    return _render_list(_runnable(session_id), OpenPollForm())


@bp.post("/sessions/<int:session_id>/polls")
def open_poll(session_id: int):
    session = _runnable(session_id)
    form = OpenPollForm()
    if form.validate_on_submit():
        try:
            poll = polls.open_poll(me(), session, question=form.question.data,
                                   kind=PollKind(form.kind.data), options=form.option_lines())
        except DomainError as error:
            form.options.errors = [*form.options.errors, str(error)]
        else:
            flash("The poll is open: show the room its link.", "success")
            return redirect(url_for("training.view_poll", session_id=session.id,
                                    poll_id=poll.id))
    return _render_list(session, form)


@bp.post("/sessions/<int:session_id>/polls/<int:poll_id>/close")
def close_poll(session_id: int, poll_id: int):
    _runnable(session_id)
    poll = _poll_or_404(session_id, poll_id)
    if ClosePollForm().validate_on_submit():
        try:
            polls.close_poll(me(), poll)
        except DomainError as error:
            flash(str(error), "error")
        else:
            flash(f"The poll “{poll.question}” is closed.", "success")
    return redirect(url_for("training.list_polls", session_id=session_id))


def _chart(results: polls.PollResults):
    if not results.shown:
        return None
    labels = [label for label, _ in results.counts]
    return bar_chart(results.poll.question, labels,
                     [Series("Answers", tuple(count for _, count in results.counts))],
                     summary=results.status)


def _page(poll: Poll, form: AnswerPollForm):
    results = polls.results(poll)
    return render_template(
        "training/feedback/poll.html", poll=poll, session=poll.session, form=form,
        results=results, chart=_chart(results), runs=polls.may_run_polls(me(), poll.session),
        may_answer=polls.may_answer(me(), poll.session) and poll.is_open
        and not polls.has_answered(me(), poll),
        answered=polls.has_answered(me(), poll))


def _answer_form(poll: Poll) -> AnswerPollForm:
    form = AnswerPollForm()
    form.answer.choices = polls.choices_of(poll)
    if poll.kind == PollKind.SCALE:
        form.answer.label.text = f"Your answer, from 1 to {len(form.answer.choices)}"
    return form


@bp.get("/sessions/<int:session_id>/polls/<int:poll_id>")
def view_poll(session_id: int, poll_id: int):
    poll = _poll_or_404(session_id, poll_id)
    return _page(poll, _answer_form(poll))


@bp.post("/sessions/<int:session_id>/polls/<int:poll_id>")
def answer_poll(session_id: int, poll_id: int):
    poll = _poll_or_404(session_id, poll_id)
    form = _answer_form(poll)
    if form.validate_on_submit():
        try:
            polls.answer_poll(me(), poll, form.answer.data)
        except DomainError as error:
            flash(str(error), "error")
        else:
            flash("Thank you: your answer is in, anonymously.", "success")
        return redirect(url_for("training.view_poll", session_id=session_id, poll_id=poll.id))
    return _page(poll, form)


@bp.get("/sessions/<int:session_id>/polls/<int:poll_id>/results")
def poll_results(session_id: int, poll_id: int):
    """The results as the page shows them, for the page's script to refresh them in place."""
    poll = _poll_or_404(session_id, poll_id)
    results = polls.results(poll)
    chart = _chart(results)
    return jsonify(answers=results.answers, status=results.status, open=poll.is_open,
                   html=render_template("training/feedback/_poll_results.html", chart=chart))
