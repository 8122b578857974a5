"""Getting an assessment to sign-off through the real workflow services, for the sign-off,
versions, register and immutability tests."""

from __future__ import annotations

from datetime import date

from eia.demo import physiotherapy
from eia.domain import Role, Verdict
from eia.extensions import db
from eia.models.assessments import AssessmentVersion
from eia.models.review import CHECKLIST, ReviewPoint
from eia.progress import applicable_sections
from eia.services import review as review_service
from eia.services import transfer
from eia.services import workflow as moves
from tests.factories import UnitFactory, UserFactory

UNIT = ("Community Health Services", "Outpatient Physiotherapy")


def ensure_unit() -> None:
    from eia import queries

    if not any(u.full_name == ": ".join(UNIT) for u in queries.list_units()):
        directorate = UnitFactory(name=UNIT[0])
        UnitFactory(name=UNIT[1], parent_id=directorate.id)


def complete_draft(author, *, review_date: date | None = None,
                   decision_date: date | None = None, today: date | None = None
                   ) -> AssessmentVersion:
    """A new assessment led by `author` that passes every check on `today` (the demo's
    physiotherapy), with its review or decision date changed when they are given."""
    ensure_unit()
    document = physiotherapy.document(author.email, date.today())
    if review_date is not None:
        answers = document["sections"]["monitoring_and_review"]["answers"]
        answers["review_date"] = review_date.isoformat()
    if decision_date is not None:
        document["details"]["decision_date"] = decision_date.isoformat()
    version = transfer.import_document(author, document).latest
    assert moves.blocking_problems(version, today) == ()
    return version


def review_and_recommend(version: AssessmentVersion, reviewer) -> None:
    """Submit (or resubmit), take for review, accept every section, recommend."""
    moves.submit(version.lead_officer, version)
    review = moves.start_review(reviewer, version)
    for section in applicable_sections(version, version.framework):
        db.session.add(ReviewPoint(review=review, section_id=section.id,
                                   verdict=Verdict.ACCEPTABLE.value, comment=""))
    db.session.commit()
    review_service.record_checklist(reviewer, version, {key for key, _label in CHECKLIST})
    moves.recommend(reviewer, version)


def awaiting_sign_off(author=None, reviewer=None, **kwargs) -> AssessmentVersion:
    author = author or UserFactory(name="Priya Shah", roles={Role.AUTHOR})
    reviewer = reviewer or UserFactory(name="Grace Okafor", roles={Role.REVIEWER})
    version = complete_draft(author, **kwargs)
    review_and_recommend(version, reviewer)
    return version


def signed_off(approver=None, **kwargs) -> AssessmentVersion:
    approver = approver or UserFactory(name="David Lloyd", job_title="Director",
                                       roles={Role.APPROVER})
    version = awaiting_sign_off(**kwargs)
    moves.sign_off(approver, version, declaration_accepted=True)
    return version
