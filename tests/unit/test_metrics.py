"""Request figures: added up across the processes that share a folder, and written so that a
Prometheus server can read them."""

from __future__ import annotations

import os
import time

from eia.metrics import Figures, RequestMetrics, exposition
from tests.support.prometheus import parse, value

REQUESTS = "due_regard_http_requests_total"
DURATION = "due_regard_http_request_duration_seconds"


def _requests(metrics: RequestMetrics, endpoint: str) -> float:
    return value(parse(exposition(metrics.figures(), {})), REQUESTS, endpoint=endpoint,
                 method="GET", status="2xx")


def test_a_scrape_answered_by_one_worker_reports_every_workers_requests(tmp_path):
    first, second = RequestMetrics(str(tmp_path)), RequestMetrics(str(tmp_path))
    first.observe("public.healthz", "GET", 200, 0.002)
    for _ in range(2):
        second.observe("public.healthz", "GET", 200, 0.3)
    # The second worker writes its figures within a second of its last request, unasked.
    deadline = time.monotonic() + 5
    while _requests(first, "public.healthz") < 3 and time.monotonic() < deadline:
        time.sleep(0.1)
    figures = parse(exposition(first.figures(), {}))
    assert value(figures, REQUESTS, endpoint="public.healthz", method="GET", status="2xx") == 3
    assert value(figures, f"{DURATION}_bucket", endpoint="public.healthz", le="0.005") == 1
    assert value(figures, f"{DURATION}_bucket", endpoint="public.healthz", le="0.25") == 1
    assert value(figures, f"{DURATION}_bucket", endpoint="public.healthz", le="0.5") == 3
    assert abs(value(figures, f"{DURATION}_sum", endpoint="public.healthz") - 0.602) < 1e-9


def test_a_worker_that_has_gone_still_counts(tmp_path):
    """Counters never go back when gunicorn replaces a worker: its file stays."""
    leaving = RequestMetrics(str(tmp_path))
    leaving.observe("main.home", "GET", 200, 0.01)
    leaving.flush()
    del leaving
    assert _requests(RequestMetrics(str(tmp_path)), "main.home") == 1


def test_without_a_folder_each_process_reports_its_own(tmp_path):
    one, other = RequestMetrics(None), RequestMetrics(None)
    one.observe("main.home", "GET", 200, 0.01)
    assert (_requests(one, "main.home"), _requests(other, "main.home")) == (1, 0)
    assert list(tmp_path.iterdir()) == []


def test_label_values_are_escaped_and_status_is_a_class():
    figures = Figures()
    figures.observe('odd"end\\point\nname', "GET", 503, 12.0)
    samples = parse(exposition(figures, {"outbox_unsent_emails": ("Emails waiting.", 4)}))
    assert value(samples, REQUESTS, endpoint='odd"end\\point\nname', method="GET",
                 status="5xx") == 1
    # Slower than every bound: only the +Inf bucket holds it.
    assert value(samples, f"{DURATION}_bucket", endpoint='odd"end\\point\nname', le="10.0") == 0
    assert value(samples, f"{DURATION}_bucket", endpoint='odd"end\\point\nname',
                 le="+Inf") == 1
    assert value(samples, "due_regard_outbox_unsent_emails") == 4


def test_workers_forked_from_one_master_keep_files_of_their_own(tmp_path):
    """Under gunicorn --preload the workers inherit the master's application, figures and all."""
    metrics = RequestMetrics(str(tmp_path))
    metrics.flush()  # the master, before it forks
    child = os.fork()
    if child == 0:  # a worker
        try:
            metrics.observe("main.home", "GET", 200, 0.01)
            metrics.flush()
        finally:
            os._exit(0)
    os.waitpid(child, 0)
    metrics.observe("main.home", "GET", 200, 0.01)
    assert _requests(metrics, "main.home") == 2
    assert len(list(tmp_path.glob("*.json"))) == 2
