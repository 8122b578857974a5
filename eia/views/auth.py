"""Signing in and out, and setting, resetting and changing passwords."""

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_login import current_user

from eia.extensions import limiter
from eia.security import HELD_FORM, end_session, safe_next, start_session
from eia.services import accounts, held_forms
from forms.auth import ChangePasswordForm, ForgotPasswordForm, SetPasswordForm, SignInForm

bp = Blueprint("auth", __name__)

ACCOUNT_ATTEMPTS = "10 per 15 minutes"
ADDRESS_ATTEMPTS = "50 per 15 minutes"


def _attempted_account() -> str:
    return "account:" + accounts.normalise_email(request.form.get("email", ""))[:320]


def _failed(response) -> bool:
    # Only failed attempts count towards throttling; a successful sign-in redirects.
    return response.status_code != 302


@bp.route("/sign-in", methods=["GET", "POST"])
@limiter.limit(ACCOUNT_ATTEMPTS, key_func=_attempted_account, methods=["POST"],
               deduct_when=_failed, scope="sign-in-account")
@limiter.limit(ADDRESS_ATTEMPTS, methods=["POST"], deduct_when=_failed, scope="sign-in-address")
def sign_in():
    if current_user.is_authenticated:
        return redirect(url_for("main.home"))
    form = SignInForm()
    if form.validate_on_submit():
        try:
            user = accounts.authenticate(form.email.data, form.password.data)
        except accounts.SignInFailed as error:
            form.email.errors.append(str(error))
        else:
            held = session.get(HELD_FORM)
            start_session(user)
            if held_forms.held(held, user):  # a form kept when the last session ended
                session[HELD_FORM] = held
                return redirect(url_for("account.view_held_form"))
            return redirect(safe_next(request.args.get("next")) or url_for("main.home"))
    return render_template("auth/sign_in.html", form=form)


@bp.post("/sign-out")
def sign_out():
    accounts.sign_out(current_user._get_current_object())
    end_session()
    flash("You have signed out.")
    return redirect(url_for("auth.sign_in"))


@bp.route("/forgot-password", methods=["GET", "POST"])
@limiter.limit("5 per 15 minutes", methods=["POST"], scope="forgot-password")
def forgot_password():
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        accounts.request_password_reset(form.email.data)
        return render_template("auth/reset_link_sent.html", email=form.email.data)
    return render_template("auth/forgot_password.html", form=form)


@bp.route("/set-password/<token>", methods=["GET", "POST"])
def set_password(token: str):
    try:
        password_token = accounts.get_valid_token(token)
    except accounts.InvalidToken as error:
        return render_template("auth/invalid_link.html", message=str(error)), 404
    form = SetPasswordForm()
    if form.validate_on_submit():
        try:
            user = accounts.set_password_with_token(token, form.password.data)
        except accounts.PasswordRejected as error:
            form.password.errors.append(str(error))
        else:
            start_session(user)
            flash("Your password has been set. You are now signed in.")
            return redirect(url_for("main.home"))
    return render_template("auth/set_password.html", form=form, token=password_token)


@bp.route("/change-password", methods=["GET", "POST"])
def change_password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        user = current_user._get_current_object()
        try:
            accounts.change_password(user, form.current.data, form.password.data)
        except accounts.WrongCurrentPassword as error:
            form.current.errors.append(str(error))
        except accounts.PasswordRejected as error:
            form.password.errors.append(str(error))
        else:
            start_session(user)  # the old session ended with the change; carry on in a new one
            flash("Your password has been changed. You have been signed out everywhere else.")
            return redirect(url_for("main.home"))
    return render_template("auth/change_password.html", form=form)
