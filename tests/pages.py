"""A test client that asks for pages by endpoint name and hands back parsed HTML.

Every page fetched is checked for what any page must have: a title, exactly one h1, no
duplicate ids, and a CSRF token in every POST form.
"""

from __future__ import annotations

import contextvars
import secrets
from collections import Counter

from bs4 import BeautifulSoup
from flask import url_for
from flask.testing import FlaskClient
from itsdangerous import URLSafeTimedSerializer


class PageClient(FlaskClient):
    _csrf: str | None = None

    def open(self, *args, **kwargs):
        # Each request runs as a browser's would: in its own application context, never in
        # the test's, so `g` (and the CSRF token cached there) does not leak between requests.
        # A streamed body (a CSV export) is read in that context too, as the server would.
        kwargs.setdefault("buffered", True)
        return contextvars.Context().run(super().open, *args, **kwargs)

    def url(self, endpoint: str, **values) -> str:
        with self.application.test_request_context():
            return url_for(endpoint, **values)

    def get_page(self, endpoint: str, *, expected_status: int = 200, **values) -> BeautifulSoup:
        response = self.get(self.url(endpoint, **values))
        assert response.status_code == expected_status, (
            f"GET {endpoint} gave {response.status_code}, expected {expected_status}"
        )
        page = parse(response)
        check_page(page)
        return page

    def csrf_token(self) -> str:
        """A token for this client's session, made as Flask-WTF makes the one in every form.

        A random value kept in the session, signed with the secret key: the server checks it
        as it checks a form's. Reading it from a fetched page instead cost two page renders per
        signed-in client, more than many tests' own requests; that every POST form on a page
        carries the token is checked on every page a test fetches (`check_page`).
        """
        if self._csrf is None:
            with self.session_transaction() as session:
                raw = session.setdefault("csrf_token", secrets.token_hex(20))
            signer = URLSafeTimedSerializer(self.application.secret_key, salt="wtf-csrf-token")
            self._csrf = signer.dumps(raw)
        return self._csrf

    def forget_csrf(self) -> None:
        self._csrf = None

    def post_form(self, endpoint: str, data: dict | None = None, *, follow: bool = False,
                  **values):
        """POST `data` with this session's CSRF token, as a browser submitting the form would."""
        payload = {"csrf_token": self.csrf_token(), **(data or {})}
        return self.post(self.url(endpoint, **values), data=payload, follow_redirects=follow)


def parse(response) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def check_page(page: BeautifulSoup) -> None:
    title = page.title.get_text(strip=True) if page.title else ""
    assert title, "page has no title"
    headings = page.find_all("h1")
    assert len(headings) == 1, f"page {title!r} has {len(headings)} h1 elements"
    ids = Counter(tag["id"] for tag in page.find_all(id=True))
    duplicates = [key for key, count in ids.items() if count > 1]
    assert not duplicates, f"duplicate ids on {title!r}: {duplicates}"
    for form in page.find_all("form"):
        if form.get("method", "get").lower() == "post":
            assert form.find("input", {"name": "csrf_token"}), (
                f"POST form to {form.get('action')} on {title!r} has no CSRF token"
            )


def error_summary(page: BeautifulSoup) -> list[str]:
    summary = page.select_one(".govuk-error-summary")
    return [item.get_text(strip=True) for item in summary.select("li")] if summary else []


def banner_text(page: BeautifulSoup) -> str:
    banner = page.select_one(".govuk-notification-banner")
    return banner.get_text(" ", strip=True) if banner else ""
