"""What the rules share: how a group, a list of groups, an action and a day are named, and how
a finding's place is given."""

from __future__ import annotations

import re
from collections.abc import Iterator

from eia.checks.findings import Location
from eia.framework import Group
from eia.models.assessments import Action

Found = Iterator[tuple[str, Location]]

# Below this many words a description is rarely specific enough to show regard in substance.
MIN_WORDS = 25


def who(group: Group) -> str:
    if group.is_protected:
        return f"people who share the protected characteristic of {group.name.lower()}"
    return f"‘{group.name}’"


def listed(groups: list[Group]) -> str:
    """'age, disability and sex'; more than three become 'age, disability and 4 other
    groups'."""
    named = [g.name.lower() if g.is_protected else g.name for g in groups]
    if len(named) > 3:
        named = [*named[:2], f"{len(named) - 2} other groups"]
    return named[0] if len(named) == 1 else f"{', '.join(named[:-1])} and {named[-1]}"


def words(text: str | None) -> int:
    return len((text or "").split())


def action_name(action: Action) -> str:
    text = " ".join((action.description or "").split())
    if len(text) <= 60:
        return f"‘{text}’"
    # Cut at the last whole word within 60 characters (a space just after counts).
    return f"‘{text[:61].rsplit(' ', 1)[0]}…’"


def action_location(action: Action) -> Location:
    return Location("action_plan", action_id=action.id)


# Answers that fill a box without saying anything: "N/A", "none", "see above", "as above"...
_FILLER = re.compile(r"^\W*(n\W*a|n/a|none|nil|nothing|not applicable|no impact|see above|"
                     r"as above|same as above|see previous|tbc|tbd|to follow|-+|\.+)\W*$",
                     re.IGNORECASE)


def is_filler(text: str | None) -> bool:
    """Text that fills a box without saying anything ("N/A", "see above", "none"...)."""
    return bool(text and _FILLER.match(text.strip()))


def normalised(text: str | None) -> str:
    """Text as compared for copies: lower case, one space between words."""
    return " ".join((text or "").lower().split())
