"""Entry point that Flask and gunicorn discover: `flask --app app ...`, `gunicorn app:app`.

The PDF's typeface is registered here, as each server process starts, so that no request
waits for it (see `eia.pdf.fonts`)."""

from pathlib import Path

from eia import create_app
from eia.pdf.fonts import register_fonts

app = create_app()
register_fonts(cache=Path(app.instance_path) / "cache" / "fonts")
