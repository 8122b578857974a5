"""People and where they sit: users, their roles, organisational units, password tokens."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from eia.domain import Role
from eia.extensions import db
from eia.models.types import UTCDateTime, utcnow


class OrgUnit(db.Model):
    """A directorate (no parent) or a team within a directorate."""

    __tablename__ = "org_units"
    __table_args__ = (UniqueConstraint("parent_id", "name", name="uq_org_units_parent_name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("org_units.id"), index=True)

    parent: Mapped[OrgUnit | None] = relationship(remote_side=[id], back_populates="teams")
    teams: Mapped[list[OrgUnit]] = relationship(back_populates="parent", order_by="OrgUnit.name")

    @property
    def is_directorate(self) -> bool:
        return self.parent_id is None

    @property
    def full_name(self) -> str:
        return f"{self.parent.name}: {self.name}" if self.parent else self.name


class User(db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Stored lower-cased, so uniqueness holds regardless of case.
    email: Mapped[str] = mapped_column(String(320), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    job_title: Mapped[str] = mapped_column(String(200), default="")
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("org_units.id"), index=True)
    password_hash: Mapped[str | None] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(default=True)
    # Bumped on sign-out, password change and disablement: every older session cookie dies.
    session_epoch: Mapped[int] = mapped_column(default=0)
    last_sign_in_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    unit: Mapped[OrgUnit | None] = relationship()
    role_rows: Mapped[list[UserRole]] = relationship(
        back_populates="user", cascade="all, delete-orphan", lazy="selectin"
    )

    @property
    def roles(self) -> frozenset[Role]:
        return frozenset(Role(row.role) for row in self.role_rows)

    def set_roles(self, roles: set[Role]) -> None:
        keep = {r.value for r in roles}
        self.role_rows = [row for row in self.role_rows if row.role in keep]
        present = {row.role for row in self.role_rows}
        self.role_rows.extend(UserRole(role=r) for r in sorted(keep - present))

    def has_role(self, role: Role) -> bool:
        return role in self.roles

    # Flask-Login protocol. The id carries the session epoch so old cookies stop matching.
    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def is_active(self) -> bool:
        return self.active

    @property
    def is_anonymous(self) -> bool:
        return False

    def get_id(self) -> str:
        return f"{self.id}:{self.session_epoch}"

    @property
    def has_password(self) -> bool:
        return self.password_hash is not None


class UserRole(db.Model):
    __tablename__ = "user_roles"
    __table_args__ = (
        CheckConstraint(
            "role IN ({})".format(", ".join(f"'{role.value}'" for role in Role)),
            name="known_role",
        ),
    )

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    role: Mapped[str] = mapped_column(String(20), primary_key=True)

    user: Mapped[User] = relationship(back_populates="role_rows")


class PasswordToken(db.Model):
    """A single-use link to set a password: an invitation or a reset. Only its hash is kept."""

    __tablename__ = "password_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    purpose: Mapped[str] = mapped_column(String(20))  # "invitation" or "reset"
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    user: Mapped[User] = relationship()
