"""Training session forms: scheduling, moving and cancelling a session, booking a place,
marking attendance, and importing delegates. Choices are filled in by the view.

Whether a session can run (its length, capacity, facilitators, place) is decided by the
sessions service, which names the detail each problem is about; these forms check only what
a field can: something was given, a number is a number, a time is a time.
"""

from __future__ import annotations

import re
from datetime import time

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxesInput,
    GovFileInput,
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
)
from wtforms import (
    HiddenField,
    RadioField,
    SelectField,
    SelectMultipleField,
    SubmitField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Optional, ValidationError

from eia.domain import BookableBy, SessionFormat, SessionKind
from eia.services.training.bookings import MAX_ACCESS_NEEDS
from eia.services.training.delegates import MAX_BYTES
from eia.services.training.rescheduling import MAX_REASON
from forms.dates import DateInputField
from forms.fields import must_choose, required, text_area, text_input

TIME = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?$", re.IGNORECASE)
NO_UNIT = ""


def parse_time(text: str) -> time | None:
    """'14:30', '9.15', '2pm' or '2:30pm' as a time of day; None when it is not one."""
    match = TIME.match(text.strip())
    if not match:
        return None
    hour, minute, half = int(match[1]), int(match[2] or 0), (match[3] or "").lower()
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half == "pm" else 0)
    elif match[2] is None:
        return None  # "14" alone is not clearly a time
    return time(hour, minute) if hour < 24 and minute < 60 else None


def whole_number(what: str):
    def check(form, field) -> None:
        if not (field.data or "").strip().isdigit():
            raise ValidationError(f"{what} must be a whole number, like 12")
    return check


def time_of_day(form, field) -> None:
    if parse_time(field.data or "") is None:
        raise ValidationError("Enter the start time like 9:30am or 14:30")


def _enum_choices(enum) -> list[SelectChoice]:
    return [SelectChoice(member.value, member.label) for member in enum]


class MoveSessionForm(FlaskForm):
    """What moving a session may change; the revision guards against a stale edit."""

    revision = HiddenField()
    starts_on = DateInputField("Date", description="For example, 27 3 2027",
                               name_in_errors="The date", validators=[required(
                                   "Enter the date of the session")])
    start_time = text_input("Start time (UK time)", hint="For example, 9:30am or 14:30",
                            limit=10, what="The start time", missing="Enter the start time")
    duration_minutes = text_input("Length in minutes", hint="From 15 minutes to 8 hours (480)",
                                  limit=4, what="The length", missing="Enter the length")
    capacity = text_input("Places", hint="How many people can come", limit=4,
                          what="The number of places", missing="Enter the number of places")
    place = text_input("Where (in person)", hint="The building and room", limit=300,
                       what="The place")
    link = text_input("Link to join (online)", hint="Starting https://", limit=500,
                      what="The link")
    submit = SubmitField("Save and tell everyone booked", widget=GovSubmitInput())

    def validate_start_time(self, field) -> None:
        time_of_day(self, field)

    def validate_duration_minutes(self, field) -> None:
        whole_number("The length")(self, field)

    def validate_capacity(self, field) -> None:
        whole_number("The number of places")(self, field)


class ScheduleSessionForm(MoveSessionForm):
    title = text_input("Title", limit=200, what="The title",
                       missing="Enter the session's title")
    kind = RadioField("What the session is", choices=_enum_choices(SessionKind),
                      default=SessionKind.DELEGATE.value, widget=GovRadioInput(),
                      **must_choose("Choose what the session is"))
    format = RadioField("Format", choices=_enum_choices(SessionFormat),
                        default=SessionFormat.IN_PERSON.value, widget=GovRadioInput(),
                        **must_choose("Choose in person or online"))
    facilitators = SelectMultipleField(
        "Facilitators", description="One to three. A facilitator who has not yet reached "
                                    "“leads sessions” needs another beside them on a "
                                    "delegate session.",
        widget=GovCheckboxesInput(), coerce=int, validate_choice=False)
    scenarios = SelectMultipleField("Scenarios used", description="From the practice library. "
                                    "People booked can start them from the session's page.",
                                    widget=GovCheckboxesInput(), validate_choice=True)
    audience = RadioField("Who may book", choices=_enum_choices(BookableBy),
                          default=BookableBy.ALL_STAFF.value, widget=GovRadioInput(),
                          **must_choose("Choose who may book"))
    audience_unit = SelectField("The unit (when one unit may book)",
                                description="Its teams may book too.", widget=GovSelect(),
                                validate_choice=True,
                                invalid_choice_message="Choose the unit from the list")
    description = text_area("Description", hint="What the session covers and what to bring",
                            limit=5000, what="The description")
    submit = SubmitField("Schedule session", widget=GovSubmitInput())


class CancelSessionForm(FlaskForm):
    revision = HiddenField()
    reason = text_area("Why is the session cancelled?", hint="Everyone booked or waiting is "
                       "told this.", limit=MAX_REASON, what="The reason",
                       missing="Say why the session is cancelled")
    submit = SubmitField("Cancel the session and tell everyone", widget=GovSubmitInput())


class BookingForm(FlaskForm):
    access_needs = text_area(
        "Access needs (optional)",
        hint="Anything the facilitators should arrange for you. Only the session's "
             "facilitators see this.", limit=MAX_ACCESS_NEEDS, what="Access needs")
    submit = SubmitField("Book a place", widget=GovSubmitInput())


class AttendanceForm(FlaskForm):
    """One radio group per booking, named `attendance-<booking id>`, built by the view."""

    submit = SubmitField("Save attendance", widget=GovSubmitInput())


class DelegateImportForm(FlaskForm):
    file = FileField("CSV file", description="Three columns: name, email, unit (the unit's "
                                             "name as it is in Due Regard). A first row of "
                                             "headings is allowed.", widget=GovFileInput())
    session_id = SelectField("Book everyone onto a session (optional)",
                             description="When it is full, people join its waiting list.",
                             widget=GovSelect(), validate_choice=True,
                             validators=[Optional()],
                             invalid_choice_message="Choose a session from the list, or none")
    submit = SubmitField("Check the file", widget=GovSubmitInput())

    content: bytes = b""
    filename: str = ""

    def validate_file(self, field) -> None:
        upload = field.data
        if upload is None or not getattr(upload, "filename", ""):
            raise ValidationError("Select a CSV file")
        if not upload.filename.lower().endswith(".csv"):
            raise ValidationError("The selected file must be a CSV file ending in .csv")
        content = upload.stream.read(MAX_BYTES + 1)
        if len(content) > MAX_BYTES:
            raise ValidationError(f"The selected file must be smaller than "
                                  f"{MAX_BYTES // (1024 * 1024)} MB")
        self.content, self.filename = content, upload.filename



class RunImportForm(FlaskForm):
    submit = SubmitField("Import the delegates", widget=GovSubmitInput())
