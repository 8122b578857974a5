"""A throwaway PostgreSQL server for one test process.

initdb refuses to run as root, so as root the server runs as the `postgres` user (runuser),
from a temporary folder that user owns. Durability is switched off: the data dies with the run.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import psycopg

from tests.support.ports import ATTEMPTS, free_port


class PostgresUnavailable(RuntimeError):
    pass


def postgres_bin_dir() -> Path | None:
    """The folder holding initdb and pg_ctl: Debian's newest, pg_config's, or PATH's."""
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin"),
                        key=lambda p: int(Path(p).parent.name) if Path(p).parent.name.isdigit()
                        else 0, reverse=True)
    pg_config = shutil.which("pg_config")
    if pg_config:
        result = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True,
                                check=False)
        candidates.append(result.stdout.strip())
    on_path = shutil.which("initdb")
    if on_path:
        candidates.append(str(Path(on_path).parent))
    for folder in candidates:
        if folder and (Path(folder) / "initdb").exists() and (Path(folder) / "pg_ctl").exists():
            return Path(folder)
    return None


class ThrowawayPostgres:
    """`with ThrowawayPostgres() as pg: pg.url` — a fresh server and database, gone after."""

    DATABASE = "due_regard_test"

    def __init__(self):
        self.bin_dir = postgres_bin_dir()
        if self.bin_dir is None:
            raise PostgresUnavailable(
                "PostgreSQL server binaries not found: install the `postgresql` package")
        self.port = free_port()
        self.root = Path(tempfile.mkdtemp(prefix="due-regard-pg-"))
        self.data = self.root / "data"
        self.log = self.root / "server.log"
        self._as_root = os.geteuid() == 0

    # Running the server ---------------------------------------------------------------------

    def _run(self, *args: str) -> subprocess.CompletedProcess:
        command = [str(self.bin_dir / args[0]), *args[1:]]
        if self._as_root:
            command = ["runuser", "-u", "postgres", "--", *command]
        return subprocess.run(command, capture_output=True, text=True, check=False)

    def start(self) -> None:
        if self._as_root:
            shutil.chown(self.root, "postgres", "postgres")
        result = self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres",
                           "--encoding", "UTF8", "--locale", "C.UTF-8", "--no-instructions")
        if result.returncode != 0:
            raise PostgresUnavailable(f"initdb failed: {result.stderr.strip()}")
        for attempt in range(ATTEMPTS):
            result = self._pg_ctl_start()
            if result.returncode == 0:
                break
            if "Address already in use" in self._log_tail() and attempt < ATTEMPTS - 1:
                self.port = free_port()  # taken after free_port chose it: try another
                continue
            raise PostgresUnavailable(f"PostgreSQL did not start: {result.stderr.strip()}\n"
                                      f"{self._log_tail()}")
        self._wait_until_ready()
        self._admin(f'CREATE DATABASE "{self.DATABASE}"')

    def _pg_ctl_start(self) -> subprocess.CompletedProcess:
        # No autovacuum: the suite's tests roll back what they write, so every row a table has
        # ever held is dead, and a vacuum that cannot shorten the table (a test holds a lock on
        # it) records it as having pages but no rows. The planner then takes any table for
        # empty, and a test that writes a thousand rows gets plans made for one. The suite
        # vacuums its database itself, between tests (see `vacuum`).
        options = (f"-c port={self.port} -c listen_addresses=127.0.0.1 "
                   f"-c unix_socket_directories={self.root} -c fsync=off -c autovacuum=off "
                   "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200")
        return self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-o", options,
                         "-w", "-t", "30", "start")

    def shut_down(self) -> None:
        """Stop the server as an operator would (a fast shutdown), keeping its databases."""
        result = self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")
        if result.returncode != 0:
            raise PostgresUnavailable(f"PostgreSQL did not stop: {result.stderr.strip()}")

    def start_again(self) -> None:
        """Start a server that was shut down, on the same port, with the same databases."""
        result = self._pg_ctl_start()
        if result.returncode != 0:
            raise PostgresUnavailable(f"PostgreSQL did not start again: "
                                      f"{result.stderr.strip()}\n{self._log_tail()}")
        self._wait_until_ready()

    def _log_tail(self) -> str:
        try:
            return "\n".join(self.log.read_text().splitlines()[-20:])
        except OSError:
            return ""

    def _wait_until_ready(self, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while True:
            try:
                with psycopg.connect(self._dsn("postgres"), connect_timeout=2):
                    return
            except psycopg.OperationalError:
                if time.monotonic() > deadline:
                    raise PostgresUnavailable(
                        f"PostgreSQL did not accept connections:\n{self._log_tail()}") from None
                time.sleep(0.1)

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.root, ignore_errors=True)

    # Databases ------------------------------------------------------------------------------

    def _dsn(self, database: str) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def _admin(self, statement: str) -> None:
        with psycopg.connect(self._dsn("postgres"), autocommit=True) as connection:
            connection.execute(statement)

    def url_for(self, database: str) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    @property
    def url(self) -> str:
        return self.url_for(self.DATABASE)

    def terminate_connections(self, database: str) -> int:
        """End every other connection to `database` as `pg_terminate_backend` does (as a
        failover or an administrator would); return how many were ended."""
        with psycopg.connect(self._dsn("postgres"), autocommit=True) as connection:
            return connection.execute(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                "WHERE datname = %s AND pid <> pg_backend_pid()", (database,)).fetchone()[0]

    def create_database(self, name: str, template: str | None = None) -> str:
        """Create another database on the same server, empty or a copy of `template` (a
        database nobody is connected to), and return its URL."""
        copying = f' TEMPLATE "{template}"' if template else ""
        self._admin(f'CREATE DATABASE "{name}"{copying}')
        return self.url_for(name)

    def __enter__(self) -> ThrowawayPostgres:
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc) -> None:
        self.stop()
