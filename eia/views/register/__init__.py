"""The public register of published assessments: no sign-in needed."""

from eia.views.register import pages, verify  # noqa: F401  (they register their routes on bp)
from eia.views.register.blueprint import bp

__all__ = ["bp"]
