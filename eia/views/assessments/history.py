"""The timeline of an assessment: who did what and when, in words.

Edits come from the audit log; workflow moves come from the workflow events, which carry the
reasons people gave (the audit log records the same moves, so those entries are not repeated).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask import render_template

from eia import queries
from eia.framework import Framework
from eia.views.assessments.blueprint import bp
from eia.views.shared import readable_version


@dataclass(frozen=True)
class Entry:
    when: datetime
    who: str
    what: str
    version: int | None
    reason: str = ""


EDITS = {
    "assessment.started": "Started the assessment",
    "assessment.imported": "Created the assessment from an imported document",
    "assessment.details_changed": "Changed the assessment details",
    "assessment.answers_saved": "Saved answers in {section}",
    "assessment.section_completed": "Marked {section} as complete",
    "assessment.section_reopened": "Marked {section} as still in progress",
    "assessment.impact_saved": "Recorded the impact on {group}",
    "assessment.evidence_added": "Added the evidence ‘{title}’",
    "assessment.evidence_changed": "Changed the evidence ‘{title}’",
    "assessment.evidence_removed": "Removed the evidence ‘{title}’",
    "assessment.engagement_added": "Added engagement with {who}",
    "assessment.engagement_changed": "Changed engagement with {who}",
    "assessment.engagement_removed": "Removed engagement with {who}",
    "assessment.action_added": "Added an action to the plan",
    "assessment.action_changed": "Changed an action in the plan",
    "assessment.action_removed": "Removed an action from the plan",
}

MOVES = {
    "submit": "Submitted it for review",
    "start_review": "Started the equality review",
    "request_changes": "Asked for changes",
    "resubmit": "Resubmitted it after changes",
    "recommend": "Recommended it for sign-off",
    "sign_off": "Signed it off",
    "return": "Returned it without signing it off",
    "withdraw": "Withdrew it",
    "revise": "Started a new version",
    "supersede": "Marked it replaced by a newer signed-off version",
    "publish": "Published it on the public register",
    "unpublish": "Took it off the public register",
}


@bp.get("/<reference>/history")
def history(reference: str):
    version = readable_version(reference)
    framework = version.framework
    entries = sorted([*_edits(reference, framework), *_moves(version.assessment)],
                     key=lambda entry: entry.when, reverse=True)
    return render_template("assessments/history.html", version=version, entries=entries)


def _edits(reference: str, framework: Framework) -> list[Entry]:
    events = [e for e in queries.audit_events_for_assessment(reference)
              if not e.action.startswith("workflow.")]
    people = queries.users_by_id(e.actor_id for e in events)
    entries = []
    for event in events:
        details = event.details_dict
        person = people.get(event.actor_id)
        entries.append(Entry(event.created_at, person.name if person else event.actor_email,
                             _describe(event.action, details, framework),
                             details.get("version")))
    return entries


def _describe(action: str, details: dict, framework: Framework) -> str:
    words = EDITS.get(action)
    if words is None:
        return action.split(".", 1)[-1].replace("_", " ").replace(".", " ").capitalize()
    names = {"section": _section_title(framework, details.get("section")),
             "group": _group_name(framework, details.get("group")),
             "title": details.get("title", ""), "who": details.get("who", "")}
    return words.format(**names)


def _section_title(framework: Framework, section_id: str | None) -> str:
    try:
        return f"‘{framework.section(section_id).title}’"
    except KeyError:
        return "a section"


def _group_name(framework: Framework, group_id: str | None) -> str:
    try:
        return framework.group(group_id).name.lower()
    except KeyError:
        return "a group"


def _moves(assessment) -> list[Entry]:
    entries = []
    for version in assessment.versions:
        for event in queries.workflow_events_of(version):
            what = MOVES.get(event.action, event.action.replace("_", " ").capitalize())
            if event.action == "revise":
                what = f"Started version {version.number + 1} as a copy of this version"
            entries.append(Entry(event.created_at, event.actor.name, what, version.number,
                                 event.reason))
    return entries
