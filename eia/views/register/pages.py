"""The public register: published assessments only, readable by anyone without signing in.

Only a version with a live publication is ever shown, or downloaded as a PDF. Anything else,
including a version that was published and then taken off the register, is "page not found".
"""

from __future__ import annotations

from flask import Response, abort, current_app, render_template, request, url_for

from eia import queries, registers
from eia.extensions import limiter
from eia.models.assessments import AssessmentVersion
from eia.models.types import utcnow
from eia.services.documents import assessment_pdf, pdf_filename
from eia.uploads import content_disposition
from eia.views.filters import outcome_choices, pagination, public_filter_form
from eia.views.register.blueprint import bp
from eia.views.shared import live_version_or_404
from eia.views.signoff import digest

# Each download builds the document afresh; anonymous callers must not be able to keep the
# server busy building them.
PDF_DOWNLOADS = "30 per minute"


# How many publications the Atom feed carries: enough for a reader that checks weekly.
FEED_ENTRIES = 30


@bp.get("")
def index():
    form = public_filter_form()
    page = registers.list_public_register(form.filter())
    return render_template("register/index.html", form=form, page=page,
                           pagination=pagination(page), outcomes=dict(outcome_choices()))


@bp.get("/feed.atom")
def feed():
    entries = registers.list_recent_publications(FEED_ENTRIES)
    # Links in a feed are read elsewhere: the service's public address, not this request's.
    public_url = current_app.config["PUBLIC_URL"] or request.host_url.rstrip("/")
    body = render_template("register/feed.xml", entries=entries,
                           updated=entries[0].published_at if entries else utcnow(),
                           public_url=public_url,
                           index_url=public_url + url_for("register.index"))
    return Response(body, mimetype="application/atom+xml")


@bp.get("/<reference>")
def view_assessment(reference: str):
    assessment = queries.get_live_assessment(reference)
    live = [v for v in assessment.versions if queries.live_publication(v)] if assessment else []
    if not live:
        abort(404)
    return _render(live[-1])


@bp.get("/<reference>/versions/<int:number>")
def view_version(reference: str, number: int):
    return _render(live_version_or_404(reference, number))


@bp.get("/<reference>/versions/<int:number>/pdf")
@limiter.limit(PDF_DOWNLOADS, scope="register-pdf")
def download_pdf(reference: str, number: int):
    version = live_version_or_404(reference, number)
    if queries.live_publication(version) is None or not _signed_off(version):
        abort(404)
    return Response(assessment_pdf(version, public=True), mimetype="application/pdf", headers={
        "Content-Disposition": content_disposition(pdf_filename(version)),
        "X-Content-Type-Options": "nosniff",
    })


def _signed_off(version: AssessmentVersion, sign_off=None) -> bool:
    """Signed off in Due Regard, or an imported record, signed off before it."""
    return version.imported or (sign_off or queries.sign_off_of(version)) is not None


def _public_link_to(assessment) -> str | None:
    """The public address of a linked assessment, when it is on the register."""
    latest = assessment.latest
    if queries.live_publication(latest) is None or not _signed_off(latest):
        return None
    return url_for("register.view_assessment", reference=assessment.reference)


def _render(version: AssessmentVersion):
    publication = queries.live_publication(version)
    sign_off = queries.sign_off_of(version)
    if publication is None or not _signed_off(version, sign_off):
        abort(404)
    framework = version.framework
    replacement = replacement_of(version)
    return render_template(
        "register/view_version.html", version=version, publication=publication,
        sign_off=sign_off, group_names={group.id: group.name for group in framework.groups},
        outcome=digest.outcome_of(version, framework),
        groups=digest.group_rows(version, framework),
        review_date=version.review_date,
        decision=queries.decision_of(version),
        replacement=replacement,
        replacement_published=bool(replacement and queries.live_publication(replacement)),
        link_to=_public_link_to,
    )


def replacement_of(version: AssessmentVersion) -> AssessmentVersion | None:
    """The signed-off version that superseded this one, if any."""
    later = [v for v in version.assessment.versions
             if v.number > version.number and queries.sign_off_of(v) is not None]
    return later[0] if later else None
