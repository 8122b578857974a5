"""How the load benchmark prints what it found; `load.py` also writes the same figures as JSON.

Kept apart from the measuring so that changing a table never touches how anything is timed.
"""

from __future__ import annotations

import sys
from pathlib import Path

from load_servers import log_tail

PHASES = {"floor_before": "floor (before)", "due_regard": "Due Regard",
          "floor_after": "floor (after)"}
# The aims set for later work, at 50 office workers and 200 trainees.
OFFICE_AIM = {"ratio": 0.25, "p95_ms": 100}
BURST_AIM = {"errors": 0, "p95_ms": 150}


def loadavg(values: list[float]) -> str:
    return " ".join(f"{v:.2f}" for v in values)


def header(report: dict) -> None:
    machine, settings = report["machine"], report["settings"]
    print(report["command"])
    print(f"{machine['cpus']} CPUs, load average {loadavg(machine['load_average_start'])} "
          f"(1, 5, 15 min), Python {machine['python']}")
    print(f"gunicorn {settings['workers']} workers x {settings['threads']} threads, "
          f"{settings['database']}; each phase: {settings['warmup']:g} s warm-up, then "
          f"{settings['seconds']:g} s or {settings['max_requests']} requests")
    sys.stdout.flush()


def setup(report: dict) -> None:
    setup = report["setup"]
    print(f"database prepared in {setup['prepare_seconds']} s; {setup['people']} people signed "
          f"in through the form in {setup['sign_in_seconds']} s (neither is timed below)")


def phase_started(phase: str) -> None:
    """Say on a terminal what is running; the line is cleared when the table is printed."""
    if sys.stderr.isatty():
        print(f"\r  running {PHASES[phase]}...   ", end="", file=sys.stderr, flush=True)


def _clear_progress() -> None:
    if sys.stderr.isatty():
        print("\r" + " " * 40 + "\r", end="", file=sys.stderr, flush=True)


def client_check(result: dict) -> None:
    _clear_progress()
    print(f"  client alone (canned answers): {result['throughput']:.0f} req/s, p95 "
          f"{_n(result['p95_ms'])} ms, client CPU {_n(result.get('client_cpu_percent'))}% of "
          "one core")


COLUMNS = (("requests", "requests", 9), ("errors", "errors", 7), ("throughput", "req/s", 8),
           ("p50_ms", "p50 ms", 8), ("p95_ms", "p95 ms", 8), ("p99_ms", "p99 ms", 8),
           ("server_cpu_ms_per_request", "server CPU ms/req", 18),
           ("client_cpu_percent", "client CPU %", 13))


def scenario(name: str, result: dict, *, log: Path) -> None:
    phases = result["phases"]
    _clear_progress()
    print(f"  {'phase':16}" + "".join(f"{label:>{width}}" for _, label, width in COLUMNS))
    for phase, label in PHASES.items():
        row = phases[phase]
        print(f"  {label:16}" + "".join(f"{_n(row.get(key)):>{width}}"
                                       for key, _, width in COLUMNS))
    due = phases["due_regard"]
    floors = [phases[p]["throughput"] for p in ("floor_before", "floor_after")]
    drift = result["floor_drift"]
    ratio = result["ratio_to_floor"]
    shown = "-" if ratio is None else f"{ratio:.3f}"
    print(f"  Due Regard / floor: {shown} by throughput (floor {floors[0]:.1f} then "
          f"{floors[1]:.1f} req/s" + (f", drift {drift:+.0%}" if drift is not None else "")
          + ")")
    if result["cpu_ratio_to_floor"] is not None:
        print(f"  {'':20}{result['cpu_ratio_to_floor']:.3f} by server CPU time per request"
              + (" (gunicorn and PostgreSQL)" if "database_cpu_ms_per_request" in due else ""))
    if "database_cpu_ms_per_request" in due:
        print(f"  PostgreSQL CPU: {_n(due['database_cpu_ms_per_request'])} ms per request, "
              f"{_n(due['database_cpu_percent'])}% of one core")
    for phase, label in PHASES.items():
        kinds = phases[phase]["errors_by_kind"]
        if kinds:
            print(f"  errors, {label}: " + ", ".join(f"{k} x{n}" for k, n in kinds.items()))
    if due["unfinished"]:
        print(f"  Due Regard, still waiting when the window closed: {due['unfinished']} "
              f"(the oldest for {_n(due['unfinished_oldest_ms'])} ms)")
    print(f"  Due Regard by page:{'requests':>27}{'errors':>8}{'p50 ms':>9}{'p95 ms':>9}")
    for page, row in sorted(due["pages"].items()):
        print(f"    {page:40}{row['requests']:>6}{row['errors']:>8}{_n(row['p50_ms']):>9}"
              f"{_n(row['p95_ms']):>9}")
    _aims(name, result)
    if any(kind.startswith("HTTP 5") for kind in due["errors_by_kind"]):
        print(f"  server errors: the end of Due Regard's log follows\n{log_tail(log, 20)}")
    sys.stdout.flush()


def _aims(name: str, result: dict) -> None:
    due = result["phases"]["due_regard"]
    p95 = due["p95_ms"]
    if name == "layout":
        print("  (no aim of its own: every page a signed-in person sees draws this layout, so "
              "none can go faster; the office mix's aim is at least "
              f"{OFFICE_AIM['ratio']} of the floor and p95 under {OFFICE_AIM['p95_ms']} ms)")
        return
    if name == "office":
        ratio = result["ratio_to_floor"]
        met = ratio is not None and ratio >= OFFICE_AIM["ratio"] and p95 is not None \
            and p95 < OFFICE_AIM["p95_ms"]
        aim = f"at least {OFFICE_AIM['ratio']} of the floor and p95 under " \
              f"{OFFICE_AIM['p95_ms']} ms, at 50 people"
    else:
        met = due["errors"] == BURST_AIM["errors"] and p95 is not None \
            and p95 < BURST_AIM["p95_ms"]
        aim = f"no errors and p95 under {BURST_AIM['p95_ms']} ms, at 200 trainees"
    print(f"  aim ({aim}): {'met' if met else 'not met'}")


def _n(value) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.1f}" if value < 1000 else f"{value:.0f}"
    return str(value)
