"""Assessments in the API: the register's list and its filters, one assessment, and the
bodies that start one, change its details, answers and impacts, and move it on."""

from __future__ import annotations

from marshmallow import Schema, fields, post_load, validate

from eia.api.schemas.common import PageLinksSchema, PersonSchema
from eia.api.schemas.items import ITEMS_OUT
from eia.document.fields import Answer, IsoDate, StrictBoolean, StrictInteger, Text, one_of
from eia.domain import LIVE_STATES, MAX_COMMENT_LENGTH, AssessmentType, ImpactLevel
from eia.models.tags import TAG_MAX_LENGTH
from eia.registers import REVIEW_FILTERS, SORTS, RegisterFilter

MAX_PAGE_SIZE = 100
# Ids and versions beyond what a database integer holds are refused here, not by the database.
MAX_ID = 2_147_483_647
AN_ID = validate.Range(min=1, max=MAX_ID)
A_LOCK = validate.Range(min=0, max=MAX_ID)


class RegisterQuerySchema(Schema):
    """The staff register's filters, as query parameters (the page's names)."""

    q = Text(max_length=200)
    status = fields.List(fields.String(validate=one_of(LIVE_STATES)))
    unit = fields.Integer(validate=AN_ID)
    kind = fields.String(validate=one_of(AssessmentType))
    outcome = Text(max_length=60)
    group = Text(max_length=60)
    review = fields.String(validate=validate.OneOf(list(REVIEW_FILTERS)))
    decided_from = fields.Date()
    decided_to = fields.Date()
    author = fields.Integer(validate=AN_ID)
    reviewer = fields.Integer(validate=AN_ID)
    tag = Text(max_length=TAG_MAX_LENGTH)
    sort = fields.String(validate=validate.OneOf(list(SORTS)))
    page = fields.Integer(validate=validate.Range(min=1, max=1_000_000))
    page_size = fields.Integer(validate=validate.Range(min=1, max=MAX_PAGE_SIZE))

    @post_load
    def _filter(self, data, **kwargs) -> dict:
        return {"page_size": data.get("page_size", 25), "filter": RegisterFilter(
            search=data.get("q", ""), statuses=tuple(data.get("status", ())),
            unit_id=data.get("unit"), kind=data.get("kind"), outcome=data.get("outcome"),
            group=data.get("group"), review=data.get("review"),
            decided_from=data.get("decided_from"), decided_to=data.get("decided_to"),
            author_id=data.get("author"), reviewer_id=data.get("reviewer"),
            tag=data.get("tag"), sort=data.get("sort", "newest"), page=data.get("page", 1))}


class AssessmentSummarySchema(Schema):
    reference = fields.String(required=True)
    version = fields.Integer(required=True)
    title = fields.String(required=True)
    status = fields.String(required=True)
    type = fields.String(required=True)
    unit = fields.String(allow_none=True, required=True)
    lead_officer = fields.String(required=True)
    decision_date = fields.Date(allow_none=True, required=True)
    outcome = fields.String(allow_none=True, required=True)
    review_date = fields.Date(allow_none=True, required=True)
    tags = fields.List(fields.String(), required=True)
    updated_at = fields.DateTime(required=True)
    url = fields.String(required=True)


class AssessmentListSchema(Schema):
    items = fields.List(fields.Nested(AssessmentSummarySchema), required=True)
    total = fields.Integer(required=True)
    total_capped = fields.Boolean(required=True, metadata={
        "description": "True when more match than `total`: counting stops at 10,000"})
    page = fields.Integer(required=True)
    pages = fields.Integer(required=True)
    page_size = fields.Integer(required=True)
    links = fields.Nested(PageLinksSchema, required=True)


class SectionOutSchema(Schema):
    completed = fields.Boolean(required=True)
    lock_version = fields.Integer(required=True)
    answers = fields.Dict(required=True)


class ImpactOutSchema(Schema):
    impact = fields.String(required=True)
    effect = fields.String(required=True)
    evidence_ids = fields.List(fields.Integer(), required=True)
    no_evidence_reason = fields.String(required=True)
    mitigation = fields.String(required=True)
    harm_remains = fields.Boolean(allow_none=True, required=True, metadata={
        "description": "Whether harm remains after mitigation (asked of negative impacts)"})
    residual_impact = fields.String(required=True)
    lock_version = fields.Integer(required=True)


class DecisionSchema(Schema):
    """What the decision-maker decided, recorded after sign-off."""

    decided_on = fields.Date(required=True)
    forum = fields.String(required=True)
    minute_reference = fields.String(required=True)
    assessment_considered = fields.Boolean(required=True, metadata={
        "description": "Whether the assessment was before the decision-maker"})
    what_was_decided = fields.String(required=True)
    accepted_mitigations = fields.List(fields.String(), required=True, metadata={
        "description": "The groups whose mitigation the decision-maker accepted"})
    recorded_by = fields.Nested(PersonSchema, required=True)
    recorded_at = fields.DateTime(required=True)


class AssessmentLinksSchema(Schema):
    self_ = fields.String(data_key="self", required=True)
    pdf = fields.String(required=True)
    document = fields.String(required=True)
    page = fields.String(required=True)


