"""The public verification page: is this printed or downloaded assessment a genuine signed-off one?

Anyone may ask, about any assessment, published or not: a fingerprint matches only if its holder
had the signed-off document, so naming who signed it gives away nothing the document does not
say already. A reference that does not exist gets exactly the answer a wrong fingerprint gets,
so the page cannot be used to find out which references exist, and wrong answers are
throttled so that it cannot be used to guess either.

The page lives at /verify, outside the register's /register prefix, because that short address
is printed on every signed-off PDF for people to type in.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from datetime import datetime

from flask import g, render_template, request

from eia import queries
from eia.extensions import limiter
from eia.models.assessments import AssessmentVersion
from eia.models.review import SignOff
from eia.pdf.fingerprint import VERIFY_PATH, PrintedFingerprint
from eia.views.register.blueprint import bp
from eia.views.register.pages import replacement_of
from forms.verify import FingerprintForm, PdfForm

# Only answers other than "genuine" count: guessing produces nothing else.
WRONG_ANSWERS = "20 per 15 minutes"


@dataclass(frozen=True)
class Genuine:
    version: AssessmentVersion
    sign_off: SignOff
    published: bool
    replacement: AssessmentVersion | None
    replacement_signed_at: datetime | None
    replacement_published: bool


def _not_genuine(response) -> bool:
    return not g.get("genuine", False)


@limiter.limit(WRONG_ANSWERS, methods=["POST"], deduct_when=_not_genuine, scope="verify")
def verify():
    typed, upload = FingerprintForm(), PdfForm()
    if request.method == "POST":
        by_pdf = "check_pdf" in request.form or bool(request.files)
        form = upload if by_pdf else typed
        if form.validate_on_submit():
            return _answer(upload.found if by_pdf else typed.typed(), from_pdf=by_pdf)
    else:
        form = typed
    return render_template("register/verify.html", form=form, typed=typed, upload=upload)


def _answer(claim: PrintedFingerprint, *, from_pdf: bool):
    genuine = find_genuine(claim)
    g.genuine = genuine is not None
    return render_template("register/verify_result.html", claim=claim, genuine=genuine,
                           from_pdf=from_pdf)


def find_genuine(claim: PrintedFingerprint) -> Genuine | None:
    """The signed-off version of `claim.reference` whose fingerprint is `claim.fingerprint`."""
    assessment = queries.get_live_assessment(claim.reference)
    if assessment is None:
        return None
    for version in reversed(assessment.versions):
        sign_off = queries.sign_off_of(version)
        if sign_off is not None and hmac.compare_digest(sign_off.fingerprint,
                                                        claim.fingerprint):
            replacement = replacement_of(version)
            return Genuine(
                version=version, sign_off=sign_off,
                published=queries.live_publication(version) is not None,
                replacement=replacement,
                replacement_signed_at=queries.sign_off_of(replacement).signed_at
                if replacement else None,
                replacement_published=bool(replacement
                                           and queries.live_publication(replacement)),
            )
    return None


@bp.record_once
def _route_at_site_root(state) -> None:
    # A blueprint route always gets the blueprint's prefix; this one is added to the app
    # directly, under the register's name, so it is still `register.verify`.
    state.app.add_url_rule(VERIFY_PATH, endpoint=f"{bp.name}.verify", view_func=verify,
                           methods=["GET", "POST"])
