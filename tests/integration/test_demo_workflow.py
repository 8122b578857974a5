"""After `flask eia demo`: an assessment at every stage of the workflow."""

from __future__ import annotations

from collections import Counter

import pytest
from sqlalchemy import func, select

from eia import queries
from eia.demo import physiotherapy
from eia.domain import Verdict, VersionStatus
from eia.extensions import db
from eia.models.assessments import Assessment, AssessmentVersion
from eia.models.notifications import Notification
from eia.services import accounts
from eia.services import workflow as moves
from eia.services.transfer import document_fingerprint


def by_title(title: str) -> AssessmentVersion:
    return db.session.scalar(select(AssessmentVersion).where(AssessmentVersion.title == title)
                             .order_by(AssessmentVersion.number.desc()).limit(1))


@pytest.mark.own_app
def test_every_state_exists_after_demo(demo_context):
    """(Loading the demo again adds nothing: `test_demo_content.py`.)"""
    statuses = Counter(db.session.scalars(select(AssessmentVersion.status)))
    for status in VersionStatus:
        assert statuses[status.value] >= 1, f"no demo assessment is {status.label.lower()}"

    # In review: one waiting to be taken, one being reviewed.
    in_review = queries.versions_in_status(VersionStatus.IN_REVIEW.value)
    taken = [v for v in in_review if moves.current_review(v) is not None]
    assert len(in_review) >= 2 and 1 <= len(taken) < len(in_review)

    # Changes requested, with section comments and an author's reply.
    [returned] = queries.versions_in_status(VersionStatus.CHANGES_REQUESTED.value)
    review = queries.latest_review(returned)
    assert review.reason and review.decision == "changes_requested"
    verdicts = Counter(point.verdict for point in review.points)
    assert verdicts[Verdict.TO_CORRECT] >= 1 and verdicts[Verdict.IMPROVABLE] >= 1
    assert all(p.comment for p in review.points if p.verdict != Verdict.ACCEPTABLE)
    assert any(point.replies for point in review.points)

    # Two versions: version 1 superseded, version 2 signed off and published with a summary.
    two = [a for a in db.session.scalars(select(Assessment)) if len(a.versions) == 2]
    assert len(two) == 1
    old, new = two[0].versions
    assert (old.status, new.status) == ("superseded", "signed_off")
    for version in (old, new):
        assert queries.sign_off_of(version).fingerprint == document_fingerprint(version)
    publication = queries.live_publication(new)
    assert publication is not None and len(publication.summary) > 200
    assert len(queries.reviews_of(old)) == 2  # changes requested, then recommended

    # The complete physiotherapy assessment is still a draft that passes every check.
    draft = by_title(physiotherapy.TITLE)
    assert draft.status == "draft" and moves.blocking_problems(draft) == ()

    # The reviewer was told what to review; the authors what happened to their work.
    reviewer = accounts.get_user_by_email("reviewer@example.org")
    assert db.session.scalar(select(func.count()).select_from(Notification).where(
        Notification.user_id == reviewer.id, Notification.kind == "submitted")) >= 1
