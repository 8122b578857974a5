"""Reading values out of a parsed scenario file, reporting each problem with its key.

The framework checker already knows how to read TOML values (types, blank text, unknown keys,
duplicates) and how to word the problems; `TomlReader` wraps it so that scenario files report
mistakes in the same words, and adds the few getters scenarios need beyond it: required
tables, non-empty lists of tables, whole numbers in a range and values from a fixed list.
Each getter reports its own problem and returns a harmless stand-in, so checking carries on
and the author sees every mistake at once.
"""

from __future__ import annotations

from eia.framework.checker import FrameworkChecker


def at(path: str, key: str) -> str:
    """The path of a key inside a table ("model_answer" + "outcome" -> "model_answer.outcome")."""
    return f"{path}.{key}" if path else key


def listed(values) -> str:
    return ", ".join(values)


class TomlReader:
    """One file's getters and its list of problems ("key.path[2].field: message")."""

    def __init__(self) -> None:
        self._framework_reader = FrameworkChecker()
        base = self._framework_reader
        self.known_keys = base.known_keys
        self.value = base.value
        self.string = base.string
        self.strings = base.strings
        self.tables = base.tables
        self.slug = base.slug
        self.unique = base.unique
        self.error = base.error

    @property
    def errors(self) -> list[str]:
        return self._framework_reader.errors

    def table(self, data: dict, key: str, path: str) -> dict:
        """A required sub-table; an empty one when it is missing or not a table."""
        if key not in data:
            self.error(at(path, key), "is required")
            return {}
        return self.value(data, key, path, dict, {}) or {}

    def rows(self, data: dict, key: str, path: str) -> list:
        """A required, non-empty list of tables, as (path, table) pairs."""
        rows = self.tables(data, key, path)
        if key in data and data[key] == []:
            self.error(at(path, key), "must list at least one")
        return rows

    def integer(self, data: dict, key: str, path: str, low: int, high: int) -> int:
        """A required whole number between low and high."""
        if key not in data:
            self.error(at(path, key), "is required")
            return low
        value = self.value(data, key, path, int, low)
        if value is None:
            return low
        if not low <= value <= high:
            self.error(at(path, key), f"must be between {low} and {high} (got {value})")
        return value

    def choice(self, data: dict, key: str, path: str, allowed) -> str:
        """Required text that must be one of the allowed values."""
        value = self.string(data, key, path)
        if value and value not in allowed:
            self.error(at(path, key), f"must be one of {listed(allowed)} (got {value!r})")
        return value

    def choices(self, data: dict, key: str, path: str, allowed,
                required: bool = False) -> tuple[str, ...]:
        """A list of distinct values, each one of the allowed values."""
        values = self.strings(data, key, path, required=required)
        seen: dict[str, str] = {}
        for i, value in enumerate(values):
            item = f"{at(path, key)}[{i}]"
            if value not in allowed:
                self.error(item, f"must be one of {listed(allowed)} (got {value!r})")
            self.unique(seen, value, item, "value")
        return values

    def prose(self, data: dict, key: str, path: str, required: bool = True) -> str:
        """Text; an optional one may be left out but, when given, must not be blank."""
        return self.string(data, key, path) if required else self.string(data, key, path, "")
