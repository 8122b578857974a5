"""Debian's Chromium driven by Playwright, the app served on loopback, and axe checks."""

from __future__ import annotations

import shutil
import threading

from axe_playwright_python.sync_playwright import Axe
from werkzeug.serving import make_server

CHROMIUM_FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
# WCAG 2.2 A and AA; axe's "best practice" rules are advice, not conformance.
AXE_OPTIONS = {"runOnly": {"type": "tag",
                           "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}}

_axe = Axe()


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


def launch_browser(playwright):
    return playwright.chromium.launch(executable_path=chromium_path(), headless=True,
                                      args=CHROMIUM_FLAGS)


def assert_accessible(page):
    """Run axe on the page; fail listing every violation, its impact and where it is."""
    result = _axe.run(page, options=AXE_OPTIONS)
    violations = result.response["violations"]
    if violations:
        lines = [f"axe found {len(violations)} violation(s) on {page.url}:"]
        for violation in violations:
            lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
            lines += [f"    at {node['target']}" for node in violation["nodes"][:5]]
        raise AssertionError("\n".join(lines))
    return result


class LiveServer:
    """Serve a WSGI app on a free loopback port in a background thread."""

    def __init__(self, app):
        # Port 0: the kernel picks a free port as it binds, so parallel test processes never clash.
        self._server = make_server("127.0.0.1", 0, app, threaded=True)
        self.port = self._server.port
        self.url = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()
        self._thread.join(timeout=5)

    def __enter__(self) -> LiveServer:
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()
