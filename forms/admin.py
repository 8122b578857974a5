"""Administration: users, organisational units and settings. Choices are filled in by the
view."""

from __future__ import annotations

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxesInput,
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextInput,
)
from wtforms import (
    EmailField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Email

from eia.domain import Role
from forms.fields import at_most, must_choose, required, stripped

NO_UNIT = ""


def role_choices() -> list[SelectChoice]:
    return [SelectChoice(role.value, role.label) for role in Role]


def _optional_int(value):
    return int(value) if value not in (None, "", NO_UNIT) else None


class UserDetailsForm(FlaskForm):
    name = StringField(
        "Full name",
        widget=GovTextInput(),
        filters=[stripped],
        validators=[required("Enter the person's full name"), at_most(200, "Full name")],
    )
    job_title = StringField(
        "Job title",
        widget=GovTextInput(),
        filters=[stripped],
        validators=[required("Enter the person's job title"), at_most(200, "Job title")],
    )
    unit_id = SelectField(
        "Organisational unit",
        widget=GovSelect(),
        coerce=_optional_int,
        validate_choice=True,
        invalid_choice_message="Choose the organisational unit from the list",
    )
    roles = SelectMultipleField(
        "Roles",
        description="Select all that apply.",
        widget=GovCheckboxesInput(),
        choices=role_choices(),
        validators=[required("Select at least one role")],
    )
    submit = SubmitField("Save changes", widget=GovSubmitInput())


class CreateUserForm(UserDetailsForm):
    email = EmailField(
        "Email address",
        description="We will email an invitation to set a password to this address.",
        widget=GovTextInput(),
        filters=[stripped],
        validators=[
            required("Enter the person's email address"),
            Email(message="Enter an email address in the correct format, like name@example.org"),
            at_most(320, "Email address"),
        ],
    )
    submit = SubmitField("Create user and send invitation", widget=GovSubmitInput())


class ConfirmForm(FlaskForm):
    """A button that does one thing, protected by CSRF."""

    submit = SubmitField("Confirm", widget=GovSubmitInput())


class UnitForm(FlaskForm):
    name = StringField(
        "Name",
        widget=GovTextInput(),
        filters=[stripped],
        validators=[required("Enter a name for the unit"), at_most(200, "Name")],
    )
    parent_id = SelectField(
        "Directorate",
        description="Leave as 'None' to make this a directorate; choose one to make it a team.",
        widget=GovSelect(),
        coerce=_optional_int,
        invalid_choice_message="Choose the directorate from the list, or None",
    )
    submit = SubmitField("Save", widget=GovSubmitInput())


class UserSearchForm(FlaskForm):
    class Meta:
        csrf = False  # a GET search changes nothing

    q = StringField("Search by name or email", widget=GovTextInput(), filters=[stripped],
                    validators=[at_most(200, "Search")])


class PresetForm(FlaskForm):
    """A starting point for the organisation's nation and sector; choices from the framework."""

    preset = RadioField(
        "Which describes your organisation?",
        description="Choosing one switches on the extra groups, and so the duties, that apply "
                    "to it. You can change the groups afterwards.",
        widget=GovRadioInput(), **must_choose("Select what describes your organisation"),
    )
    apply = SubmitField("Use these groups", widget=GovSubmitInput())


class ExtraGroupsForm(FlaskForm):
    """Which extra groups new assessments consider, beyond the nine protected characteristics."""

    groups = SelectMultipleField(
        "Extra groups to consider",
        description="New assessments ask about the impact on each group you select, as well "
                    "as the nine protected characteristics. Assessments already started keep "
                    "the groups they started with.",
        widget=GovCheckboxesInput(),
    )
    submit = SubmitField("Save settings", widget=GovSubmitInput())


class SettingsForm(ExtraGroupsForm):
    """The settings page: the extra groups, and whether practice must come first."""

    practice_required = RadioField(
        "Require a competent practice attempt before someone starts a live assessment?",
        description="When this is on, an author cannot start a live assessment until a "
                    "training facilitator has accepted one of their practice attempts that "
                    "found every critical point. They are told why, and shown the scenarios.",
        widget=GovRadioInput(),
        choices=[SelectChoice("yes", "Yes"), SelectChoice("no", "No")],
        **must_choose("Select whether practice is required"),
    )

