"""Running a long job (a bulk import) while its page shows the progress.

The job commits as it goes, so its page can show how far it has got. Under test it runs at
once, where one transaction holds the whole test; otherwise in a background thread with its
own application context and session.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from flask import Flask, current_app

from eia.extensions import db


def run_job(run: Callable[[int], None], job_id: int) -> None:
    """Run `run(job_id)`: now under test, otherwise in the background."""
    if current_app.testing:
        run(job_id)
        return
    app = current_app._get_current_object()
    threading.Thread(target=_in_background, args=(app, run, job_id), daemon=True).start()


def _in_background(app: Flask, run: Callable[[int], None], job_id: int) -> None:
    with app.app_context():
        try:
            run(job_id)
        finally:
            db.session.remove()
