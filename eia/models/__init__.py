"""SQLAlchemy models. Import from here so that every table is registered with the metadata."""

from eia.models.assessments import (
    Action,
    Assessment,
    AssessmentVersion,
    Engagement,
    EvidenceFile,
    EvidenceSource,
    FrameworkSnapshot,
    GroupImpact,
    SectionAnswers,
)
from eia.models.audit import AuditEvent
from eia.models.mail import OutboundEmail
from eia.models.settings import Setting
from eia.models.users import OrgUnit, PasswordToken, User, UserRole

__all__ = [
    "Action",
    "Assessment",
    "AssessmentVersion",
    "AuditEvent",
    "Engagement",
    "EvidenceFile",
    "EvidenceSource",
    "FrameworkSnapshot",
    "GroupImpact",
    "OrgUnit",
    "OutboundEmail",
    "PasswordToken",
    "SectionAnswers",
    "Setting",
    "User",
    "UserRole",
]
