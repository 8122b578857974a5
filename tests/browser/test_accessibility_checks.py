"""The axe check every journey relies on: it fails on a real violation, and it leaves out
colour contrast only on a kind of page whose contrast has already passed in this run."""

from __future__ import annotations

import pytest

from tests.support import browser as checks

LOW_CONTRAST = ('<html lang="en"><head><title>Contrast</title></head><body><main><h1>Title</h1>'
                '<p style="color:#ccc;background:#fff">Pale grey on white</p></main></body></html>')


@pytest.fixture
def page(browser):
    context = browser.new_context()
    yield context.new_page()
    context.close()


def test_low_contrast_fails_until_the_kind_of_page_has_passed(page):
    page.route("**/*", lambda route: route.fulfill(body=LOW_CONTRAST, content_type="text/html"))
    page.goto("http://127.0.0.1:9/assessments/EIA-2026-0001/check-answers")
    # A journey run earlier in this process may have passed this kind of page.
    checks._contrast_checked.discard(checks._kind_of_page(page))
    for _ in range(2):  # a failure is not remembered as a pass
        with pytest.raises(AssertionError, match="color-contrast"):
            checks.assert_accessible(page)
    page.goto("http://127.0.0.1:9/assessments/EIA-2026-0002/check-answers")
    kind = checks._kind_of_page(page)
    assert kind == ("/assessments/*/check-answers", False, False)
    checks._contrast_checked.add(kind)  # as if this kind had passed earlier in the run
    try:
        checks.assert_accessible(page)  # every other rule still runs, and passes
    finally:
        checks._contrast_checked.discard(kind)
