"""A bulk import of delegates from a CSV file, kept while it runs so that its page can show how
far it has got.

The file is checked in full before anything is made (`rows` holds the checked rows, as JSON);
only a file with no bad row becomes an import that can run. `done` counts the rows handled so
far, and the import is finished when `finished_at` is set.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from eia.extensions import db
from eia.models.programme import TrainingProgramme, TrainingSession
from eia.models.types import UTCDateTime, utcnow
from eia.models.users import User


class DelegateImport(db.Model):
    __tablename__ = "delegate_imports"

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("training_programmes.id"), index=True)
    # Every delegate is booked onto this session (its waiting list when it is full).
    session_id: Mapped[int | None] = mapped_column(ForeignKey("training_sessions.id"))
    filename: Mapped[str] = mapped_column(String(200), default="")
    rows: Mapped[str] = mapped_column(Text)  # JSON: [{"name", "email", "unit_id"}, ...]
    total: Mapped[int]
    done: Mapped[int] = mapped_column(default=0)
    created: Mapped[int] = mapped_column(default=0)  # new accounts, each invited
    booked: Mapped[int] = mapped_column(default=0)
    waitlisted: Mapped[int] = mapped_column(default=0)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    programme: Mapped[TrainingProgramme] = relationship()
    session: Mapped[TrainingSession | None] = relationship()
    created_by: Mapped[User] = relationship()

    @property
    def percent(self) -> int:
        return 100 if not self.total else self.done * 100 // self.total
