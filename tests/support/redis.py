"""A Redis server of the test's own on loopback, for what several instances of the
application share (sign-in throttling). Started from Debian's redis-server, nothing kept on
disk, stopped afterwards."""

from __future__ import annotations

import shutil
import subprocess
import time

import redis

from tests.support.ports import ATTEMPTS, free_port


class LoopbackRedis:
    """`with LoopbackRedis() as server:` then connect to `server.url`."""

    def __init__(self) -> None:
        self.process: subprocess.Popen | None = None
        self.port = 0

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def __enter__(self) -> LoopbackRedis:
        for _ in range(ATTEMPTS):  # another process may take the port first
            self.port = free_port()
            self.process = subprocess.Popen(
                [shutil.which("redis-server"), "--bind", "127.0.0.1", "--port", str(self.port),
                 "--save", "", "--appendonly", "no", "--protected-mode", "yes"],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            if self._answers():
                return self
            self.process.kill()
            self.process.wait()
        raise RuntimeError("redis-server did not start")

    def _answers(self) -> bool:
        deadline = time.monotonic() + 10
        client = redis.Redis.from_url(self.url, socket_timeout=1)
        while time.monotonic() < deadline and self.process.poll() is None:
            try:
                return client.ping()
            except redis.ConnectionError:
                time.sleep(0.05)
        return False

    def __exit__(self, *exc) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)
