"""The page shown when a save is refused because someone else saved first."""

from __future__ import annotations

from flask import render_template

from eia.services.editing import StaleEdit


def render_stale(error: StaleEdit, version, *, labels: dict[str, str], back: str):
    """Show the user's text beside the saved text, field by field; 409 Conflict."""
    rows = [
        {"label": labels.get(key, key.replace("_", " ").capitalize()),
         "mine": _text(error.mine.get(key)), "theirs": _text(error.theirs.get(key))}
        for key in error.mine
    ]
    return render_template("assessments/stale_edit.html", version=version, rows=rows,
                           error=error, back=back), 409


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)
