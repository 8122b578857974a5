"""The question framework as immutable data: sections, pages, questions and groups.

Everything here is a frozen dataclass. The app gets a `Framework` only through the loader, whose
checker has already enforced the rules, so code that reads one can trust it (ids exist and are
unique, options match their questions, the sections and questions listed at the end of this
module are present). This module holds the shapes, the fixed vocabularies, what the rest of the
app relies on, and small lookup helpers; no I/O, no checking, no Flask.

Ids are stable keys: question ids key the stored answers, group ids key the impact rows, so an
organisation may reword a label freely but must not rename an id that saved assessments use.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import NamedTuple

QUESTION_TYPES = ("text", "textarea", "radios", "checkboxes", "date", "yes_no",
                  "group_relevance")
# Types whose answer is picked from a list, so they carry `options` (yes_no has fixed ones).
CHOICE_TYPES = ("radios", "checkboxes")
FREE_TEXT_TYPES = ("text", "textarea")

# A group_relevance answer is a table by group id: {"age": {"relevance": "high", "reason":
# "..."}}, one row for each group the assessment covers.
RELEVANCE_LEVELS = ("high", "medium", "low", "none")

# "questions" sections are pages of ordinary questions; the other kinds are collections
# (evidence sources, engagement activities, impact rows, actions) with dedicated code.
SECTION_KINDS = ("questions", "evidence", "engagement", "impacts", "actions")
GROUP_KINDS = ("protected", "extra")

# The three aims of the Public Sector Equality Duty (Equality Act 2010, s149(1)). They are law,
# not configuration, so they are fixed here rather than read from the file.
AIMS = {
    "eliminate_discrimination": "Eliminate discrimination, harassment and victimisation",
    "advance_equality": "Advance equality of opportunity",
    "foster_good_relations": "Foster good relations between groups",
}

# The nine protected characteristics of the Equality Act 2010, in the order the Act lists them.
PROTECTED_CHARACTERISTICS = (
    "age",
    "disability",
    "gender_reassignment",
    "marriage_civil_partnership",
    "pregnancy_maternity",
    "race",
    "religion_belief",
    "sex",
    "sexual_orientation",
)

# Values other code branches on. The checker insists the file uses exactly these.
SCREENING_DECISIONS = ("full_assessment", "not_relevant")
OUTCOMES = ("no_major_change", "adjust", "continue_despite_adverse_impact", "stop_and_remove")
JUSTIFICATION_QUESTIONS = (
    "justification_legitimate_aim",
    "justification_necessity",
    "justification_alternatives",
    "justification_proportionality",
)

@dataclass(frozen=True)
class Option:
    """One choice of a radios, checkboxes or yes_no question."""

    value: str
    label: str
    hint: str = ""


YES_NO_OPTIONS = (Option("yes", "Yes"), Option("no", "No"))


@dataclass(frozen=True)
class ShowWhen:
    """Show a question only when an earlier question in the same section has a given answer.

    For a checkboxes question, "equals" means the value is among the ticked boxes.
    """

    question: str
    equals: str

    def is_met(self, answers: dict) -> bool:
        answer = answers.get(self.question)
        if isinstance(answer, list | tuple | set | frozenset):
            return self.equals in answer
        return answer == self.equals


@dataclass(frozen=True)
class Question:
    id: str
    label: str
    type: str
    hint: str = ""
    options: tuple[Option, ...] = ()
    required: bool = True
    show_when: ShowWhen | None = None
    # Characters allowed in a text or textarea answer; None for the other types.
    max_length: int | None = None
    # An extra group: the question is asked only of assessments that cover it (a duty that
    # applies to some organisations or decisions, such as the Welsh language).
    group: str | None = None

    @property
    def choices(self) -> tuple[Option, ...]:
        """The options a user picks from: the file's options, or Yes and No for yes_no."""
        return YES_NO_OPTIONS if self.type == "yes_no" else self.options

    def option_label(self, value: str) -> str:
        """The label shown for a stored value; the value itself if the option has gone."""
        return next((o.label for o in self.choices if o.value == value), value)

    def is_shown(self, answers: dict) -> bool:
        """Whether the question's own condition is met by the section's answers.

        Use `Section.shown_questions` to decide what to ask: it also hides a question whose
        condition names a question that is itself hidden.
        """
        return self.show_when is None or self.show_when.is_met(answers)


def is_blank(answer: object) -> bool:
    """Whether a stored answer counts as not given: missing, empty text or nothing ticked."""
    if isinstance(answer, str):
        return not answer.strip()
    if isinstance(answer, list | tuple | set | frozenset | dict):
        return not answer
    return answer is None


@dataclass(frozen=True)
class Page:
    """One question page: a few questions that belong together on one screen."""

    id: str
    title: str
    questions: tuple[Question, ...]
    guidance: tuple[str, ...] = ()


