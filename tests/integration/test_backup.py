"""`flask eia backup` and `flask eia restore-check`, on the database under test.

The application runs against a database of its own, committed as a server's would be. The
backup taken while the application keeps saving, its check, and the README's commands run in
processes of their own, as an operator runs them; the other cases run the commands in the
test's process. A PostgreSQL dump is checked by restoring it into a scratch database on the
test's server.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from eia.cli import eia_cli
from eia.domain import Role
from eia.extensions import db
from eia.services import accounts
from tests.conftest import DATABASE, make_test_app
from tests.factories import PASSWORD
from tests.support.migrated import migrated_database_url
from tests.support.served import with_bytecode_kept

pytestmark = pytest.mark.own_app

ROOT = Path(__file__).resolve().parents[2]
SUFFIX = {"sqlite": ".db", "postgresql": ".dump"}[DATABASE]
# Where restore-check is told the live database is: nothing listens there, so a check that
# touched the live database would fail.
UNREACHABLE_DATABASE = "postgresql+psycopg://nobody@127.0.0.1:9/nowhere"


@pytest.fixture
def live(new_database_url, postgres, smtp, tmp_path):
    """The application's database, with a few accounts saved in it."""
    app = make_test_app(migrated_database_url(new_database_url, postgres, smtp, "backup"), smtp,
                        BACKUP_DIR=str(tmp_path / "backups"))
    with app.app_context():
        for n in range(3):
            save_account(f"early{n}@example.org")
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def scratch(new_database_url):
    """An empty database to restore a PostgreSQL dump into; SQLite copies need none."""
    return new_database_url("scratch") if DATABASE == "postgresql" else None


def save_account(email: str) -> None:
    accounts.create_user(email=email, name="Saver", roles={Role.AUTHOR}, password=PASSWORD)


def flask(*args: str, database_url: str, **environment: str) -> subprocess.CompletedProcess:
    """`flask --app app eia ARGS` in a process of its own, as an operator runs it."""
    return subprocess.run(
        [sys.executable, "-m", "flask", "--app", "app", "eia", *args], cwd=ROOT,
        env=with_bytecode_kept({**os.environ, "DATABASE_URL": database_url,
                                "SECRET_KEY": "backup-tests", "EIA_ENV": "development",
                                **environment}),
        capture_output=True, text=True, timeout=300, check=False)


def restore_check(backup: Path, scratch: str | None) -> subprocess.CompletedProcess:
    """restore-check in a process of its own, told the live database is out of reach."""
    into = ["--into", scratch] if scratch else []
    return flask("restore-check", str(backup), *into, database_url=UNREACHABLE_DATABASE)


def invoke(app, *args: str):
    """The command run inside the test's process, for the cases that need no process."""
    with app.app_context():
        return app.test_cli_runner().invoke(eia_cli, list(args))


def check(app, backup: Path, scratch: str | None):
    return invoke(app, "restore-check", str(backup), *(["--into", scratch] if scratch else []))


def emails_in(backup: Path, scratch: str | None) -> list[str]:
    """The accounts a backup holds, oldest first: read from the SQLite copy itself, or from
    the scratch database restore-check restored a dump into."""
    engine = create_engine(scratch or f"sqlite:///file:{backup}?mode=ro&uri=true")
    try:
        with engine.connect() as connection:
            return list(connection.scalars(text("SELECT email FROM users ORDER BY id")))
    finally:
        engine.dispose()


def database_url(app) -> str:
    return app.config["SQLALCHEMY_DATABASE_URI"]


class SaveStream(threading.Thread):
    """One person after another creating an account, each a committed save with its audit row,
    until stopped. `acknowledged` lists the saves whose commit returned, in order."""

    def __init__(self, app):
        super().__init__(daemon=True)
        self.app = app
        self.attempted: list[str] = []
        self.acknowledged: list[str] = []
        self.failure: Exception | None = None
        self.stopping = threading.Event()

    def run(self) -> None:
        with self.app.app_context():
            while not self.stopping.is_set():
                email = f"saver{len(self.attempted)}@example.org"
                self.attempted.append(email)
                try:
                    save_account(email)
                except Exception as error:  # the test reports it
                    self.failure = error
                    return
                finally:
                    db.session.remove()
                self.acknowledged.append(email)
                time.sleep(0.01)  # a save every few milliseconds: busy, not a spin

    def wait_for(self, count: int) -> None:
        deadline = time.monotonic() + 60
        while len(self.acknowledged) < count and self.failure is None:
            assert time.monotonic() < deadline, "the saves stalled"
            time.sleep(0.01)
        assert self.failure is None, self.failure


