"""`flask eia backup` and `flask eia restore-check FILE`: copies of the database an operator can
trust, and the check that shows they can.

The work is done by `eia.services.backups`. Both commands exit non-zero when something needs a
person's attention, so they can run from cron with an alert on failure.
"""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import with_appcontext

from eia.domain import DomainError
from eia.services import backups


@click.command("backup")
@click.option("--to", "destination", type=click.Path(path_type=Path),
              help="A new file, or a folder for a file named by the time. "
                   "Default: BACKUP_DIR (instance/backups).")
@with_appcontext
def backup_command(destination: Path | None):
    """Copy the database while the application runs, with a manifest beside the copy.

    SQLite is copied with its online backup API, PostgreSQL with pg_dump (custom format). The
    manifest (FILE.json) records the migration and the audit chain's head in the copy."""
    try:
        backup = backups.take_backup(destination)
    except DomainError as error:
        raise click.ClickException(str(error)) from error
    contents = backup.manifest.contents
    audit = contents.audit
    click.echo(f"Backed up the {backup.manifest.database} database to {backup.path} "
               f"({backup.manifest.file.size:,} bytes).")
    click.echo(f"Manifest: {backup.manifest_path} (migration {contents.alembic_revision}, "
               f"{audit.rows} audit rows, last row {audit.last_id}, hash {audit.last_hash}).")


@click.command("restore-check")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--into", metavar="URL",
              help="PostgreSQL backups: an empty scratch database to restore the dump into.")
@with_appcontext
def restore_check_command(file: Path, into: str | None):
    """Check a backup without touching the live database: its integrity, its foreign keys,
    its audit chain, and that it matches its manifest. Exits 1 naming what is wrong."""
    try:
        report = backups.check_backup(file, into)
    except DomainError as error:
        raise click.ClickException(str(error)) from error
    for check in report.checks:
        click.echo(f"{'ok' if check.passed else 'FAILED':6} {check.name}: {check.detail}")
    if not report.passed:
        names = ", ".join(check.name for check in report.failures)
        click.echo(f"The backup {file} is NOT sound ({names}): do not rely on it.", err=True)
        raise SystemExit(1)
    click.echo(f"The backup {file} is sound.")
