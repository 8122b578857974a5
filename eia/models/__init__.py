"""SQLAlchemy models. Import from here so that every table is registered with the metadata."""

from eia.models.archive import (
    ArchiveImport,
    HistoricalImportedText,
    HistoricalRecord,
    HistoricalRevision,
    HistoricalSignOff,
    RecordedPerson,
)
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
from eia.models.delegates import DelegateImport
from eia.models.feedback import (
    BookingReminder,
    Poll,
    PollAnswer,
    PollReceipt,
    SurveyReceipt,
    SurveyResponse,
)
from eia.models.held_forms import HeldForm
from eia.models.mail import EmailAttachment, OutboundEmail
from eia.models.notifications import Notification, SentReminder
from eia.models.programme import (
    Booking,
    PathwayRecord,
    SessionFacilitator,
    TrainingProgramme,
    TrainingSession,
    pathway_evidence,
    session_scenarios,
)
from eia.models.programme_shared import (
    BoardDigestChoice,
    BoardQuestion,
    BoardReply,
    PracticeNoteRevision,
    PracticeNoteSection,
    ProgrammeResource,
    ResourceVersion,
)
from eia.models.review import (
    Decision,
    PointReply,
    Publication,
    Review,
    ReviewPoint,
    SignOff,
    WorkflowEvent,
)
from eia.models.settings import Setting
from eia.models.tags import Tag, assessment_tags
from eia.models.tokens import ApiToken
from eia.models.training import (
    PracticeAttempt,
    PracticeResult,
    PracticeScenario,
    PracticeScenarioVersion,
    PracticeSubmission,
)
from eia.models.users import OrgUnit, PasswordToken, User, UserRole

__all__ = [
    "Action",
    "ApiToken",
    "ArchiveImport",
    "Assessment",
    "AssessmentVersion",
    "AuditEvent",
    "BoardDigestChoice",
    "BoardQuestion",
    "BoardReply",
    "Booking",
    "BookingReminder",
    "Decision",
    "DelegateImport",
    "EmailAttachment",
    "Engagement",
    "EvidenceFile",
    "EvidenceSource",
    "FrameworkSnapshot",
    "GroupImpact",
    "HeldForm",
    "HistoricalImportedText",
    "HistoricalRecord",
    "HistoricalRevision",
    "HistoricalSignOff",
    "Notification",
    "OrgUnit",
    "OutboundEmail",
    "PasswordToken",
    "PathwayRecord",
    "PointReply",
    "Poll",
    "PollAnswer",
    "PollReceipt",
    "PracticeAttempt",
    "PracticeNoteRevision",
    "PracticeNoteSection",
    "PracticeResult",
    "PracticeScenario",
    "PracticeScenarioVersion",
    "PracticeSubmission",
    "ProgrammeResource",
    "Publication",
    "RecordedPerson",
    "ResourceVersion",
    "Review",
    "ReviewPoint",
    "SectionAnswers",
    "SentReminder",
    "SessionFacilitator",
    "Setting",
    "SignOff",
    "SurveyReceipt",
    "SurveyResponse",
    "Tag",
    "TrainingProgramme",
    "TrainingSession",
    "User",
    "UserRole",
    "WorkflowEvent",
    "assessment_tags",
    "pathway_evidence",
    "session_scenarios",
]
