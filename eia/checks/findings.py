"""What a quality check reports: a finding, and where the user goes to fix it."""

from __future__ import annotations

from dataclasses import dataclass

CONTROL = "control"  # Location.section_id for the control details (title, dates, people)


@dataclass(frozen=True)
class Location:
    """Where the user fixes a finding (turned into a URL by the assessment views)."""

    section_id: str  # a framework section id, or CONTROL for the control details
    page_id: str | None = None
    question_id: str | None = None  # or the control details' field name
    group_id: str | None = None  # for impact-by-group problems
    action_id: int | None = None


@dataclass(frozen=True)
class Finding:
    rule: str  # stable id, such as "impact_missing"
    blocking: bool  # True: stops submission; False: advice
    message: str  # plain English, naming the group, action or date concerned
    location: Location
