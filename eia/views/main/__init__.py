"""Each signed-in person's own pages: the home page with what to do next, and notifications."""

from eia.views.main import home, notifications  # noqa: F401  (they register their routes on bp)
from eia.views.main.blueprint import bp

__all__ = ["bp"]
