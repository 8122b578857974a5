"""SQLAlchemy models. Import from here so that every table is registered with the metadata."""

from eia.models.audit import AuditEvent
from eia.models.mail import OutboundEmail
from eia.models.users import OrgUnit, PasswordToken, User, UserRole

__all__ = ["AuditEvent", "OrgUnit", "OutboundEmail", "PasswordToken", "User", "UserRole"]
