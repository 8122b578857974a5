"""Due Regard run as in production, in processes of its own on loopback: gunicorn serving it,
and `flask` commands, against a database the test made. For tests of several workers or
instances sharing a database, and of processes killed without warning."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Mapping
from pathlib import Path

import requests

from tests.support.ports import ATTEMPTS, free_port

ROOT = Path(__file__).resolve().parents[2]


def with_bytecode_kept(environment: Mapping[str, str]) -> dict[str, str]:
    """`environment`, letting the processes it starts write their compiled bytecode.

    It goes beside the source, in __pycache__, where pip has put the installed packages' and
    the test processes put the application's (`make test`): shared by every process and kept
    between runs (each file's is checked against its source). With PYTHONDONTWRITEBYTECODE
    set, as it often is in containers, each process would otherwise compile the application's
    source again: about a second of processor time for every server worker and every command.
    """
    return {key: value for key, value in environment.items() if key != "PYTHONDONTWRITEBYTECODE"}


def environment(**settings: str) -> dict[str, str]:
    """The environment of a server or command: the tests' secret key, development settings,
    warnings only in the log, then `settings`. No database, mail server or rate-limit storage
    of the test process's own environment leaks in: mail goes nowhere unless `settings` name a
    MAIL_SERVER."""
    inherited = {key: value for key, value in os.environ.items()
                 if not key.startswith(("MAIL_", "DATABASE_", "RATELIMIT_"))}
    return with_bytecode_kept({
        **inherited, "SECRET_KEY": "test-secret-key", "EIA_ENV": "development",
        "LOG_LEVEL": "WARNING", "SERVER_NAME_URL": "http://localhost", **settings})


def flask_command(database_url: str, *arguments: str, **settings: str) -> \
        subprocess.CompletedProcess:
    """Run `flask --app app eia ARGUMENTS` in a process of its own."""
    return subprocess.run([sys.executable, "-m", "flask", "--app", "app", "eia", *arguments],
                          cwd=ROOT, env=environment(DATABASE_URL=database_url, **settings),
                          capture_output=True, text=True, timeout=120, check=False)


class Served:
    """`with Served({"DATABASE_URL": ...}, workers=2) as served:` then request `served.url`.

    gunicorn runs in a process group of its own, so that its master and workers can be killed
    without warning; `settings` are environment variables (see `environment`).
    """

    def __init__(self, settings: Mapping[str, str], *, workers: int = 1, threads: int = 4):
        self.env = environment(**settings)
        self.workers_wanted, self.threads = workers, threads
        self.process: subprocess.Popen | None = None
        self.url = ""

    def start(self) -> Served:
        """Start serving, on a new port each time; return once /healthz answers."""
        for _ in range(ATTEMPTS):  # another process may take the port first
            port = free_port()
            self.url = f"http://127.0.0.1:{port}"
            self.process = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "--workers", str(self.workers_wanted),
                 "--threads", str(self.threads), "--bind", f"127.0.0.1:{port}", "app:app"],
                cwd=ROOT, env=self.env, start_new_session=True)
            if answers_health(self.url, self.process):
                return self
            self.stop()
        raise RuntimeError("gunicorn did not start")

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
        """End the server at once, as kill_all does: nothing a test checks needs it to end
        gracefully, and a graceful stop (SIGTERM) took seconds, mostly the workers' exit."""
        if self.process is not None and self.process.poll() is None:
            self.kill_all()

    def __enter__(self) -> Served:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def answers_health(base: str, process: subprocess.Popen, seconds: float = 60) -> bool:
    """Wait until the server at `base` answers /healthz with 200; False if `process` stops or
    `seconds` pass first."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and process.poll() is None:
        try:
            if requests.get(f"{base}/healthz", timeout=5).status_code == 200:
                return True
        except requests.RequestException:  # refused or slow while the workers start
            pass
        time.sleep(0.05)
    return False
