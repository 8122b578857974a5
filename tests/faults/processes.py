"""Due Regard run as it is in production, in processes of its own on loopback: gunicorn serving
it, and `flask` commands, against a database the test made."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
from pathlib import Path

from tests.support.ports import free_port
from tests.support.served import answers_health

ROOT = Path(__file__).resolve().parents[2]


def environment(database_url: str, **settings: str) -> dict[str, str]:
    """The environment of a server or command using `database_url`: no mail server unless
    given, warnings only in the log."""
    variables = {**os.environ, "DATABASE_URL": database_url, "SECRET_KEY": "test-secret-key",
                 "EIA_ENV": "development", "LOG_LEVEL": "WARNING",
                 "SERVER_NAME_URL": "http://localhost", **settings}
    if "MAIL_SERVER" not in settings:
        variables.pop("MAIL_SERVER", None)
    return variables


def flask_command(database_url: str, *arguments: str, **settings: str) -> \
        subprocess.CompletedProcess:
    """Run `flask --app app eia ARGUMENTS` in a process of its own."""
    return subprocess.run([sys.executable, "-m", "flask", "--app", "app", "eia", *arguments],
                          cwd=ROOT, env=environment(database_url, **settings),
                          capture_output=True, text=True, timeout=120, check=False)


class Gunicorn:
    """`gunicorn --workers 2 app:app` on a loopback port, in a process group of its own so that
    the master and its workers can be killed without warning."""

    def __init__(self, database_url: str, **settings: str):
        self.env = environment(database_url, **settings)
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--workers", "2", "--threads", "4",
             "--bind", f"127.0.0.1:{self.port}", "app:app"],
            cwd=ROOT, env=self.env, start_new_session=True)
        assert answers_health(self.base, self.process), "gunicorn did not start within a minute"

    def workers(self) -> list[int]:
        master = self.process.pid
        children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
        return [int(pid) for pid in children]

    def kill_workers(self) -> list[int]:
        """SIGKILL every worker (the master starts new ones); return the killed ids."""
        killed = self.workers()
        for pid in killed:
            os.kill(pid, signal.SIGKILL)
        return killed

    def kill_all(self) -> None:
        """SIGKILL the master, then whatever of its process group is left."""
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)
        with contextlib.suppress(ProcessLookupError):  # the workers had gone already
            os.killpg(self.process.pid, signal.SIGKILL)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)

    def __enter__(self) -> Gunicorn:
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()
