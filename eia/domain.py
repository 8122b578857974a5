"""The vocabulary of Due Regard: roles, statuses and kinds, each with its label, and DomainError.

Everything here is a plain enumeration or constant, importable from any layer because it imports
nothing of the application. Each enumeration owns the words users read for its values
(`.label`), so no template or view builds a label from a stored value.
"""

from __future__ import annotations

from enum import StrEnum


class DomainError(Exception):
    """A rule refused the request; `str(error)` is safe to show the user."""


# The most a person may type in one answer: long enough for any real answer, short enough that
# a page, a document or the PDF stays usable. Forms, documents and pages all read these.
MAX_ANSWER_LENGTH = 20_000
# Review comments, reasons for a move and the public summary: a few paragraphs.
MAX_COMMENT_LENGTH = 5_000


class Role(StrEnum):
    AUTHOR = "author"
    REVIEWER = "reviewer"
    APPROVER = "approver"
    FACILITATOR = "facilitator"
    TRAINEE = "trainee"
    ADMIN = "admin"

    @property
    def label(self) -> str:
        return _ROLE_LABELS[self]

    @property
    def description(self) -> str:
        return _ROLE_DESCRIPTIONS[self]


_ROLE_LABELS = {
    Role.AUTHOR: "Author",
    Role.REVIEWER: "Equality reviewer",
    Role.APPROVER: "Signatory",
    Role.FACILITATOR: "Training facilitator",
    Role.TRAINEE: "Trainee",
    Role.ADMIN: "Administrator",
}

_ROLE_DESCRIPTIONS = {
    Role.AUTHOR: "Writes assessments, answers review comments and revises signed-off ones.",
    Role.REVIEWER: "Reviews submitted assessments section by section.",
    Role.APPROVER: "Signs off recommended assessments, or returns them.",
    Role.FACILITATOR: "Runs EIA training sessions and scenarios.",
    Role.TRAINEE: "Books training and practises on sample scenarios.",
    Role.ADMIN: "Manages users, organisational units and settings.",
}


class Purpose(StrEnum):
    """What an assessment is for: a real proposal, or practice on a training scenario.

    Both use the same form, checks, review and PDF; practice attempts are kept out of every
    list, queue, reminder, export and public page of real assessments (`eia.queries`).
    """

    LIVE = "live"
    TRAINING = "training"

    @property
    def label(self) -> str:
        return {"live": "Live assessment", "training": "Practice attempt"}[self.value]

    @property
    def reference_prefix(self) -> str:
        return {"live": "EIA", "training": "TRN"}[self.value]


class AssessmentType(StrEnum):
    POLICY = "policy"
    SERVICE_CHANGE = "service_change"
    STRATEGY = "strategy"
    BUDGET = "budget"
    HR = "hr"
    PROCUREMENT = "procurement"
    PROJECT = "project"

    @property
    def label(self) -> str:
        return {"hr": "HR", "service_change": "Service change"}.get(
            self.value, self.value.capitalize())


class VersionStatus(StrEnum):
    DRAFT = "draft"
    IN_REVIEW = "in_review"
    CHANGES_REQUESTED = "changes_requested"
    AWAITING_SIGN_OFF = "awaiting_sign_off"
    SIGNED_OFF = "signed_off"
    WITHDRAWN = "withdrawn"
    SUPERSEDED = "superseded"
    # A practice attempt whose facilitator has accepted it: the end of its review loop.
    ACCEPTED = "accepted"

    @property
    def label(self) -> str:
        return _STATUS_LABELS[self]


_STATUS_LABELS = {
    VersionStatus.DRAFT: "Draft",
    VersionStatus.IN_REVIEW: "In review",
    VersionStatus.CHANGES_REQUESTED: "Changes requested",
    VersionStatus.AWAITING_SIGN_OFF: "Awaiting sign-off",
    VersionStatus.SIGNED_OFF: "Signed off",
    VersionStatus.WITHDRAWN: "Withdrawn",
    VersionStatus.SUPERSEDED: "Superseded",
    VersionStatus.ACCEPTED: "Accepted",
}

# The states a live assessment can be in: "accepted" ends a practice attempt's review only.
LIVE_STATES = tuple(status for status in VersionStatus if status is not VersionStatus.ACCEPTED)
# A version can be changed only while it is with its authors.
EDITABLE_STATES = frozenset({VersionStatus.DRAFT, VersionStatus.CHANGES_REQUESTED})
# Versions whose analysis has been signed off (a superseded one was, before it was replaced).
SIGNED_OFF_STATES = frozenset({VersionStatus.SIGNED_OFF, VersionStatus.SUPERSEDED})
# Once a version has left the review route, its conversation is a record, not a discussion.
CLOSED_STATES = frozenset({VersionStatus.SIGNED_OFF, VersionStatus.SUPERSEDED,
                           VersionStatus.WITHDRAWN, VersionStatus.ACCEPTED})


# How an imported record's status shows: signed off, but before Due Regard, not in it.
IMPORTED_LABEL = "Imported record"


