"""Entry point that Flask and gunicorn discover: `flask --app app ...`, `gunicorn app:app`.

Settings of the whole server process are made here, as each one starts:

- The PDF's typeface is registered, so that no request waits for it (see `eia.pdf.fonts`).
- The models' mappings are completed (SQLAlchemy's `configure_mappers`, which otherwise runs
  at the first query): about 200 ms that the first request to each new worker waited for.
- A thread holding Python's interpreter lock hands it on after at most a millisecond, not
  Python's default five. A request gives the lock up for each database statement and must win
  it back afterwards; with a gunicorn worker's other threads busy drawing pages, each statement
  could cost it up to the whole interval in waiting, and a page has ten or twenty. With 200
  trainees saving at once, the 95th percentile went from 909 ms to 57 ms on SQLite and from
  780 ms to 72 ms on PostgreSQL, for no more processor time (`bench/README.md`).
"""

import sys

from sqlalchemy.orm import configure_mappers

from eia import cache_folder, create_app
from eia.pdf.fonts import register_fonts

INTERPRETER_LOCK_INTERVAL_SECONDS = 0.001

sys.setswitchinterval(INTERPRETER_LOCK_INTERVAL_SECONDS)
app = create_app()
register_fonts(cache=cache_folder(app, "fonts"))
configure_mappers()
