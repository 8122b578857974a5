"""New versions: revising a signed-off assessment copies its content into version N+1."""

from __future__ import annotations

from eia.collections import COLLECTIONS, EVIDENCE
from eia.domain import VersionStatus
from eia.extensions import db
from eia.models.assessments import AssessmentVersion, GroupImpact, SectionAnswers
from eia.models.users import User

_CONTROL_DETAILS = ("framework_snapshot_id", "extra_groups", "title", "assessment_type",
                    "unit_id", "lead_officer_id", "decision_maker", "decision_forum",
                    "decision_date", "work_started_on", "strategic_decision")


def copy_version(old: AssessmentVersion, editor: User) -> AssessmentVersion:
    """Version N+1 in draft with everything N holds. Uploaded files are shared, not copied."""
    contributors = list(old.contributors)  # read before the new version joins the session
    new = AssessmentVersion(assessment=old.assessment, number=old.number + 1,
                            status=VersionStatus.DRAFT.value, updated_by=editor,
                            **{name: getattr(old, name) for name in _CONTROL_DETAILS})
    db.session.add(new)
    new.contributors = contributors
    for row in old.sections:
        copy = SectionAnswers(version=new, section_id=row.section_id, completed=row.completed,
                              updated_by=editor)
        copy.answers = row.answers
        db.session.add(copy)
    copies = {}
    for collection in COLLECTIONS:
        for item in collection.items(old):
            copy = collection.model(version=new, **collection.values_of(item))
            if collection.has_file:
                copy.file_id = item.file_id
            copies[collection.key, item.id] = copy
            db.session.add(copy)
    for impact in old.impacts:
        db.session.add(GroupImpact(
            version=new, group_id=impact.group_id, impact=impact.impact, effect=impact.effect,
            no_evidence_reason=impact.no_evidence_reason, mitigation=impact.mitigation,
            harm_remains=impact.harm_remains, residual_impact=impact.residual_impact,
            evidence=[copies[EVIDENCE.key, source.id] for source in impact.evidence]))
    db.session.flush()
    return new
