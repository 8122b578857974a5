"""The load benchmark's client: simulated browsers, the timed window, and the figures.

Each simulated person is a thread with one keep-alive HTTP/1.1 connection (`load_http.py`) and
its own cookies, sending its next request when the previous one has answered (a closed loop).
Threads are enough because the work between requests is tiny; `load.py` checks that the client
is not the bottleneck by running it against a canned-answer server and by reporting its own
CPU use.

A phase runs every person's loop for a warm-up, then for a timed window that ends after a
fixed time or a fixed number of requests, whichever comes first. The requests that finish
inside the window count (throughput is answers per second, as a closed loop's should be);
those still waiting when it closes are counted apart, with the age of the oldest, because under
overload they are the slowest of all.
"""

from __future__ import annotations

import math
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

from load_http import BadAnswer, Connection, ServerClosed

# gunicorn closes a keep-alive connection after 2 s without a request. Opening a new one a
# little before that, as a browser would find it closed, avoids counting a race as an error.
IDLE_RECONNECT = 1.5


@dataclass(frozen=True)
class Record:
    label: str
    start: float
    end: float
    error: str | None  # None when the answer was the one expected
    answered: bool  # False for connection errors: no latency to count


@dataclass(frozen=True)
class Answer:
    status: int
    content: bytes
    location: str  # the path a redirect points to, or ""

    @property
    def body(self) -> str:
        return self.content.decode("utf-8", "replace")


class Window:
    """Collects the requests of one phase that fall inside its timed window."""

    def __init__(self, budget: int | None):
        self.budget = budget
        self.records: list[Record] = []
        self.start: float | None = None
        self.end: float | None = None
        self.unfinished: list[float] = []  # seconds each request in flight at the close had waited
        self.stop = threading.Event()
        self._lock = threading.Lock()

    def open(self) -> None:
        self.start = time.perf_counter()

    def close(self, at: float | None = None) -> None:
        with self._lock:
            if self.end is None:
                self.end = at if at is not None else time.perf_counter()

    def add(self, record: Record) -> None:
        with self._lock:
            if self.start is None or record.end < self.start:
                return  # warm-up
            if self.end is not None and record.end > self.end:
                return  # in flight when the window closed: counted in `unfinished`
            self.records.append(record)
            if self.budget is not None and len(self.records) >= self.budget:
                self.end = record.end
                self.stop.set()

    @property
    def seconds(self) -> float:
        return (self.end or time.perf_counter()) - (self.start or 0.0)


class Browser:
    """One simulated person's connection and cookies; every request is timed into `window`."""

    def __init__(self, port: int, timeout: float, *, floor: bool = False):
        self.port, self.floor = port, floor
        self.cookies: dict[str, str] = {}
        self.window: Window | None = None
        self._connection = Connection(port, timeout)
        self._last_used = 0.0
        self.waiting_since: float | None = None  # when the request in flight was sent

    def close(self) -> None:
        self._connection.close()

    def get(self, label: str, path: str, *, expect: int = 200,
            contains: str | None = None) -> Answer | None:
        return self.request(label, "GET", path, expect=expect, contains=contains)

    def post(self, label: str, path: str, fields: list[tuple[str, str]], *,
             expect: int = 302) -> Answer | None:
        return self.request(label, "POST", path, fields, expect=expect)

    def request(self, label: str, method: str, path: str,
                fields: list[tuple[str, str]] | None = None, *, expect: int,
                contains: str | None = None) -> Answer | None:
        """Send one request and record it; the answer, or None when it went wrong.

        `expect` is the status a working page answers with; `contains`, text it must hold
        (the form a save needs, say).
        """
        if self.floor:
            # The floor gets the same requests, all to its one route.
            path, expect, contains = "/", 200, None
            fields = [("field", "value")] if fields else None
        body = urlencode(fields).encode() if fields is not None else None
        headers = [("Host", f"127.0.0.1:{self.port}"), ("Accept", "text/html")]
        if self.cookies:
            headers.append(("Cookie", "; ".join(f"{k}={v}" for k, v in self.cookies.items())))
        if body is not None:
            headers.append(("Content-Type", "application/x-www-form-urlencoded"))
        start = self.waiting_since = time.perf_counter()
        try:
            answer = self._send(method, path, body, headers, retry=method == "GET")
        except TimeoutError:
            return self._record(label, start, "timeout", answered=True)
        except OSError as error:
            return self._record(label, start, _connection_error(error), answered=False)
        error = _unexpected(answer, expect)
        if error is None and contains is not None and contains.encode() not in answer.content:
            error = "page without what it should show"
        self._record(label, start, error, answered=True)
        return answer if error is None else None

    def _record(self, label: str, start: float, error: str | None, *, answered: bool) -> None:
        end = time.perf_counter()
        self._last_used, self.waiting_since = end, None
        if error is not None:
            self.close()
        if self.window is not None:
            self.window.add(Record(label, start, end, error, answered))

    def _send(self, method: str, path: str, body: bytes | None, headers: list,
              *, retry: bool) -> Answer:
        connection = self._connection
        if connection.is_open and time.perf_counter() - self._last_used > IDLE_RECONNECT:
            connection.close()
        reused = connection.answered > 0
        try:
            response = connection.request(method, path, headers, body)
        except (ServerClosed, ConnectionResetError, BrokenPipeError):
            connection.close()
            if reused and retry:
                # The server closed an idle keep-alive connection: a browser retries a GET.
                return self._send(method, path, body, headers, retry=False)
            raise
        except OSError:
            connection.close()
            raise
        for cookie in response.all("set-cookie"):
            self._keep(cookie)
        return Answer(response.status, response.content,
                      urlsplit(response.header("location") or "").path)

    def _keep(self, header: str) -> None:
        pair, _, attributes = header.partition(";")
        name, _, value = pair.strip().partition("=")
        lowered = attributes.lower()
        if "max-age=0" in lowered or "1970" in lowered:
            self.cookies.pop(name, None)
        else:
            self.cookies[name] = value