@dataclass(frozen=True)
class Section:
    id: str
    number: int
    title: str
    summary: str
    kind: str
    guidance: tuple[str, ...] = ()
    pages: tuple[Page, ...] = ()
    # Part of the short form completed when screening finds the proposal not relevant.
    short_form: bool = False

    @property
    def questions(self) -> tuple[Question, ...]:
        """Every question of the section, across its pages, in order."""
        return tuple(q for page in self.pages for q in page.questions)

    def question(self, question_id: str) -> Question:
        """The question with this id in this section; KeyError if there is none."""
        for q in self.questions:
            if q.id == question_id:
                return q
        raise KeyError(f"section {self.id!r} has no question {question_id!r}")

    def page(self, page_id: str) -> Page:
        """The page with this id in this section; KeyError if there is none."""
        for p in self.pages:
            if p.id == page_id:
                return p
        raise KeyError(f"section {self.id!r} has no page {page_id!r}")

    def shown_questions(self, answers: dict) -> tuple[Question, ...]:
        """The questions that apply, given the section's answers, in order.

        A question whose condition names a hidden question is hidden too, so an answer left
        behind on a hidden question can never reveal anything.
        """
        shown: dict[str, Question] = {}
        for q in self.questions:
            if q.show_when is None or (q.show_when.question in shown and q.is_shown(answers)):
                shown[q.id] = q
        return tuple(shown.values())

    def shown_pages(self, answers: dict) -> tuple[Page, ...]:
        """The pages with at least one question that applies; the others are skipped."""
        shown = {q.id for q in self.shown_questions(answers)}
        return tuple(p for p in self.pages if any(q.id in shown for q in p.questions))

    def unanswered(self, answers: dict) -> tuple[Question, ...]:
        """Required questions that apply but have no answer; empty when the pages are done."""
        return tuple(q for q in self.shown_questions(answers)
                     if q.required and is_blank(answers.get(q.id)))

    def page_of(self, question_id: str) -> Page:
        """The page that asks this question; KeyError if the section does not ask it."""
        for p in self.pages:
            if any(q.id == question_id for q in p.questions):
                return p
        raise KeyError(f"section {self.id!r} has no question {question_id!r}")


@dataclass(frozen=True)
class Group:
    """A protected characteristic or an extra group that an organisation can switch on."""

    id: str
    name: str
    kind: str
    description: str
    things_to_consider: tuple[str, ...]
    aims: tuple[str, ...] = tuple(AIMS)
    note: str = ""
    # Only meaningful for extra groups; protected characteristics are always on.
    enabled_by_default: bool = False

    @property
    def is_protected(self) -> bool:
        return self.kind == "protected"

    def applies_to_aim(self, aim: str) -> bool:
        return aim in self.aims


@dataclass(frozen=True)
class Preset:
    """A starting point for an organisation's nation and sector: the extra groups (and so the
    duties) that apply to it."""

    id: str
    name: str
    description: str
    extra_groups: tuple[str, ...]


