"""Time the pages authors and reviewers wait on most, for the complete demo assessment, and
the cohort view a facilitator keeps open while a room practises.

Run from the project folder:

    .venv/bin/python bench/pages.py [--runs 50] [--trainees 200]

A throwaway SQLite database is made in a temporary folder and the demo data loaded. The demo
author signs in through the real form, then each page is fetched once to warm up and `--runs`
times through the test client: the whole request (routing, permission checks, queries,
templates) without a network in between; then the accessibility statement, a static page in
the shared layout, signed in and signed out. Then, in a second database made as `bench/load.py`
makes the training burst's, `--trainees` trainees start the practice scenario and a
facilitator reads its cohort view, timed the same way.

Last, `--new-processes` (5) new processes each sign in and draw each page once, the first time
that process draws it, as after a deploy or a worker's restart: once with an empty cache of
compiled templates each time, and once with the cache made (`instance/cache/templates` for the
server).
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from support import make_app, summary

PAGES = (
    ("home (your assessments)", "main.home", {}),
    ("task list", "assessments.view_task_list", {}),
    ("question page", "assessments.edit_page",
     {"section_id": "aims_and_scope", "page_id": "purpose"}),
    ("impacts list", "assessments.list_impacts", {"section_id": "impact_by_group"}),
    ("check your answers (all checks run)", "assessments.check_answers", {}),
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--trainees", type=int, default=200)
    parser.add_argument("--new-processes", type=int, default=5)
    arguments = parser.parse_args()
    runs = arguments.runs
    with tempfile.TemporaryDirectory() as folder:
        app = make_app(Path(folder))
        with app.app_context():
            from eia import demo, queries
            from eia.demo import physiotherapy
            from eia.extensions import db
            from eia.models.assessments import AssessmentVersion
            from eia.services.accounts import get_user_by_email

            for _line in demo.load_demo_data():
                pass
            version_id = queries.find_assessment_by_title(
                physiotherapy.TITLE, get_user_by_email("author@example.org").id)
            reference = db.session.get(AssessmentVersion, version_id).reference
        client = signed_in(app, "author@example.org", demo.DEMO_PASSWORD)
        print(f"{runs} requests per page, complete demo assessment {reference}")
        urls = {}
        for label, endpoint, values in PAGES:
            with app.test_request_context():
                from flask import url_for

                urls[label] = url_for(endpoint, reference=reference, **values) \
                    if endpoint != "main.home" else url_for(endpoint)
            print(f"{label:38} {timed(client, urls[label], runs)}")
        time_layout(app, client, runs)
        if arguments.new_processes:
            time_first_pages(Path(folder), urls, arguments.new_processes)
    if arguments.trainees:
        time_cohort(runs, arguments.trainees)


def time_layout(app, client, runs: int) -> None:
    """The static page that is the shared layout and little else (`bench/load.py`'s layout
    alone), for the signed-in author and for someone signed out: what any page costs."""
    from load_scenarios import LAYOUT_PAGE

    print(f"{'the layout alone, signed in':38} {timed(client, LAYOUT_PAGE, runs)}")
    print(f"{'the layout alone, signed out':38} {timed(app.test_client(), LAYOUT_PAGE, runs)}")


def time_cohort(runs: int, trainees: int) -> None:
    """The cohort view of the practice scenario, with `trainees` attempts just started."""
    import load_cast
    from load_scenarios import COHORT_VIEW

    with tempfile.TemporaryDirectory() as folder:
        url = load_cast.sqlite_url(Path(folder))
        cast = load_cast.prepare(url, os.environ.get("SECRET_KEY") or secrets.token_hex(32),
                                 office_users=0, burst_users=trainees, facilitators=1)
        [facilitator] = [person for person in cast.burst if person.kind == "facilitator"]
        client = signed_in(make_app(Path(folder), url), facilitator.email, load_cast.PASSWORD)
        print(f"{f'cohort view, {trainees} attempts':38} {timed(client, COHORT_VIEW, runs)}")


FIRST_PAGES = """
import json, os, sys, time
from pathlib import Path
sys.path.insert(0, "bench")
folder, cache, urls = Path(sys.argv[1]), Path(sys.argv[2]), json.loads(sys.argv[3])
os.environ.update(DATABASE_URL=f"sqlite:///{folder / 'bench.db'}", LOG_LEVEL="WARNING")
import app as entry_point  # started as a server process starts
from pages import signed_in
from eia import demo
from eia.template_cache import CompiledTemplates
app = entry_point.app
app.jinja_env.bytecode_cache = CompiledTemplates(cache)  # the folder timed, not instance/
started = time.process_time()
client = signed_in(app, "author@example.org", demo.DEMO_PASSWORD)
times = {"signing in (the first request)": time.process_time() - started}
for label, url in urls.items():
    started = time.process_time()
    assert client.get(url).status_code == 200
    times[label] = time.process_time() - started
print(json.dumps(times))
"""


def first_pages(folder: Path, cache: Path, urls: dict[str, str]) -> dict[str, float]:
    """Processor seconds of each page's first drawing in a new server process (started from
    the entry point, `app.py`) using `cache`."""
    result = subprocess.run(  # noqa: S603  (our own fixed command line)
        [sys.executable, "-c", FIRST_PAGES, str(folder), str(cache), json.dumps(urls)],
        check=True, capture_output=True, text=True, cwd=Path(__file__).parent.parent)
    return json.loads(result.stdout.splitlines()[-1])


def time_first_pages(folder: Path, urls: dict[str, str], processes: int) -> None:
    """Each page drawn first in `processes` new processes: with an empty cache of compiled
    templates each time, then with the cache made."""
    cold = [first_pages(folder, folder / f"cold-{n}", urls) for n in range(processes)]
    warm_cache = folder / "warm"
    first_pages(folder, warm_cache, urls)  # makes the cache
    warm = [first_pages(folder, warm_cache, urls) for _ in range(processes)]
    print(f"First drawing of each page in a new process, median processor time of {processes}:")
    print(f"{'':38} {'templates compiled':>20} {'compiled templates read':>25}")
    for label in cold[0]:
        print(f"{label:38} {statistics.median(r[label] for r in cold) * 1000:17.1f} ms"
              f" {statistics.median(r[label] for r in warm) * 1000:22.1f} ms")


def signed_in(app, email: str, password: str):
    """A test client of `app` signed in through the sign-in form (its CSRF check off)."""
    app.config["WTF_CSRF_ENABLED"] = False
    client = app.test_client()
    response = client.post("/sign-in", data={"email": email, "password": password})
    assert response.status_code == 302, f"{email} could not sign in"
    return client


def timed(client, url: str, runs: int) -> str:
    """`url` fetched once to warm up, then `runs` times: the spread of the wall-clock times
    and the median processor time (which leaves out time spent waiting for other processes,
    though not a change in the machine's own speed)."""
    assert client.get(url).status_code == 200, f"{url} did not load"
    times, processor = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        times.append(time.perf_counter() - start)
        processor.append(time.process_time() - start_cpu)
        assert response.status_code == 200
    return f"{summary(times)}   CPU median {statistics.median(processor) * 1000:.1f} ms"


if __name__ == "__main__":
    main()
