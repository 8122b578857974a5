"""How a marking point's keywords are recognised in a trainee's text.

A keyword alternative is a word or a phrase, matched case-insensitively and only as whole
words: "bus" finds "Bus" and "bus," but not "business". A trailing * makes the last word a
prefix: "adjust*" finds "adjust", "adjusted" and "adjustment". Inside a phrase, spaces and
hyphens are interchangeable ("step free" finds "step-free"), and typographic apostrophes count
as plain ones, so a trainee is not penalised for how their keyboard types them.

The checker uses `alternative_problem` to refuse alternatives that could never work, and the
marking and the checker share `group_matches`, so a model answer that loads is marked exactly as
the checker saw it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

# Below this many characters a prefix such as "ca*" would match far too much.
MIN_PREFIX = 3
# Spaces, and hyphens of every kind (hyphen-minus, hyphen, non-breaking hyphen, en dash).
_SEPARATOR = r"[\s\-\u2010\u2011\u2013]+"
_SEPARATORS = re.compile(_SEPARATOR)
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})


def normalise(text: str) -> str:
    """Text as the matcher sees it: typographic apostrophes made plain."""
    return text.translate(_APOSTROPHES)


def alternative_problem(alternative: str) -> str | None:
    """Why an alternative cannot be used as written, or None when it can."""
    stem = alternative.strip()
    if not stem:
        return "must be non-blank text"
    if "*" in stem[:-1]:
        return f"{alternative!r}: * may only end an alternative (it marks a prefix)"
    if stem.endswith("*") and len(stem.rstrip("*").strip()) < MIN_PREFIX:
        return f"{alternative!r}: a prefix needs at least {MIN_PREFIX} characters before the *"
    if not any(ch.isalnum() for ch in stem):
        return f"{alternative!r}: needs at least one letter or digit"
    return None


@lru_cache(maxsize=4096)
def pattern_for(alternative: str) -> re.Pattern[str]:
    """The compiled pattern for one alternative (see the module docstring for the rules)."""
    stem = normalise(alternative.strip())
    prefix = stem.endswith("*")
    words = [w for w in _SEPARATORS.split(stem.rstrip("*").strip()) if w]
    body = _SEPARATOR.join(re.escape(word) for word in words)
    # A word ends where no letter or digit follows, unless the alternative is a prefix.
    end = "" if prefix else r"(?!\w)"
    return re.compile(rf"(?<!\w){body}{end}", re.IGNORECASE)


def group_matches(alternatives: Iterable[str], texts: Iterable[str]) -> bool:
    """Whether any of the alternatives appears in any of the texts."""
    texts = [normalise(t) for t in texts if t]
    return any(pattern_for(alt).search(text) for alt in alternatives for text in texts)


def unmatched_groups(look_for: Iterable[tuple[str, ...]],
                     texts: Iterable[str]) -> tuple[tuple[str, ...], ...]:
    """The keyword groups that match nowhere in the texts; empty when the point is found."""
    texts = list(texts)
    return tuple(group for group in look_for if not group_matches(group, texts))
