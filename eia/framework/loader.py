"""Reading a framework file (TOML): the entry points and the error they raise.

`load_framework()` reads a file, `parse_framework()` checks TOML text held elsewhere (an admin's
upload, a stored snapshot's source) and `default_framework()` is the shipped default, read once.
The checks themselves live in `eia.framework.checker`; this module only turns their findings
into one `FrameworkError` that lists every problem and names the file.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from eia.framework.checker import FrameworkChecker
from eia.framework.model import Framework
from eia.kept import Kept

DEFAULT_FRAMEWORK_PATH = Path(__file__).with_name("default.toml")


class FrameworkError(ValueError):
    """A framework that cannot be used.

    `errors` lists every problem as "key: message" (e.g. "sections[2].pages[0].questions[1].type:
    must be one of ..."), `source` is the file path or label, and str() gives both, ready to show
    to the admin who wrote the file.
    """

    def __init__(self, errors: list[str], source: str) -> None:
        self.errors = list(errors)
        self.source = source
        listed = "\n".join(f"  - {e}" for e in self.errors)
        count = "1 problem" if len(self.errors) == 1 else f"{len(self.errors)} problems"
        super().__init__(f"Framework file {source} has {count}:\n{listed}")


def load_framework(path: str | Path | None = None) -> Framework:
    """Read and check a framework file; None means the default shipped with the app.

    Raises FrameworkError (listing every problem) if the file is unreadable or invalid.
    """
    path = DEFAULT_FRAMEWORK_PATH if path is None else Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise FrameworkError([f"cannot be read: {exc}"], str(path)) from exc
    return parse_framework(text, source=str(path))


def parse_framework(text: str, source: str = "<string>") -> Framework:
    """Check framework TOML held in memory; `source` names it in error messages.

    Raises FrameworkError if the text is not TOML or breaks any rule of the checker.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise FrameworkError([f"not valid TOML: {exc}"], source) from exc
    checker = FrameworkChecker()
    framework = checker.framework(data)
    if checker.errors:
        raise FrameworkError(checker.errors, source)
    return framework


def stored_framework(sha256: str, read_source: Callable[[], str],
                     groups: frozenset[str]) -> Framework:
    """A framework kept as text (an assessment's snapshot) as it applies to `groups`.

    A snapshot never changes, so it is keyed by its text's SHA-256: each process parses it once
    and keeps it for each set of groups asked for. `read_source` gives the text, and is called
    only when this process has not parsed it yet (the text is some 70 kB, loaded only then).
    """
    def whole() -> Framework:
        return _stored.get((sha256, None), lambda: parse_framework(
            read_source(), f"framework snapshot {sha256[:12]}"))

    return _stored.get((sha256, groups), lambda: whole().for_groups(groups))


# Parsed snapshots by SHA-256, whole (None) and for each set of groups asked for.
_stored: Kept[Framework] = Kept(limit=64)


@lru_cache(maxsize=1)
def default_framework() -> Framework:
    """The shipped default, read once per process (the file does not change while running)."""
    return load_framework(None)
