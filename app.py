"""Entry point that Flask and gunicorn discover: `flask --app app ...`, `gunicorn app:app`."""

from eia import create_app

app = create_app()
