"""A practice attempt's answers, written out for the assessment form, and entered through the
services.

`answers_for(scenario, attempt, start)` turns the marking's view of an attempt (for example the
model answer, `eia.training.marking.model_attempt`) into what a person types into the form:
each section's answers (the screening's relevance for every group among them), the impact on
each group with the pack keys of its evidence and whether harm remains, the engagement the
pack records and the action plan. Engagement is what the pack's consultation sources report,
dated the day the equality work started and reaching the groups whose impacts rest on them.
Every question the form requires gets an answer, so each section can be completed.
`fill_attempt` enters them through the same services as the pages, as a trainee would. The
demo uses both, and the tests and the browser journey use them to enter an attempt the way a
person does.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date, timedelta

from eia.collections import ACTIONS, ENGAGEMENT
from eia.domain import ActionStatus, EvidenceKind, ImpactLevel
from eia.framework import AIMS, JUSTIFICATION_QUESTIONS, Framework, Question, is_blank
from eia.models.assessments import AssessmentVersion
from eia.models.users import User
from eia.progress import applicable_sections, groups_in_section, missing_for_completion
from eia.services import collections, impacts, sections
from eia.training.attempt import GroupRelevance
from eia.training.marking import Attempt, AttemptImpact
from eia.training.scenario import Scenario
from eia.training.scenario_model import DEFAULT_RELEVANCE

NO_EVIDENCE = ("The evidence pack has nothing specific on this group, so the answer is "
               "reasoned from the brief.")
NOT_CONSIDERED = "Not considered in this practice attempt."
# Outcome questions whose answer follows from the outcome chosen.
NONE_OF_THESE = ["none"]  # nothing that cannot be justified, when continuing despite harm
CONTINUE = "continue_despite_adverse_impact"


def _filler(question: Question, start: date):
    """An answer for a required question the scenario says nothing about."""
    if question.type == "date":
        return (start + timedelta(days=180)).isoformat()
    if question.type == "yes_no":
        return "no"
    if question.type == "radios":
        return question.choices[0].value
    if question.type == "checkboxes":
        return [question.choices[0].value]
    return NOT_CONSIDERED


def _relevance(scenario: Scenario, attempt: Attempt) -> dict[str, dict]:
    """The screening's relevance table: the attempt's own, and for any group it leaves out,
    what its impact answer implies (the reason is the effect it describes)."""
    table = {}
    for group in scenario.group_ids:
        given = attempt.relevance.get(group)
        if given is None:
            row = attempt.impacts.get(group)
            given = GroupRelevance(DEFAULT_RELEVANCE.get(row.level, "low") if row else "low",
                                   row.effect if row and row.effect.strip() else NOT_CONSIDERED)
        table[group] = {"relevance": given.relevance, "reason": given.reason}
    return table


def engagement_for(scenario: Scenario, attempt: Attempt, start: date) -> list[dict]:
    """The engagement the pack's consultation sources record, as the form takes it: who, from
    the day the equality work started, the groups whose impacts rest on that source, how,
    what they said and what changed."""
    started = scenario.assessment.work_started_on(start)
    changed_by = attempt.texts.get("outcome") or "The mitigations and actions in this analysis."
    return [{"who": item.title, "started_on": started.isoformat(), "ended_on": None,
             "groups": [g for g, row in attempt.impacts.items() if item.key in row.evidence],
             "how": item.period, "what_they_said": item.shows, "what_changed": changed_by}
            for item in scenario.evidence if item.kind == EvidenceKind.CONSULTATION.value]


def _named(names: dict[str, str], group_ids: Iterable[str]) -> str:
    return ", ".join(names[g].lower() for g in group_ids) or "none"


def _section_answers(scenario: Scenario, attempt: Attempt, framework: Framework,
                     start: date) -> dict[str, dict]:
    texts, brief = attempt.texts, scenario.brief
    names = {g.id: g.name for g in framework.groups}
    negative = [g for g, i in attempt.impacts.items() if ImpactLevel(i.level).is_negative]
    staff = scenario.assessment.assessment_type == "hr"
    answers = {
        "screening": {
            "change_nature": "revised",
            "change_description": brief[0],
            "affected_people": ["staff"] if staff else ["service_users", "public"],
            "relevant_eliminate_discrimination": "yes",
            "relevant_advance_equality": "yes",
            "relevant_good_relations": "yes",
            "likely_impacts": f"Most likely to be affected: {_named(names, negative)}.",
            "group_relevance": _relevance(scenario, attempt),
            "screening_decision": attempt.screening_decision,
            "not_relevant_reason": texts.get("screening", ""),
            "screening_basis": texts.get("screening", ""),
        },
        "aims_and_scope": {
            "purpose": scenario.summary,
            "intended_outcomes": "A decision made with due regard to its effect on each group.",
            "delivery": brief[1] if len(brief) > 1 else brief[0],
            "related_policies": "None.",
            "scope_exclusions": "None.",
        },
        "evidence": {"evidence_gaps": texts.get("evidence_gaps", "")},
        "engagement": {"engagement_gaps": texts.get("engagement", "")},
        "intersectional_and_cumulative": {
            "intersectional_impact": texts.get("intersectional", ""),
            "cumulative_impact": texts.get("cumulative", ""),
        },
        "three_aims": {f"aim_{aim}": texts.get(f"aim_{aim}", "") for aim in AIMS},
        "other_duties": {
            "human_rights_engaged": "no",
            "socio_economic_impact": (attempt.impacts["socio_economic"].effect
                                      if "socio_economic" in attempt.impacts else ""),
            "health_inequalities": "not_applicable",
            "welsh_language": "not_applicable",
        },
        "outcome": {
            "outcome": attempt.outcome,
            "outcome_summary": texts.get("outcome", ""),
            "remaining_impact_proportionality": texts.get("proportionality", ""),
            "cannot_be_justified": NONE_OF_THESE if attempt.outcome == CONTINUE else [],
            "adjustments": "The changes are set out in the action plan.",
            "stop_instead": "The service carries on as it is now while a new proposal is "
                            "prepared, with its own assessment.",
            **{q: texts.get(q, "") for q in JUSTIFICATION_QUESTIONS},
        },
        "monitoring_and_review": {
            "monitoring_indicators": texts.get("monitoring", ""),
            "monitoring_owner": scenario.assessment.decision_maker,
            "review_date": (start + timedelta(days=180)).isoformat(),
            "review_triggers": "",
        },
    }
    # Only what the form shows is kept, and every required question it shows is answered.
    for section in framework.sections:
        given = answers.setdefault(section.id, {})
        shown = section.shown_questions(given)
        kept = {q.id: given[q.id] for q in shown if q.id in given and not is_blank(given[q.id])}
        for question in section.shown_questions(kept):
            if question.required and is_blank(kept.get(question.id)):
                kept[question.id] = _filler(question, start)
        answers[section.id] = kept
    return answers


def _impact(row: AttemptImpact) -> dict:
    return {"impact": row.level, "effect": row.effect, "evidence": list(row.evidence),
            "mitigation": row.mitigation, "harm_remains": row.harm_remains,
            "residual_impact": row.residual,
            "no_evidence_reason": "" if row.evidence else NO_EVIDENCE}


def answers_for(scenario: Scenario, attempt: Attempt, framework: Framework,
                start: date) -> dict:
    """What a person would type into the form to give `attempt`, shaped like the canonical
    document's sections, impacts, engagement and actions (its evidence is the scenario's pack,
    already in the attempt, so only the keys and titles are given)."""
    return {
        "sections": {section_id: {"completed": True, "answers": answers} for section_id, answers
                     in _section_answers(scenario, attempt, framework, start).items()},
        "impacts": {group: _impact(row) for group, row in attempt.impacts.items()},
        "evidence": [{"key": item.key, "title": item.title} for item in scenario.evidence],
        "engagement": engagement_for(scenario, attempt, start),
        "actions": [{"description": action.description, "groups": list(action.groups),
                     "owner": action.owner or "Service manager",
                     "due_date": (action.due_date or start + timedelta(days=30)).isoformat(),
                     "success_measure": "Checked at the review date.",
                     "status": ActionStatus.PLANNED.value}
                    for action in attempt.actions],
    }


def changed(attempt: Attempt, *, impacts: dict | None = None, texts: dict | None = None,
            **fields) -> Attempt:
    """`attempt` with some impact fields, texts or other fields changed: how the demo makes a
    trainee's answer that differs from the model answer in a few places."""
    rows = dict(attempt.impacts)
    for group, change in (impacts or {}).items():
        rows[group] = replace(rows[group], **change)
    return replace(attempt, impacts=rows, texts={**attempt.texts, **(texts or {})}, **fields)


