"""Pages anyone may see without signing in, and the health check."""

from flask import Blueprint, jsonify, render_template
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from eia.extensions import db

bp = Blueprint("public", __name__)


@bp.get("/healthz")
def healthz():
    try:
        db.session.execute(text("SELECT 1"))
    except SQLAlchemyError:
        db.session.rollback()
        return jsonify({"status": "unavailable", "database": "unreachable"}), 503
    return jsonify({"status": "ok", "database": "ok"})


@bp.get("/accessibility-statement")
def accessibility_statement():
    return render_template("public/accessibility_statement.html")


@bp.get("/privacy-notice")
def privacy_notice():
    return render_template("public/privacy_notice.html")
