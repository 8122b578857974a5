"""Browser fixtures: the application served on loopback, and Debian's Chromium driving it.

The served application has its own database (committed, not rolled back), so each test makes
the users it needs with unique email addresses.

Every test in this folder is marked `browser`. The journeys test pages, not the database, so
each runs once, in SQLite's run, unless it is marked `postgresql`. `make test` runs the two
databases' suites side by side, so the longest journey (a trainee's practice, which takes about
a third of all the journeys' time) is given to PostgreSQL's run, which has the least else to do
(tests/conftest.py runs the unit tests and the route walks in SQLite's): the two runs then take
about as long, and the whole is as quick as the longer of them.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect, sync_playwright

from eia.extensions import db
from tests.conftest import make_test_app
from tests.factories import PASSWORD, UserFactory
from tests.support import require_chromium
from tests.support.browser import LiveServer, assert_accessible, launch_browser

_unique = itertools.count(1)
_HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items):
    # Marked here rather than in each module, so a new journey cannot miss the mark.
    for item in items:
        if _HERE in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def live_app(new_database_url, smtp):
    app = make_test_app(new_database_url("browser"), smtp)
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture(scope="session")
def live_server(live_app) -> Iterator[LiveServer]:
    with LiveServer(live_app) as server:
        yield server


@pytest.fixture(scope="session")
def browser():
    require_chromium()
    with sync_playwright() as playwright:
        browser = launch_browser(playwright)
        yield browser
        browser.close()


class Journey:
    """A person using the service in the browser; every page they reach is checked with axe."""

    def __init__(self, page: Page, base_url: str):
        self.page = page
        self.base_url = base_url
        self.checked: list[str] = []

    def visit(self, path: str) -> Page:
        self.page.goto(self.base_url + path)
        return self.check()

    def check(self) -> Page:
        self.page.wait_for_load_state("load")
        assert_accessible(self.page)
        self.checked.append(self.page.url)
        return self.page

    def submit(self, button: str) -> Page:
        self.page.get_by_role("button", name=button).click()
        return self.check()

    def follow(self, link: str) -> Page:
        # A link styled as a button (GOV.UK's button links) has the role "button".
        target = self.page.get_by_role("link", name=link, exact=True).or_(
            self.page.locator("a[role=button]").get_by_text(link, exact=True))
        target.first.click()
        return self.check()

    def sign_in(self, email: str, password: str = PASSWORD) -> Page:
        self.visit("/sign-in")
        self.page.get_by_label("Email address").fill(email)
        self.page.get_by_label("Password", exact=True).fill(password)
        page = self.submit("Sign in")
        expect(page.locator("h1")).to_contain_text("Welcome")
        return page


@pytest.fixture
def journey(browser, live_server) -> Iterator[Journey]:
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield Journey(page, live_server.url)
    context.close()


@pytest.fixture
def make_user(live_app):
    """Create a user in the served application's database."""

    def make(*roles, **fields):
        n = next(_unique)
        fields.setdefault("email", f"browser{n}@example.org")
        fields.setdefault("name", f"Browser User {n}")
        with live_app.app_context():
            user = UserFactory(roles=set(roles), **fields)
            return user.email

    return make
