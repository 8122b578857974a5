"""Workflow moves through the API: the same services as the pages' buttons, so the same
table and guards (`eia.workflow`). A move the person's roles do not allow is 403; any other
refusal (wrong status, separation of duties, a missing reason) is 409; both say why."""

from __future__ import annotations

from flask import url_for

from eia.api.blueprint import bp, documented
from eia.api.problems import ApiProblem
from eia.api.schemas.assessments import MoveInSchema, MoveOutSchema
from eia.api.support import load_body, readable
from eia.services import workflow as moves
from eia.views.shared import me
from eia.workflow import Action, MoveRefused, transition_for

# The moves a person asks for by name (supersede happens by itself, at sign-off); resubmit
# is asked for as submit, as on the pages.
ACTIONS = ("submit", "start-review", "request-changes", "recommend", "sign-off", "return",
           "withdraw", "revise", "publish", "unpublish")


def _version_for(reference: str, number: int | None):
    version = readable(reference)
    if number is None or number == version.number:
        return version
    older = next((v for v in version.assessment.versions if v.number == number), None)
    if older is None:
        raise ApiProblem(404, f"{reference} has no version {number}")
    return older


_ANY_ACTION = ", ".join(f'"{action}"' for action in ACTIONS)


@bp.post(f"/assessments/<reference>/moves/<any({_ANY_ACTION}):action>")
@documented("Move an assessment on in the workflow", tag="Workflow", body=MoveInSchema,
            response=MoveOutSchema, writes=True,
            description="The moves you could make now are in the assessment's `moves`.")
def make_move(reference: str, action: str):
    data = load_body(MoveInSchema())
    version = _version_for(reference, data.get("version"))
    user = me()
    name = Action(action.replace("-", "_"))
    transition = transition_for(version.status, name)
    if transition is not None and not transition.roles & user.roles:
        raise ApiProblem(403, "You do not have a role that allows this")
    reason, summary = data.get("reason", ""), data.get("summary", "")
    try:
        result = {
            Action.SUBMIT: lambda: moves.submit(user, version),
            Action.START_REVIEW: lambda: moves.start_review(user, version),
            Action.REQUEST_CHANGES: lambda: moves.request_changes(user, version, reason),
            Action.RECOMMEND: lambda: moves.recommend(user, version),
            Action.SIGN_OFF: lambda: moves.sign_off(
                user, version, declaration_accepted=data.get("declaration_accepted", False)),
            Action.RETURN: lambda: moves.return_for_changes(user, version, reason),
            Action.WITHDRAW: lambda: moves.withdraw(user, version, reason),
            Action.REVISE: lambda: moves.revise(user, version),
            Action.PUBLISH: lambda: moves.publish(user, version, summary),
            Action.UNPUBLISH: lambda: moves.unpublish(user, version, reason),
        }[name]()
    except MoveRefused as error:
        raise ApiProblem(409, str(error)) from error
    moved = result if name is Action.REVISE else version
    return MoveOutSchema().dump({
        "reference": moved.reference, "version": moved.number, "status": moved.status,
        "url": url_for("api.get_assessment", reference=moved.reference)})
