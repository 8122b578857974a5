"""Signing in, and choosing and changing passwords."""

from __future__ import annotations

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovPasswordInput, GovSubmitInput, GovTextInput
from wtforms import EmailField, PasswordField, SubmitField
from wtforms.validators import Email, EqualTo

from forms.fields import at_most, required, stripped


class SignInForm(FlaskForm):
    email = EmailField(
        "Email address",
        widget=GovTextInput(),
        filters=[stripped],
        validators=[required("Enter your email address"), at_most(320, "Email address")],
    )
    password = PasswordField(
        "Password",
        widget=GovPasswordInput(),
        validators=[required("Enter your password"), at_most(256, "Password")],
    )
    submit = SubmitField("Sign in", widget=GovSubmitInput())


class ForgotPasswordForm(FlaskForm):
    email = EmailField(
        "Email address",
        widget=GovTextInput(),
        filters=[stripped],
        validators=[
            required("Enter your email address"),
            Email(message="Enter an email address in the correct format, like name@example.org"),
            at_most(320, "Email address"),
        ],
    )
    submit = SubmitField("Send me a link", widget=GovSubmitInput())


class NewPasswordMixin:
    password = PasswordField(
        "New password",
        description="Use 12 characters or more. Three or four random words work well.",
        widget=GovPasswordInput(),
        validators=[required("Enter a new password")],
    )
    confirm = PasswordField(
        "Confirm new password",
        widget=GovPasswordInput(),
        validators=[
            required("Enter the new password again"),
            EqualTo("password", message="The passwords do not match"),
        ],
    )


class SetPasswordForm(NewPasswordMixin, FlaskForm):
    submit = SubmitField("Set password", widget=GovSubmitInput())


class ChangePasswordForm(NewPasswordMixin, FlaskForm):
    current = PasswordField(
        "Current password",
        widget=GovPasswordInput(),
        validators=[required("Enter your current password")],
    )
    submit = SubmitField("Change password", widget=GovSubmitInput())

