"""Request figures for `/metrics`: counted in the process, written in Prometheus text format.

Every request is counted by endpoint, method and status class, and timed by endpoint into a
histogram, from before the first request guard to the finished response (a streamed body's
sending is not timed). Endpoints, not paths, are the labels, so the number of series is bounded
by the routes; URLs that match no route share the endpoint "unmatched".

Figures live in the process that served the request. Under gunicorn each worker is a process
of its own, so without help a scrape would see only the worker that answered it, and its
counters would seem to jump as different workers answer. With `METRICS_DIR` set, each process
keeps its figures in a file of its own in that folder (written at most once a second, and
within a second of its last request) and a scrape adds up every file there: counters keep
rising across workers, including the figures of workers gunicorn has since replaced. Without
it, each process reports only its own figures, which is right for one process.
"""

from __future__ import annotations

import json
import logging
import math
import os
import secrets
import threading
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from hmac import compare_digest
from ipaddress import IPv4Network, IPv6Network, ip_address
from pathlib import Path

from flask import Flask, Response, g, request

# Upper bounds of the duration buckets, in seconds; a page takes tens of milliseconds, a PDF or
# an import can take seconds.
BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
UNMATCHED = "unmatched"
FLUSH_DELAY_SECONDS = 1.0
CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
PREFIX = "due_regard"

log = logging.getLogger(__name__)


@dataclass
class Figures:
    """Request counts and duration histograms, as plain data that adds up across processes."""

    # (endpoint, method, status class such as "2xx") -> requests
    counts: dict[tuple[str, str, str], int] = field(default_factory=dict)
    # endpoint -> requests in each bucket (not cumulative; the last is above every bound)
    buckets: dict[str, list[int]] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)

    def observe(self, endpoint: str, method: str, status: int, seconds: float) -> None:
        key = (endpoint, method, f"{status // 100}xx")
        self.counts[key] = self.counts.get(key, 0) + 1
        bucket = next((i for i, bound in enumerate(BUCKETS) if seconds <= bound), len(BUCKETS))
        self.buckets.setdefault(endpoint, [0] * (len(BUCKETS) + 1))[bucket] += 1
        self.seconds[endpoint] = self.seconds.get(endpoint, 0.0) + seconds

    def add(self, other: Figures) -> None:
        for key, number in other.counts.items():
            self.counts[key] = self.counts.get(key, 0) + number
        for endpoint, numbers in other.buckets.items():
            mine = self.buckets.setdefault(endpoint, [0] * (len(BUCKETS) + 1))
            self.buckets[endpoint] = [a + b for a, b in zip(mine, numbers, strict=True)]
        for endpoint, seconds in other.seconds.items():
            self.seconds[endpoint] = self.seconds.get(endpoint, 0.0) + seconds

    def to_json(self) -> str:
        return json.dumps({"counts": [[*key, number] for key, number in self.counts.items()],
                           "buckets": self.buckets, "seconds": self.seconds})

    @classmethod
    def from_json(cls, text: str) -> Figures:
        data = json.loads(text)
        return cls(counts={(e, m, s): n for e, m, s, n in data["counts"]},
                   buckets=data["buckets"], seconds=data["seconds"])


class RequestMetrics:
    """One process's figures, shared by its threads; with a folder, everyone's figures."""

    def __init__(self, folder: str | None = None):
        self._lock = threading.Lock()
        self._figures = Figures()
        self._folder = Path(folder) if folder else None
        self._file: Path | None = None
        self._file_pid = 0
        self._flush_pending = False
        # Held while a file is written, so that two writers (the timer and a scrape) never mix
        # their text and a later snapshot is never overwritten by an earlier one.
        self._writing = threading.Lock()

    def observe(self, endpoint: str, method: str, status: int, seconds: float) -> None:
        with self._lock:
            self._figures.observe(endpoint, method, status, seconds)
            if self._folder is None or self._flush_pending:
                return
            self._flush_pending = True
        timer = threading.Timer(FLUSH_DELAY_SECONDS, self.flush)
        timer.daemon = True
        timer.start()

    def flush(self) -> None:
        """Write this process's figures to its file in the shared folder."""
        if self._folder is None:
            return
        with self._writing:
            with self._lock:
                text = self._figures.to_json()
                self._flush_pending = False
            file = self._own_file()
            partial = file.with_suffix(".partial")
            try:
                self._folder.mkdir(parents=True, exist_ok=True)
                partial.write_text(text, encoding="utf-8")
                partial.replace(file)  # readers see the old file or the new, never half of one
            except OSError as error:  # figures are worth less than the request or the scrape
                log.warning("Request figures not written to %s: %s", self._folder, error)

    def _own_file(self) -> Path:
        # Named in the process that writes it, so that workers forked from a master that loaded
        # the application (gunicorn --preload) do not share the master's file; and named with a
        # random part too, as a later worker may be given an earlier one's pid.
        if self._file is None or self._file_pid != os.getpid():
            self._file_pid = os.getpid()
            self._file = self._folder / f"{self._file_pid}-{secrets.token_hex(4)}.json"
        return self._file

    def figures(self) -> Figures:
        """Every process's figures when there is a shared folder, else this process's."""
        total = Figures()
        if self._folder is None:
            with self._lock:
                total.add(self._figures)
            return total
        self.flush()
        for path in sorted(self._folder.glob("*.json")):
            try:
                total.add(Figures.from_json(path.read_text(encoding="utf-8")))
            except (OSError, ValueError, KeyError, TypeError):
                continue  # removed since listed, or not ours: skip it rather than fail a scrape
        return total


