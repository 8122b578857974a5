"""Each person's notifications: newest first, unread ones said to be so, each linking onward."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_login import current_user

from eia.services import notifications as notices
from eia.views.main.blueprint import bp


@bp.get("/notifications")
def notifications():
    return render_template("notifications/list.html", items=notices.list_for(current_user),
                           unread=notices.unread_count(current_user))


@bp.post("/notifications/read")
def mark_notifications_read():
    notices.mark_all_read(current_user)
    flash("All your notifications are marked as read")
    return redirect(url_for("main.notifications"))
