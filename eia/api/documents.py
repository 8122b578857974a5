"""Documents through the API: a version's PDF and canonical JSON document, importing a
document as a new assessment, and the register as CSV."""

from __future__ import annotations

from datetime import date

from flask import Response, request, stream_with_context, url_for

from eia import register_exports
from eia.api.blueprint import bp, documented
from eia.api.problems import ApiProblem, invalid
from eia.api.schemas.assessments import RegisterQuerySchema
from eia.api.schemas.catalogue import DocumentBodySchema, ImportedSchema
from eia.api.support import load_query, numbered
from eia.services import frameworks, transfer
from eia.services.documents import assessment_pdf, pdf_filename
from eia.uploads import content_disposition
from eia.views.shared import me


@bp.get("/assessments/<reference>/versions/<int:number>/pdf")
@documented("Download a version as PDF", tag="Documents", content="application/pdf")
def download_pdf(reference: str, number: int):
    version = numbered(reference, number)
    return Response(assessment_pdf(version), mimetype="application/pdf", headers={
        "Content-Disposition": content_disposition(pdf_filename(version))})


@bp.get("/assessments/<reference>/versions/<int:number>/document")
@documented("Export a version as the canonical JSON document", tag="Documents",
            response=DocumentBodySchema)
def export_document(reference: str, number: int):
    return transfer.export_document(numbered(reference, number))


@bp.post("/documents")
@documented("Import a canonical JSON document as a new draft assessment", tag="Documents",
            body=DocumentBodySchema, ok=201, response=ImportedSchema, writes=True,
            description="Every problem is listed by path (422) and nothing is written unless "
                        "all is well.")
def import_document():
    document = request.get_json(silent=True)
    try:
        assessment = transfer.import_document(me(), document)
    except transfer.ImportRefused as error:
        raise invalid(error.errors, str(error)) from error
    except transfer.ImporterNotAllowed as error:
        raise ApiProblem(403, str(error)) from error
    return ImportedSchema().dump({
        "reference": assessment.reference, "version": assessment.latest.number,
        "url": url_for("api.get_assessment", reference=assessment.reference)}), 201


@bp.get("/register.csv")
@documented("Download the filtered register as CSV", tag="Documents",
            query=RegisterQuerySchema, content="text/csv")
def download_register_csv():
    chosen = load_query(RegisterQuerySchema())["filter"]
    question = frameworks.current_framework().section("outcome").question("outcome")
    outcomes = {option.value: option.label for option in question.choices}
    lines = register_exports.register_csv(me(), chosen, date.today(), outcomes)
    return Response(stream_with_context(lines), mimetype="text/csv", headers={
        "Content-Disposition": f'attachment; filename="assessments-{date.today()}.csv"'})
