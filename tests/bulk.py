"""Many assessments at once, inserted in bulk through the models' tables.

For the tests that count queries with 10 and with 1,000 assessments, and for
`bench/register.py` with 100,000. What the rows say matters less than their number and their
spread: every status, kind, unit and author, outcomes and review dates in the section
answers, negative, not-yet-known and positive impacts, review rounds, sign-offs, publications,
recorded decisions and tags, so that every filter and every join of the registers has something
to find.
Nothing here goes through the services: making 100,000 assessments one by one would take
hours, and the workflow's rules are not what these rows are for.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import func, insert, select, text, update

from eia.domain import LIVE_STATES, AssessmentType, VersionStatus
from eia.extensions import db
from eia.models.assessments import (
    Action,
    Assessment,
    AssessmentVersion,
    GroupImpact,
    SectionAnswers,
)
from eia.models.review import Decision, Publication, Review, SignOff
from eia.models.tags import Tag, assessment_tags, normalise_tag
from eia.services import frameworks

TOPICS = ("Closing the Millbrook library counter", "Garden waste charge",
          "Parking charges at Riverside", "Moving physiotherapy to one site",
          "Digital-only booking for blood tests", "Night shift pattern for nurses",
          "Reconfiguring day services", "Merging two primary schools",
          "Ysgol Gymraeg Aberllyn: newid dalgylch", "Café licensing in the town square")
STATUSES = LIVE_STATES
KINDS = tuple(AssessmentType)
OUTCOMES = ("no_major_change", "adjust", "continue_despite_adverse_impact", "stop_and_remove")
# (group, impact) pairs, taken in turn: some groups are hit by many proposals.
IMPACTS = (("age", "negative"), ("disability", "not_known"), ("sex", "positive"),
           ("race", "negative"), ("carers", "negative"), ("religion_or_belief", "neutral"))
BATCH = 5_000


@dataclass
class Made:
    first_assessment_id: int
    count: int


def _next_id(model) -> int:
    return (db.session.scalar(select(func.max(model.id))) or 0) + 1


def _insert(table, rows: list[dict]) -> None:
    for start in range(0, len(rows), BATCH):
        db.session.execute(insert(table), rows[start:start + BATCH])


def add_assessments(count: int, *, authors, units, reviewer, approver, tag_name: str | None = None,
                    tag_every: int = 3, year: int = 2026) -> Made:
    """Insert `count` assessments, one version each, spread over every status and filter."""
    snapshot = frameworks.current_snapshot()
    db.session.flush()
    today = date.today()
    now = datetime.now(UTC)
    first_assessment = _next_id(Assessment)
    first_version = _next_id(AssessmentVersion)
    first_sequence = (db.session.scalar(select(func.max(Assessment.sequence)).where(
        Assessment.year == year)) or 0) + 1
    tag_id = None
    if tag_name:
        tag = Tag(name=tag_name, key=normalise_tag(tag_name))
        db.session.add(tag)
        db.session.flush()
        tag_id = tag.id
    (assessments, versions, sections, impacts, reviews, sign_offs, publications, decisions,
     tagged, actions) = ([], [], [], [], [], [], [], [], [], [])
    statuses: dict[str, list[int]] = {}
    for i in range(count):
        assessment_id, version_id = first_assessment + i, first_version + i
        status = STATUSES[i % len(STATUSES)]
        if status is VersionStatus.SUPERSEDED:
            status = VersionStatus.SIGNED_OFF  # one version each: nothing supersedes it
        statuses.setdefault(status.value, []).append(version_id)
        author = authors[i % len(authors)]
        reference = f"EIA-{year}-{first_sequence + i:04d}"
        assessments.append({"id": assessment_id, "reference": reference, "year": year,
                            "sequence": first_sequence + i, "created_by_id": author.id,
                            "created_at": now})
        versions.append({
            "id": version_id, "assessment_id": assessment_id, "number": 1,
            # Drafts first: the database refuses content added to a signed-off version.
            "status": VersionStatus.DRAFT.value,
            "framework_snapshot_id": snapshot.id, "extra_groups": '["carers"]',
            "title": f"{TOPICS[i % len(TOPICS)]} ({i + 1})",
            "assessment_type": KINDS[i % len(KINDS)].value,
            "unit_id": units[i % len(units)].id if units else None,
            "lead_officer_id": author.id, "decision_maker": "Cabinet",
            "decision_forum": "Cabinet", "decision_date": today + timedelta(days=i % 400 - 100),
            "work_started_on": today - timedelta(days=200), "created_at": now,
            "updated_at": now - timedelta(minutes=i), "updated_by_id": author.id,
            "lock_version": 1})
        sections.append({"version_id": version_id, "section_id": "outcome",
                         "answers": json.dumps({"outcome": OUTCOMES[i % len(OUTCOMES)]}),
                         "completed": True, "updated_at": now, "lock_version": 1})
        review_date = today + timedelta(days=(i * 7) % 90 - 30)
        sections.append({"version_id": version_id, "section_id": "monitoring_and_review",
                         "answers": json.dumps({"review_date": review_date.isoformat()}),
                         "completed": True, "updated_at": now, "lock_version": 1})
        for offset in range(3):
            group_id, impact = IMPACTS[(i + offset) % len(IMPACTS)]
            impacts.append({"version_id": version_id, "group_id": group_id, "impact": impact,
                            "effect": "", "no_evidence_reason": "", "mitigation": "",
                            "residual_impact": "", "updated_at": now, "lock_version": 1})
        actions.append({"version_id": version_id, "description": f"Action for {i + 1}",
                        "groups": '["age"]', "owner": author.name,
                        "due_date": today + timedelta(days=i % 60 - 20), "success_measure": "",
                        "status": "planned", "lock_version": 1})
        if status not in (VersionStatus.DRAFT, VersionStatus.WITHDRAWN):
            reviews.append({"version_id": version_id, "round": 1, "reviewer_id": reviewer.id,
                            "started_at": now - timedelta(days=10),
                            "decision": None if status is VersionStatus.IN_REVIEW
                            else "recommended",
                            "decided_at": None if status is VersionStatus.IN_REVIEW
                            else now - timedelta(days=5), "reason": "", "checklist": "{}"})
        if status is VersionStatus.SIGNED_OFF:
            sign_offs.append({"version_id": version_id, "approver_id": approver.id,
                              "approver_name": approver.name, "approver_job_title": "",
                              "declaration": "Signed", "fingerprint": f"{version_id:064x}",
                              "signed_at": now - timedelta(days=i % 300)})
            publications.append({"version_id": version_id, "summary": "Published summary.",
                                 "published_by_id": approver.id,
                                 "published_at": now - timedelta(days=i % 300),
                                 "unpublish_reason": ""})
            if i % 2:  # half have their decision recorded (the public register's Decided)
                decisions.append({
                    "version_id": version_id, "decided_on": today - timedelta(days=i % 300),
                    "forum": "Cabinet", "minute_reference": f"Minute {i + 1}",
                    "assessment_considered": True, "what_was_decided": "Approved.",
                    "accepted_mitigations": "[]", "recorded_by_id": approver.id,
                    "recorded_at": now})
        if tag_id and i % tag_every == 0:
            tagged.append({"assessment_id": assessment_id, "tag_id": tag_id})
    _insert(Assessment.__table__, assessments)
    _insert(AssessmentVersion.__table__, versions)
    _insert(SectionAnswers.__table__, sections)
    _insert(GroupImpact.__table__, impacts)
    _insert(Action.__table__, actions)
    _insert(Review.__table__, reviews)
    _insert(SignOff.__table__, sign_offs)
    _insert(Publication.__table__, publications)
    _insert(Decision.__table__, decisions)
    if tagged:
        _insert(assessment_tags, tagged)
    for status, ids in statuses.items():
        for start in range(0, len(ids), BATCH):
            db.session.execute(update(AssessmentVersion.__table__).where(
                AssessmentVersion.__table__.c.id.in_(ids[start:start + BATCH])).values(
                status=status))
    _catch_up_sequences()
    db.session.flush()
    return Made(first_assessment, count)


def _catch_up_sequences() -> None:
    """PostgreSQL hands out ids from sequences that explicit ids do not move: move them on
    (only assessments and their versions are given ids, so that children can name them)."""
    if db.engine.dialect.name != "postgresql":
        return
    for table in ("assessments", "assessment_versions"):
        db.session.execute(text(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608  (fixed names)
            f"(SELECT COALESCE(MAX(id), 1) FROM {table}))"))
