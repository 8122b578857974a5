"""Quality: where reviewers send work back, which checks most often stop submission, and how
many rounds of review an assessment takes: what training should cover."""

from __future__ import annotations

from datetime import date

from flask import render_template

from eia import insights
from eia.charts import Series, bar_chart
from eia.domain import Verdict
from eia.services import frameworks
from eia.views.insights.blueprint import bp
from eia.views.shared import me


def _section_chart(quality: insights.Quality):
    framework = frameworks.current_framework()
    titles = {s.id: s.title for s in framework.sections}
    sections = [s.id for s in framework.sections if s.id in quality.verdicts_by_section]
    series = [Series(v.label, tuple(quality.verdicts_by_section[s][v.value] for s in sections))
              for v in Verdict]
    worst = max(sections, key=lambda s: quality.verdicts_by_section[s][Verdict.TO_CORRECT],
                default=None)
    summary = (f"Over the last year, ‘{titles[worst]}’ was most often marked to correct "
               f"({quality.verdicts_by_section[worst][Verdict.TO_CORRECT]} times)."
               if worst and quality.verdicts_by_section[worst][Verdict.TO_CORRECT]
               else "No section was marked to correct in the last year.")
    return bar_chart("Reviewers’ verdicts by section, last 12 months",
                     [titles.get(s, s) for s in sections], series, summary=summary)


def _quarter_chart(quality: insights.Quality):
    quarters = list(quality.verdicts_by_quarter)

    def share(counts, verdict) -> float:
        total = sum(counts.values())
        return round(100 * counts[verdict] / total, 1) if total else 0.0

    series = [Series(v.label, tuple(share(quality.verdicts_by_quarter[q], v.value)
                                    for q in quarters))
              for v in (Verdict.IMPROVABLE, Verdict.TO_CORRECT)]
    summary = (f"In {quarters[-1]}, {series[1].values[-1]:g}% of verdicts were ‘to correct’ "
               f"and {series[0].values[-1]:g}% ‘improvable’." if quarters
               else "No verdicts in the last year.")
    return bar_chart("Share of verdicts asking for changes, by quarter", quarters, series,
                     unit="%", summary=summary)


def _checks_chart(quality: insights.Quality):
    rules = [rule for rule, _, _ in quality.blocking_checks]
    summary = (f"Of {quality.drafts_checked} assessments with their authors, the check that "
               f"most often stops submission is ‘{rules[0]}’." if rules
               else "No assessment with its authors is stopped by a check.")
    return bar_chart("Checks stopping submission now", rules, [
        Series("Findings", tuple(count for _, count, _ in quality.blocking_checks))],
        summary=summary)


@bp.get("/quality")
def view_quality():
    quality = insights.get_quality(me(), date.today())
    return render_template(
        "insights/quality.html", quality=quality,
        charts=[_section_chart(quality), _quarter_chart(quality), _checks_chart(quality)])
