"""The marshmallow fields of the canonical document: strict about types, exact about text.

Strings are kept exactly as given (no stripping); a string that one of our databases cannot
store (NUL, an unpaired surrogate) is refused on every database alike. JSON's types are taken
literally: `true` is a boolean and `1` is not.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Callable
from datetime import date
from typing import Any

from marshmallow import ValidationError, fields, validate

from eia.domain import MAX_ANSWER_LENGTH

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_SHA256 = re.compile(r"[0-9a-f]{64}")


def text_problem(value: str, max_length: int | None = None) -> str | None:
    """Why `value` cannot be stored as it is, or None."""
    if "\x00" in value:
        return "Must not contain the NUL character."
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return "Must be valid Unicode text (it contains an unpaired surrogate)."
    if max_length is not None and len(value) > max_length:
        return f"Must be {max_length:,} characters or fewer."
    return None


def is_iso_date(value: str) -> bool:
    if not _ISO_DATE.fullmatch(value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


# --- Fields ---------------------------------------------------------------------------------


class Text(fields.String):
    """A string kept exactly as given, no longer than `max_length`, optionally not blank."""

    default_error_messages = {"invalid": "Must be text.", "blank": "Must not be blank."}

    def __init__(self, *, max_length: int | None = MAX_ANSWER_LENGTH, not_blank: bool = False,
                 **kwargs) -> None:
        super().__init__(**kwargs)
        self.max_length = max_length
        self.not_blank = not_blank

    def _deserialize(self, value, attr, data, **kwargs) -> str:
        if not isinstance(value, str):
            raise self.make_error("invalid")
        problem = text_problem(value, self.max_length)
        if problem:
            raise ValidationError(problem)
        if self.not_blank and not value.strip():
            raise self.make_error("blank")
        return value


class IsoDate(fields.Date):
    """A calendar date written exactly YYYY-MM-DD."""

    default_error_messages = {"invalid": "Not a valid date: use YYYY-MM-DD."}

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, str) or not is_iso_date(value):
            raise self.make_error("invalid")
        return super()._deserialize(value, attr, data, **kwargs)


class StrictInteger(fields.Integer):
    """A JSON integer: not a string of digits, a float or a boolean."""

    def __init__(self, **kwargs) -> None:
        super().__init__(strict=True, **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, bool):
            raise self.make_error("invalid")
        return super()._deserialize(value, attr, data, **kwargs)


class StrictBoolean(fields.Boolean):
    """JSON true or false only (marshmallow would also take "yes", 1, "on" ...)."""

    def _deserialize(self, value, attr, data, **kwargs) -> bool:
        if not isinstance(value, bool):
            raise self.make_error("invalid")
        return value


class Base64Bytes(fields.Field):
    """Bytes, written as standard base64 with padding."""

    default_error_messages = {"invalid": "Not valid base64."}

    def _serialize(self, value, attr, obj, **kwargs):
        return None if value is None else base64.b64encode(value).decode("ascii")

    def _deserialize(self, value, attr, data, **kwargs) -> bytes:
        if not isinstance(value, str):
            raise self.make_error("invalid")
        try:
            return base64.b64decode(value, validate=True)
        except (binascii.Error, ValueError) as error:
            raise self.make_error("invalid") from error


class Answer(fields.Field):
    """An answer to a framework question: text, the option values ticked for checkboxes, or a
    table of texts by group (how relevant the proposal is to each group).

    Which a question takes, and its options and length, depend on the framework, so the
    document schema checks those against it.
    """

    default_error_messages = {"invalid": "Must be text, a list of texts or a table by group."}

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, dict):
            return self._by_group(value)
        values = value if isinstance(value, list) else [value]
        if not all(isinstance(v, str) for v in values):
            raise self.make_error("invalid")
        for item in values:
            problem = text_problem(item)
            if problem:
                raise ValidationError(problem)
        return list(value) if isinstance(value, list) else value

    def _by_group(self, value: dict) -> dict:
        for key, row in value.items():
            if not isinstance(key, str) or not isinstance(row, dict) or not all(
                    isinstance(k, str) and isinstance(v, str) for k, v in row.items()):
                raise self.make_error("invalid")
            for text in (key, *row.values()):
                problem = text_problem(text)
                if problem:
                    raise ValidationError(problem)
        return {key: dict(row) for key, row in value.items()}


class SortedList(fields.List):
    """A list whose order means nothing: dumped sorted, so documents compare equal."""

    def __init__(self, inner, *, sort_key: Callable[[Any], Any] | None = None, **kwargs) -> None:
        super().__init__(inner, **kwargs)
        self.sort_key = sort_key

    def _serialize(self, value, attr, obj, **kwargs):
        result = super()._serialize(value, attr, obj, **kwargs)
        return None if result is None else sorted(result, key=self.sort_key)


class ById(fields.Dict):
    """A JSON object keyed by framework id (section, question or group), dumped in key order.

    Unlike `fields.Dict`, errors are reported under the id itself
    (`sections.screening.completed`), not under an extra "value" or "key" level.
    """

    def __init__(self, values: fields.Field, **kwargs) -> None:
        super().__init__(keys=Text(max_length=100), values=values, **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        try:
            result = super()._deserialize(value, attr, data, **kwargs)
        except ValidationError as error:
            if not isinstance(error.messages, dict):
                raise
            messages = {key: parts.get("key", parts.get("value"))
                        for key, parts in error.messages.items()}
            raise ValidationError(messages, valid_data=error.valid_data) from error
        return dict(sorted(result.items()))

    def _serialize(self, value, attr, obj, **kwargs):
        result = super()._serialize(value, attr, obj, **kwargs)
        return None if result is None else dict(sorted(result.items()))


def one_of(values) -> validate.OneOf:
    choices = [v.value for v in values]
    return validate.OneOf(choices, error=f"Must be one of: {', '.join(choices)}.")


_web_address = validate.URL(schemes={"http", "https"}, require_tld=False,
                            error="Must be a web address starting with http:// or https://.")


def web_address_or_blank(value: str) -> None:
    if value:
        _web_address(value)
