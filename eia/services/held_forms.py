"""Keeping a form that could not be saved because its session had ended, to send again.

A long answer typed over an afternoon must not be lost because the session timed out, or
because the person signed in again in another tab (which gives the session a new CSRF token).
`hold` keeps what the form carried on the server under a random token; once its author is
signed in, `held` finds it for them, and a page offers to send it again to where it was going,
with a new CSRF token. The usual checks then apply: a stale edit is still caught, with both
versions shown. Passwords are never kept.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import delete, select

from eia.extensions import db
from eia.models.held_forms import HeldForm
from eia.models.types import utcnow
from eia.models.users import User
from eia.services.transaction import unit_of_work

HOLD_FOR = timedelta(hours=24)
# Never kept: the token that failed or belonged to the ended session, and any password.
NOT_KEPT = ("csrf_token",)


def _kept(name: str) -> bool:
    return name not in NOT_KEPT and "password" not in name.lower()


@dataclass(frozen=True)
class Held:
    path: str
    fields: list[tuple[str, str]]
    had_files: bool


def hold(user_id: int | None, path: str, fields: list[tuple[str, str]],
         had_files: bool) -> str | None:
    """Keep `fields` (as sent, in order) for `path`, for the user with `user_id` (None: for
    whoever signs in on the browser that sent them); the token that finds them, or None when
    nothing worth keeping was sent. Forms kept longer than HOLD_FOR are forgotten."""
    kept = [(name, value) for name, value in fields if _kept(name)]
    if not kept:
        return None
    token = secrets.token_urlsafe(32)
    with unit_of_work():
        db.session.execute(delete(HeldForm).where(HeldForm.created_at < utcnow() - HOLD_FOR))
        db.session.add(HeldForm(token=token, user_id=user_id, path=path[:2000],
                                fields=json.dumps(kept, ensure_ascii=False),
                                had_files=had_files))
    return token


def held(token: str | None, user: User) -> Held | None:
    """The form kept under `token`, if `user` may have it back: it was sent while they were
    signed in, or while nobody was (from their browser, which holds the token)."""
    if not token:
        return None
    row = db.session.scalar(select(HeldForm).where(
        HeldForm.token == token, HeldForm.created_at >= utcnow() - HOLD_FOR))
    if row is None or row.user_id not in (None, user.id):
        return None
    return Held(path=row.path, fields=[tuple(pair) for pair in json.loads(row.fields)],
                had_files=row.had_files)


def forget(token: str) -> None:
    """Forget the form kept under `token`: it has been sent again."""
    with unit_of_work():
        db.session.execute(delete(HeldForm).where(HeldForm.token == token))
