"""The guided assessment: starting one, the task list, question pages, collections, checks.

One blueprint (`blueprint.bp`), split by topic into modules that register their routes on it;
`eia.views.shared` finds the version a request is about and applies the object-level checks,
so every view starts from a version it may use.
"""

from eia.views.assessments import (  # noqa: F401  (they register their routes on bp)
    check,
    collections,
    comments,
    decision,
    errors,
    history,
    impacts,
    pages,
    pdf,
    start,
    submission,
    tags,
    versions,
)
from eia.views.assessments.blueprint import bp

__all__ = ["bp"]
