"""Personal API tokens: made on a person's account page, shown once, kept only as a hash.

A token acts as its user with that user's roles (so the access matrix and every object rule
apply as they do on the pages), narrowed by its scope: a read token cannot change anything.
A token stops working when it expires, when it is revoked, or when its user is disabled.
Making and revoking a token is audited; using one is recorded on the token (`last_used_at`,
to the minute) so that people can see which tokens are in use.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime, timedelta

from sqlalchemy import select

from eia import audit
from eia.domain import DomainError
from eia.extensions import db
from eia.models.tokens import ApiToken, TokenScope
from eia.models.types import utcnow
from eia.models.users import User
from eia.services.transaction import unit_of_work

SECRET_PREFIX = "dr_"  # noqa: S105  (a marker that names the kind of secret, not one)
PREFIX_LENGTH = 10  # "dr_" and seven characters: enough to tell tokens apart, useless to guess
LIFETIMES_DAYS = (30, 90, 365)
# Recording every use would write on every read; to the minute is what people need to see.
USE_GRANULARITY = timedelta(minutes=1)


class TokenNotFound(DomainError):
    pass


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def create_token(user: User, name: str, scope: TokenScope, days: int) -> tuple[ApiToken, str]:
    """Make a token for `user`; returns it with its secret, which is never available again."""
    if days not in LIFETIMES_DAYS:
        raise DomainError(f"A token lasts {', '.join(map(str, LIFETIMES_DAYS))} days")
    secret = SECRET_PREFIX + secrets.token_urlsafe(32)
    with unit_of_work():
        token = ApiToken(user_id=user.id, name=name.strip(), prefix=secret[:PREFIX_LENGTH],
                         token_hash=_hash(secret), scope=TokenScope(scope).value,
                         expires_at=utcnow() + timedelta(days=days))
        db.session.add(token)
        db.session.flush()
        audit.record("api_token.created", actor=user, object_type="api_token",
                     object_id=token.id, details={"name": token.name, "scope": token.scope,
                                                  "prefix": token.prefix,
                                                  "expires_at": token.expires_at.isoformat()})
    return token, secret


def revoke_token(user: User, token_id: int) -> ApiToken:
    """Stop one of `user`'s own tokens working; TokenNotFound for anyone else's."""
    token = db.session.get(ApiToken, token_id)
    if token is None or token.user_id != user.id:
        raise TokenNotFound("No such token")
    if token.revoked_at is None:
        with unit_of_work():
            token.revoked_at = utcnow()
            audit.record("api_token.revoked", actor=user, object_type="api_token",
                         object_id=token.id, details={"name": token.name,
                                                      "prefix": token.prefix})
    return token


def list_tokens(user: User) -> list[ApiToken]:
    """The user's tokens, newest first, revoked and expired ones included."""
    return list(db.session.scalars(select(ApiToken).where(ApiToken.user_id == user.id)
                                   .order_by(ApiToken.id.desc())))


def find_usable_token(secret: str, now: datetime | None = None) -> ApiToken | None:
    """The token whose secret this is, while it works; None otherwise. Reads only."""
    if not secret.startswith(SECRET_PREFIX):
        return None
    digest = _hash(secret)
    token = db.session.scalar(select(ApiToken).where(ApiToken.token_hash == digest))
    if token is None or not hmac.compare_digest(token.token_hash, digest):
        return None
    return token if token.is_usable(now or utcnow()) else None


def use_is_news(token: ApiToken, now: datetime | None = None) -> bool:
    """Whether this use should be recorded (the last one recorded is over a minute old)."""
    last = token.last_used_at
    return last is None or (now or utcnow()) - last >= USE_GRANULARITY


def record_use(token: ApiToken) -> None:
    with unit_of_work():
        token.last_used_at = utcnow()
