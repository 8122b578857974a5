"""The registers: which assessments a list shows, filtered, searched, sorted and paged.

Every listing of assessments starts from `live_versions()`. The staff register, its CSV and the
API's list all take one `RegisterFilter` and call `list_register`; the public register takes a
`PublicFilter` and calls `list_public_register`. Each answers with a fixed number of queries
whatever the number of assessments: one for the page of rows (everything a row shows comes from
joins, the outcome and review date read from the section answers in SQL), one for the count,
and one for the tags of the rows shown. Nothing here writes.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from functools import cache

from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    case,
    cast,
    exists,
    false,
    func,
    or_,
    select,
    true,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import aliased

from eia.database import is_postgresql
from eia.domain import IMPORTED_LABEL, ImpactLevel, RecordedRole, VersionStatus
from eia.extensions import db
from eia.models.archive import RecordedPerson
from eia.models.assessments import (
    Assessment,
    AssessmentVersion,
    GroupImpact,
    SectionAnswers,
    version_contributors,
)
from eia.models.review import Decision, Publication, Review, SignOff
from eia.models.tags import Tag, assessment_tags
from eia.models.users import OrgUnit, User
from eia.permissions import READERS_OF_EVERY_ASSESSMENT

PAGE_SIZE = 25
# Counting stops here: past it a register says "more than 10,000", which is all a person
# paging through needs, and the count no longer grows with the size of the register.
COUNT_LIMIT = 10_000
# A review date this close counts as due (the reminders use the same horizon).
REVIEW_DUE_DAYS = 30
# Impacts that make a group "hit" by a proposal: negative, or not yet known.
HITTING_IMPACTS = (ImpactLevel.NEGATIVE.value, ImpactLevel.BOTH.value,
                   ImpactLevel.NOT_KNOWN.value)


@cache
def alias(model, name: str):
    """The alias `name` of `model`, made once. An alias works out its columns the first time
    it is used, which costs milliseconds: made anew for every query, that was paid on every
    page."""
    return aliased(model, name=name)


def live_versions(*, latest: bool = True) -> Select:
    """Versions of live assessments (with their Assessment joined): by default only the latest
    version of each. Every register, export and insight starts from here.

    Practice attempts are left out here (`Assessment.live`), so that no listing shows one.
    """
    query = (select(AssessmentVersion)
             .join(Assessment, Assessment.id == AssessmentVersion.assessment_id)
             .where(Assessment.live()))
    if latest:
        later = alias(AssessmentVersion, "later_version")
        query = query.where(~exists().where(later.assessment_id == AssessmentVersion.assessment_id,
                                            later.number > AssessmentVersion.number))
    return query


def answer_in_sql(column, key: str) -> ColumnElement:
    """One answer of a section's JSON answers, as text, read by the database."""
    if is_postgresql():
        return cast(column, JSONB)[key].astext
    return func.json_extract(column, f"$.{key}")


def like_pattern(term: str) -> str:
    """`term` as a case-insensitive LIKE pattern that matches it literally (escape `\\`)."""
    escaped = term.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def visible_to(user) -> ColumnElement:
    """The SQL form of `eia.permissions.may_view_assessment`: editors see their own; reviewers,
    approvers and admins see every live assessment; nobody else sees any."""
    if not getattr(user, "is_authenticated", False):
        return false()
    if user.roles & READERS_OF_EVERY_ASSESSMENT:
        return true()
    return or_(AssessmentVersion.lead_officer_id == user.id,
               AssessmentVersion.id.in_(select(version_contributors.c.version_id).where(
                   version_contributors.c.user_id == user.id)))


# --- The staff register -----------------------------------------------------------------------

SORTS = {
    "newest": "Newest first",
    "oldest": "Oldest first",
    "title": "Title (A to Z)",
    "decision_date": "Decision date (soonest first)",
    "updated": "Recently changed",
}
REVIEW_FILTERS = {"due": "Review due within 30 days", "overdue": "Review overdue"}


