"""What the benchmarks share: a throwaway application with the demo data loaded."""

from __future__ import annotations

import os
import secrets
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def make_app(folder: Path, url: str | None = None):
    """The application on a new database, migrated: a SQLite file in `folder` (never
    instance/), or the empty database at `url`."""
    # Settings are read from the environment before overrides apply: point them at the
    # throwaway database and give a key, so that nothing is written to instance/.
    url = url or f"sqlite:///{folder / 'bench.db'}"
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("SECRET_KEY", secrets.token_hex(32))
    os.environ.pop("MAIL_SERVER", None)
    from flask_migrate import upgrade

    from eia import create_app

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "RATELIMIT_STORAGE_URI": "memory://",
                      "LOG_LEVEL": "WARNING"})
    with app.app_context():
        upgrade(directory=str(ROOT / "migrations"))
    return app


def summary(seconds: list[float]) -> str:
    """Median and spread in milliseconds."""
    ms = sorted(s * 1000 for s in seconds)
    quartiles = statistics.quantiles(ms, n=4)
    return (f"median {statistics.median(ms):7.1f} ms   IQR {quartiles[0]:.1f} to {quartiles[2]:.1f}"
            f"   min {ms[0]:.1f}   max {ms[-1]:.1f}   (n={len(ms)})")
