"""The question framework: the sections, questions, guidance and groups of an assessment.

The framework is data (a TOML file), not code. `load_framework()` reads and checks a file,
`parse_framework()` checks text held elsewhere (an upload, a stored snapshot's source), and
`default_framework()` is the one shipped for England, Wales and Scotland. The model is frozen
dataclasses (`eia.framework.model`); the rules a file must follow are in
`eia.framework.checker`. Nothing here knows about Flask or the database.
"""

from eia.framework.loader import (
    DEFAULT_FRAMEWORK_PATH,
    FrameworkError,
    default_framework,
    load_framework,
    parse_framework,
    stored_framework,
)
from eia.framework.model import (
    AIMS,
    CHOICE_TYPES,
    FREE_TEXT_TYPES,
    GROUP_KINDS,
    JUSTIFICATION_QUESTIONS,
    OUTCOMES,
    PROTECTED_CHARACTERISTICS,
    QUESTION_TYPES,
    RELEVANCE_LEVELS,
    REQUIRED_QUESTIONS,
    REQUIRED_SECTIONS,
    REQUIRED_SHORT_FORM_SECTIONS,
    SCREENING_DECISIONS,
    SECTION_KINDS,
    YES_NO_OPTIONS,
    Framework,
    Group,
    Option,
    Page,
    Preset,
    Question,
    RequiredQuestion,
    Section,
    ShowWhen,
    is_blank,
)

__all__ = [
    "AIMS",
    "CHOICE_TYPES",
    "DEFAULT_FRAMEWORK_PATH",
    "FREE_TEXT_TYPES",
    "GROUP_KINDS",
    "JUSTIFICATION_QUESTIONS",
    "OUTCOMES",
    "PROTECTED_CHARACTERISTICS",
    "QUESTION_TYPES",
    "RELEVANCE_LEVELS",
    "REQUIRED_QUESTIONS",
    "REQUIRED_SECTIONS",
    "REQUIRED_SHORT_FORM_SECTIONS",
    "SCREENING_DECISIONS",
    "SECTION_KINDS",
    "YES_NO_OPTIONS",
    "Framework",
    "FrameworkError",
    "Group",
    "Option",
    "Page",
    "Preset",
    "Question",
    "RequiredQuestion",
    "Section",
    "ShowWhen",
    "default_framework",
    "is_blank",
    "load_framework",
    "parse_framework",
    "stored_framework",
]
