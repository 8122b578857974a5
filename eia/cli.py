"""`flask --app app eia ...`: commands for operators."""

from __future__ import annotations

import click
from flask import Flask
from flask.cli import AppGroup

from eia.permissions import Role
from eia.services import DomainError, accounts
from eia.services.audit import verify_chain
from eia.services.mail import deliver_pending

eia_cli = AppGroup("eia", help="Due Regard commands.")


@eia_cli.command("create-user")
@click.argument("email")
@click.option("--name", required=True, help="Full name.")
@click.option("--role", "roles", multiple=True, required=True,
              type=click.Choice([r.value for r in Role]), help="A role; repeat for several.")
@click.option("--job-title", default="", help="Job title.")
@click.option("--invite", is_flag=True,
              help="Email an invitation to set a password instead of asking for one now.")
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


@eia_cli.command("demo")
def demo():
    """Create the demo accounts and data. Safe to run again: nothing is duplicated."""
    from eia.demo import load_demo_data

    for line in load_demo_data():
        click.echo(line)


@eia_cli.command("verify-audit")
def verify_audit():
    """Check the audit log's hash chain; exit 1 and name the first broken row if tampered."""
    checked, broken = verify_chain()
    if broken:
        click.echo(f"Audit log BROKEN at row {broken.event_id}: {broken.reason}. "
                   f"{checked - 1} rows before it are intact.", err=True)
        raise SystemExit(1)
    click.echo(f"Audit log intact: {checked} rows checked.")


@eia_cli.command("send-mail")
def send_mail():
    """Send email waiting in the outbox (run from cron to retry after a mail-server outage)."""
    sent, failed = deliver_pending(limit=1000)
    click.echo(f"Sent {sent} messages; {failed} failed and will be retried later.")
    if failed:
        raise SystemExit(1)


def init_app(app: Flask) -> None:
    from eia import cli_reminders, cli_transfer, cli_workflow  # noqa: F401
    app.cli.add_command(eia_cli)
