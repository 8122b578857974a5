"""Recording the decision a signed-off version was for, through the same service as the page
(`eia.services.decisions`): committee paper systems know the decision first."""

from __future__ import annotations

from eia.api.assessments import decision_data
from eia.api.blueprint import bp, documented
from eia.api.problems import ApiProblem, invalid
from eia.api.schemas.assessments import DecisionInSchema, DecisionSchema
from eia.api.support import load_body, numbered
from eia.services import decisions
from eia.views.shared import me


@bp.post("/assessments/<reference>/versions/<int:number>/decision")
@documented("Record the decision a signed-off version was for", tag="Workflow",
            body=DecisionInSchema, ok=201, response=DecisionSchema, writes=True,
            description="By a signatory or one of the assessment's authors, once, after "
                        "sign-off and not dated before it (409 otherwise, with the reason).")
def record_decision(reference: str, number: int):
    version = numbered(reference, number)
    if not decisions.may_record_decision(me(), version):
        raise ApiProblem(404, "Not Found")
    data = load_body(DecisionInSchema())
    offered = {group.id for group in decisions.mitigations_to_accept(version)}
    chosen = data.get("accepted_mitigations", [])
    wrong = {f"accepted_mitigations[{index}]": [
        "Is not a group with a negative impact and a mitigation in this version."]
        for index, group_id in enumerate(chosen) if group_id not in offered}
    if wrong:
        raise invalid(wrong)
    details = decisions.DecisionDetails(
        decided_on=data["decided_on"], forum=data["forum"],
        minute_reference=data.get("minute_reference", ""),
        assessment_considered=data["assessment_considered"],
        what_was_decided=data["what_was_decided"], accepted_mitigations=list(chosen))
    try:
        decision = decisions.record_decision(me(), version, details)
    except decisions.DecisionRefused as error:
        raise ApiProblem(409, str(error)) from error
    return DecisionSchema().dump(decision_data(decision)), 201
