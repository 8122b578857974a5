"""Finding the version a reviewer's request is about, and the round under way."""

from __future__ import annotations

from flask import abort

from eia import queries
from eia.models.assessments import AssessmentVersion
from eia.models.review import Review
from eia.views.assessments.loading import me
from eia.workflow import current_review


def latest_version(reference: str) -> AssessmentVersion:
    """The version under review is always an assessment's latest; 404 when there is none."""
    assessment = queries.get_assessment(reference)
    if assessment is None:
        abort(404)
    return assessment.latest


def my_round(version: AssessmentVersion) -> Review | None:
    """The round under way when the signed-in reviewer is its reviewer, else None."""
    review = current_review(version)
    return review if review is not None and review.reviewer_id == me().id else None
