"""Assessments through the API: the register's list, one assessment, starting one, and
changing its details, answers and impacts, through the same services as the pages."""

from __future__ import annotations

from datetime import date

from flask import request, url_for

from eia import progress, queries, registers
from eia.api.blueprint import bp, documented
from eia.api.problems import ApiProblem, invalid
from eia.api.schemas.assessments import (
    AnswersInSchema,
    AssessmentListSchema,
    AssessmentSchema,
    DetailsInSchema,
    DetailsUpdateSchema,
    ImpactInSchema,
    RegisterQuerySchema,
)
from eia.api.schemas.items import item_data
from eia.api.support import (
    answering_domain_errors,
    editable,
    expected_lock,
    load_body,
    load_query,
    readable,
)
from eia.collections import COLLECTIONS
from eia.document.schema import section_answer_problem
from eia.domain import AssessmentType, ImpactLevel, Role
from eia.models.assessments import AssessmentVersion
from eia.services import assessments, impacts, sections
from eia.views.shared import me
from eia.workflow import available_actions


@bp.get("/assessments")
@documented("List assessments (the staff register)", tag="Assessments",
            query=RegisterQuerySchema, response=AssessmentListSchema,
            description="Every live assessment you may see, latest version, with the "
                        "register's filters, sorting and pages.")
def list_assessments():
    query = load_query(RegisterQuerySchema())
    chosen, size = query["filter"], query["page_size"]
    page = registers.list_register(me(), chosen, date.today(), page_size=size)

    link = _list_url
    return AssessmentListSchema().dump({
        "items": [{
            "reference": row.reference, "version": row.number, "title": row.title,
            "status": row.status, "type": row.kind, "unit": row.unit,
            "lead_officer": row.lead_officer, "decision_date": row.decision_date,
            "outcome": row.outcome, "review_date": row.review_date, "tags": list(row.tags),
            "updated_at": row.updated_at,
            "url": url_for("api.get_assessment", reference=row.reference)}
            for row in page.rows],
        "total": page.total, "total_capped": page.capped, "page": page.page,
        "pages": page.pages, "page_size": size,
        "links": {"self_": link(page.page), "first": link(1), "last": link(page.pages),
                  "prev": link(page.page - 1) if page.page > 1 else None,
                  "next": link(page.page + 1) if page.page < page.pages else None},
    })


def _list_url(number: int) -> str:
    args = request.args.to_dict(flat=False)
    args["page"] = [str(number)]
    return url_for("api.list_assessments", **args)


def _person(user) -> dict:
    return {"id": user.id, "name": user.name, "email": user.email}


def dump_assessment(version: AssessmentVersion) -> dict:
    tags = registers.tags_of([version.assessment_id]).get(version.assessment_id, ())
    reference = version.reference
    return AssessmentSchema().dump({
        "reference": reference, "version": version.number,
        "lock_version": version.lock_version, "status": version.status,
        "imported": version.imported,
        "title": version.title, "type": version.assessment_type, "unit_id": version.unit_id,
        "unit": version.unit.full_name if version.unit else None,
        "lead_officer": _person(version.lead_officer),
        "contributors": [_person(user) for user in version.contributors],
        "decision_maker": version.decision_maker, "decision_forum": version.decision_forum,
        "decision_date": version.decision_date, "work_started_on": version.work_started_on,
        "strategic_decision": version.strategic_decision, "tags": list(tags),
        "outcome": version.outcome, "review_date": version.review_date,
        "sections": {row.section_id: {"completed": row.completed,
                                      "lock_version": row.lock_version,
                                      "answers": row.answers} for row in version.sections},
        "impacts": {impact.group_id: {
            "impact": impact.impact, "effect": impact.effect,
            "evidence_ids": [source.id for source in impact.evidence],
            "no_evidence_reason": impact.no_evidence_reason, "mitigation": impact.mitigation,
            "harm_remains": impact.harm_remains, "residual_impact": impact.residual_impact,
            "lock_version": impact.lock_version}
            for impact in version.impacts},
        **{collection.key: [item_data(collection, item) for item in collection.items(version)]
           for collection in COLLECTIONS},
        "decision": decision_data(queries.decision_of(version)),
        "moves": [action.value for action in available_actions(version, me())],
        "links": {"self_": url_for("api.get_assessment", reference=reference),
                  "pdf": url_for("api.download_pdf", reference=reference,
                                 number=version.number),
                  "document": url_for("api.export_document", reference=reference,
                                      number=version.number),
                  "page": url_for("assessments.view_task_list", reference=reference)},
    })


def decision_data(decision) -> dict | None:
    """A recorded decision as `DecisionSchema` dumps it, or None."""
    if decision is None:
        return None
    return {"decided_on": decision.decided_on, "forum": decision.forum,
            "minute_reference": decision.minute_reference,
            "assessment_considered": decision.assessment_considered,
            "what_was_decided": decision.what_was_decided,
            "accepted_mitigations": decision.accepted_mitigations,
            "recorded_by": _person(decision.recorded_by),
            "recorded_at": decision.recorded_at}


