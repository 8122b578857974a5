"""Practice: scenarios as the organisation holds them, attempts, and what the marking recorded.

A scenario is data (TOML). The shipped files (`eia/training/scenarios/`) are read-only; an
organisation's own scenarios are copies it made, edited or imported, kept here. Either kind
gets a `PracticeScenario` row when it is first needed (an attempt, a copy, retiring it), and
each text an attempt answered is kept as a `PracticeScenarioVersion`, so an attempt can always
be marked again against exactly the scenario it answered, however the file changes later.

A `PracticeAttempt` links a practice assessment (an `Assessment` whose purpose is training)
to the scenario version it answers. Each submission records what the marking found then
(`PracticeSubmission`), so progress shows across submissions and attempts; a facilitator's
acceptance records the result (`PracticeResult`): competent only when every critical item
was found at that moment. An attempt started from a training session names it.
"""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from eia.extensions import db
from eia.models.assessments import Assessment
from eia.models.types import UTCDateTime, utcnow
from eia.models.users import User


class PracticeScenario(db.Model):
    """A scenario of the library: a shipped one (by its file's id) or the organisation's own."""

    __tablename__ = "practice_scenarios"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(100), unique=True)  # the scenario file's `id`
    shipped: Mapped[bool] = mapped_column(default=False)
    based_on: Mapped[str] = mapped_column(String(100), default="")  # key it was copied from
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # Retired scenarios cannot be started; attempts already made keep their scenario.
    retired_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    retired_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    versions: Mapped[list[PracticeScenarioVersion]] = relationship(
        back_populates="scenario", order_by="PracticeScenarioVersion.id")

    @property
    def retired(self) -> bool:
        return self.retired_at is not None

    @property
    def latest(self) -> PracticeScenarioVersion | None:
        return self.versions[-1] if self.versions else None


class PracticeScenarioVersion(db.Model):
    """One text of a scenario, exactly as it was checked and used; never changed."""

    __tablename__ = "practice_scenario_versions"
    __table_args__ = (UniqueConstraint("scenario_id", "sha256",
                                       name="uq_practice_scenario_versions_scenario_sha256"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    scenario_id: Mapped[int] = mapped_column(ForeignKey("practice_scenarios.id"), index=True)
    number: Mapped[int]  # the file's `version`
    # Tens of kB, parsed once per process (see `library.stored_scenario`): read from the
    # database only when a process meets a text for the first time.
    source: Mapped[str] = mapped_column(Text, deferred=True)
    sha256: Mapped[str] = mapped_column(String(64))
    saved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    saved_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    scenario: Mapped[PracticeScenario] = relationship(back_populates="versions")
    saved_by: Mapped[User | None] = relationship()


class PracticeAttempt(db.Model):
    """A practice assessment and the scenario version it answers."""

    __tablename__ = "practice_attempts"

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id"), unique=True)
    scenario_version_id: Mapped[int] = mapped_column(
        ForeignKey("practice_scenario_versions.id"), index=True)
    trainee_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    # The training session it was practised in, when it was started from one.
    session_id: Mapped[int | None] = mapped_column(ForeignKey("training_sessions.id"),
                                                   index=True)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    assessment: Mapped[Assessment] = relationship()
    scenario_version: Mapped[PracticeScenarioVersion] = relationship()
    trainee: Mapped[User] = relationship()
    submissions: Mapped[list[PracticeSubmission]] = relationship(
        back_populates="attempt", order_by="PracticeSubmission.number")
    result: Mapped[PracticeResult | None] = relationship(back_populates="attempt")

    @property
    def latest_submission(self) -> PracticeSubmission | None:
        return self.submissions[-1] if self.submissions else None


class PracticeSubmission(db.Model):
    """What the marking found when the attempt was submitted (or resubmitted)."""

    __tablename__ = "practice_submissions"
    __table_args__ = (UniqueConstraint("attempt_id", "number",
                                       name="uq_practice_submissions_attempt_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("practice_attempts.id"), index=True)
    number: Mapped[int]
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    critical_found: Mapped[int]
    critical_total: Mapped[int]
    good_found: Mapped[int]
    good_total: Mapped[int]
    # The items not found, as a JSON list of {"kind", "id", "tag", "label"}, critical first.
    missed_json: Mapped[str] = mapped_column("missed", Text, default="[]")

    attempt: Mapped[PracticeAttempt] = relationship(back_populates="submissions")

    @property
    def missed(self) -> list[dict]:
        return json.loads(self.missed_json)

    @missed.setter
    def missed(self, value: list[dict]) -> None:
        self.missed_json = json.dumps(value, ensure_ascii=False)

    @property
    def all_critical_found(self) -> bool:
        return self.critical_found == self.critical_total


class PracticeResult(db.Model):
    """A facilitator's acceptance of an attempt, and whether it was competent at that moment."""

    __tablename__ = "practice_results"

    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("practice_attempts.id"), unique=True)
    scenario_version_id: Mapped[int] = mapped_column(ForeignKey("practice_scenario_versions.id"))
    critical_found: Mapped[int]
    critical_total: Mapped[int]
    good_found: Mapped[int]
    good_total: Mapped[int]
    competent: Mapped[bool]
    accepted_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    accepted_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    attempt: Mapped[PracticeAttempt] = relationship(back_populates="result")
    accepted_by: Mapped[User] = relationship()
