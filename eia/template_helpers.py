"""What every template can use: the CSP nonce, role-aware navigation, the unread count, dates."""

from __future__ import annotations

from flask import Flask, g, request, url_for
from flask_login import current_user

from eia.collections import collection_for
from eia.components import summary_list, tag
from eia.formatting import (
    answer_text,
    format_date,
    format_datetime,
    parse_iso_date,
    status_tag,
    verdict_tag,
)
from eia.permissions import may_use
from eia.services.notifications import unread_count
from forms.fields import length_limit

SERVICE_NAME = "Due Regard"

# (label, endpoint, what the pages it covers are about): shown to whoever the access matrix
# lets use the endpoint, and marked current on any page about the same thing.
NAVIGATION = (
    ("Home", "main.home", "home"),
    ("Training sessions", "training.list_sessions", "session"),
    ("Practice", "training.list_scenarios", "scenario"),
    ("Programmes", "training.list_programmes", "programme"),
    ("Training", "training.list_library", "library"),
    ("All assessments", "staff_register.list_assessments", "assessment"),
    ("Insights", "insights.view_pipeline", ""),
    ("Users", "admin.list_users", "user"),
    ("Organisational units", "admin.list_units", "unit"),
    ("Archive", "archive.list_people", ""),
    ("Audit log", "admin.list_audit_events", "audit_event"),
    ("Settings", "admin.edit_settings", "settings"),
)


def navigation_items() -> list[dict]:
    if not current_user.is_authenticated:
        return []
    here = request.endpoint or ""
    return [
        {
            "text": label,
            "href": url_for(endpoint),
            "active": here.split(".")[0] == endpoint.split(".")[0]
            and here.removesuffix("s").endswith(topic),
        }
        for label, endpoint, topic in NAVIGATION
        if may_use(current_user, endpoint)
    ]


def unread_notifications() -> int:
    """The signed-in user's unread count for the header: one query per page, only when shown."""
    if not current_user.is_authenticated:
        return 0
    if "unread_notifications" not in g:
        g.unread_notifications = unread_count(current_user)
    return g.unread_notifications


def init_app(app: Flask) -> None:
    app.add_template_filter(format_datetime, "datetime")
    app.add_template_filter(format_date, "date")
    app.add_template_filter(parse_iso_date, "iso_date")
    # Globals of the environment rather than the request context, so macros imported from
    # another template can use them too.
    app.jinja_env.globals.update(
        status_tag=status_tag, verdict_tag=verdict_tag, collection_for=collection_for,
        answer_text=answer_text, summary_list=summary_list, tag=tag,
        field_limit=lambda field: length_limit(field) or 0)

    @app.context_processor
    def _globals():
        return {
            "cspNonce": g.get("csp_nonce", ""),
            "service_name": SERVICE_NAME,
            "navigation_items": navigation_items,
            "may_use": lambda endpoint: may_use(current_user, endpoint),
            "unread_notifications": unread_notifications,
        }
