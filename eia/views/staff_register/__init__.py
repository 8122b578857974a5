"""The staff register: every live assessment the person may see, filtered, and its exports."""

from eia.views.staff_register import pages  # noqa: F401  (registers its routes on bp)
from eia.views.staff_register.blueprint import bp

__all__ = ["bp"]