@dataclass(frozen=True)
class Framework:
    id: str
    version: str
    title: str
    sections: tuple[Section, ...]
    groups: tuple[Group, ...]
    presets: tuple[Preset, ...] = ()
    # Built once from the tuples above so lookups are cheap; not part of equality.
    _sections_by_id: dict[str, Section] = field(init=False, repr=False, compare=False)
    _questions_by_id: dict[str, tuple[Section, Question]] = field(
        init=False, repr=False, compare=False)
    _groups_by_id: dict[str, Group] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # object.__setattr__ is the documented way to fill derived fields of a frozen dataclass.
        object.__setattr__(self, "_sections_by_id", {s.id: s for s in self.sections})
        object.__setattr__(self, "_questions_by_id",
                           {q.id: (s, q) for s in self.sections for q in s.questions})
        object.__setattr__(self, "_groups_by_id", {g.id: g for g in self.groups})

    def section(self, section_id: str) -> Section:
        """The section with this id; KeyError if there is none (a view turns that into 404)."""
        try:
            return self._sections_by_id[section_id]
        except KeyError:
            raise KeyError(f"framework has no section {section_id!r}") from None

    def has_section(self, section_id: str) -> bool:
        return section_id in self._sections_by_id

    def for_groups(self, extra_group_ids: Iterable[str]) -> Framework:
        """The framework as an assessment covering these extra groups sees it: a question that
        belongs to an extra group is asked only when that group is covered."""
        covered = set(extra_group_ids)

        def asked(question: Question) -> bool:
            return question.group is None or question.group in covered

        sections = []
        for section in self.sections:
            pages = tuple(replace(page, questions=tuple(q for q in page.questions if asked(q)))
                          for page in section.pages)
            sections.append(replace(section, pages=tuple(p for p in pages if p.questions)))
        return replace(self, sections=tuple(sections))

    def preset(self, preset_id: str) -> Preset:
        """The preset with this id; KeyError if there is none."""
        for preset in self.presets:
            if preset.id == preset_id:
                return preset
        raise KeyError(f"framework has no preset {preset_id!r}")

    def question(self, question_id: str) -> Question:
        """The question with this id, in whichever section asks it; KeyError if none."""
        try:
            return self._questions_by_id[question_id][1]
        except KeyError:
            raise KeyError(f"framework has no question {question_id!r}") from None

    def section_of(self, question_id: str) -> Section:
        """The section that asks this question; KeyError if no section does."""
        try:
            return self._questions_by_id[question_id][0]
        except KeyError:
            raise KeyError(f"framework has no question {question_id!r}") from None

    def group(self, group_id: str) -> Group:
        """The group with this id; KeyError if there is none."""
        try:
            return self._groups_by_id[group_id]
        except KeyError:
            raise KeyError(f"framework has no group {group_id!r}") from None

    @property
    def group_names(self) -> dict[str, str]:
        """Every group's name by id."""
        return {g.id: g.name for g in self.groups}

    @property
    def protected_groups(self) -> tuple[Group, ...]:
        return tuple(g for g in self.groups if g.kind == "protected")

    @property
    def extra_groups(self) -> tuple[Group, ...]:
        return tuple(g for g in self.groups if g.kind == "extra")

    @property
    def default_extra_group_ids(self) -> tuple[str, ...]:
        """Extra groups switched on in a new deployment until an admin says otherwise."""
        return tuple(g.id for g in self.extra_groups if g.enabled_by_default)

    def groups_for(self, enabled_extra_ids: Iterable[str]) -> tuple[Group, ...]:
        """The groups an assessment covers: the nine protected, then the enabled extras.

        Extras come in file order whatever order the ids are given in. Unknown ids are ignored:
        a deployment's switched-on list can outlive a group that a newer framework dropped,
        and that must not stop an assessment from opening.
        """
        enabled = set(enabled_extra_ids)
        return self.protected_groups + tuple(g for g in self.extra_groups if g.id in enabled)

    @property
    def short_form_sections(self) -> tuple[Section, ...]:
        """The sections of a short-form assessment (screening found no relevance)."""
        return tuple(s for s in self.sections if s.short_form)

    def sections_for(self, *, short_form: bool) -> tuple[Section, ...]:
        """The sections an assessment must complete, in order."""
        return self.short_form_sections if short_form else self.sections


# What the rest of the app relies on. The checker refuses a framework file that breaks these,
# so code may look these sections and questions up by id without guarding against their absence.

# Section id -> kind. Organisations may add sections of their own, of kind "questions".
REQUIRED_SECTIONS = {
    "screening": "questions",
    "aims_and_scope": "questions",
    "evidence": "evidence",
    "engagement": "engagement",
    "impact_by_group": "impacts",
    "intersectional_and_cumulative": "questions",
    "three_aims": "questions",
    "other_duties": "questions",
    "outcome": "questions",
    "action_plan": "actions",
    "monitoring_and_review": "questions",
}
# A "not relevant" screening still records its reason and the date to look at it again.
REQUIRED_SHORT_FORM_SECTIONS = ("screening", "monitoring_and_review")


class RequiredQuestion(NamedTuple):
    """A question other code reads by id. It must be required (answered whenever shown)."""

    section: str
    id: str
    type: str
    values: tuple[str, ...] | None = None  # exact option values, in any order
    show_when: ShowWhen | None = None  # exact condition; None means always shown


_CONTINUING = ShowWhen("outcome", "continue_despite_adverse_impact")
REQUIRED_QUESTIONS = (
    RequiredQuestion("screening", "group_relevance", "group_relevance"),
    RequiredQuestion("screening", "screening_decision", "radios", SCREENING_DECISIONS),
    RequiredQuestion("screening", "not_relevant_reason", "textarea",
                     show_when=ShowWhen("screening_decision", "not_relevant")),
    RequiredQuestion("intersectional_and_cumulative", "intersectional_impact", "textarea"),
    RequiredQuestion("intersectional_and_cumulative", "cumulative_impact", "textarea"),
    *(RequiredQuestion("three_aims", f"aim_{aim}", "textarea") for aim in AIMS),
    RequiredQuestion("outcome", "outcome", "radios", OUTCOMES),
    *(RequiredQuestion("outcome", q, "textarea", show_when=_CONTINUING)
      for q in JUSTIFICATION_QUESTIONS),
    RequiredQuestion("monitoring_and_review", "review_date", "date"),
)