@dataclass(frozen=True)
class RegisterFilter:
    """What a register list shows. Empty values filter nothing."""

    search: str = ""
    statuses: tuple[str, ...] = ()
    unit_id: int | None = None  # the unit and its teams
    kind: str | None = None
    outcome: str | None = None
    group: str | None = None  # a group with a negative or not-yet-known impact
    review: str | None = None  # "due" or "overdue"
    decided_from: date | None = None
    decided_to: date | None = None
    author_id: int | None = None  # lead officer or contributor
    reviewer_id: int | None = None  # reviewed any round
    tag: str | None = None  # a tag's key
    sort: str = "newest"
    page: int = 1

    def with_page(self, page: int) -> RegisterFilter:
        return replace(self, page=page)


@dataclass(frozen=True)
class RegisterRow:
    version_id: int
    assessment_id: int
    reference: str
    number: int
    title: str
    status: str
    kind: str
    unit: str | None
    lead_officer: str
    decision_date: date | None
    updated_at: datetime
    outcome: str | None
    review_date: date | None
    tags: tuple[str, ...] = ()
    imported: bool = False  # a record of the past, signed off before Due Regard

    @property
    def status_label(self) -> str:
        return IMPORTED_LABEL if self.imported else VersionStatus(self.status).label


@dataclass(frozen=True)
class Page:
    rows: list
    total: int  # at most COUNT_LIMIT; see `capped`
    page: int
    page_size: int = PAGE_SIZE
    capped: bool = False  # more rows match than were counted

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.page_size))

    @property
    def first(self) -> int:
        return 0 if not self.total else (self.page - 1) * self.page_size + 1

    @property
    def last(self) -> int:
        return min(self.total, self.page * self.page_size)


def _unit_and_teams(unit_id: int) -> ColumnElement:
    teams = select(OrgUnit.id).where(OrgUnit.parent_id == unit_id)
    return or_(AssessmentVersion.unit_id == unit_id, AssessmentVersion.unit_id.in_(teams))


def _hit_groups(group_id: str) -> ColumnElement:
    return exists().where(GroupImpact.version_id == AssessmentVersion.id,
                          GroupImpact.group_id == group_id,
                          GroupImpact.impact.in_(HITTING_IMPACTS))


def _search(term: str) -> ColumnElement:
    pattern = like_pattern(term)
    return or_(func.lower(AssessmentVersion.title).like(pattern, escape="\\"),
               func.lower(Assessment.reference).like(pattern, escape="\\"))


def _answer_of(section_id: str, key: str) -> ColumnElement:
    """One answer of the version's section, read by the database for each row."""
    answers = alias(SectionAnswers, f"answers_{section_id}")
    return (select(answer_in_sql(answers.answers_json, key))
            .where(answers.version_id == AssessmentVersion.id, answers.section_id == section_id)
            .correlate(AssessmentVersion).scalar_subquery())


def _outcome() -> ColumnElement:
    return _answer_of("outcome", "outcome")


def _review_date() -> ColumnElement:
    return _answer_of("monitoring_and_review", "review_date")


def _shared_conditions(chosen: RegisterFilter | PublicFilter) -> list[ColumnElement]:
    """The filters the staff and the public register share: search, unit, kind, outcome and
    a group hit."""
    conditions = []
    if chosen.search.strip():
        conditions.append(_search(chosen.search.strip()))
    if chosen.unit_id is not None:
        conditions.append(_unit_and_teams(chosen.unit_id))
    if chosen.kind:
        conditions.append(AssessmentVersion.assessment_type == chosen.kind)
    if chosen.outcome:
        conditions.append(_outcome() == chosen.outcome)
    if chosen.group:
        conditions.append(_hit_groups(chosen.group))
    return conditions


