"""The JSON API under /api/v1: the same services, rules and queries as the pages.

Who may call which route is the access matrix, as for every page (anonymous callers get 401).
A request carries either a personal API token (`Authorization: Bearer ...`, see
`eia.security`) or, from a browser on this site, the session cookie with the CSRF token in an
`X-CSRFToken` header for anything that writes. A read-only token cannot write. Each token (or
person) has its own rate limit. Every error is `application/problem+json`.
"""

from __future__ import annotations

import hashlib

from flask import current_app, g, request
from flask_limiter.util import get_remote_address
from flask_login import current_user

from eia.api import (  # noqa: F401
    assessments,
    catalogue,
    decisions,
    documents,
    items,
    moves,
    spec,
)
from eia.api.blueprint import bp
from eia.api.problems import ApiProblem, problem
from eia.extensions import csrf, limiter

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

# Token requests carry no cookie to forge; session requests are checked below instead.
csrf.exempt(bp)


def _caller() -> str:
    """Whose allowance a request uses: its token's (named by a digest of the secret, as the
    limiter runs before the token is looked up), else the signed-in person's, else the
    address's."""
    header = request.headers.get("Authorization")
    if header:
        return f"api-token:{hashlib.sha256(header.encode()).hexdigest()[:32]}"
    if current_user.is_authenticated:
        return f"api-user:{current_user.id}"
    return f"api-address:{get_remote_address()}"


limiter.limit(lambda: current_app.config["API_RATE_LIMIT"], key_func=_caller,
              scope="api")(bp)


@bp.before_request
def _check_scope_and_csrf():
    if request.method in SAFE_METHODS:
        return None
    token = g.get("api_token")
    if token is None:
        csrf.protect()  # a browser's session: the X-CSRFToken header must match
        return None
    if not token.can_write:
        return problem(403, "This token can only read")
    return None


@bp.errorhandler(ApiProblem)
def _answer_problem(error: ApiProblem):
    return error.response()


__all__ = ["bp"]
