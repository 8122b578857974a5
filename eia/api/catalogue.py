"""What the API offers besides assessments: the framework in force and the tags in use, and
changing an assessment's tags."""

from __future__ import annotations

from eia import registers
from eia.api.blueprint import bp, documented
from eia.api.problems import ApiProblem
from eia.api.schemas.assessments import TagListSchema, TagsInSchema
from eia.api.schemas.catalogue import FrameworkSchema
from eia.api.support import load_body, readable
from eia.models.tags import normalise_tag
from eia.permissions import may_tag_assessment
from eia.services import frameworks, tags
from eia.views.shared import me


@bp.get("/framework")
@documented("The question framework in force", tag="Framework", response=FrameworkSchema)
def get_framework():
    framework = frameworks.current_framework()
    return FrameworkSchema().dump({
        "id": framework.id, "version": framework.version,
        "sections": [{"id": s.id, "title": s.title, "kind": s.kind, "questions": [
            {"id": q.id, "label": q.label, "type": q.type,
             "options": [{"value": o.value, "label": o.label} for o in q.choices]}
            for q in s.questions]} for s in framework.sections],
        "groups": [{"id": g.id, "name": g.name, "protected": g.is_protected}
                   for g in framework.groups]})


@bp.get("/tags")
@documented("Tags in use", tag="Tags", response=TagListSchema)
def list_tags():
    return TagListSchema().dump({"items": [{"name": t.name, "key": t.key}
                                           for t in registers.list_tags()]})


@bp.put("/assessments/<reference>/tags")
@documented("Replace an assessment's tags", tag="Tags", body=TagsInSchema,
            response=TagListSchema, writes=True)
def replace_tags(reference: str):
    version = readable(reference)
    if not may_tag_assessment(me(), version):
        raise ApiProblem(403, "Only the assessment's authors and equality reviewers can change "
                              "its tags")
    data = load_body(TagsInSchema())
    try:
        tags.set_tags(me(), version, data["tags"])
    except tags.TaggingRefused as error:
        raise ApiProblem(422, str(error), errors={"tags": [str(error)]}) from error
    current = registers.tags_of([version.assessment_id]).get(version.assessment_id, ())
    return TagListSchema().dump({"items": [{"name": name, "key": normalise_tag(name)}
                                           for name in current]})
