"""Field helpers shared by the form modules."""

from __future__ import annotations

from wtforms.validators import InputRequired, Length


def required(message: str) -> InputRequired:
    return InputRequired(message=message)


def at_most(limit: int, what: str) -> Length:
    return Length(max=limit, message=f"{what} must be {limit} characters or fewer")


def stripped(value):
    return value.strip() if isinstance(value, str) else value