def _unit_name(unit, parent) -> ColumnElement:
    """A unit's name as the registers show it: "Directorate: Team", or the directorate's."""
    return case((parent.name.is_not(None), parent.name + ": " + unit.name), else_=unit.name)


def matching(user, chosen: RegisterFilter, today: date) -> Select:
    """The ids of the versions the register lists for `user` and `chosen`, unsorted: no joins
    beyond what the filters need, so counting and paging stay cheap on a large register."""
    conditions = [visible_to(user), *_shared_conditions(chosen)]
    if chosen.statuses:
        conditions.append(AssessmentVersion.status.in_(chosen.statuses))
    if chosen.review:
        review_date = _review_date()
        horizon = today + timedelta(days=REVIEW_DUE_DAYS)
        conditions.append(AssessmentVersion.status == VersionStatus.SIGNED_OFF.value)
        if chosen.review == "overdue":
            conditions.append(review_date < today.isoformat())
        else:
            conditions.append(review_date.between(today.isoformat(), horizon.isoformat()))
    if chosen.decided_from:
        conditions.append(AssessmentVersion.decision_date >= chosen.decided_from)
    if chosen.decided_to:
        conditions.append(AssessmentVersion.decision_date <= chosen.decided_to)
    if chosen.author_id is not None:
        conditions.append(or_(
            AssessmentVersion.lead_officer_id == chosen.author_id,
            AssessmentVersion.id.in_(select(version_contributors.c.version_id).where(
                version_contributors.c.user_id == chosen.author_id))))
    if chosen.reviewer_id is not None:
        conditions.append(exists().where(Review.version_id == AssessmentVersion.id,
                                         Review.reviewer_id == chosen.reviewer_id))
    if chosen.tag:
        conditions.append(Assessment.id.in_(
            select(assessment_tags.c.assessment_id).join(Tag, Tag.id == assessment_tags.c.tag_id)
            .where(Tag.key == chosen.tag)))
    return live_versions().with_only_columns(AssessmentVersion.id).where(*conditions)


def register_rows(version_ids) -> Select:
    """What a register row shows, for the versions `version_ids` (a select of ids)."""
    unit, parent = alias(OrgUnit, "unit"), alias(OrgUnit, "parent_unit")
    return (
        select(AssessmentVersion.id, Assessment.id, Assessment.reference,
               AssessmentVersion.number, AssessmentVersion.title, AssessmentVersion.status,
               AssessmentVersion.assessment_type,
               _unit_name(unit, parent),
               # An imported record's lead officer is the one its source names.
               func.coalesce(RecordedPerson.name, User.name),
               AssessmentVersion.decision_date, AssessmentVersion.updated_at,
               _outcome(), _review_date(), AssessmentVersion.imported)
        .join(Assessment, Assessment.id == AssessmentVersion.assessment_id)
        .outerjoin(unit, unit.id == AssessmentVersion.unit_id)
        .outerjoin(parent, parent.id == unit.parent_id)
        .join(User, User.id == AssessmentVersion.lead_officer_id)
        .outerjoin(RecordedPerson, and_(
            RecordedPerson.version_id == AssessmentVersion.id,
            RecordedPerson.role == RecordedRole.LEAD_OFFICER.value))
        .where(AssessmentVersion.id.in_(version_ids)))


def _order(sort: str):
    ordering = {
        "newest": (Assessment.id.desc(),),
        "oldest": (Assessment.id.asc(),),
        "title": (func.lower(AssessmentVersion.title), Assessment.id),
        "decision_date": (AssessmentVersion.decision_date.is_(None),
                          AssessmentVersion.decision_date, Assessment.id),
        "updated": (AssessmentVersion.updated_at.desc(), Assessment.id.desc()),
    }
    return ordering.get(sort, ordering["newest"])


