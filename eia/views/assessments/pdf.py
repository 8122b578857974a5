"""Download an assessment version as a PDF, for anyone who may read the assessment."""

from __future__ import annotations

from flask import Response, abort, request

from eia import queries
from eia.models.assessments import AssessmentVersion
from eia.services.documents import assessment_pdf, pdf_filename
from eia.uploads import content_disposition
from eia.views.assessments.blueprint import bp
from eia.views.shared import readable_version


@bp.get("/<reference>/pdf")
def download_pdf(reference: str):
    version = _requested_version(readable_version(reference))
    return Response(assessment_pdf(version), mimetype="application/pdf", headers={
        "Content-Disposition": content_disposition(pdf_filename(version)),
        "X-Content-Type-Options": "nosniff",
    })


def _requested_version(latest: AssessmentVersion) -> AssessmentVersion:
    """The version named by `?version=N`, or the latest; 404 for a number it does not have."""
    if "version" not in request.args:
        return latest
    version = queries.get_version_of(latest.assessment, request.args.get("version", type=int))
    if version is None:
        abort(404)
    return version