@bp.get("/assessments/<reference>")
@documented("Get an assessment (its latest version)", tag="Assessments",
            response=AssessmentSchema)
def get_assessment(reference: str):
    return dump_assessment(readable(reference))


def _details(data: dict, version: AssessmentVersion | None) -> assessments.ControlDetails:
    """The control details from a body, the rest from `version` (or defaults), checked against
    the people and units that exist: the page's choices, as field errors."""
    def current(name, default):
        return data[name] if name in data else (getattr(version, name) if version else default)

    errors: dict[str, list[str]] = {}
    lead_id = data.get("lead_officer_id", version.lead_officer_id if version else me().id)
    lead = queries.get_user(lead_id)
    if lead is None or not lead.active or Role.AUTHOR not in lead.roles:
        errors["lead_officer_id"] = ["Must be the id of an active author."]
    contributor_ids = data.get("contributor_ids",
                               [c.id for c in version.contributors] if version else [])
    found = queries.users_by_id(contributor_ids)
    for index, user_id in enumerate(contributor_ids):
        user = found.get(user_id)
        if user is None or not user.active or Role.AUTHOR not in user.roles:
            errors[f"contributor_ids[{index}]"] = ["Must be the id of an active author."]
    unit_id = current("unit_id", None)
    if unit_id is not None and queries.get_unit(unit_id) is None:
        errors["unit_id"] = ["No organisational unit has this id."]
    if errors:
        raise invalid(errors)
    return assessments.ControlDetails(
        title=data.get("title", version.title if version else ""),
        assessment_type=AssessmentType(data.get("type", version.assessment_type
                                                if version else "")),
        unit_id=unit_id, lead_officer_id=lead_id, contributor_ids=contributor_ids,
        decision_maker=current("decision_maker", ""), decision_forum=current("decision_forum", ""),
        decision_date=current("decision_date", None),
        work_started_on=current("work_started_on", None),
        strategic_decision=current("strategic_decision", False))


@bp.post("/assessments")
@documented("Start an assessment", tag="Assessments", body=DetailsInSchema, ok=201,
            response=AssessmentSchema, writes=True)
def create_assessment():
    data = load_body(DetailsInSchema())
    assessment = assessments.start_assessment(me(), _details(data, None))
    return dump_assessment(assessment.latest), 201


@bp.patch("/assessments/<reference>")
@documented("Change an assessment's control details", tag="Assessments",
            body=DetailsUpdateSchema, response=AssessmentSchema, writes=True, if_match=True)
def update_assessment(reference: str):
    version = editable(reference)
    data = load_body(DetailsUpdateSchema(partial=True))
    lock = expected_lock(data)
    with answering_domain_errors():
        assessments.update_control_details(me(), version, _details(data, version),
                                           expected_lock=lock)
    return dump_assessment(version)


@bp.put("/assessments/<reference>/sections/<slug:section_id>")
@documented("Save answers to a section's questions", tag="Assessments", body=AnswersInSchema,
            response=AssessmentSchema, writes=True, if_match=True)
def save_answers(reference: str, section_id: str):
    version = editable(reference)
    try:
        section = version.framework.section(section_id)
    except KeyError as error:
        raise ApiProblem(404, f"The framework has no section {section_id!r}") from error
    data = load_body(AnswersInSchema())
    errors = {f"answers.{question_id}": [problem] for question_id, answer in
              data["answers"].items()
              if (problem := section_answer_problem(section, question_id, answer))}
    if errors:
        raise invalid(errors)
    row = version.section(section.id)
    lock = expected_lock(data, required=row is not None)
    with answering_domain_errors():
        sections.save_answers(me(), version, section, data["answers"], expected_lock=lock)
    return dump_assessment(version)


@bp.put("/assessments/<reference>/impacts/<slug:group_id>")
@documented("Save the impact on one group", tag="Assessments", body=ImpactInSchema,
            response=AssessmentSchema, writes=True, if_match=True)
def save_impact(reference: str, group_id: str):
    version = editable(reference)
    framework = version.framework
    found = [(group, section) for section in framework.sections
             for group in progress.groups_in_section(version, framework, section)
             if group.id == group_id]
    if not found:
        raise ApiProblem(404, f"This assessment does not cover the group {group_id!r}")
    group, section = found[0]
    data = load_body(ImpactInSchema())
    lock = expected_lock(data)
    answer = impacts.ImpactAnswer(
        impact=ImpactLevel(data["impact"]), effect=data.get("effect", ""),
        evidence_ids=data.get("evidence_ids", []),
        no_evidence_reason=data.get("no_evidence_reason", ""),
        mitigation=data.get("mitigation", ""), harm_remains=data.get("harm_remains"),
        residual_impact=data.get("residual_impact", ""))
    with answering_domain_errors():
        try:
            impacts.save_impact(me(), version, section, group, answer, expected_lock=lock)
        except impacts.IncompleteImpact as error:
            raise invalid({name: [message] for name, message in error.problems.items()},
                          str(error)) from error
    return dump_assessment(version)
