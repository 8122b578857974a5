"""Tags: short labels that group assessments across units, such as "Budget 2027/28".

A tag belongs to the lasting assessment, not to one version, so a revision keeps its tags. The
name is kept as first typed; `key` is its normalised form (case-folded, spaces collapsed), so
"budget  2027/28" and "Budget 2027/28" are one tag.
"""

from __future__ import annotations

import unicodedata
from datetime import datetime

from sqlalchemy import Column, ForeignKey, String, Table
from sqlalchemy.orm import Mapped, mapped_column

from eia.extensions import db
from eia.models.types import UTCDateTime, utcnow

TAG_MAX_LENGTH = 60

assessment_tags = Table(
    "assessment_tags",
    db.Model.metadata,
    Column("assessment_id", ForeignKey("assessments.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True, index=True),
)


def normalise_tag(name: str) -> str:
    """The form two names must share to be one tag."""
    return " ".join(unicodedata.normalize("NFKC", name).split()).casefold()


def tidy_tag(name: str) -> str:
    """A name as it is shown: Unicode-normalised, spaces collapsed, case kept."""
    return " ".join(unicodedata.normalize("NFKC", name).split())


class Tag(db.Model):
    __tablename__ = "tags"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(TAG_MAX_LENGTH))
    key: Mapped[str] = mapped_column(String(TAG_MAX_LENGTH), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