class AssessmentSchema(Schema):
    reference = fields.String(required=True)
    version = fields.Integer(required=True)
    lock_version = fields.Integer(required=True)
    status = fields.String(required=True)
    imported = fields.Boolean(required=True, metadata={
        "description": "A record of a past assessment imported from the archive: signed off "
                       "before Due Regard, never changed; its people as named are in the "
                       "canonical document (`flask eia export`)"})
    title = fields.String(required=True)
    type = fields.String(required=True)
    unit_id = fields.Integer(allow_none=True, required=True)
    unit = fields.String(allow_none=True, required=True)
    lead_officer = fields.Nested(PersonSchema, required=True, metadata={
        "description": "For an imported record, its custodian in Due Regard: the administrator "
                       "who imported it, to whom its review reminders go"})
    contributors = fields.List(fields.Nested(PersonSchema), required=True)
    decision_maker = fields.String(required=True)
    decision_forum = fields.String(required=True)
    decision_date = fields.Date(allow_none=True, required=True)
    work_started_on = fields.Date(allow_none=True, required=True)
    strategic_decision = fields.Boolean(required=True, metadata={
        "description": "A strategic decision: socio-economic disadvantage is covered"})
    tags = fields.List(fields.String(), required=True)
    outcome = fields.String(allow_none=True, required=True)
    review_date = fields.Date(allow_none=True, required=True)
    sections = fields.Dict(keys=fields.String(), values=fields.Nested(SectionOutSchema),
                           required=True)
    impacts = fields.Dict(keys=fields.String(), values=fields.Nested(ImpactOutSchema),
                          required=True)
    evidence = fields.List(fields.Nested(ITEMS_OUT["evidence"]), required=True)
    engagement = fields.List(fields.Nested(ITEMS_OUT["engagement"]), required=True)
    actions = fields.List(fields.Nested(ITEMS_OUT["actions"]), required=True)
    decision = fields.Nested(DecisionSchema, allow_none=True, required=True, metadata={
        "description": "The decision, once recorded (signed-off versions only)"})
    moves = fields.List(fields.String(), required=True,
                        metadata={"description": "The moves you could make now"})
    links = fields.Nested(AssessmentLinksSchema, required=True)


class DetailsInSchema(Schema):
    """The control details. Starting an assessment needs a title and a kind; the lead officer
    is you unless `lead_officer_id` names another author."""

    title = Text(required=True, max_length=300, not_blank=True)
    type = Text(required=True, validate=one_of(AssessmentType))
    unit_id = StrictInteger(allow_none=True, validate=AN_ID)
    lead_officer_id = StrictInteger(validate=AN_ID)
    contributor_ids = fields.List(StrictInteger(validate=AN_ID),
                                  validate=validate.Length(max=50))
    decision_maker = Text(max_length=300)
    decision_forum = Text(max_length=300)
    decision_date = IsoDate(allow_none=True)
    work_started_on = IsoDate(allow_none=True)
    strategic_decision = StrictBoolean()


class DetailsUpdateSchema(DetailsInSchema):
    """Any of the control details (the rest stay as they are), with the version you read."""

    lock_version = StrictInteger(validate=A_LOCK)


class AnswersInSchema(Schema):
    """Answers to questions of one section, by question id; other answers stay as they are.
    `lock_version` is the section's as you read it (null if it had none)."""

    answers = fields.Dict(keys=Text(max_length=60), values=Answer(),
                          required=True)
    lock_version = StrictInteger(allow_none=True, validate=A_LOCK)


class ImpactInSchema(Schema):
    """The impact on one group; `lock_version` 0 when the group had no answer yet."""

    impact = Text(required=True, validate=one_of(ImpactLevel))
    effect = Text()
    evidence_ids = fields.List(StrictInteger(validate=AN_ID), validate=validate.Length(max=200))
    no_evidence_reason = Text()
    mitigation = Text()
    harm_remains = StrictBoolean(allow_none=True)
    residual_impact = Text()
    lock_version = StrictInteger(validate=A_LOCK)


class MoveInSchema(Schema):
    """What a move may need: a reason (request changes, return, withdraw, unpublish), the
    declaration (sign off), a public summary (publish), and which version (publish and
    unpublish; the latest otherwise)."""

    reason = Text(max_length=MAX_COMMENT_LENGTH)
    summary = Text(max_length=MAX_COMMENT_LENGTH)
    declaration_accepted = StrictBoolean()
    version = StrictInteger(validate=AN_ID)


class DecisionInSchema(Schema):
    """The decision a signed-off version was for: when and where, the report or minute,
    whether the assessment was before the decision-maker, what was decided, and the groups
    whose mitigation was accepted (among those with a negative impact and a mitigation)."""

    decided_on = IsoDate(required=True)
    forum = Text(required=True, max_length=300, not_blank=True)
    minute_reference = Text(max_length=300)
    assessment_considered = StrictBoolean(required=True)
    what_was_decided = Text(required=True, max_length=MAX_COMMENT_LENGTH, not_blank=True)
    accepted_mitigations = fields.List(Text(max_length=60), validate=validate.Length(max=50))


class MoveOutSchema(Schema):
    reference = fields.String(required=True)
    version = fields.Integer(required=True)
    status = fields.String(required=True)
    url = fields.String(required=True)


class TagsInSchema(Schema):
    tags = fields.List(Text(max_length=TAG_MAX_LENGTH, not_blank=True), required=True,
                       validate=validate.Length(max=30))


class TagSchema(Schema):
    name = fields.String(required=True)
    key = fields.String(required=True)


class TagListSchema(Schema):
    items = fields.List(fields.Nested(TagSchema), required=True)
