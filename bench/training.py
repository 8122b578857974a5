"""Training benchmark: a room of trainees booking one session within the same minute, then
saving their practice attempts every five seconds, against gunicorn on loopback.

Run from the project folder, after `make setup`:

    .venv/bin/python bench/training.py --trainees 200 --capacity 150 --database sqlite
    .venv/bin/python bench/training.py --database postgresql --json /tmp/training.json

A throwaway database (SQLite in a temporary folder, or a throwaway PostgreSQL server) gets the
demo data, one account per trainee with a practice attempt started, a few facilitators, and
one announced session with fewer places than trainees. Every trainee signs in through the form
(not timed). Then:

1. the booking minute: each trainee, at a random moment within `--booking-seconds`, opens the
   session's page and books through its form. Afterwards the database is read: exactly
   `--capacity` places are taken, everyone else is on the waiting list, nobody twice.
2. the practice burst: each trainee saves a page of their attempt every 5 seconds (the save,
   then the page again), while the facilitators keep reloading the scenario's cohort view,
   for `--practice-seconds` after a warm-up.

It prints requests, errors, and the median, p95 and p99 latency of each phase and page, and can
write them as JSON. See bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import secrets
import shlex
import sys
import tempfile
import threading
import time
from pathlib import Path

import load_cast
import load_servers
from load import Cleanup, SignInFailed, database, machine, sign_in
from load_client import Browser, figures, figures_by_page, run_phase
from load_scenarios import read_form, simulate
from support import ROOT

from tests.support.ports import free_port

SESSION_TITLE = "EIA essentials: the benchmark's session"


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trainees", type=int, default=200)
    parser.add_argument("--capacity", type=int, default=150,
                        help="places on the session; the rest join its waiting list")
    parser.add_argument("--facilitators", type=int, default=4,
                        help="facilitators reloading the cohort view in the burst (default 4)")
    parser.add_argument("--booking-seconds", type=float, default=60,
                        help="the trainees book at random moments within this many seconds")
    parser.add_argument("--practice-seconds", type=float, default=60,
                        help="timed length of the practice burst (default 60)")
    parser.add_argument("--warmup", type=float, default=5,
                        help="seconds of the burst before its timing starts (default 5)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2)")
    parser.add_argument("--threads", type=int, default=8,
                        help="gunicorn threads per worker (default 8)")
    parser.add_argument("--timeout", type=float, default=30)
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the figures here")
    args = parser.parse_args()
    if not 1 <= args.capacity <= args.trainees:
        parser.error("--capacity must be from 1 to --trainees")
    if min(args.workers, args.threads, args.trainees) < 1 or args.facilitators < 0:
        parser.error("--workers, --threads and --trainees must be at least 1")
    return args


def open_session(url: str, capacity: int) -> int:
    """One announced delegate session of a new programme, run by two benchmark facilitators;
    its id. Announced without telling everyone: the benchmark measures booking, not mail."""
    from datetime import timedelta

    from eia import create_app
    from eia.extensions import db
    from eia.models.types import utcnow
    from eia.services import accounts
    from eia.services.training import programmes, sessions

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "LOG_LEVEL": "WARNING"})
    with app.app_context():
        pair = [accounts.get_user_by_email(f"facilitator-{n:03d}@example.org") for n in (1, 2)]
        programme = programmes.create_programme(pair[0], name="Benchmark programme",
                                                target_delegates=capacity, lead=pair[0])
        session = sessions.schedule_session(pair[0], programme, sessions.SessionDetails(
            title=SESSION_TITLE, starts_at=utcnow() + timedelta(days=7), duration_minutes=120,
            capacity=capacity, facilitators=pair, place="Training Room 1"))
        sessions.announce_session(pair[0], session, quietly=True)
        session_id = session.id
        db.session.remove()
        db.engine.dispose()
    return session_id


def booking_minute(trainees, browsers: dict[str, Browser], session_id: int,
                   args: argparse.Namespace):
    """Each trainee opens the session's page and books once, at a random moment."""
    path = f"/training/sessions/{session_id}"
    rng = random.Random(args.seed)
    moments = {person.email: rng.uniform(0, args.booking_seconds) for person in trainees}

    def loop_of(person):
        browser = browsers[person.email]

        def loop(stop: threading.Event) -> None:
            if stop.wait(moments[person.email]):
                return
            # The booking form posts back to the session's page.
            answer = browser.get("session page", path, contains=f'action="{path}"')
            form = read_form(answer.body, path) if answer else None
            if form is not None:
                browser.post("book", path, form[0])
            stop.wait()
        return loop

    window, _ = run_phase([loop_of(p) for p in trainees], [browsers[p.email] for p in trainees],
                          warmup=0, seconds=args.booking_seconds + args.timeout / 3,
                          budget=None, timeout=args.timeout)
    return window


