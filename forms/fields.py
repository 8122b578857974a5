"""Field helpers shared by the form modules."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import HiddenField
from wtforms.validators import InputRequired, Length


def required(message: str) -> InputRequired:
    return InputRequired(message=message)


def at_most(limit: int, what: str) -> Length:
    return Length(max=limit, message=f"{what} must be {limit} characters or fewer")


def stripped(value):
    return value.strip() if isinstance(value, str) else value


class LockedForm(FlaskForm):
    """A form that edits a row guarded by `lock_version` (see `eia.services.editing`).

    The hidden field carries the lock the page was loaded with. `expected_lock` reads it back;
    a blank or tampered value gives `missing_lock` instead of a server error.
    """

    lock_version = HiddenField()
    missing_lock: int | None = None  # None: no lock was loaded, so none is checked

    def expected_lock(self) -> int | None:
        value = str(self.lock_version.data or "")
        return int(value) if value.isascii() and value.isdigit() else self.missing_lock
