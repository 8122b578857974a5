"""A GOV.UK date input (day, month, year) that never loses what was typed.

govuk-frontend-wtf's widget expects exactly three submitted parts; a crafted POST with fewer
would crash it, so this field always keeps three (blank where missing) and explains, in the
Design System's words, what is wrong with the date.
"""

from __future__ import annotations

from datetime import date

from govuk_frontend_wtf.wtforms_widgets import GovDateInput
from wtforms import Field

PARTS = ("day", "month", "year")


class DateInputField(Field):
    widget = GovDateInput()

    def __init__(self, label=None, validators=None, *, name_in_errors: str | None = None,
                 **kwargs):
        super().__init__(label, validators, **kwargs)
        # How the date is named in messages: "The review date must include a month".
        self.name_in_errors = name_in_errors or str(self.label.text)

    def process_formdata(self, valuelist):
        parts = [str(v).strip() for v in valuelist[:3]]
        parts += [""] * (3 - len(parts))
        self.raw_data = parts
        self.data = None
        if not any(parts):
            return
        missing = [name for name, value in zip(PARTS, parts, strict=True) if not value]
        if missing:
            raise ValueError(f"{self.name_in_errors} must include a {' and a '.join(missing)}")
        day, month, year = parts
        if not (day.isdigit() and month.isdigit() and year.isdigit() and len(year) == 4):
            raise ValueError(f"{self.name_in_errors} must be a real date")
        try:
            self.data = date(int(year), int(month), int(day))
        except ValueError as error:
            raise ValueError(f"{self.name_in_errors} must be a real date") from error

    def _value(self):
        return self.data.isoformat() if self.data else ""

    def process_data(self, value):
        self.data = date.fromisoformat(value) if isinstance(value, str) and value else value
        if self.data:
            self.raw_data = [str(self.data.day), str(self.data.month), str(self.data.year)]