def may_scrape(authorization: str | None, address: str | None, *, forwarded: bool,
               token: str | None, allowed: Iterable[IPv4Network | IPv6Network]) -> bool:
    """May a request read the metrics?

    With an `Authorization` header, only when it is `Bearer <token>` (compared in constant
    time): a wrong token is refused wherever it comes from. Without one, when the request comes
    from an allowed address and was not `forwarded` by a proxy, whose own address (often
    loopback, on the same machine) says nothing about the caller's.
    """
    if authorization is not None:
        scheme, _, secret = authorization.partition(" ")
        return bool(token) and scheme.lower() == "bearer" and compare_digest(
            secret.strip().encode(), token.encode())
    if forwarded:
        return False
    try:
        caller = ip_address(address or "")
    except ValueError:
        return False
    return any(caller in network for network in allowed)


# The exposition format ------------------------------------------------------------------------


def _label_value(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def _labels(**labels: str) -> str:
    return "{" + ",".join(f'{name}="{_label_value(value)}"'
                          for name, value in labels.items()) + "}"


def _number(value: float) -> str:
    if math.isinf(value):
        return "+Inf"
    return repr(float(value)) if isinstance(value, float) else str(value)


def exposition(figures: Figures, gauges: Mapping[str, tuple[str, float]]) -> str:
    """The figures and `gauges` (name -> (help, value)) in Prometheus text format 0.0.4."""
    lines = [
        f"# HELP {PREFIX}_http_requests_total Requests answered, by endpoint, method and "
        "status class.",
        f"# TYPE {PREFIX}_http_requests_total counter",
    ]
    for (endpoint, method, status), number in sorted(figures.counts.items()):
        lines.append(f"{PREFIX}_http_requests_total"
                     f"{_labels(endpoint=endpoint, method=method, status=status)} {number}")
    name = f"{PREFIX}_http_request_duration_seconds"
    lines += [f"# HELP {name} Time to answer a request, by endpoint.",
              f"# TYPE {name} histogram"]
    for endpoint, numbers in sorted(figures.buckets.items()):
        running = 0
        for bound, number in zip((*BUCKETS, math.inf), numbers, strict=True):
            running += number
            lines.append(f"{name}_bucket{_labels(endpoint=endpoint, le=_number(bound))} "
                         f"{running}")
        lines.append(f"{name}_sum{_labels(endpoint=endpoint)} "
                     f"{_number(figures.seconds[endpoint])}")
        lines.append(f"{name}_count{_labels(endpoint=endpoint)} {running}")
    for gauge, (meaning, value) in gauges.items():
        lines += [f"# HELP {PREFIX}_{gauge} {meaning}", f"# TYPE {PREFIX}_{gauge} gauge",
                  f"{PREFIX}_{gauge} {_number(value)}"]
    return "\n".join(lines) + "\n"


# Counting every request -----------------------------------------------------------------------


def request_metrics(app: Flask) -> RequestMetrics:
    return app.extensions["request_metrics"]


def init_app(app: Flask) -> None:
    """Count and time every request. Call before any other request guard is registered, so
    that the time includes theirs."""
    metrics = RequestMetrics(app.config.get("METRICS_DIR"))
    app.extensions["request_metrics"] = metrics

    @app.before_request
    def _start_clock():
        g.request_started = time.perf_counter()

    @app.after_request
    def _count(response: Response) -> Response:
        started = g.get("request_started")
        if started is not None:
            method = request.method if request.method in METHODS else "other"
            metrics.observe(request.endpoint or UNMATCHED, method, response.status_code,
                            time.perf_counter() - started)
        return response
