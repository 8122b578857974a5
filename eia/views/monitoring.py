"""What monitoring systems read: `/metrics`, in Prometheus text format.

Who may read it is decided before the view runs (`MONITORING` in eia/permissions.py): a
request with the metrics token or from an allowed address gets the figures, anyone else the
same 404 as a page that does not exist. Reading it writes nothing and starts no session.
"""

from flask import Blueprint, Response, current_app

from eia import queries
from eia.metrics import CONTENT_TYPE, exposition, request_metrics
from eia.models.types import utcnow

bp = Blueprint("monitoring", __name__)


@bp.get("/metrics")
def metrics():
    unsent, oldest = queries.get_outbox_backlog()
    text = exposition(request_metrics(current_app).figures(), {
        "outbox_unsent_emails": (
            "Emails waiting in the outbox, including any given up on after every attempt.",
            unsent),
        "outbox_oldest_unsent_age_seconds": (
            "Seconds since the oldest email still in the outbox was queued; 0 when none waits.",
            (utcnow() - oldest).total_seconds() if oldest else 0.0),
    })
    return Response(text, content_type=CONTENT_TYPE, headers={"Cache-Control": "no-store"})
