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
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# Colour contrast takes about two thirds of axe's time on a long page. It depends on the
# stylesheet and on which components a page shows, not on the words in them, so it is checked
# on a page that shows an element, in a place, that no page has shown before in this run (see
# `_components`), and every other rule on every page, every time.
CONTRAST = "color-contrast"
_contrast_checked: set[str] = set()

_axe = Axe()
# axe-core is 570 kB: sent through Playwright's driver it cost about 100 ms a page, most of the
# time of a check on a short page. The live server serves it at this address for the browser to
# cache, so each page loads it from memory; a page from elsewhere is sent it through the driver.
AXE_PATH = "/_test-only/axe.min.js"
_RUN_AXE = """async ([src, options]) => {
    if (!window.axe && src) {
        await new Promise(loaded => {
            const script = Object.assign(document.createElement("script"), {src});
            script.onload = script.onerror = () => { script.remove(); loaded(); };
            document.head.append(script);
        });
    }
    return window.axe ? (await axe.run(options)).violations : null;
}"""
# Each element of the page as the stylesheet sees it: its tag, classes and inline style, and
# its parent's tag and classes (a link in a banner is coloured as the banner says).
_COMPONENTS = """() => [...new Set([...document.body.querySelectorAll("*")].map(el => {
    const parent = el.parentElement;
    return `${parent.tagName}.${parent.getAttribute("class") || ""} > ` +
           `${el.tagName}.${el.getAttribute("class") || ""}[${el.getAttribute("style") || ""}]`;
}))]"""


# Chromium's headless shell first (Debian's chromium-headless-shell, the same engine without
# the desktop browser around it): a page load there took about 90 ms of processor time
# against 200 ms in the full browser run headless, and a key press 5 ms against 9 ms, and
# the journeys spend most of their time in the browser. The full browser still serves.
BROWSERS = ("chromium-headless-shell", "chromium", "chromium-browser")


def chromium_path() -> str | None:
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    return None


def launch_browser(playwright):
    return playwright.chromium.launch(executable_path=chromium_path(), headless=True,
                                      args=CHROMIUM_FLAGS)


def _components(page) -> set[str]:
    """What the page shows, as far as colour contrast can tell (see `_COMPONENTS`)."""
    return set(page.evaluate(_COMPONENTS))


def assert_accessible(page):
    """Run axe on the page; fail listing every violation, its impact and where it is."""
    components = _components(page)
    options = {"runOnly": {"type": "tag", "values": WCAG_AA}, "resultTypes": ["violations"]}
    if components <= _contrast_checked:
        options["rules"] = {CONTRAST: {"enabled": False}}
    violations = page.evaluate(_RUN_AXE, [AXE_PATH, options])
    if violations is None:
        page.evaluate(_axe.axe_script)
        violations = page.evaluate(_RUN_AXE, [None, options])
    if violations:
        lines = [f"axe found {len(violations)} violation(s) on {page.url}:"]
        for violation in violations:
            lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
            lines += [f"    at {node['target']}" for node in violation["nodes"][:5]]
        raise AssertionError("\n".join(lines))
    _contrast_checked.update(components)


def _with_axe(app):
    """The WSGI app, with axe-core at AXE_PATH for the browser to keep."""
    body = _axe.axe_script.encode()
    headers = [("Content-Type", "text/javascript"), ("Content-Length", str(len(body))),
               ("Cache-Control", "max-age=86400, immutable")]

    def serve(environ, start_response):
        if environ.get("PATH_INFO") != AXE_PATH:
            return app(environ, start_response)
        start_response("200 OK", headers)
        return [body]

    return serve


class LiveServer:
    """Serve a WSGI app on a free loopback port in a background thread."""

    def __init__(self, app):
        # Port 0: the kernel picks a free port as it binds, so parallel test processes never clash.
        self._server = make_server("127.0.0.1", 0, _with_axe(app), threaded=True)
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