def _row(values, tags: dict[int, tuple[str, ...]]) -> RegisterRow:
    (version_id, assessment_id, reference, number, title, status, kind, unit, lead,
     decision_date, updated_at, outcome, review_date, imported) = values
    return RegisterRow(
        version_id=version_id, assessment_id=assessment_id, reference=reference, number=number,
        title=title, status=status, kind=kind, unit=unit, lead_officer=lead,
        decision_date=decision_date, updated_at=updated_at,
        outcome=outcome if isinstance(outcome, str) and outcome else None,
        review_date=_iso_date(review_date), tags=tags.get(assessment_id, ()),
        imported=bool(imported))


def _iso_date(value) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def tags_of(assessment_ids) -> dict[int, tuple[str, ...]]:
    """The tag names of each assessment, in name order, in one query."""
    ids = list(assessment_ids)
    if not ids:
        return {}
    found: dict[int, list[str]] = {}
    for assessment_id, name in db.session.execute(
            select(assessment_tags.c.assessment_id, Tag.name)
            .join(Tag, Tag.id == assessment_tags.c.tag_id)
            .where(assessment_tags.c.assessment_id.in_(ids))
            .order_by(func.lower(Tag.name))):
        found.setdefault(assessment_id, []).append(name)
    return {key: tuple(names) for key, names in found.items()}


def _count(ids: Select) -> tuple[int, bool]:
    """How many rows `ids` selects, up to COUNT_LIMIT, and whether there are more."""
    counted = db.session.scalar(select(func.count()).select_from(
        ids.limit(COUNT_LIMIT + 1).subquery())) or 0
    return min(counted, COUNT_LIMIT), counted > COUNT_LIMIT


def count_register(user, chosen: RegisterFilter, today: date) -> tuple[int, bool]:
    return _count(matching(user, chosen, today))


def _page_of(user, chosen: RegisterFilter, today: date, offset: int, limit: int) -> list:
    ordering = _order(chosen.sort)
    ids = matching(user, chosen, today).order_by(*ordering).offset(offset).limit(limit)
    return db.session.execute(register_rows(ids.scalar_subquery()).order_by(*ordering)).all()


