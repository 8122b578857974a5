"""The guided assessment: starting one, the task list, question pages, collections, checks.

One blueprint, split by topic into modules; `loading` finds the version a request is about
and applies the object-level checks, so every view starts from a version it may use.
"""

from flask import Blueprint

bp = Blueprint("assessments", __name__, url_prefix="/assessments")

from eia.views.assessments import (  # noqa: E402  (modules register their routes on bp)
    actions,
    check,
    comments,
    engagement,
    errors,
    evidence,
    history,
    impacts,
    pages,
    pdf,
    start,
    submission,
    versions,
)

__all__ = ["actions", "bp", "check", "comments", "engagement", "errors", "evidence", "history",
           "impacts", "pages", "pdf", "start", "submission", "versions"]
