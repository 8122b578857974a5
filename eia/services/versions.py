"""New versions: revising a signed-off assessment copies its content into version N+1."""

from __future__ import annotations

from eia.extensions import db
from eia.models.assessments import (
    Action,
    AssessmentVersion,
    Engagement,
    EvidenceSource,
    GroupImpact,
    SectionAnswers,
    VersionStatus,
)
from eia.models.users import User

_CONTROL_DETAILS = ("framework_snapshot_id", "extra_groups", "title", "assessment_type",
                    "unit_id", "lead_officer_id", "decision_maker", "decision_forum",
                    "decision_date", "work_started_on")


def copy_version(old: AssessmentVersion, editor: User) -> AssessmentVersion:
    """Version N+1 in draft with everything N holds. Uploaded files are shared, not copied."""
    new = AssessmentVersion(assessment=old.assessment, number=old.number + 1,
                            status=VersionStatus.DRAFT.value, updated_by=editor,
                            **{name: getattr(old, name) for name in _CONTROL_DETAILS})
    new.contributors = list(old.contributors)
    db.session.add(new)
    for row in old.sections:
        copy = SectionAnswers(version=new, section_id=row.section_id, completed=row.completed,
                              updated_by=editor)
        copy.answers = row.answers
        db.session.add(copy)
    evidence = {}
    for source in old.evidence:
        evidence[source.id] = EvidenceSource(
            version=new, title=source.title, kind=source.kind, period=source.period,
            summary=source.summary, url=source.url, file_id=source.file_id)
        db.session.add(evidence[source.id])
    for item in old.engagements:
        db.session.add(Engagement(version=new, who=item.who, when=item.when, how=item.how,
                                  what_they_said=item.what_they_said,
                                  what_changed=item.what_changed))
    for impact in old.impacts:
        db.session.add(GroupImpact(
            version=new, group_id=impact.group_id, impact=impact.impact, effect=impact.effect,
            no_evidence_reason=impact.no_evidence_reason, mitigation=impact.mitigation,
            residual_impact=impact.residual_impact,
            evidence=[evidence[source.id] for source in impact.evidence]))
    for action in old.actions:
        copy = Action(version=new, description=action.description, owner=action.owner,
                      due_date=action.due_date, success_measure=action.success_measure,
                      status=action.status)
        copy.groups = action.groups
        db.session.add(copy)
    db.session.flush()
    return new
