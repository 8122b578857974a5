"""The survey after a session, for the people who attended it."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request

from eia.domain import DomainError
from eia.services.training import surveys
from eia.views.shared import me
from eia.views.training.blueprint import bp
from eia.views.training.session_helpers import session_or_404
from forms.feedback import SurveyForm


@bp.route("/sessions/<int:session_id>/survey", methods=["GET", "POST"])
def answer_survey(session_id: int):
    session = session_or_404(session_id)
    if not surveys.attended(me(), session):
        abort(404)  # the survey is for the people who attended; nobody else learns of it
    answered = surveys.has_answered(me(), session)
    form = SurveyForm()
    if not answered and surveys.is_open(session) and form.validate_on_submit():
        try:
            surveys.answer_survey(me(), session, surveys.SurveyAnswers(
                satisfaction=form.satisfaction.data, length=form.length.data,
                pace=form.pace.data, confidence_before=form.confidence_before.data,
                confidence_after=form.confidence_after.data,
                most_useful=form.most_useful.data or "", to_change=form.to_change.data or ""))
        except DomainError as error:
            flash(str(error), "error")
        else:
            flash("Thank you: your answers have been sent, anonymously.", "success")
        return redirect(request.path)
    return render_template("training/feedback/survey.html", session=session, form=form,
                           answered=answered, is_open=surveys.is_open(session))
