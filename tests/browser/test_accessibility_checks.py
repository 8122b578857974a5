"""The axe check every journey relies on: it fails on a real violation, and it leaves out
colour contrast only on a page showing nothing whose contrast has not already passed in this
run."""

from __future__ import annotations

import pytest

from tests.support import browser as checks

PALE = '<p style="color:#ccc;background:#fff">Pale grey on white</p>'
PALER = '<p class="app-note" style="color:#ddd;background:#fff">Paler grey on white</p>'


def _page(*parts: str) -> str:
    return ('<html lang="en"><head><title>Contrast</title></head><body><main><h1>Title</h1>'
            + "".join(parts) + "</main></body></html>")


@pytest.fixture
def page(browser):
    context = browser.new_context()
    yield context.new_page()
    context.close()


def _show(page, html: str) -> None:
    page.route("**/*", lambda route: route.fulfill(body=html, content_type="text/html"))
    page.goto("http://127.0.0.1:9/assessments/EIA-2026-0001/check-answers")
    page.unroute("**/*")


def test_low_contrast_fails_until_what_the_page_shows_has_passed(page):
    _show(page, _page(PALE))
    shown = checks._components(page)
    checks._contrast_checked.difference_update(shown)  # as no page had shown it yet
    for _ in range(2):  # a failure is not remembered as a pass
        with pytest.raises(AssertionError, match="color-contrast"):
            checks.assert_accessible(page)
    checks._contrast_checked.update(shown)  # as if a page showing the same had passed
    try:
        checks.assert_accessible(page)  # every other rule still runs, and passes
        # One element not shown before, and the whole page's contrast is checked again.
        _show(page, _page(PALE, PALER))
        with pytest.raises(AssertionError, match="color-contrast"):
            checks.assert_accessible(page)
    finally:
        checks._contrast_checked.difference_update(shown)
