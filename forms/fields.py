"""Field helpers shared by the form modules: validators, the character count, the lock field."""

from __future__ import annotations

from flask import current_app
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovCharacterCount, GovTextInput
from wtforms import HiddenField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length

from eia.services.editing import NEW_ROW_LOCK
from forms import character_count


def required(message: str) -> InputRequired:
    return InputRequired(message=message)


def must_choose(missing: str) -> dict[str, object]:
    """The checks of a radio or select that must be answered, as its keyword arguments.

    `missing` says what to choose both when nothing was chosen and when what came back was not
    one of the choices (a page left open while its choices changed, or an altered one): the
    person reads what to do, never WTForms' "Not a valid choice."
    """
    return {"validators": [required(missing)], "invalid_choice_message": missing}


def at_most(limit: int, what: str) -> Length:
    return Length(max=limit, message=f"{what} must be {limit:,} characters or fewer")


def stripped(value):
    return value.strip() if isinstance(value, str) else value


def upload_limit() -> int:
    """The largest file accepted, in bytes: the MAX_UPLOAD_MB setting."""
    return current_app.config["MAX_UPLOAD_BYTES"]


def length_limit(field) -> int | None:
    """The most characters `field` accepts, from its Length validator."""
    return next((v.max for v in field.validators
                 if isinstance(v, Length) and v.max is not None and v.max >= 0), None)


class CharacterCount(GovCharacterCount):
    """A text area with a character count whose limit is the field's own Length validator,
    so the page and the check can never disagree. Its HTML is written by
    `forms.character_count` where that can, the Design System's macro otherwise."""

    def __call__(self, field, **kwargs):
        params = dict(kwargs.pop("params", None) or {})
        limit = length_limit(field)
        if limit is not None:
            params.setdefault("maxlength", limit)
        value = field._value()
        if value.startswith(("\n", "\r")):
            # A browser drops a line break straight after <textarea>: one more keeps the
            # answer's own, so the page shows (and saves again) exactly what was saved.
            kwargs.setdefault("value", "\n" + value)
        return super().__call__(field, params=params, **kwargs)

    def render(self, params):
        return character_count.html_of(params) or super().render(params)


def text_area(label: str, *, hint: str | None = None, limit: int, what: str,
              missing: str | None = None) -> TextAreaField:
    """A stripped, length-limited text area with a character count; required when `missing`
    (the message when it is left blank) is given."""
    checks = [DataRequired(missing)] if missing else []
    return TextAreaField(label, description=hint, widget=CharacterCount(), filters=[stripped],
                         validators=[*checks, at_most(limit, what)])


def text_input(label: str, *, hint: str | None = None, limit: int, what: str,
               missing: str | None = None) -> StringField:
    """A stripped, length-limited one-line text input; required when `missing` is given."""
    checks = [DataRequired(missing)] if missing else []
    return StringField(label, description=hint, widget=GovTextInput(), filters=[stripped],
                       validators=[*checks, at_most(limit, what)])


class LockedForm(FlaskForm):
    """A form that edits a row guarded by `lock_version` (see `eia.services.editing`).

    The hidden field carries the lock the page was loaded with. `expected_lock` reads it back;
    a blank or tampered value means the page was opened before the row existed, so a row saved
    since by someone else is never overwritten.
    """

    lock_version = HiddenField()

    def expected_lock(self) -> int:
        value = str(self.lock_version.data or "")
        return int(value) if value.isascii() and value.isdigit() else NEW_ROW_LOCK
