"""What the survey answers say: a session's report, a programme's report, and the programme's
figures and comments as CSV. For facilitators and the programme's lead."""

from __future__ import annotations

from flask import Response, render_template

from eia.charts import Series, bar_chart
from eia.exports import csv_lines
from eia.models.feedback import LengthAnswer, PaceAnswer
from eia.services.training import reports
from eia.uploads import content_disposition
from eia.views.training.blueprint import bp
from eia.views.training.session_helpers import programme_or_404, session_or_404

CSV_TYPE = "text/csv; charset=utf-8"


def _distribution_chart(title: str, groups: list[reports.Group], *, pace: bool):
    """The share of answers for each length (or pace) in each group that can be shown."""
    shown = [group for group in groups if group.tally.shown]
    if not shown:
        return None
    answers = PaceAnswer if pace else LengthAnswer
    series = [Series(item.label, tuple(float(group.tally.share(
        group.tally.pace if pace else group.tally.length, item.value)) for group in shown))
        for item in answers]
    return bar_chart(title, [group.label for group in shown], series, unit="%",
                     summary=f"The share of answers in each group; groups with fewer than "
                             f"{reports.MIN_ANSWERS} answers are left out.")


def _average_chart(title: str, groups: list[reports.Group]):
    shown = [group for group in groups if group.tally.shown]
    if not shown:
        return None
    return bar_chart(title, [group.label for group in shown], [
        Series("Satisfaction", tuple(g.tally.average_satisfaction for g in shown)),
        Series("Confidence before", tuple(g.tally.confidence_before for g in shown)),
        Series("Confidence after", tuple(g.tally.confidence_after for g in shown))],
        summary="Averages on a scale of 1 to 5; groups with fewer than "
                f"{reports.MIN_ANSWERS} answers are left out.")


@bp.get("/sessions/<int:session_id>/report")
def view_session_report(session_id: int):
    session = session_or_404(session_id)
    tally = reports.session_tally(session)
    group = [reports.Group(session.title, tally)]
    return render_template(
        "training/feedback/session_report.html", session=session, tally=tally,
        hidden=reports.HIDDEN, comments=reports.comments_for([session]),
        charts=[chart for chart in (
            _distribution_chart("What people thought of the length", group, pace=False),
            _distribution_chart("What people thought of the pace", group, pace=True),
            _average_chart("Satisfaction and confidence", group)) if chart])


@bp.get("/programmes/<int:programme_id>/reports")
def view_programme_report(programme_id: int):
    programme = programme_or_404(programme_id)
    report = reports.programme_report(programme)
    charts = [chart for chart in (
        _distribution_chart("Length, by session length", report.by_length, pace=False),
        _distribution_chart("Pace, by session length", report.by_length, pace=True),
        _average_chart("Satisfaction and confidence, by session length", report.by_length),
        _average_chart("Satisfaction and confidence, by format", report.by_format),
        _average_chart("Satisfaction and confidence, by facilitator", report.by_facilitator),
        _average_chart("Satisfaction and confidence, by month", report.by_month)) if chart]
    return render_template("training/feedback/programme_report.html", programme=programme,
                           report=report, charts=charts, hidden=reports.HIDDEN,
                           comments=reports.comments_for(programme.sessions),
                           min_answers=reports.MIN_ANSWERS)


def _csv(filename: str, headings, rows) -> Response:
    return Response(csv_lines(headings, rows), mimetype=CSV_TYPE,
                    headers={"Content-Disposition": content_disposition(filename)})


@bp.get("/programmes/<int:programme_id>/reports/figures.csv")
def download_report_csv(programme_id: int):
    programme = programme_or_404(programme_id)
    return _csv(f"programme-{programme.id}-feedback-figures.csv", reports.SUMMARY_HEADINGS,
                reports.summary_rows(reports.programme_report(programme)))


@bp.get("/programmes/<int:programme_id>/reports/comments.csv")
def download_comments_csv(programme_id: int):
    programme = programme_or_404(programme_id)
    return _csv(f"programme-{programme.id}-feedback-comments.csv", reports.COMMENT_HEADINGS,
                reports.comment_rows(reports.comments_for(programme.sessions)))
