"""A person's own account: their personal API tokens, and changes kept when their session
ended before they were saved.

The secret of a new token is shown once, on the page that answers the form, and never again:
only its hash is kept. The page lists every token with its scope, expiry and last use, and
revokes any of them.
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, session, url_for

from eia.models.tokens import TokenScope
from eia.models.types import utcnow
from eia.security import HELD_FORM, RESENDING_HELD_FORM
from eia.services import held_forms, tokens
from eia.views.shared import me
from forms.account import CreateTokenForm, RevokeTokenForm

bp = Blueprint("account", __name__, url_prefix="/account")


@bp.route("/api-tokens", methods=["GET", "POST"])
def list_api_tokens():
    form = CreateTokenForm()
    secret = None
    if form.validate_on_submit():
        _token, secret = tokens.create_token(me(), form.name.data, TokenScope(form.scope.data),
                                            int(form.days.data))
        form = CreateTokenForm(formdata=None)
    return render_template("account/api_tokens.html", form=form, secret=secret,
                           tokens=tokens.list_tokens(me()), now=utcnow(),
                           revoke_form=RevokeTokenForm())


@bp.post("/api-tokens/revoke")
def revoke_api_token():
    form = RevokeTokenForm()
    if not form.validate_on_submit() or not str(form.token.data or "").isdigit():
        flash("Choose a token to revoke", "error")
        return redirect(url_for("account.list_api_tokens"))
    try:
        token = tokens.revoke_token(me(), int(form.token.data))
    except tokens.TokenNotFound:
        abort(404)
    flash(f"The token ‘{token.name}’ has been revoked: it no longer works")
    return redirect(url_for("account.list_api_tokens"))


@bp.get("/unsaved-changes")
def view_held_form():
    """A form kept when it could not be saved because its session had ended, ready to send
    again to where it was going."""
    return render_template("account/held_form.html", resending_field=RESENDING_HELD_FORM,
                           held=held_forms.held(session.get(HELD_FORM), me()))
