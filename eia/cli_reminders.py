"""`flask --app app eia send-reminders`: the date-driven reminders, safe to run from cron."""

from __future__ import annotations

from datetime import date

import click

from eia.cli import eia_cli
from eia.services import reminders


@eia_cli.command("send-reminders")
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              metavar="YYYY-MM-DD", help="Act as if today were this date (for testing).")
def send_reminders_command(today):
    """Remind authors of actions due within 7 days or overdue, and of review dates within
    30 days. Each reminder is sent once, however often this runs."""
    day = today.date() if today is not None else date.today()
    summary = reminders.send_reminders(day)
    click.echo(summary.line())
