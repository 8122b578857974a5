"""`/metrics`: request figures and the outbox in Prometheus text format, for monitoring systems
only (the metrics token, or an allowed address), and a page that does not exist for anyone else.

The application is shared by the whole run, so its request counters carry every earlier test's
requests: these tests compare figures before and after.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import delete, func, select

from eia.cli import eia_cli
from eia.domain import Role
from eia.extensions import db
from eia.models.audit import AuditEvent
from eia.models.mail import OutboundEmail
from eia.models.types import utcnow
from tests.support.prometheus import parse, value

ELSEWHERE = {"REMOTE_ADDR": "203.0.113.9"}  # an address METRICS_ALLOW does not name
TOKEN = "metrics-token-for-tests-0123456789abcdef"
REQUESTS = "due_regard_http_requests_total"
DURATION = "due_regard_http_request_duration_seconds"
UNSENT = "due_regard_outbox_unsent_emails"
OLDEST = "due_regard_outbox_oldest_unsent_age_seconds"


def scrape(client, **kwargs):
    response = client.get("/metrics", **kwargs)
    assert response.status_code == 200
    assert response.mimetype == "text/plain"
    assert response.mimetype_params == {"version": "0.0.4", "charset": "utf-8"}
    return parse(response.get_data(as_text=True))


def without_nonce(response) -> str:
    return re.sub(r'nonce="[^"]*"', "", response.get_data(as_text=True))


@pytest.fixture
def with_token(app, monkeypatch):
    monkeypatch.setitem(app.config, "METRICS_TOKEN", TOKEN)


def test_request_counts_and_durations_move_with_requests(client):
    before = scrape(client)
    for _ in range(3):
        assert client.get("/healthz").status_code == 200
    assert client.get("/no-such-page").status_code == 404
    assert client.post("/sign-in", data={"email": "x@example.org"}).status_code == 400  # no CSRF
    after = scrape(client)

    def moved(name, **labels):
        return value(after, name, **labels) - value(before, name, **labels)

    assert moved(REQUESTS, endpoint="public.healthz", method="GET", status="2xx") == 3
    assert moved(REQUESTS, endpoint="unmatched", method="GET", status="4xx") == 1
    assert moved(REQUESTS, endpoint="auth.sign_in", method="POST", status="4xx") == 1
    # The first scrape is counted by the time of the second.
    assert moved(REQUESTS, endpoint="monitoring.metrics", method="GET", status="2xx") >= 1
    assert moved(f"{DURATION}_count", endpoint="public.healthz") == 3
    assert moved(f"{DURATION}_bucket", endpoint="public.healthz", le="+Inf") == 3
    assert 0 < moved(f"{DURATION}_sum", endpoint="public.healthz") < 30


def test_outbox_figures_follow_mail_queued_while_the_mail_server_is_down(
        app, client_as, smtp, client, app_context):
    db.session.execute(delete(OutboundEmail))  # an empty outbox (the test's rollback restores it)
    db.session.commit()
    figures = scrape(client)
    assert (value(figures, UNSENT), value(figures, OLDEST)) == (0, 0)
    admin = client_as(Role.ADMIN)
    smtp.stop()
    try:
        for name in ("Offline One", "Offline Two"):
            response = admin.post_form("admin.create_user", {
                "email": f"{name.lower().replace(' ', '.')}@example.org", "name": name,
                "job_title": "Officer", "unit_id": "", "roles": ["author"]})
            assert response.status_code == 302
    finally:
        smtp.start()
    waiting = db.session.scalars(select(OutboundEmail).where(OutboundEmail.sent_at.is_(None))
                                 .order_by(OutboundEmail.id)).all()
    assert len(waiting) == 2
    waiting[0].created_at = utcnow() - timedelta(hours=1)  # as if queued an hour ago
    db.session.commit()

    figures = scrape(client)
    assert value(figures, UNSENT) == 2
    assert 3600 <= value(figures, OLDEST) < 3600 + 60

    for message in waiting:
        message.next_attempt_at = utcnow()  # as if the back-off pause has passed
    db.session.commit()
    result = app.test_cli_runner().invoke(eia_cli, ["send-mail"])
    assert result.exit_code == 0, result.output
    smtp.wait_for(2)
    figures = scrape(client)
    assert (value(figures, UNSENT), value(figures, OLDEST)) == (0, 0)


def test_other_addresses_are_told_the_page_does_not_exist(client, app_context):
    refusals_before = db.session.scalar(select(func.count()).select_from(AuditEvent))
    response = client.get("/metrics", environ_base=ELSEWHERE)
    unknown = client.get("/no-such-page", environ_base=ELSEWHERE)
    assert response.status_code == 404
    assert without_nonce(response) == without_nonce(unknown)  # nothing gives the page away
    assert "Set-Cookie" not in response.headers
    # Anonymous refusals write nothing: anyone could otherwise grow the audit log at will.
    assert db.session.scalar(select(func.count()).select_from(AuditEvent)) == refusals_before


def test_signing_in_does_not_open_the_metrics(client_as):
    admin = client_as(Role.ADMIN)
    assert admin.get("/metrics", environ_base=ELSEWHERE).status_code == 404


def test_the_token_opens_the_metrics_from_anywhere(client, with_token):
    figures = scrape(client, environ_base=ELSEWHERE,
                     headers={"Authorization": f"Bearer {TOKEN}"})
    assert any(name == REQUESTS for name, _ in figures)


def test_a_wrong_token_is_refused_even_from_an_allowed_address(client, with_token):
    for header in (f"Bearer {TOKEN}x", f"Bearer {TOKEN[:-1]}", f"Basic {TOKEN}", "Bearer "):
        assert client.get("/metrics", headers={"Authorization": header}).status_code == 404
        assert client.get("/metrics", environ_base=ELSEWHERE,
                          headers={"Authorization": header}).status_code == 404


def test_without_a_token_set_no_token_opens_the_metrics(client):
    response = client.get("/metrics", environ_base=ELSEWHERE,
                          headers={"Authorization": "Bearer "})
    assert response.status_code == 404


def test_a_request_forwarded_by_a_proxy_on_an_allowed_address_is_refused(client):
    """A reverse proxy on the same machine calls from loopback for everyone it forwards."""
    for header in ({"X-Forwarded-For": "198.51.100.4"}, {"Forwarded": "for=198.51.100.4"}):
        assert client.get("/metrics", headers=header).status_code == 404


def test_an_empty_allow_list_leaves_only_the_token(app, client, with_token, monkeypatch):
    monkeypatch.setitem(app.config, "METRICS_ALLOW", ())
    assert client.get("/metrics").status_code == 404
    assert client.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"}
                      ).status_code == 200


def test_reading_the_metrics_sets_no_cookie_and_is_not_stored(client, with_token):
    for kwargs in ({}, {"environ_base": ELSEWHERE,
                        "headers": {"Authorization": f"Bearer {TOKEN}"}}):
        response = client.get("/metrics", **kwargs)
        assert response.status_code == 200
        assert "Set-Cookie" not in response.headers
        assert response.headers["Cache-Control"] == "no-store"
