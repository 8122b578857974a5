"""The server's entry point (`app.py`) sets what holds for the whole process."""

from __future__ import annotations

import subprocess
import sys

from tests.support.served import ROOT, environment


def started(tmp_path, then: str) -> str:
    """What a new process prints after importing the entry point and running `then`.

    In a process of its own: what the entry point sets is the whole interpreter's, and it makes
    an application from the environment's settings."""
    done = subprocess.run(
        [sys.executable, "-c", f"import app\n{then}"],
        cwd=ROOT, env=environment(DATABASE_URL=f"sqlite:///{tmp_path / 'unused.db'}"),
        capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_a_server_process_hands_the_interpreter_lock_on_within_a_millisecond(tmp_path):
    assert float(started(tmp_path, "import sys; print(sys.getswitchinterval())")) == 0.001


def test_a_server_process_completes_the_models_mappings_before_any_request(tmp_path):
    printed = started(tmp_path, "from sqlalchemy import inspect\n"
                                "from eia.models.assessments import AssessmentVersion\n"
                                "print(inspect(AssessmentVersion).configured)")
    assert printed.strip() == "True"