def _connection_error(error: BaseException) -> str:
    if isinstance(error, ConnectionRefusedError):
        return "connection refused"
    if isinstance(error, ServerClosed | ConnectionResetError | BrokenPipeError):
        return "connection closed by the server"
    if isinstance(error, BadAnswer):
        return "not an HTTP answer"
    return f"connection error ({type(error).__name__})"


def _unexpected(answer: Answer, expect: int) -> str | None:
    # Sent to sign in is never the answer wanted, even where a redirect is.
    if answer.status in (301, 302, 303) and answer.location.startswith("/sign-in"):
        return "signed out (sent to sign-in)"
    if answer.status == expect:
        return None
    if answer.status >= 400:
        return f"HTTP {answer.status}"
    if expect == 302 and answer.status == 200:
        return "form not accepted (page shown again)"
    return f"HTTP {answer.status} where {expect} was expected"


# Running a phase ------------------------------------------------------------------------------


class Meter:
    """Something measured over the window: `read()` returns a reading, `between` the amount."""

    def __init__(self, name: str, read: Callable[[], object],
                 between: Callable[[object, object], float]):
        self.name, self.read, self.between = name, read, between


def run_phase(loops: list[Callable[[threading.Event], None]], browsers: list[Browser], *,
              warmup: float, seconds: float, budget: int | None, timeout: float,
              meters: tuple[Meter, ...] = ()) -> tuple[Window, dict[str, float]]:
    """Run every loop in its own thread: warm up, time the window, stop, and collect."""
    window = Window(budget)
    for browser in browsers:
        browser.window = window
    threads = [threading.Thread(target=loop, args=(window.stop,), daemon=True) for loop in loops]
    for thread in threads:
        thread.start()
    try:
        window.stop.wait(warmup)
        before = {meter.name: meter.read() for meter in meters}
        window.open()
        window.stop.wait(seconds)
        window.close()
        window.unfinished = [window.end - since for b in browsers
                             if (since := b.waiting_since) is not None and since < window.end]
        used = {meter.name: meter.between(before[meter.name], meter.read()) for meter in meters}
    finally:
        # Interrupted or not, nobody starts another request. (When interrupted, the threads
        # are not waited for: stopping the servers ends whatever they are waiting on.)
        window.stop.set()
    # Let requests in flight finish, so the next phase starts on a quiet server.
    deadline = time.monotonic() + timeout + 5
    for thread in threads:
        thread.join(max(0.0, deadline - time.monotonic()))
    for browser in browsers:
        browser.window = None
        browser.close()
    return window, used


# Figures --------------------------------------------------------------------------------------


def percentile(ordered: list[float], q: float) -> float | None:
    """Nearest-rank percentile of an ordered list; None when it is empty."""
    if not ordered:
        return None
    rank = max(1, min(len(ordered), math.ceil(q / 100 * len(ordered))))
    return ordered[rank - 1]


def figures(window: Window) -> dict:
    """Requests, errors by kind, good answers a second and latency percentiles in ms.

    Latency counts every request that was answered (whatever the answer) or timed out;
    a request that could not connect is an error with no latency.
    """
    records, seconds = window.records, window.seconds
    latencies = sorted((r.end - r.start) * 1000 for r in records if r.answered)
    errors = Counter(r.error for r in records if r.error is not None)
    good = sum(1 for r in records if r.error is None)
    return {
        "requests": len(records),
        "good": good,
        "errors": sum(errors.values()),
        "errors_by_kind": dict(errors.most_common()),
        "seconds": round(seconds, 3),
        "throughput": round(good / seconds, 2) if seconds > 0 else 0.0,
        "p50_ms": _ms(percentile(latencies, 50)),
        "p95_ms": _ms(percentile(latencies, 95)),
        "p99_ms": _ms(percentile(latencies, 99)),
        "max_ms": _ms(latencies[-1] if latencies else None),
        "unfinished": len(window.unfinished),
        "unfinished_oldest_ms": _ms(max(window.unfinished) * 1000 if window.unfinished
                                    else None),
    }


def figures_by_page(records: list[Record]) -> dict[str, dict]:
    pages: dict[str, list[Record]] = defaultdict(list)
    for record in records:
        pages[record.label].append(record)
    result = {}
    for label, rows in pages.items():
        latencies = sorted((r.end - r.start) * 1000 for r in rows if r.answered)
        result[label] = {"requests": len(rows),
                         "errors": sum(1 for r in rows if r.error is not None),
                         "p50_ms": _ms(percentile(latencies, 50)),
                         "p95_ms": _ms(percentile(latencies, 95))}
    return result


def _ms(value: float | None) -> float | None:
    return None if value is None else round(value, 1)
