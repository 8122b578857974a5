"""The facilitators' question board of a programme: questions, replies, marking a question
answered, and each facilitator's choice of a daily email digest."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for

from eia.domain import DomainError
from eia.services.training import board
from eia.views.shared import me
from eia.views.training.blueprint import bp
from eia.views.training.session_helpers import programme_or_404
from forms.programme import ConfirmForm, DigestForm, QuestionForm, ReplyForm


def _question_or_404(programme, question_id: int):
    return board.get_question(programme, question_id) or abort(404)


def _board_page(programme, *, form: QuestionForm | None = None,
                digest_form: DigestForm | None = None, status: int = 200):
    digest_form = digest_form or DigestForm(data={"wanted": board.wants_digest(me(), programme)})
    return render_template("training/programme/view_board.html", programme=programme,
                           questions=board.list_questions(programme),
                           form=form or QuestionForm(formdata=None),
                           digest_form=digest_form), status


@bp.get("/programmes/<int:programme_id>/board")
def view_board(programme_id: int):
    return _board_page(programme_or_404(programme_id))


@bp.post("/programmes/<int:programme_id>/board/questions")
def ask_question(programme_id: int):
    programme = programme_or_404(programme_id)
    form = QuestionForm()
    if form.validate_on_submit():
        try:
            question = board.ask(me(), programme, title=form.title.data,
                                 body=form.body.data or "")
        except DomainError as error:
            form.title.errors.append(str(error))
        else:
            flash("Your question has been posted. The other facilitators have been told.",
                  "success")
            return redirect(url_for("training.view_question", programme_id=programme.id,
                                    question_id=question.id))
    return _board_page(programme, form=form)


@bp.post("/programmes/<int:programme_id>/board/digest")
def choose_board_digest(programme_id: int):
    programme = programme_or_404(programme_id)
    form = DigestForm()
    if form.validate_on_submit():
        try:
            board.choose_digest(me(), programme, wanted=bool(form.wanted.data))
        except DomainError as error:
            flash(str(error), "error")
        else:
            flash("You will get a daily email of new posts." if form.wanted.data
                  else "You will not get emails about this board.", "success")
    return redirect(url_for("training.view_board", programme_id=programme.id))


def _question_page(programme, question, form: ReplyForm | None = None):
    return render_template("training/programme/view_question.html", programme=programme,
                           question=question, form=form or ReplyForm(formdata=None),
                           may_mark=not question.answered and board.may_mark_answered(
                               me(), question))


@bp.get("/programmes/<int:programme_id>/board/<int:question_id>")
def view_question(programme_id: int, question_id: int):
    programme = programme_or_404(programme_id)
    return _question_page(programme, _question_or_404(programme, question_id))


@bp.post("/programmes/<int:programme_id>/board/<int:question_id>/replies")
def reply_to_question(programme_id: int, question_id: int):
    programme = programme_or_404(programme_id)
    question = _question_or_404(programme, question_id)
    form = ReplyForm()
    if form.validate_on_submit():
        try:
            board.reply(me(), question, body=form.body.data)
        except DomainError as error:
            form.body.errors.append(str(error))
        else:
            flash("Your reply has been posted.", "success")
            return redirect(url_for("training.view_question", programme_id=programme.id,
                                    question_id=question.id))
    return _question_page(programme, question, form)


@bp.post("/programmes/<int:programme_id>/board/<int:question_id>/answered")
def mark_question_answered(programme_id: int, question_id: int):
    programme = programme_or_404(programme_id)
    question = _question_or_404(programme, question_id)
    if ConfirmForm().validate_on_submit():
        try:
            board.mark_answered(me(), question)
        except DomainError as error:
            flash(str(error), "error")
        else:
            flash("The question is marked answered.", "success")
    return redirect(url_for("training.view_question", programme_id=programme.id,
                            question_id=question.id))
