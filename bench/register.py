"""Time the registers, the cumulative impact view and the API's list with 100,000 assessments.

Run from the project folder:

    .venv/bin/python bench/register.py [--database sqlite|postgresql] [--assessments 100000]
                                       [--runs 30]

A throwaway database (a SQLite file in a temporary folder, or a throwaway PostgreSQL server)
is migrated and filled in bulk (`tests/bulk.py`): `--assessments` spread over every status,
kind, unit and author, with outcomes, review dates, impacts, actions, reviews, sign-offs and
publications (half with their decision recorded), plus a budget round of 50 proposals sharing
one tag. Then an equality reviewer signs in and each page is fetched once to warm up and
`--runs` times through the test client: the whole request (routing, the access matrix,
queries, templates, the JSON) without a network in between. The median and the 95th
percentile of each are printed, with the median CPU time of this process (which other work on
a busy machine disturbs less, and which leaves out the database server's own time on
PostgreSQL); the aim is a median under 50 ms each.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

from support import make_app

TAG = "Budget 2027/28"
PAGES = (
    ("staff register", "/all-assessments"),
    ("staff register, filtered and searched",
     "/all-assessments?q=library&status=signed_off&group=age&kind=policy&sort=title"),
    ("public register", "/register"),
    ("cumulative impact, a tag of 50", "/insights/cumulative-impact?tag=budget+2027%2F28"),
    ("API list", "/api/v1/assessments?page_size=25"),
)


def fill(app, count: int) -> dict:
    """Accounts, units and `count` assessments, then the tagged round; committed."""
    from sqlalchemy import text

    from eia.domain import Role
    from eia.extensions import db
    from eia.models.tokens import TokenScope
    from eia.services import accounts, tokens, units
    from tests.bulk import add_assessments

    with app.app_context():
        password = "bench-register-2026"  # noqa: S105  (a throwaway database's only account)
        reviewer = accounts.create_user(email="reviewer@example.org", name="Grace Okafor",
                                        job_title="Equality lead", unit_id=None,
                                        roles={Role.REVIEWER, Role.AUTHOR}, password=password)
        approver = accounts.create_user(email="approver@example.org", name="David Lloyd",
                                        job_title="Director", unit_id=None,
                                        roles={Role.APPROVER}, password=password)
        authors = [accounts.create_user(email=f"author{n}@example.org", name=f"Author {n}",
                                        job_title="Manager", unit_id=None,
                                        roles={Role.AUTHOR}, password=password)
                   for n in range(5)]
        directorates = [units.create_unit(None, name=f"Directorate {n}", parent_id=None)
                        for n in range(4)]
        teams = [units.create_unit(None, name=f"Team {n}", parent_id=directorates[n % 4].id)
                 for n in range(12)]
        started = time.perf_counter()
        for first in range(0, count, 20_000):
            add_assessments(min(20_000, count - first), authors=authors,
                            units=[*directorates, *teams], reviewer=reviewer,
                            approver=approver)
            db.session.commit()
        add_assessments(50, authors=authors, units=teams, reviewer=reviewer, approver=approver,
                        tag_name=TAG, tag_every=1)
        db.session.commit()
        db.session.execute(text("ANALYZE"))
        db.session.commit()
        print(f"filled {count + 50:,} assessments in {time.perf_counter() - started:.0f} s")
        _, secret = tokens.create_token(reviewer, "bench", TokenScope.READ, 30)
        return {"email": reviewer.email, "password": password, "token": secret}


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--assessments", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder, ExitStack() as stack:
        url = None
        if args.database == "postgresql":
            from tests.support.postgres import ThrowawayPostgres

            server = stack.enter_context(ThrowawayPostgres())
            url = server.create_database("bench_register")
        app = make_app(Path(folder), url)
        app.config["API_RATE_LIMIT"] = "1000000 per minute"
        app.config["WTF_CSRF_ENABLED"] = False  # the benchmark signs in without a page
        who = fill(app, args.assessments)
        client = app.test_client()
        response = client.post("/sign-in", data={"email": who["email"],
                                                 "password": who["password"]})
        assert response.status_code == 302, "the reviewer could not sign in"
        print(f"{args.database}, {args.assessments:,} assessments, {args.runs} requests per "
              f"page, load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
        for label, path in PAGES:
            headers = {"Authorization": f"Bearer {who['token']}"} if "/api/" in path else {}
            fetch = app.test_client() if headers else client
            assert fetch.get(path, headers=headers).status_code == 200, f"{path} did not load"
            times, cpu = [], []
            for _ in range(args.runs):
                start, start_cpu = time.perf_counter(), time.process_time()
                response = fetch.get(path, headers=headers)
                times.append((time.perf_counter() - start) * 1000)
                cpu.append((time.process_time() - start_cpu) * 1000)
                assert response.status_code == 200
            print(f"{label:40} median {statistics.median(times):7.1f} ms   "
                  f"p95 {percentile(times, 0.95):7.1f} ms   "
                  f"median CPU {statistics.median(cpu):7.1f} ms")
        print(f"load average at the end {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
