"""Insights across assessments for the equality team: the pipeline, cumulative impact and
quality. Each chart is drawn on the server from the rows of the table printed beside it."""

from eia.views.insights import cumulative, pipeline, quality  # noqa: F401  (they register routes)
from eia.views.insights.blueprint import bp

__all__ = ["bp"]
