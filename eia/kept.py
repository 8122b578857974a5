"""What a process works out once and keeps: parsed framework snapshots and scenario texts, and
the HTML drawn from a scenario text. Each is keyed by something that names content that never
changes (a SHA-256, a parsed object kept alive by its entry), so nothing kept goes stale."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

V = TypeVar("V")


class Kept(Generic[V]):
    """At most `limit` values by key, made on first use. When full, everything is forgotten at
    once: the values are few (one per framework or scenario text in use), so a full store means
    something unusual, and starting again is simpler than ranking what to keep."""

    def __init__(self, limit: int):
        self._values: dict[Hashable, V] = {}
        self._limit = limit

    def get(self, key: Hashable, make: Callable[[], V]) -> V:
        """The value kept for `key`, made by `make` (and kept) the first time it is asked for."""
        found = self._values.get(key)
        if found is None:
            if len(self._values) >= self._limit:
                self._values.clear()
            found = self._values[key] = make()
        return found
