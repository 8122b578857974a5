"""`flask eia demo`: the demo accounts and data, made only when asked for."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from eia.demo import load_demo_data


@click.command("demo")
@with_appcontext
def demo():
    """Create the demo accounts and data. Safe to run again: nothing is duplicated."""
    for line in load_demo_data():
        click.echo(line)
