"""The commands an operator schedules: sending mail, reminders, and checking the audit chain.

Each is safe to run from cron as often as needed, and exits non-zero when something needs a
person's attention.
"""

from __future__ import annotations

from datetime import date

import click
from flask.cli import with_appcontext

from eia.audit import verify_chain
from eia.services import reminders
from eia.services.mail import deliver_pending


@click.command("verify-audit")
@with_appcontext
def verify_audit():
    """Check the audit log's hash chain; exit 1 and name the first broken row if tampered."""
    checked, broken = verify_chain()
    if broken:
        click.echo(f"Audit log BROKEN at row {broken.event_id}: {broken.reason}. "
                   f"{checked - 1} rows before it are intact.", err=True)
        raise SystemExit(1)
    click.echo(f"Audit log intact: {checked} rows checked.")


@click.command("send-mail")
@with_appcontext
def send_mail():
    """Send email waiting in the outbox (run from cron to retry after a mail-server outage)."""
    sent, failed = deliver_pending(limit=1000)
    click.echo(f"Sent {sent} messages; {failed} failed and will be retried later.")
    if failed:
        raise SystemExit(1)


@click.command("send-reminders")
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              metavar="YYYY-MM-DD", help="Act as if today were this date (for testing).")
@with_appcontext
def send_reminders_command(today):
    """Remind authors of actions due within 7 days or overdue, and of review dates within
    30 days. Each reminder is sent once, however often this runs."""
    day = today.date() if today is not None else date.today()
    summary = reminders.send_reminders(day)
    click.echo(summary.line())
