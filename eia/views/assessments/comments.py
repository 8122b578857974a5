"""The review conversation as the authors see it: every round's comments, replies, resolving.

Also the small pieces other assessment pages show: where the assessment is in review (task
list) and the comments still to answer on a section (task list and question pages), offered to
templates by a context processor so those views stay unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask import flash, g, redirect, render_template, url_for

from eia import queries
from eia.domain import DomainError, Verdict, VersionStatus
from eia.framework import Framework
from eia.models.assessments import AssessmentVersion
from eia.models.review import Review, ReviewPoint
from eia.permissions import may_reply, may_resolve
from eia.services import review as conversation
from eia.views.assessments.blueprint import bp
from eia.views.shared import me, point_or_404, readable_version
from eia.workflow import Action, current_review
from forms.review import ReplyForm

# Task list and question pages ------------------------------------------------------------------


@dataclass(frozen=True)
class ReviewStatus:
    """One line or two on the task list saying where the assessment is in review."""

    status: VersionStatus
    detail: str
    reason: str = ""
    show_comments: bool = False


def review_status(version: AssessmentVersion) -> ReviewStatus | None:
    status = VersionStatus(version.status)
    if status == VersionStatus.IN_REVIEW:
        review = current_review(version)
        waiting = ("It is waiting for a facilitator to take it" if version.is_training
                   else "It is waiting for an equality reviewer to take it")
        detail = f"{review.reviewer.name} is reviewing it" if review is not None else waiting
        return ReviewStatus(status, detail + ".")
    if status == VersionStatus.CHANGES_REQUESTED:
        event = _last_event(version, Action.REQUEST_CHANGES, Action.RETURN)
        who = event.actor.name if event else "The reviewer"
        verb = "returned it without signing it off" if event and event.action == Action.RETURN \
            else "asked for changes"
        return ReviewStatus(status, f"{who} {verb}.",
                            reason=event.reason if event else "", show_comments=True)
    if status == VersionStatus.ACCEPTED:
        review = queries.latest_review(version)
        who = review.reviewer.name if review else "A facilitator"
        return ReviewStatus(status, f"{who} has accepted this practice attempt.",
                            show_comments=True)
    if status == VersionStatus.AWAITING_SIGN_OFF:
        review = queries.latest_review(version)
        who = review.reviewer.name if review else "The equality reviewer"
        return ReviewStatus(status, f"{who} has recommended it for sign-off.",
                            show_comments=True)
    return None


def _last_event(version: AssessmentVersion, *actions: Action):
    wanted = {a.value for a in actions}
    events = [e for e in queries.workflow_events_of(version) if e.action in wanted]
    return events[-1] if events else None


def open_points(version: AssessmentVersion, section_id: str | None = None) -> list[ReviewPoint]:
    """Comments of the latest decided round still to answer, while the authors can act on them.

    Earlier rounds are history: the latest round's verdict on a section replaces theirs.
    """
    if version.status != VersionStatus.CHANGES_REQUESTED:
        return []
    cache = g.setdefault("_open_points", {})
    if version.id not in cache:
        decided = [r for r in queries.reviews_of(version) if r.decision is not None]
        cache[version.id] = [p for p in decided[-1].points if p.needs_answer] if decided else []
    return [p for p in cache[version.id] if section_id is None or p.section_id == section_id]


@bp.app_context_processor
def _review_helpers() -> dict:
    return {"review_status": review_status, "open_points": open_points}


# The conversation --------------------------------------------------------------------------


@dataclass(frozen=True)
class PointView:
    point: ReviewPoint
    section_title: str
    form: ReplyForm | None  # None for people who may not reply
    may_resolve: bool


@dataclass(frozen=True)
class RoundView:
    review: Review
    points: list[PointView]

    @property
    def decision(self) -> str:
        return self.review.decision_label

    @property
    def decided_at(self) -> datetime | None:
        return self.review.decided_at


def _section_title(framework: Framework, section_id: str) -> str:
    try:
        section = framework.section(section_id)
    except KeyError:
        return section_id.replace("_", " ").capitalize()
    return f"{section.number}. {section.title}"


def _section_order(framework: Framework) -> dict[str, int]:
    return {section.id: index for index, section in enumerate(framework.sections)}


def _rounds(version: AssessmentVersion, bound: ReplyForm | None = None,
            bound_point: int | None = None) -> list[RoundView]:
    """Rounds newest first: decided ones for everyone, the one under way for its reviewer."""
    user = me()
    framework = version.framework
    order = _section_order(framework)
    reviews = queries.reviews_of(version)
    replies = may_reply(user, version, reviews)
    resolves = may_resolve(user, version)
    rounds = []
    for review in reversed(reviews):
        if review.decision is None and review.reviewer_id != user.id:
            continue
        points = sorted(review.points, key=lambda p: (order.get(p.section_id, len(order)), p.id))
        rounds.append(RoundView(review, [
            PointView(point, _section_title(framework, point.section_id),
                      _reply_form(point, bound, bound_point)
                      if replies and _open_to_replies(point) else None,
                      resolves and point.needs_answer)
            for point in points]))
    return rounds


def _open_to_replies(point: ReviewPoint) -> bool:
    """A point that asks for something, or a conversation already going: an "acceptable"
    verdict needs no reply box under it."""
    return point.verdict != Verdict.ACCEPTABLE or bool(point.replies)


def _reply_form(point: ReviewPoint, bound: ReplyForm | None, bound_point: int | None):
    if bound is not None and bound_point == point.id:
        return bound
    # Each point's form has its own field names, so ids stay unique on the page. The CSRF
    # token is checked for every POST by CSRFProtect, so the form does not check it again.
    return ReplyForm(prefix=f"point-{point.id}", formdata=None, meta={"csrf": False})


def _render(version: AssessmentVersion, form: ReplyForm | None = None,
            point_id: int | None = None):
    return render_template("assessments/comments/list.html", version=version,
                           rounds=_rounds(version, form, point_id), form=form,
                           open_count=len(open_points(version)))


def _comments_url(version: AssessmentVersion, point: ReviewPoint) -> str:
    return url_for("assessments.review_comments", reference=version.reference,
                   _anchor=f"point-{point.id}")


@bp.get("/<reference>/comments")
def review_comments(reference: str):
    return _render(readable_version(reference))


@bp.post("/<reference>/comments/<int:point_id>/reply")
def reply_to_point(reference: str, point_id: int):
    version = readable_version(reference)
    point = point_or_404(version, point_id)
    form = ReplyForm(prefix=f"point-{point.id}", meta={"csrf": False})
    if not form.validate():
        return _render(version, form, point.id)
    try:
        conversation.reply(me(), version, point, form.body.data)
    except DomainError as error:
        flash(str(error), "error")
        return _render(version, form, point.id)
    flash("Your reply has been added", "success")
    return redirect(_comments_url(version, point))


@bp.post("/<reference>/comments/<int:point_id>/resolve")
def resolve_point(reference: str, point_id: int):
    version = readable_version(reference)
    point = point_or_404(version, point_id)
    try:
        conversation.resolve(me(), version, point)
    except DomainError as error:
        flash(str(error), "error")
    else:
        flash(f"The comment on {_section_title(version.framework, point.section_id)} is "
              "marked resolved", "success")
    return redirect(_comments_url(version, point))
