"""`flask --app app eia ...`: the commands for operators, one module per area.

Each module defines plain click commands; this package gathers them under the `eia` group.
"""

from __future__ import annotations

from flask import Flask
from flask.cli import AppGroup

from eia.cli import accounts, backup, demo, operations, transfer, workflow

eia_cli = AppGroup("eia", help="Due Regard commands.")

for _command in (accounts.create_user, demo.demo, operations.verify_audit,
                 operations.send_mail, operations.send_reminders_command,
                 transfer.export_command, transfer.import_command, transfer.list_command,
                 workflow.workflow_command, backup.backup_command,
                 backup.restore_check_command):
    eia_cli.add_command(_command)


def init_app(app: Flask) -> None:
    app.cli.add_command(eia_cli)
