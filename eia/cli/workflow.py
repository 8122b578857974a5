"""`flask eia workflow`: the workflow table, as the code enforces it."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from eia.workflow import describe

HEADINGS = ("For", "From", "Action", "To", "Who", "Only when")


def format_table(rows: list[tuple[str, ...]]) -> list[str]:
    """Rows as lines of left-aligned columns two spaces apart, under headings and a rule."""
    table = [HEADINGS, *rows]
    widths = [max(len(row[column]) for row in table) for column in range(len(HEADINGS))]

    def line(row) -> str:
        cells = (cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        return "  ".join(cells).rstrip()

    return [line(HEADINGS), line(["-" * width for width in widths]), *map(line, rows)]


@click.command("workflow")
@with_appcontext
def workflow_command():
    """Print the workflow: every move from each status, who may make it, and its guards.

    Live assessments and practice attempts ("training") each have their own rows.
    """
    for text in format_table(describe()):
        click.echo(text)
