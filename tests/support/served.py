"""The application served by gunicorn on loopback, in a process of its own, as in production:
for tests of several workers or instances sharing a database."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import requests

from tests.support.ports import ATTEMPTS, free_port

ROOT = Path(__file__).resolve().parents[2]


class Served:
    """`with Served({"DATABASE_URL": ...}, workers=2) as served:` then request `served.url`.

    `settings` are environment variables over a development configuration with the tests'
    secret key; mail goes nowhere unless they name a MAIL_SERVER.
    """

    def __init__(self, settings: dict[str, str], *, workers: int = 1, threads: int = 4):
        self.settings, self.workers, self.threads = settings, workers, threads
        self.process: subprocess.Popen | None = None
        self.url = ""

    def __enter__(self) -> Served:
        environment = {key: value for key, value in os.environ.items()
                       if not key.startswith(("MAIL_", "DATABASE_", "RATELIMIT_"))}
        environment.update({"SECRET_KEY": "test-secret-key", "EIA_ENV": "development",
                            "LOG_LEVEL": "WARNING", **self.settings})
        for _ in range(ATTEMPTS):  # another process may take the port first
            port = free_port()
            self.url = f"http://127.0.0.1:{port}"
            self.process = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "--workers", str(self.workers),
                 "--threads", str(self.threads), "--bind", f"127.0.0.1:{port}", "app:app"],
                cwd=ROOT, env=environment)
            if answers_health(self.url, self.process):
                return self
            self.stop()
        raise RuntimeError("gunicorn did not start")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)

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
        time.sleep(0.2)
    return False