def test_a_backup_taken_while_saves_stream_in_holds_every_acknowledged_one_and_checks_sound(
        live, scratch, tmp_path):
    saves = SaveStream(live)
    saves.start()
    try:
        saves.wait_for(20)
        acknowledged_before = list(saves.acknowledged)
        taken = flask("backup", "--to", str(tmp_path), database_url=database_url(live))
        saved_while_backing_up = len(saves.acknowledged) - len(acknowledged_before)
        saves.wait_for(len(saves.acknowledged) + 10)
    finally:
        saves.stopping.set()
        saves.join(timeout=60)
    assert saves.failure is None, saves.failure
    assert taken.returncode == 0, taken.stderr
    assert saved_while_backing_up > 0, "the application did not save while the backup ran"
    (backup,) = tmp_path.glob(f"due-regard-*{SUFFIX}")
    assert f"Backed up the {DATABASE} database to {backup}" in taken.stdout

    checked = restore_check(backup, scratch)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    lines = checked.stdout.splitlines()
    assert [line.split(":")[0] for line in lines if line.startswith("FAILED")] == []
    assert any(line.startswith("ok     audit chain:") for line in lines)
    assert any(line.startswith("ok     audit head: as the manifest records") for line in lines)
    assert lines[0].startswith(f"ok     manifest: a {DATABASE} backup taken ")
    assert lines[-1] == f"The backup {backup} is sound."

    held = [email for email in emails_in(backup, scratch) if email.startswith("saver")]
    # One moment's snapshot: every save acknowledged before the backup began, and then the
    # saves that followed in order up to some point, never one without those before it.
    assert held == saves.attempted[:len(held)]
    assert len(held) >= len(acknowledged_before)
    assert len(held) < len(saves.acknowledged)  # the application saved on after the copy
    manifest = json.loads(backup.with_name(backup.name + ".json").read_text())
    assert manifest["database"] == DATABASE
    assert manifest["contents"]["alembic_revision"] is not None
    # Each account is one audit row (the early ones too), and the manifest counts those.
    assert manifest["contents"]["audit"]["rows"] == 3 + len(held)


def test_a_backup_is_named_by_the_time_in_the_backup_folder_and_readable_by_its_owner_only(
        live, tmp_path):
    result = invoke(live, "backup")
    assert result.exit_code == 0, result.output
    (backup,) = (tmp_path / "backups").glob(f"due-regard-*{SUFFIX}")
    taken_at = json.loads(backup.with_name(backup.name + ".json").read_text())["taken_at"]
    assert backup.name == f"due-regard-{datetime.fromisoformat(taken_at):%Y%m%dT%H%M%SZ}{SUFFIX}"
    assert taken_at.endswith("+00:00")
    assert backup.stat().st_mode & 0o777 == 0o600
    assert sorted(p.name for p in backup.parent.iterdir()) == [backup.name,
                                                               backup.name + ".json"]


def change_backup(backup: Path, workspace: str | None, statement: str, **values) -> None:
    """What someone with the backup in hand could do, going around the database's guards (the
    audit log's triggers, foreign keys). A SQLite copy is changed in place; a dump is restored
    into the `workspace` database, changed there and dumped again over the backup."""
    if workspace is None:
        engine = create_engine(f"sqlite:///{backup}")  # foreign keys are off unless asked for
        with engine.begin() as connection:
            connection.execute(text("DROP TRIGGER audit_events_no_update"))
            connection.execute(text(statement), values)
        engine.dispose()
        return
    url = workspace.replace("postgresql+psycopg://", "postgresql://")
    subprocess.run([shutil.which("pg_restore"), "--no-owner", f"--dbname={url}", str(backup)],
                   check=True, capture_output=True)
    engine = create_engine(workspace)
    with engine.begin() as connection:
        # As a replica does: no triggers, so neither the audit log's guards nor foreign keys.
        connection.execute(text("SET session_replication_role = replica"))
        connection.execute(text(statement), values)
    engine.dispose()
    subprocess.run([shutil.which("pg_dump"), "--format=custom", f"--file={backup}",
                    f"--dbname={url}"], check=True, capture_output=True)


def test_a_backup_whose_audit_row_was_changed_fails_its_check_naming_the_row(
        live, scratch, new_database_url, tmp_path):
    backup = tmp_path / f"nightly{SUFFIX}"
    assert invoke(live, "backup", "--to", str(backup)).exit_code == 0
    with live.app_context():
        second_row = db.session.scalar(text("SELECT id FROM audit_events ORDER BY id "
                                            "LIMIT 1 OFFSET 1"))
    workspace = new_database_url("tamper") if scratch else None
    change_backup(backup, workspace, "UPDATE audit_events SET details = '{}' WHERE id = :id",
                  id=second_row)

    checked = check(live, backup, scratch)
    assert checked.exit_code == 1
    assert (f"FAILED audit chain: broken at row {second_row}: its content does not match its "
            "hash") in checked.output
    assert "FAILED file: the file is" in checked.output
    assert "it was truncated or changed after the backup" in checked.output
    assert f"The backup {backup} is NOT sound (file, audit chain)" in checked.output


