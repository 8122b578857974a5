"""The reviewers' queue: what waits for a reviewer, what I am reviewing, what I decided."""

from __future__ import annotations

from flask import render_template

from eia import queries
from eia.domain import VersionStatus
from eia.permissions import is_editor
from eia.views.review.blueprint import bp
from eia.views.shared import me
from eia.workflow import current_review

RECENT = 10


@bp.get("")
def queue():
    user = me()
    waiting, mine, others = [], [], []
    for version in queries.versions_in_status(VersionStatus.IN_REVIEW):
        review = current_review(version)
        if review is None:
            waiting.append((version, is_editor(user, version)))
        elif review.reviewer_id == user.id:
            mine.append((version, review))
        else:
            others.append((version, review))
    return render_template("review/queue.html", waiting=waiting, mine=mine, others=others,
                           decided=queries.reviews_decided_by(user.id, limit=RECENT))
