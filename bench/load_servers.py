"""The servers the load benchmark talks to, started and always stopped, and their CPU time.

Gunicorn serving Due Regard and gunicorn serving the floor route run in their own process
groups, so that stopping one ends its workers too, even when the benchmark is interrupted.
A canned-answer server, a few lines of asyncio run as `python bench/load_servers.py canned
PORT`, measures how fast the client alone can go. CPU time is read from /proc for a whole
process tree (the gunicorn workers; the PostgreSQL backends), because it is disturbed much less
by other work on the machine than wall-clock time is.
"""

from __future__ import annotations

import http.client
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from support import ROOT

VENV_BIN = Path(sys.executable).parent
# Servers answer within this long of starting, or something is wrong.
START_TIMEOUT = 60


class ServerFailed(RuntimeError):
    """A server did not start; the message carries the end of its log."""


def log_tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


class Server:
    """A command serving HTTP on 127.0.0.1:`port`, in its own process group, logging to `log`."""

    def __init__(self, name: str, command: list[str], port: int, log: Path, *,
                 env: dict[str, str] | None = None, probe: str = "/"):
        self.name, self.command, self.port, self.log = name, command, port, log
        self.env, self.probe = env, probe
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        with self.log.open("ab") as log:
            # A process group of its own: stopping the group ends gunicorn's workers as well.
            self.process = subprocess.Popen(  # noqa: S603  (our own fixed command line)
                self.command, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL, start_new_session=True)
        deadline = time.monotonic() + START_TIMEOUT
        while not self._answers():
            if self.process.poll() is not None:
                raise ServerFailed(f"{self.name} exited with status {self.process.returncode} "
                                   f"before answering. End of its log ({self.log}):\n"
                                   f"{log_tail(self.log)}")
            if time.monotonic() > deadline:
                self.stop()
                raise ServerFailed(f"{self.name} did not answer {self.probe} on port "
                                   f"{self.port} within {START_TIMEOUT} s. End of its log "
                                   f"({self.log}):\n{log_tail(self.log)}")
            time.sleep(0.2)

    def _answers(self) -> bool:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
        try:
            connection.request("GET", self.probe)
            return connection.getresponse().status == 200
        except OSError:
            return False
        finally:
            connection.close()

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        for sig, wait in ((signal.SIGTERM, 10), (signal.SIGKILL, 5)):
            try:
                os.killpg(self.process.pid, sig)
            except ProcessLookupError:
                return
            try:
                self.process.wait(wait)
                return
            except subprocess.TimeoutExpired:
                continue

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process else None


def gunicorn(name: str, app: str, port: int, workers: int, threads: int, log: Path, *,
             env: dict[str, str], probe: str, pythonpath: str | None = None) -> Server:
    command = [str(VENV_BIN / "gunicorn"), "--workers", str(workers), "--threads",
               str(threads), "--bind", f"127.0.0.1:{port}", "--error-logfile", "-"]
    if pythonpath:
        command += ["--pythonpath", pythonpath]
    if _gunicorn_has("control_socket_disable"):
        # Newer gunicorns open an admin socket at one fixed path in the home folder, which two
        # servers at once (or anyone else's) would fight over; nothing here needs it.
        command.append("--no-control-socket")
    return Server(name, [*command, app], port, log, env=env, probe=probe)


def _gunicorn_has(setting: str) -> bool:
    from gunicorn.config import Config

    return setting in Config().settings


def canned(port: int, log: Path) -> Server:
    return Server("canned-answer server", [sys.executable, __file__, "canned", str(port)],
                  port, log)


# CPU time of a process tree -------------------------------------------------------------------

TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _stat(pid: int) -> tuple[int, float] | None:
    """(parent pid, CPU seconds) of a process, or None when it is gone or unreadable."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # The command name may hold spaces and brackets: the fields start after the last ")".
    fields = text[text.rindex(")") + 2:].split()
    return int(fields[1]), (int(fields[11]) + int(fields[12])) / TICKS


def tree_cpu(root: int | None) -> dict[int, float]:
    """CPU seconds used so far by `root` and every process descended from it, by pid."""
    if root is None or not Path("/proc").is_dir():
        return {}
    stats = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            stat = _stat(int(entry.name))
            if stat:
                stats[int(entry.name)] = stat
    tree, found = {root}, True
    while found:
        found = False
        for pid, (parent, _cpu) in stats.items():
            if parent in tree and pid not in tree:
                tree.add(pid)
                found = True
    return {pid: stats[pid][1] for pid in tree if pid in stats}


def cpu_between(before: dict[int, float], after: dict[int, float]) -> float:
    """CPU seconds used between two `tree_cpu` readings; processes born since count in full."""
    return sum(max(0.0, cpu - before.get(pid, 0.0)) for pid, cpu in after.items())


# The canned-answer server ---------------------------------------------------------------------


def _serve_canned(port: int) -> None:
    import asyncio

    answer = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nok"

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                length = 0
                for line in head.split(b"\r\n"):
                    if line.lower().startswith(b"content-length:"):
                        length = int(line.split(b":", 1)[1])
                if length:
                    await reader.readexactly(length)
                writer.write(answer)
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()

    async def main() -> None:
        server = await asyncio.start_server(handle, "127.0.0.1", port, backlog=1024)
        async with server:
            await server.serve_forever()

    asyncio.run(main())


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "canned":
        _serve_canned(int(sys.argv[2]))
    else:
        sys.exit("usage: load_servers.py canned PORT")