class RecordedRole(StrEnum):
    """The part a person named by a historical record played in it."""

    LEAD_OFFICER = "lead_officer"
    HEAD_OF_SERVICE = "head_of_service"
    CONTRIBUTOR = "contributor"

    @property
    def label(self) -> str:
        return {"lead_officer": "Lead officer", "head_of_service": "Head of service",
                "contributor": "Contributor"}[self.value]


class SectionStatus(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    CANNOT_START = "cannot_start"

    @property
    def label(self) -> str:
        return {"cannot_start": "Cannot start yet"}.get(
            self.value, self.value.replace("_", " ").capitalize())


class EvidenceKind(StrEnum):
    POPULATION = "population_data"
    WORKFORCE = "workforce_data"
    SERVICE = "service_data"
    RESEARCH = "research"
    COMPLAINTS = "complaints_feedback"
    CONSULTATION = "consultation"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {
            "population_data": "Population data",
            "workforce_data": "Workforce data",
            "service_data": "Service data",
            "research": "Research",
            "complaints_feedback": "Complaints and feedback",
            "consultation": "Consultation",
            "other": "Other",
        }[self.value]


class ImpactLevel(StrEnum):
    POSITIVE = "positive"
    NEGATIVE = "negative"
    BOTH = "both"
    NEUTRAL = "neutral"
    NOT_KNOWN = "not_known"

    @property
    def label(self) -> str:
        return {"both": "Both positive and negative", "not_known": "Not yet known"}.get(
            self.value, self.value.capitalize())

    @property
    def is_negative(self) -> bool:
        return self in (ImpactLevel.NEGATIVE, ImpactLevel.BOTH)


class Relevance(StrEnum):
    """How relevant a proposal is to one group, as screening finds it."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"
    NONE = "none"

    @property
    def label(self) -> str:
        return {"none": "Not relevant"}.get(self.value, self.value.capitalize())


class ActionStatus(StrEnum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"

    @property
    def label(self) -> str:
        return {"in_progress": "In progress"}.get(self.value, self.value.capitalize())


class Verdict(StrEnum):
    ACCEPTABLE = "acceptable"
    IMPROVABLE = "improvable"
    TO_CORRECT = "to_correct"

    @property
    def label(self) -> str:
        return {"to_correct": "To correct"}.get(self.value, self.value.capitalize())


class ReviewDecision(StrEnum):
    CHANGES_REQUESTED = "changes_requested"
    RECOMMENDED = "recommended"
    ACCEPTED = "accepted"  # a facilitator's final decision on a practice attempt

    @property
    def label(self) -> str:
        return {"changes_requested": "Changes requested",
                "recommended": "Recommended for sign-off",
                "accepted": "Accepted by the facilitator"}[self.value]


class SessionKind(StrEnum):
    """What a training session is for."""

    DELEGATE = "delegate"
    REHEARSAL = "rehearsal"  # facilitators watch and practise delivering
    FOLLOW_UP = "follow_up"  # questions after a session

    @property
    def label(self) -> str:
        return {"delegate": "Delegate session", "rehearsal": "Facilitator rehearsal",
                "follow_up": "Follow-up question session"}[self.value]


class SessionFormat(StrEnum):
    IN_PERSON = "in_person"
    ONLINE = "online"

    @property
    def label(self) -> str:
        return {"in_person": "In person", "online": "Online"}[self.value]


class BookableBy(StrEnum):
    """Who may book a session."""

    ALL_STAFF = "all_staff"
    UNIT = "unit"  # people of one unit and its teams
    FACILITATORS = "facilitators"

    @property
    def label(self) -> str:
        return {"all_staff": "All staff", "unit": "One unit",
                "facilitators": "Facilitators only"}[self.value]


class BookingStatus(StrEnum):
    BOOKED = "booked"
    WAITLISTED = "waitlisted"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return {"booked": "Booked", "waitlisted": "On the waiting list",
                "cancelled": "Cancelled"}[self.value]


class Attendance(StrEnum):
    ATTENDED = "attended"
    NO_SHOW = "no_show"

    @property
    def label(self) -> str:
        return {"attended": "Attended", "no_show": "Did not attend"}[self.value]


class PathwayStage(StrEnum):
    """A facilitator's progress through the train-the-trainer pathway, in order."""

    OBSERVED = "observed"  # watched a rehearsal
    CO_DELIVERED = "co_delivered"
    LEADS = "leads"  # may be the sole facilitator of a delegate session

    @property
    def label(self) -> str:
        return {"observed": "Observed a rehearsal", "co_delivered": "Co-delivered",
                "leads": "Leads sessions"}[self.value]

    @property
    def rank(self) -> int:
        return list(PathwayStage).index(self)


def label_of(enum: type[StrEnum], value: str | None, missing: str = "") -> str:
    """The label of a stored value; the value itself when the enumeration no longer has it."""
    if value is None:
        return missing
    try:
        return enum(value).label
    except ValueError:
        return value
