"""The server's entry point (`app.py`) sets what holds for the whole process."""

from __future__ import annotations

import subprocess
import sys

from tests.support.served import ROOT, environment


def test_a_server_process_hands_the_interpreter_lock_on_within_a_millisecond(tmp_path):
    # In a process of its own: the setting is the whole interpreter's, and the entry point
    # makes an application from the environment's settings.
    done = subprocess.run(
        [sys.executable, "-c", "import sys, app; print(sys.getswitchinterval())"],
        cwd=ROOT, env=environment(DATABASE_URL=f"sqlite:///{tmp_path / 'unused.db'}"),
        capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert float(done.stdout) == 0.001
