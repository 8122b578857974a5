"""`flask eia create-user`: accounts made from the command line, such as the first admin."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from eia.domain import DomainError, Role
from eia.services import accounts


@click.command("create-user")
@click.argument("email")
@click.option("--name", required=True, help="Full name.")
@click.option("--role", "roles", multiple=True, required=True,
              type=click.Choice([r.value for r in Role]), help="A role; repeat for several.")
@click.option("--job-title", default="", help="Job title.")
@click.option("--invite", is_flag=True,
              help="Email an invitation to set a password instead of asking for one now.")
@with_appcontext
def create_user(email: str, name: str, roles: tuple[str, ...], job_title: str, invite: bool):
    """Create a user, for example the first administrator."""
    password = None
    if not invite:
        password = click.prompt("Password (12 characters or more)", hide_input=True,
                                confirmation_prompt=True)
    try:
        user = accounts.create_user(email=email, name=name, job_title=job_title,
                                    roles={Role(r) for r in roles}, password=password)
    except DomainError as error:
        raise click.ClickException(str(error)) from error
    how = "invited by email" if invite else "can sign in now"
    click.echo(f"Created {user.email} ({', '.join(sorted(roles))}); {how}.")
