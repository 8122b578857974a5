"""docs/deploy.md, done as written: its database commands against the test's PostgreSQL
server, its environment file with the test's folders, port, mail and Redis, the migration and
first administrator, the systemd unit's ExecStart serving and its ExecReload reloading, the
monitoring commands, every scheduled command, and the upgrade's commands.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.support import require_redis
from tests.support.ports import free_port
from tests.support.redis import LoopbackRedis
from tests.support.served import ROOT, answers_health, with_bytecode_kept

pytestmark = [pytest.mark.own_app, pytest.mark.postgresql]

GUIDE = (ROOT / "docs" / "deploy.md").read_text(encoding="utf-8")
CRON_LINE = re.compile(r"^(\S+\s+){5}(?P<command>.+)$")


def blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", GUIDE, re.DOTALL)


def unit_setting(name: str) -> str:
    [unit] = [block for block in blocks("ini") if "[Service]" in block]
    return re.search(rf"^{name}=(.*)$", unit, re.MULTILINE).group(1)


@pytest.fixture
def redis_server():
    require_redis()
    with LoopbackRedis() as server:
        yield server


@pytest.fixture
def server_folder(tmp_path, postgres, smtp, redis_server):
    """What the guide's names stand for in this test, as (guide's text, test's text)."""
    port = free_port()
    return port, [
        ("/srv/due-regard", str(ROOT)),
        ("/etc/due-regard.env", str(tmp_path / "due-regard.env")),
        ("/run/due-regard", str(tmp_path / "run")),
        ("/srv/backups", str(tmp_path / "backups")),
        ("127.0.0.1:8000", f"127.0.0.1:{port}"),
        ("@127.0.0.1/due_regard", f"@127.0.0.1:{postgres.port}/due_regard"),
        ("redis://127.0.0.1:6379/0", redis_server.url),
        ("MAIL_SERVER=smtp.example.org", f"MAIL_SERVER={smtp.host}"),
        ("MAIL_PORT=25", f"MAIL_PORT={smtp.port}"),
    ]


def as_here(text: str, names: list[tuple[str, str]]) -> str:
    for guide, test in names:
        text = text.replace(guide, test)
    return text


def test_the_deploy_guide_works_as_written(server_folder, postgres, smtp, tmp_path):
    port, names = server_folder
    environment = with_bytecode_kept({
        **{k: v for k, v in os.environ.items()
           if not k.startswith(("MAIL_", "DATABASE_", "EIA_", "SECRET_"))},
        "PGHOST": "127.0.0.1", "PGPORT": str(postgres.port), "PGUSER": "postgres"})
    settings = Path(as_here("/etc/due-regard.env", names))
    load = f"set -euo pipefail; set -a; . {settings}; set +a; "
    served = None

    def run(command: str) -> str:
        prefix = load if settings.exists() else ""  # the database is made before the settings
        done = subprocess.run(["bash", "-c", prefix + as_here(command, names)], cwd=ROOT,
                              env=environment, capture_output=True, text=True, timeout=300,
                              check=False)
        assert done.returncode == 0, f"{command}\n{done.stdout}\n{done.stderr}"
        return done.stdout

    try:
        for block in blocks("sh"):
            if block.startswith("# /etc/due-regard.env"):
                settings.write_text(as_here(block, names), encoding="utf-8")
                settings.chmod(0o600)
                continue
            if "127.0.0.1:8000" in block and served is None:
                served = start_the_unit(names, load, environment, port)
            lines = [line for line in block.splitlines() if line and not line.startswith("#")]
            if all(CRON_LINE.match(line) and line[0] in "*0123456789" for line in lines):
                for line in lines:
                    run(CRON_LINE.match(line).group("command"))
                continue
            output = run(block)
            if "/metrics" in block:
                assert "# TYPE due_regard_http_requests_total counter" in output
                assert '{"database":"ok","status":"ok"}' in output.replace(" ", "")
        assert served is not None, "the guide's monitoring commands reach the service"
        reload_the_unit(served, port)
    finally:
        if served is not None:
            served.terminate()
            served.wait(timeout=30)
    invitations = [m for m in smtp.messages if m["To"] == "admin@example.org"]
    assert invitations, "create-user --invite sent its invitation through the guide's mail"
    assert list((tmp_path / "backups").iterdir()), "the scheduled backup wrote to BACKUP_DIR"


def start_the_unit(names, load: str, environment: dict, port: int) -> subprocess.Popen:
    """The unit's ExecStart, from its WorkingDirectory with its EnvironmentFile."""
    assert unit_setting("EnvironmentFile") == "/etc/due-regard.env"
    (Path(as_here("/run/due-regard", names)) / "metrics").mkdir(parents=True)  # systemd's
    served = subprocess.Popen(["bash", "-c", load + "exec " + as_here(
        unit_setting("ExecStart"), names)], cwd=as_here(unit_setting("WorkingDirectory"), names),
        env=environment)
    assert answers_health(f"http://127.0.0.1:{port}", served), "the service did not start"
    return served


def reload_the_unit(served: subprocess.Popen, port: int) -> None:
    """The unit's ExecReload, with $MAINPID the gunicorn master: it goes on serving."""
    assert unit_setting("ExecReload") == "/bin/kill -s HUP $MAINPID"
    served.send_signal(signal.SIGHUP)
    time.sleep(2)  # new workers start, the old ones finish
    assert answers_health(f"http://127.0.0.1:{port}", served), "the service stopped serving"


