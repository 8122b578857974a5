"""Load benchmark: Due Regard under gunicorn on loopback, against a bare Flask route.

Run from the project folder, after `make setup`:

    .venv/bin/python bench/load.py --scenario office --users 50 --workers 2 --threads 8 \\
        --seconds 30 --database sqlite
    .venv/bin/python bench/load.py --scenario burst --users 200 --database postgresql
    .venv/bin/python bench/load.py --scenario all --json /tmp/load.json

A throwaway database (a SQLite file in a temporary folder, or a throwaway PostgreSQL server) is
migrated and filled with the demo data and one account per simulated person. Due Regard and the
floor (`bench/floor_app.py`) are served by gunicorn with the same workers and threads. Each
scenario runs, in one go, the floor, then Due Regard, then the floor again, with closed-loop
simulated people for a fixed time or a fixed number of requests, whichever comes first, after
a warm-up that is not counted. The client is first run against a canned-answer server to show
how fast it can go on its own. See bench/README.md for what the figures mean.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import secrets
import shlex
import signal
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from pathlib import Path

import load_cast
import load_report
import load_servers
from load_cast import Cast, Person
from load_client import Browser, Meter, figures, figures_by_page, run_phase
from load_scenarios import SAVE_EVERY, read_form, simulate
from support import ROOT

from tests.support.ports import free_port

SCENARIOS = {
    "office": "office mix",
    "burst": "training burst",
    "layout": "the layout alone",
}
DEFAULT_USERS = {"office": 50, "burst": 200, "layout": 50}
# The layout alone is run by the office's people, each as a layout reader.
EVERYONE_AS = {"layout": "layout reader"}
# Settle between phases, so one phase's stragglers do not land in the next one's warm-up.
PAUSE = 1.0


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenario", choices=[*SCENARIOS, "all"], default="office")
    parser.add_argument("--users", type=int, help="simulated people: office workers, or "
                        "trainees in the burst (default: 50 office, 200 burst)")
    parser.add_argument("--facilitators", type=int, default=4,
                        help="facilitators reloading the cohort view in the burst (default 4)")
    parser.add_argument("--facilitator-pause", type=float, default=5, metavar="SECONDS",
                        help="seconds each facilitator waits between reloads of the cohort "
                        "view (default 5, the trainees' pace; 0 reloads as soon as it answers)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2)")
    parser.add_argument("--threads", type=int, default=8,
                        help="gunicorn threads per worker (default 8)")
    parser.add_argument("--seconds", type=float, default=30,
                        help="length of each timed phase (default 30)")
    parser.add_argument("--max-requests", type=int, default=25_000,
                        help="a timed phase also ends after this many requests (default 25000)")
    parser.add_argument("--warmup", type=float, default=5,
                        help="seconds of load before each phase's timing starts (default 5)")
    parser.add_argument("--timeout", type=float, default=30,
                        help="seconds before a request counts as timed out (default 30)")
    parser.add_argument("--client-check", type=float, default=5, metavar="SECONDS",
                        help="time the client against a canned-answer server for this long "
                        "before each scenario; 0 to skip (default 5)")
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--seed", type=int, default=1, help="seed of the people's choices")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the figures here")
    args = parser.parse_args()
    for name in ("workers", "threads", "facilitators", "max_requests"):
        if getattr(args, name) < (0 if name == "facilitators" else 1):
            parser.error(f"--{name.replace('_', '-')} is too small")
    if args.users is not None and args.users < 1:
        parser.error("--users must be at least 1")
    if args.json and not args.json.resolve().parent.is_dir():
        parser.error(f"--json: there is no folder {args.json.resolve().parent}")
    if args.seconds <= 0 or args.warmup < 0 or args.timeout <= 0 or args.facilitator_pause < 0:
        parser.error("--seconds and --timeout must be positive, --warmup and "
                     "--facilitator-pause not negative")
    return args


class Cleanup(ExitStack):
    """An ExitStack that a second Ctrl-C cannot cut short: a server left half-stopped would
    outlive the run."""

    def __exit__(self, *exc):
        held = {sig: signal.signal(sig, signal.SIG_IGN) for sig in (signal.SIGINT, signal.SIGTERM)}
        try:
            return super().__exit__(*exc)
        finally:
            for sig, handler in held.items():
                signal.signal(sig, handler)


def _interrupted(_signum, _frame):
    # SIGTERM ends the run like Ctrl-C does, so the servers are stopped on the way out.
    raise KeyboardInterrupt


def main() -> int:
    args = parse_arguments()
    signal.signal(signal.SIGTERM, _interrupted)
    scenarios = list(SCENARIOS) if args.scenario == "all" else [args.scenario]
    users = {name: args.users or DEFAULT_USERS[name] for name in scenarios}
    command = shlex.join([os.path.relpath(sys.executable), *sys.argv])
    report = {"command": command, "started": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
              "machine": machine(), "settings": settings(args), "scenarios": {}}
    load_report.header(report)
    # One key for the run: the setup and gunicorn must sign cookies alike.
    secret_key = secrets.token_hex(32)
    try:
        with tempfile.TemporaryDirectory(prefix="due-regard-load-") as temporary, \
                Cleanup() as stack:
            folder = Path(temporary)
            url, database_pid = database(args.database, folder, stack)
            started = time.perf_counter()
            office_users = max(users.get("office", 0), users.get("layout", 0))
            cast = load_cast.prepare(url, secret_key, office_users=office_users,
                                     burst_users=users.get("burst", 0),
                                     facilitators=args.facilitators)
            report["setup"] = {"prepare_seconds": round(time.perf_counter() - started, 1)}
            servers = start_servers(args, url, secret_key, folder, stack)
            print(f"signing {len(cast.everyone)} people in...", flush=True)
            started = time.perf_counter()
            browsers = sign_in(cast.everyone, servers["app"].port, args)
            report["setup"]["sign_in_seconds"] = round(time.perf_counter() - started, 1)
            report["setup"]["people"] = len(cast.everyone)
            load_report.setup(report)
            for name in scenarios:
                report["scenarios"][name] = run_scenario(
                    name, people_of(cast, name), browsers, servers, database_pid, args)
                load_report.scenario(name, report["scenarios"][name], log=servers["app"].log)
    except KeyboardInterrupt:
        print("\nInterrupted: servers stopped, nothing written.", file=sys.stderr)
        return 130
    except (load_servers.ServerFailed, SignInFailed) as error:
        print(f"\n{error}", file=sys.stderr)
        return 1
    report["machine"]["load_average_end"] = end = [round(x, 2) for x in os.getloadavg()]
    print(f"\nload average at the end: {load_report.loadavg(end)}")
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n")
        print(f"figures written to {args.json}")
    return 0


def machine() -> dict:
    return {"cpus": os.cpu_count(), "load_average_start": [round(x, 2) for x in os.getloadavg()],
            "python": platform.python_version(), "platform": platform.platform()}


def settings(args: argparse.Namespace) -> dict:
    return {"workers": args.workers, "threads": args.threads, "seconds": args.seconds,
            "warmup": args.warmup, "max_requests": args.max_requests, "timeout": args.timeout,
            "database": args.database, "seed": args.seed, "client_check": args.client_check,
            "facilitator_pause": args.facilitator_pause}


def database(kind: str, folder: Path, stack: ExitStack) -> tuple[str, int | None]:
    """The database URL, and the pid whose process tree is the database server (if any)."""
    if kind == "sqlite":
        return load_cast.sqlite_url(folder), None
    from tests.support.postgres import PostgresUnavailable, ThrowawayPostgres

    try:
        server = stack.enter_context(ThrowawayPostgres())
    except PostgresUnavailable as error:
        raise load_servers.ServerFailed(f"PostgreSQL: {error}") from None
    pid_file = server.data / "postmaster.pid"
    return server.url, int(pid_file.read_text().split()[0]) if pid_file.exists() else None


def start_servers(args: argparse.Namespace, url: str, secret_key: str, folder: Path,
                  stack: ExitStack) -> dict[str, load_servers.Server]:
    from eia.config import SETTINGS

    env = {key: value for key, value in os.environ.items()
           if key not in {setting.name for setting in SETTINGS}}
    # Development settings (production marks cookies Secure, which plain http would not send
    # back), with the key and database given so that nothing is read from or written to
    # instance/. Everything else keeps the application's defaults.
    env.update({"EIA_ENV": "development", "SECRET_KEY": secret_key, "DATABASE_URL": url})
    servers = {
        "floor": load_servers.gunicorn(
            "gunicorn (floor)", "floor_app:app", free_port(), args.workers, args.threads,
            folder / "floor.log", env=env, probe="/", pythonpath=str(ROOT / "bench")),
        "app": load_servers.gunicorn(
            "gunicorn (Due Regard)", "app:app", free_port(), args.workers, args.threads,
            folder / "app.log", env=env, probe="/healthz"),
    }
    if args.client_check > 0:
        servers["canned"] = load_servers.canned(free_port(), folder / "canned.log")
    for server in servers.values():
        stack.callback(server.stop)
        server.start()
    return servers


class SignInFailed(RuntimeError):
    pass


def sign_in(people: tuple[Person, ...], port: int, args: argparse.Namespace) -> dict:
    """Sign every simulated person in through the real form; their browsers, by email.

    Not timed. A few at a time (one per gunicorn worker): each sign-in checks an argon2 hash,
    which is meant to be slow and to use memory. Only failed sign-ins count towards the
    sign-in throttle, so these are never refused.
    """
    def one(person: Person) -> tuple[str, Browser]:
        browser = Browser(port, args.timeout)
        answer = browser.get("sign-in", "/sign-in")
        form = read_form(answer.body, "/sign-in") if answer else None
        if form is None:
            raise SignInFailed(f"{person.email}: the sign-in page did not show its form")
        fields = [(name, {"email": person.email, "password": load_cast.PASSWORD}.get(name, value))
                  for name, value in form[0]]
        answer = browser.post("sign-in", "/sign-in", fields)
        if answer is None or answer.location != "/":
            raise SignInFailed(f"{person.email} could not sign in")
        browser.close()
        return person.email, browser

    with ThreadPoolExecutor(max_workers=max(1, args.workers)) as pool:
        return dict(pool.map(one, people))


def people_of(cast: Cast, name: str) -> tuple[Person, ...]:
    return cast.burst if name == "burst" else cast.office


def run_scenario(name: str, people: tuple[Person, ...], browsers: dict[str, Browser],
                 servers: dict[str, load_servers.Server], database_pid: int | None,
                 args: argparse.Namespace) -> dict:
    kinds = {}
    for person in people:
        kind = EVERYONE_AS.get(name, person.kind)
        kinds[kind] = kinds.get(kind, 0) + 1
    result = {"people": kinds, "phases": {}}
    print(f"\n{SCENARIOS[name]}: "
          f"{', '.join(f'{n} {k}' + ('s' if n != 1 else '') for k, n in kinds.items())}"
          + (f", each trainee saving every {SAVE_EVERY:g} s, each facilitator reloading "
             + (f"every {args.facilitator_pause:g} s" if args.facilitator_pause
                else "without pause") if name == "burst" else ""))
    if "canned" in servers:
        result["client_check"] = client_check(len(people), servers["canned"].port, args)
        load_report.client_check(result["client_check"])
    for phase in ("floor_before", "due_regard", "floor_after"):
        time.sleep(PAUSE)
        floor = phase != "due_regard"
        server = servers["floor" if floor else "app"]
        if floor:
            phase_browsers = {p.email: Browser(server.port, args.timeout, floor=True)
                              for p in people}
        else:
            phase_browsers = {p.email: browsers[p.email] for p in people}
        simulated = simulate(people, phase_browsers, args.seed, args.facilitator_pause,
                             everyone_as=EVERYONE_AS.get(name))
        meters = [client_meter(), tree_meter("server_cpu_s", server.pid)]
        if database_pid is not None and not floor:
            meters.append(tree_meter("database_cpu_s", database_pid))
        load_average = [round(x, 2) for x in os.getloadavg()]
        load_report.phase_started(phase)
        window, used = run_phase([s.loop for s in simulated], list(phase_browsers.values()),
                                 warmup=args.warmup, seconds=args.seconds,
                                 budget=args.max_requests, timeout=args.timeout,
                                 meters=tuple(meters))
        figures_ = figures(window)
        figures_.update(cpu_figures(used, figures_, window.seconds))
        figures_["load_average_at_start"] = load_average
        if not floor:
            figures_["pages"] = figures_by_page(window.records)
        result["phases"][phase] = figures_
    floors = [result["phases"][p]["throughput"] for p in ("floor_before", "floor_after")]
    mean_floor = sum(floors) / 2
    result["ratio_to_floor"] = (round(result["phases"]["due_regard"]["throughput"] / mean_floor,
                                      3) if mean_floor else None)
    result["floor_drift"] = round((floors[1] - floors[0]) / floors[0], 3) if floors[0] else None
    result["cpu_ratio_to_floor"] = cpu_ratio(result["phases"])
    return result


def cpu_ratio(phases: dict) -> float | None:
    """The floor's CPU time per request over Due Regard's (gunicorn and, if any, PostgreSQL).

    When the server is what limits throughput, this is about what the throughput ratio would
    be on a machine doing nothing else, and it moves much less with other work than that does.
    """
    floor = [phases[p].get("server_cpu_ms_per_request") for p in ("floor_before", "floor_after")]
    due = phases["due_regard"]
    own = due.get("server_cpu_ms_per_request")
    if None in floor or not own:
        return None
    own += due.get("database_cpu_ms_per_request") or 0
    return round(sum(floor) / 2 / own, 3)


def client_check(people: int, port: int, args: argparse.Namespace) -> dict:
    """The same number of closed-loop browsers against a server that costs next to nothing."""
    browsers = [Browser(port, args.timeout, floor=True) for _ in range(people)]

    def loop_of(browser: Browser):
        def loop(stop):
            while not stop.is_set():
                browser.get("canned", "/")
        return loop

    window, used = run_phase([loop_of(b) for b in browsers], browsers,
                             warmup=min(args.warmup, 1.0), seconds=args.client_check,
                             budget=None, timeout=args.timeout, meters=(client_meter(),))
    result = figures(window)
    result.update(cpu_figures(used, result, window.seconds))
    return result


def client_meter() -> Meter:
    # CPU time of this whole process, every thread: the client (nothing else runs here then).
    return Meter("client_cpu_s", time.process_time, lambda before, after: after - before)


def tree_meter(name: str, pid: int | None) -> Meter:
    return Meter(name, lambda: load_servers.tree_cpu(pid), load_servers.cpu_between)


def cpu_figures(used: dict[str, float], result: dict, seconds: float) -> dict:
    """CPU used, as a share of one core and per good answer."""
    out = {}
    for name, cpu in used.items():
        stem = name.removesuffix("_cpu_s")
        out[f"{stem}_cpu_percent"] = round(100 * cpu / seconds, 1) if seconds else None
        out[f"{stem}_cpu_ms_per_request"] = (round(1000 * cpu / result["good"], 2)
                                             if result["good"] else None)
    return out


if __name__ == "__main__":
    sys.exit(main())