def fill_attempt(person: User, version: AssessmentVersion, answers: dict, *,
                 only: set[str] | None = None) -> None:
    """Enter `answers` into a practice attempt through the services, section by section,
    completing each section (all of them, or those in `only`)."""
    framework = version.framework
    for section in applicable_sections(version, framework):
        if only is not None and section.id not in only:
            continue
        given = answers["sections"].get(section.id, {}).get("answers")
        if given:
            sections.save_answers(person, version, section, given, expected_lock=None)
        _fill_collection(person, version, section, answers)
        _fill_impacts(person, version, section, answers)
        sections.set_section_completed(person, version, section, True,
                                       missing=missing_for_completion(version, framework,
                                                                      section))


def _fill_collection(person: User, version: AssessmentVersion, section, answers: dict) -> None:
    if section.kind == "engagement" and not version.engagements:
        for activity in answers["engagement"]:
            collections.add_item(person, version, ENGAGEMENT, {
                **activity, "started_on": date.fromisoformat(activity["started_on"]),
                "ended_on": _day(activity["ended_on"])})
    if section.kind == "actions" and not version.actions:
        for action in answers["actions"]:
            collections.add_item(person, version, ACTIONS, {
                **action, "due_date": date.fromisoformat(action["due_date"])})


def _day(iso: str | None) -> date | None:
    return date.fromisoformat(iso) if iso else None


def _fill_impacts(person: User, version: AssessmentVersion, section, answers: dict) -> None:
    framework = version.framework
    by_key = {source.pack_key: source.id for source in version.evidence if source.pack_key}
    for group in groups_in_section(version, framework, section):
        given = answers["impacts"].get(group.id)
        if given is None:
            continue
        existing = version.impact_for(group.id)
        impacts.save_impact(person, version, section, group, impacts.ImpactAnswer(
            impact=ImpactLevel(given["impact"]), effect=given["effect"],
            evidence_ids=[by_key[key] for key in given["evidence"] if key in by_key],
            no_evidence_reason=given["no_evidence_reason"], mitigation=given["mitigation"],
            harm_remains=given["harm_remains"], residual_impact=given["residual_impact"]),
            expected_lock=existing.lock_version if existing else 0)
