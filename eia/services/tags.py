"""Tagging assessments, such as "Budget 2027/28", so that a round of proposals can be seen
together (the registers' tag filter, the cumulative impact view).

A tag is named once, whatever the case or spacing it is typed with (`eia.models.tags`); the
first spelling is the one shown. Who may tag is `eia.permissions.may_tag_assessment`; every
change is audited against the assessment.
"""

from __future__ import annotations

from sqlalchemy import delete, insert, select
from sqlalchemy.exc import IntegrityError

from eia import audit
from eia.domain import DomainError
from eia.extensions import db
from eia.models.assessments import AssessmentVersion
from eia.models.tags import TAG_MAX_LENGTH, Tag, assessment_tags, normalise_tag, tidy_tag
from eia.models.users import User
from eia.permissions import may_tag_assessment
from eia.services.transaction import unit_of_work


class TaggingRefused(DomainError):
    pass


def _check(actor: User, version: AssessmentVersion) -> None:
    if not may_tag_assessment(actor, version):
        raise TaggingRefused("Only the assessment's authors and equality reviewers can "
                             "change its tags")


def _tag_named(name: str) -> Tag:
    key = normalise_tag(name)
    tag = db.session.scalar(select(Tag).where(Tag.key == key))
    if tag is None:
        try:
            with db.session.begin_nested():
                tag = Tag(name=tidy_tag(name), key=key)
                db.session.add(tag)
        except IntegrityError:  # someone else made the same tag a moment ago
            tag = db.session.scalar(select(Tag).where(Tag.key == key))
    return tag


def add_tag(actor: User, version: AssessmentVersion, name: str) -> Tag:
    """Tag the assessment `version` belongs to; tagging twice changes nothing."""
    _check(actor, version)
    if not tidy_tag(name):
        raise TaggingRefused("Enter a tag")
    if len(tidy_tag(name)) > TAG_MAX_LENGTH:
        raise TaggingRefused(f"A tag must be {TAG_MAX_LENGTH} characters or fewer")
    with unit_of_work():
        tag = _tag_named(name)
        present = db.session.scalar(select(assessment_tags.c.tag_id).where(
            assessment_tags.c.assessment_id == version.assessment_id,
            assessment_tags.c.tag_id == tag.id))
        if present is None:
            db.session.execute(insert(assessment_tags).values(
                assessment_id=version.assessment_id, tag_id=tag.id))
            audit.record_for_version("assessment.tag_added", actor, version, tag=tag.name)
    return tag


def remove_tag(actor: User, version: AssessmentVersion, key: str) -> None:
    """Take a tag off the assessment; a tag it does not have is ignored."""
    _check(actor, version)
    with unit_of_work():
        tag = db.session.scalar(select(Tag).where(Tag.key == key))
        if tag is None:
            return
        removed = db.session.execute(delete(assessment_tags).where(
            assessment_tags.c.assessment_id == version.assessment_id,
            assessment_tags.c.tag_id == tag.id)).rowcount
        if removed:
            audit.record_for_version("assessment.tag_removed", actor, version, tag=tag.name)


def set_tags(actor: User, version: AssessmentVersion, names: list[str]) -> list[Tag]:
    """Make the assessment's tags exactly `names` (the API's replace)."""
    _check(actor, version)
    wanted = {normalise_tag(name): name for name in names if tidy_tag(name)}
    with unit_of_work():
        current = db.session.scalars(select(Tag).join(
            assessment_tags, assessment_tags.c.tag_id == Tag.id).where(
            assessment_tags.c.assessment_id == version.assessment_id)).all()
        for tag in current:
            if tag.key not in wanted:
                remove_tag(actor, version, tag.key)
        return [add_tag(actor, version, name) for name in wanted.values()]
