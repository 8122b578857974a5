"""Several gunicorn workers sharing METRICS_DIR: whichever worker answers a scrape, it reports
every worker's requests, so the counters neither jump nor go back between scrapes."""

from __future__ import annotations

import http.client
import json
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.support.migrated import migrated_database_url
from tests.support.prometheus import parse, value
from tests.support.served import Served

HEALTHZ = {"endpoint": "public.healthz", "method": "GET", "status": "2xx"}
BATCH = 40


def _get(url: str) -> bytes:
    """GET `url` on loopback (plain HTTP only) and return the body of a 200."""
    address, _, path = url.removeprefix("http://").partition("/")
    host, _, port = address.partition(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=10)
    try:
        connection.request("GET", "/" + path)
        response = connection.getresponse()
        assert response.status == 200, f"GET {url}: {response.status}"
        return response.read()
    finally:
        connection.close()


def _healthz_by_worker(folder: Path) -> list[int]:
    """Each worker's own count of /healthz requests, from its file."""
    counts = []
    for path in folder.glob("*.json"):
        numbers = json.loads(path.read_text())["counts"]
        counts.append(sum(n for e, m, s, n in numbers if e == "public.healthz" and s == "2xx"))
    return counts


@pytest.fixture
def gunicorn(new_database_url, postgres, smtp, tmp_path):
    url = migrated_database_url(new_database_url, postgres, smtp, "workers")
    folder = tmp_path / "metrics"
    with Served({"DATABASE_URL": url, "METRICS_DIR": str(folder)}, workers=2) as served:
        yield served.url, folder


@pytest.mark.own_app
def test_every_scrape_reports_every_workers_requests(gunicorn):
    base, folder = gunicorn
    time.sleep(1.5)  # every worker has written the requests made while it started
    before = value(parse(_get(f"{base}/metrics").decode()), "due_regard_http_requests_total",
                   **HEALTHZ)
    sent = 0
    with ThreadPoolExecutor(max_workers=8) as pool:
        # Requests at once reach both workers; until each has answered some, send more.
        for _ in range(5):
            list(pool.map(_get, [f"{base}/healthz"] * BATCH))
            sent += BATCH
            time.sleep(1.5)  # within a second of its last request, each worker writes its file
            if len([n for n in _healthz_by_worker(folder) if n]) == 2:
                break
    assert len([n for n in _healthz_by_worker(folder) if n]) == 2, (
        "each worker should have answered requests and written its figures to METRICS_DIR")
    for _ in range(4):  # whichever worker answers
        figures = parse(_get(f"{base}/metrics").decode())
        assert value(figures, "due_regard_http_requests_total", **HEALTHZ) - before == sent
