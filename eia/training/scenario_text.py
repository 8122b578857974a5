"""Changing a scenario file's `id` or `version` without touching anything else in it.

An organisation's copy of a scenario is TOML text that a facilitator edits by hand, with their
comments and layout. When the application gives a copy its own id, or numbers a new version,
it rewrites that one line and leaves the rest exactly as written. Both keys are top-level, so
they live before the first [table] header; a missing one is added at the top.
"""

from __future__ import annotations

import re

_TABLE_HEADER = re.compile(r"^\s*\[")


def _key_line(key: str) -> re.Pattern[str]:
    return re.compile(rf"^\s*{re.escape(key)}\s*=")


def _basic_string(value: str) -> str:
    """A TOML basic string ("..."), escaped; a line break or other control character is
    written as its escape."""
    escaped = "".join(f"\\u{ord(ch):04X}" if ord(ch) < 0x20 or ord(ch) == 0x7F else ch
                      for ch in value.replace("\\", "\\\\").replace('"', '\\"'))
    return f'"{escaped}"'


def with_top_level(text: str, key: str, value: str | int) -> str:
    """`text` with the top-level `key` set to `value` (a string or a whole number)."""
    rendered = _basic_string(value) if isinstance(value, str) else str(int(value))
    line = f"{key} = {rendered}"
    lines = text.splitlines(keepends=True)
    pattern = _key_line(key)
    for index, current in enumerate(lines):
        if _TABLE_HEADER.match(current):
            break
        if pattern.match(current):
            ending = "\n" if current.endswith("\n") else ""
            lines[index] = line + ending
            return "".join(lines)
    return f"{line}\n{text}"