def list_register(user, chosen: RegisterFilter, today: date,
                  page_size: int = PAGE_SIZE) -> Page:
    """One page of the staff register for `user`: three queries, whatever the numbers."""
    total, capped = count_register(user, chosen, today)
    pages = max(1, -(-total // page_size))
    page = min(max(chosen.page, 1), pages)
    values = _page_of(user, chosen, today, (page - 1) * page_size, page_size)
    tags = tags_of(v[1] for v in values)
    return Page([_row(v, tags) for v in values], total, page, page_size, capped)


def iter_register(user, chosen: RegisterFilter, today: date, batch: int = 500):
    """Every row of the filtered register, in order, fetched `batch` at a time (for exports)."""
    offset = 0
    while True:
        values = _page_of(user, chosen, today, offset, batch)
        if not values:
            return
        tags = tags_of(v[1] for v in values)
        yield from (_row(v, tags) for v in values)
        offset += batch


# --- The public register ----------------------------------------------------------------------

PUBLIC_SORTS = {"newest": "Most recently published", "title": "Title (A to Z)"}


@dataclass(frozen=True)
class PublicFilter:
    search: str = ""
    unit_id: int | None = None
    kind: str | None = None
    outcome: str | None = None
    group: str | None = None
    sort: str = "newest"
    page: int = 1

    def with_page(self, page: int) -> PublicFilter:
        return replace(self, page=page)


@dataclass(frozen=True)
class PublishedRow:
    reference: str
    number: int
    title: str
    kind: str
    unit: str | None
    signed_at: datetime | None  # None for a record signed off before Due Regard
    published_at: datetime
    summary: str
    decided_on: date | None  # once the decision is recorded
    imported: bool = False


def _live_publication() -> ColumnElement:
    return and_(Publication.version_id == AssessmentVersion.id,
                Publication.unpublished_at.is_(None))


def public_matching(chosen: PublicFilter) -> Select:
    """The ids of the latest live-published version of each assessment, filtered.

    Only a superseded version can have a newer one on the register: a version is published
    once signed off, and signing one off supersedes the older signed-off versions. So the
    search for a newer publication is made for superseded versions alone, which keeps the
    count to one index lookup a row instead of a join of every publication (on PostgreSQL,
    a quarter of a second with 100,000 assessments).
    """
    newer = alias(AssessmentVersion, "newer_version")
    newer_publication = alias(Publication, "newer_publication")
    conditions = [or_(
        AssessmentVersion.status != VersionStatus.SUPERSEDED.value,
        ~exists().where(newer.assessment_id == AssessmentVersion.assessment_id,
                        newer.number > AssessmentVersion.number,
                        newer_publication.version_id == newer.id,
                        newer_publication.unpublished_at.is_(None))),
        *_shared_conditions(chosen)]
    return (live_versions(latest=False).join(Publication, _live_publication())
            .with_only_columns(AssessmentVersion.id).where(*conditions))


def _public_rows(version_ids) -> Select:
    unit, parent = alias(OrgUnit, "unit"), alias(OrgUnit, "parent_unit")
    return (
        select(Assessment.reference, AssessmentVersion.number, AssessmentVersion.title,
               AssessmentVersion.assessment_type,
               _unit_name(unit, parent),
               SignOff.signed_at, Publication.published_at, Publication.summary,
               Decision.decided_on, AssessmentVersion.imported)
        .join(Assessment, Assessment.id == AssessmentVersion.assessment_id)
        .join(Publication, _live_publication())
        # An imported record was signed off before Due Regard, and has no sign-off here.
        .outerjoin(SignOff, SignOff.version_id == AssessmentVersion.id)
        .outerjoin(Decision, Decision.version_id == AssessmentVersion.id)
        .outerjoin(unit, unit.id == AssessmentVersion.unit_id)
        .outerjoin(parent, parent.id == unit.parent_id)
        .where(AssessmentVersion.id.in_(version_ids)))


def _public_page(chosen: PublicFilter, ordering, offset: int, limit: int) -> list:
    ids = public_matching(chosen).order_by(*ordering).offset(offset).limit(limit)
    return [PublishedRow(*values) for values in db.session.execute(
        _public_rows(ids.scalar_subquery()).order_by(*ordering))]


def list_public_register(chosen: PublicFilter, page_size: int = PAGE_SIZE) -> Page:
    """One page of the public register: two queries, whatever the numbers."""
    total, capped = _count(public_matching(chosen))
    pages = max(1, -(-total // page_size))
    page = min(max(chosen.page, 1), pages)
    # Publication order stands for sign-off order (a version is published after it is
    # signed off), and is what the index on publications serves.
    ordering = ((func.lower(AssessmentVersion.title), AssessmentVersion.id)
                if chosen.sort == "title"
                else (Publication.published_at.desc(), Publication.id.desc()))
    return Page(_public_page(chosen, ordering, (page - 1) * page_size, page_size), total,
                page, page_size, capped)


def list_recent_publications(limit: int = 30) -> list[PublishedRow]:
    """The newest publications first, for the register's Atom feed."""
    return _public_page(PublicFilter(), (Publication.published_at.desc(),
                                         Publication.id.desc()), 0, limit)


# --- What the filters offer -------------------------------------------------------------------


def list_tags() -> list[Tag]:
    """Every tag in use, in name order."""
    return list(db.session.scalars(
        select(Tag).where(exists().where(assessment_tags.c.tag_id == Tag.id))
        .order_by(func.lower(Tag.name))))


def get_tag(key: str) -> Tag | None:
    return db.session.scalar(select(Tag).where(Tag.key == key))


def list_reviewers_who_reviewed() -> list[User]:
    """Everyone who has reviewed at least one round, in name order."""
    return list(db.session.scalars(
        select(User).where(exists().where(Review.reviewer_id == User.id))
        .order_by(func.lower(User.name))))
