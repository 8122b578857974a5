"""The signed-in home page: what each role should do next."""

from flask import Blueprint, render_template
from flask_login import current_user

from eia.permissions import Role

bp = Blueprint("main", __name__)


@bp.get("/")
def home():
    roles = current_user.roles
    return render_template("main/home.html", roles=roles, Role=Role)