def test_a_backup_with_a_row_whose_parent_was_removed_fails_its_check(
        live, scratch, new_database_url, tmp_path):
    backup = tmp_path / f"nightly{SUFFIX}"
    assert invoke(live, "backup", "--to", str(backup)).exit_code == 0
    workspace = new_database_url("orphan") if scratch else None
    change_backup(backup, workspace, "DELETE FROM users WHERE email = :email",
                  email="early1@example.org")  # its roles stay behind

    checked = check(live, backup, scratch)
    assert checked.exit_code == 1
    found = {"sqlite": "FAILED foreign keys: 1 row points at a row that is not there: "
                       "user_roles row",
             "postgresql": 'FAILED restore: pg_restore failed: pg_restore: error: could not '
                           'execute query: ERROR:  insert or update on table "user_roles" '
                           'violates foreign key constraint'}
    assert found[DATABASE] in checked.output


def test_a_truncated_backup_fails_its_check(live, scratch, tmp_path):
    backup = tmp_path / f"nightly{SUFFIX}"
    assert invoke(live, "backup", "--to", str(backup)).exit_code == 0
    whole = backup.read_bytes()
    backup.write_bytes(whole[:len(whole) // 2])

    checked = check(live, backup, scratch)
    assert checked.exit_code == 1
    assert (f"FAILED file: the file is {len(whole) // 2:,} bytes") in checked.output
    unreadable = {"sqlite": "FAILED readable: the copy cannot be read as a SQLite database",
                  "postgresql": "FAILED restore: pg_restore failed"}[DATABASE]
    assert unreadable in checked.output
    assert "is NOT sound" in checked.output


def test_a_manifest_that_disagrees_with_its_backup_fails_the_check(live, scratch, tmp_path):
    backup = tmp_path / f"nightly{SUFFIX}"
    assert invoke(live, "backup", "--to", str(backup)).exit_code == 0
    manifest_file = backup.with_name(backup.name + ".json")
    manifest = json.loads(manifest_file.read_text())
    manifest["contents"]["audit"]["rows"] += 1  # a row the copy does not hold
    manifest_file.write_text(json.dumps(manifest))

    checked = check(live, backup, scratch)
    assert checked.exit_code == 1
    assert "ok     file:" in checked.output  # the file itself is untouched
    assert "ok     audit chain:" in checked.output
    rows = manifest["contents"]["audit"]["rows"]
    assert (f"FAILED audit head: the manifest records migration "
            f"{manifest['contents']['alembic_revision']}, {rows} audit rows") in checked.output
    assert f"the copy holds migration {manifest['contents']['alembic_revision']}, " \
           f"{rows - 1} audit rows" in checked.output


def test_a_backup_without_its_manifest_is_not_vouched_for(live, scratch, tmp_path):
    backup = tmp_path / f"nightly{SUFFIX}"
    assert invoke(live, "backup", "--to", str(backup)).exit_code == 0
    backup.with_name(backup.name + ".json").unlink()

    result = check(live, backup, scratch)
    assert result.exit_code == 1
    assert f"FAILED manifest: there is no manifest beside the backup ({backup}.json)" \
        in result.output
    assert "ok     audit chain:" in result.output  # what can be checked still is


def test_backup_never_overwrites_and_says_why_it_cannot_write(live, tmp_path):
    backup = tmp_path / f"nightly{SUFFIX}"
    assert invoke(live, "backup", "--to", str(backup)).exit_code == 0
    before = backup.read_bytes()

    again = invoke(live, "backup", "--to", str(backup))
    assert again.exit_code == 1
    assert f"{backup} already exists; a backup never overwrites a file" in again.output
    assert backup.read_bytes() == before

    cut_short = tmp_path / f".other{SUFFIX}.partial"
    cut_short.write_text("half a backup")
    other = invoke(live, "backup", "--to", str(tmp_path / f"other{SUFFIX}"))
    assert other.exit_code == 1
    assert f"{cut_short} exists: another backup to {tmp_path / f'other{SUFFIX}'} is under " \
        "way, or one was cut short (then remove it)." in other.output
    assert cut_short.read_text() == "half a backup"
    cut_short.unlink()

    (tmp_path / "a-file").write_text("not a folder")
    nowhere = invoke(live, "backup", "--to", str(tmp_path / "a-file" / f"x{SUFFIX}"))
    assert nowhere.exit_code == 1
    assert (f"Cannot write the backup at {tmp_path / 'a-file' / f'x{SUFFIX}'}: "
            f"{tmp_path / 'a-file'} is a file, not a folder.") in nowhere.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file", backup.name,
                                                          backup.name + ".json"]


def test_restore_check_of_a_missing_file_says_so(live, tmp_path):
    result = invoke(live, "restore-check", str(tmp_path / "nothing.db"))
    assert result.exit_code == 1
    assert f"There is no backup file at {tmp_path / 'nothing.db'}" in result.output


@pytest.mark.postgresql
def test_postgresql_backups_say_what_they_need(live, tmp_path):
    backup = tmp_path / "nightly.dump"
    no_tools = flask("backup", "--to", str(backup), database_url=database_url(live),
                     PATH=str(Path(sys.executable).parent))
    assert no_tools.returncode == 1
    assert "pg_dump was not found on PATH" in no_tools.stderr
    assert not backup.exists() and list(tmp_path.iterdir()) == []

    assert invoke(live, "backup", "--to", str(backup)).exit_code == 0
    without_scratch = invoke(live, "restore-check", str(backup))
    assert without_scratch.exit_code == 1
    assert "give --into URL, an empty scratch database" in without_scratch.output
    into_live = invoke(live, "restore-check", str(backup), "--into", database_url(live))
    assert into_live.exit_code == 1
    assert "--into names the live database" in into_live.output
    missing = database_url(live).rsplit("/", 1)[0] + "/no_such_database"
    into_nothing = invoke(live, "restore-check", str(backup), "--into", missing)
    assert into_nothing.exit_code == 1
    assert "Cannot open the scratch database no_such_database" in into_nothing.output
    into_sqlite = invoke(live, "restore-check", str(backup), "--into", "sqlite:///x.db")
    assert into_sqlite.exit_code == 1
    assert "--into needs a PostgreSQL database URL, not sqlite://" in into_sqlite.output


def readme_commands() -> list[str]:
    """Every line of the code blocks in the README's "Backups and restore" section; a crontab
    line stands for its command."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Backups and restore\n", 1)[1].split("\n## ", 1)[0]
    lines = [line for block in re.findall(r"```\w*\n(.*?)```", section, re.DOTALL)
             for line in block.splitlines() if line.strip()]
    return [line.split(None, 5)[5] if line[0].isdigit() else line for line in lines]


def database_of(command: str) -> str | None:
    """The database a README command is for; None for both."""
    if "--into" in command or command.startswith("createdb"):
        return "postgresql"
    if "restore-check" in command or "instance/due-regard.db" in command:
        return "sqlite"
    return None


def test_the_readme_backup_and_restore_commands_work_as_written(smtp, postgres, new_database_url,
                                                                tmp_path):
    """Each command of the README's section, run by the shell with the README's folders
    standing for this test's: /srv/backups, and the application's data in a folder whose
    instance/ holds the live SQLite database (the code is this checkout, /srv/due-regard)."""
    folder, backups = tmp_path / "app", tmp_path / "srv-backups"
    (folder / "instance").mkdir(parents=True)
    backups.mkdir()
    url = migrated_database_url(new_database_url, postgres, smtp, "readme",
                                sqlite_file=folder / "instance" / "due-regard.db")
    app = make_test_app(url, smtp)
    with app.app_context():
        save_account("before@example.org")
    environment = with_bytecode_kept({**os.environ, "DATABASE_URL": url,
                                      "SECRET_KEY": "backup-tests", "EIA_ENV": "development",
                                      "BACKUP_DIR": str(tmp_path / "nightly")})
    if postgres:
        environment |= {"PGHOST": "127.0.0.1", "PGPORT": str(postgres.port),
                        "PGUSER": "postgres"}
    commands = [c for c in readme_commands() if database_of(c) in (None, DATABASE)]
    for command in commands:
        shell = command.replace("/srv/due-regard", str(ROOT)).replace("/srv/backups",
                                                                      str(backups))
        ran = subprocess.run(["bash", "-c", shell], env=environment, capture_output=True,
                             text=True, timeout=300, check=False,
                             cwd=ROOT if ".venv/bin/flask" in command else folder)
        assert ran.returncode == 0, (command, ran.stdout, ran.stderr)
        if "--to" in command:  # saved after the named backup, then the application stops
            with app.app_context():
                save_account("after@example.org")
                db.engine.dispose()

    assert any(c.endswith("backup --to /srv/backups/before-release") for c in commands)
    assert any("restore-check /srv/backups/before-release" in c for c in commands)
    assert len(list((tmp_path / "nightly").glob(f"due-regard-*{SUFFIX}"))) == 2
    restored = (create_engine(url) if not postgres
                else create_engine(postgres.url_for("due_regard_restored")))
    with restored.connect() as connection:
        emails = set(connection.scalars(text("SELECT email FROM users")))
    restored.dispose()
    assert "before@example.org" in emails and "after@example.org" not in emails
    verified = flask("verify-audit", database_url=restored.url.render_as_string(False))
    assert verified.returncode == 0 and "Audit log intact" in verified.stdout