def places_after_booking(url: str, session_id: int) -> dict:
    """What the database holds once everyone has booked."""
    from sqlalchemy import func, select

    from eia import create_app
    from eia.extensions import db
    from eia.models.programme import Booking, TrainingSession

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "LOG_LEVEL": "WARNING"})
    with app.app_context():
        session = db.session.get(TrainingSession, session_id)
        counts = dict(db.session.execute(
            select(Booking.status, func.count()).where(Booking.session_id == session_id)
            .group_by(Booking.status)).all())
        people = db.session.scalar(select(func.count(func.distinct(Booking.person_id)))
                                   .where(Booking.session_id == session_id))
        result = {"capacity": session.capacity, "places_taken": session.booked_count,
                  "booked": counts.get("booked", 0), "waitlisted": counts.get("waitlisted", 0),
                  "people": people}
        db.session.remove()
        db.engine.dispose()
    return result


def show(name: str, result: dict) -> None:
    print(f"\n{name}: {result['requests']} requests, {result['errors']} errors"
          + (f" {result['errors_by_kind']}" if result["errors"] else "")
          + f"; p50 {result['p50_ms']} ms, p95 {result['p95_ms']} ms, p99 {result['p99_ms']} ms")
    for page, row in result["pages"].items():
        print(f"  {page:<22} {row['requests']:>6} requests {row['errors']:>4} errors"
              f"   p50 {row['p50_ms']} ms   p95 {row['p95_ms']} ms")


def main() -> int:
    args = parse_arguments()
    command = shlex.join([os.path.relpath(sys.executable), *sys.argv])
    report = {"command": command, "machine": machine(), "settings": vars(args) | {
        "json": str(args.json) if args.json else None}}
    print(command)
    secret_key = secrets.token_hex(32)
    with tempfile.TemporaryDirectory(prefix="due-regard-training-") as temporary, \
            Cleanup() as stack:
        folder = Path(temporary)
        url, _pid = database(args.database, folder, stack)
        cast = load_cast.prepare(url, secret_key, office_users=0, burst_users=args.trainees,
                                 facilitators=max(2, args.facilitators))
        session_id = open_session(url, args.capacity)
        from eia.config import SETTINGS

        # As bench/load.py serves it: development settings, this run's key and database.
        env = {key: value for key, value in os.environ.items()
               if key not in {setting.name for setting in SETTINGS}}
        env.update({"EIA_ENV": "development", "SECRET_KEY": secret_key, "DATABASE_URL": url})
        server = load_servers.gunicorn("gunicorn (Due Regard)", "app:app", free_port(),
                                       args.workers, args.threads, folder / "app.log", env=env,
                                       probe="/healthz")
        stack.callback(server.stop)
        server.start()
        print(f"signing {len(cast.burst)} people in...", flush=True)
        try:
            browsers = sign_in(cast.burst, server.port, args)
        except SignInFailed as error:
            print(error, file=sys.stderr)
            return 1
        trainees = [p for p in cast.burst if p.kind == "trainee"]

        window = booking_minute(trainees, browsers, session_id, args)
        booking = figures(window) | {"pages": figures_by_page(window.records)}
        booking["database"] = places_after_booking(url, session_id)
        show(f"booking minute ({len(trainees)} trainees within {args.booking_seconds:g} s)",
             booking)
        print(f"  places: {booking['database']}")

        time.sleep(1)
        simulated = simulate(cast.burst, browsers, args.seed)
        window, _ = run_phase([s.loop for s in simulated], list(browsers.values()),
                              warmup=args.warmup, seconds=args.practice_seconds, budget=None,
                              timeout=args.timeout)
        practice = figures(window) | {"pages": figures_by_page(window.records)}
        show(f"practice burst ({len(trainees)} trainees saving every 5 s, "
             f"{len(cast.burst) - len(trainees)} facilitators)", practice)
        report["phases"] = {"booking": booking, "practice": practice}
    report["machine"]["load_average_end"] = [round(x, 2) for x in os.getloadavg()]
    print(f"\nload average at the end: {report['machine']['load_average_end']}")
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "bench"))
    sys.exit(main())
