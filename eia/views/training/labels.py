"""The words for a scenario's and an attempt's choices, as the assessment form offers them.

Screening decisions and outcomes are options of framework questions, so their labels come from
the framework; impact levels are labelled by their enumeration. Passed to templates, which
never build a label from a stored value.
"""

from __future__ import annotations

from collections.abc import Callable

from eia.domain import ImpactLevel, Relevance, label_of
from eia.framework import Framework
from eia.training.scenario_model import TEXT_FIELDS

NOT_ANSWERED = "Not answered"


def option_label(framework: Framework, section_id: str, question_id: str,
                 value: str | None) -> str:
    """A choice's label as the form offered it; the value itself if the form has no such
    question."""
    if not value:
        return NOT_ANSWERED
    try:
        return framework.section(section_id).question(question_id).option_label(value)
    except KeyError:
        return value


def labellers(framework: Framework) -> dict[str, Callable]:
    """The label functions templates use for a scenario or an attempt on `framework`."""
    return {
        "screening_label": lambda value: option_label(framework, "screening",
                                                      "screening_decision", value),
        "outcome_label": lambda value: option_label(framework, "outcome", "outcome", value),
        "level_label": lambda value: label_of(ImpactLevel, value, NOT_ANSWERED),
        "relevance_label": lambda value: label_of(Relevance, value, NOT_ANSWERED),
        "group_names": {group.id: group.name for group in framework.groups},
        "text_fields": TEXT_FIELDS,
    }
