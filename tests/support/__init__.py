"""Real components for the test suite: PostgreSQL, Redis, SMTP, a served app and Chromium.

A missing browser or database server skips the tests that need it, with the reason, on a
developer's machine; in CI (CI=true) it fails them, so nothing is silently left untested.
"""

from __future__ import annotations

import os

import pytest


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def _unavailable(reason: str) -> None:
    if in_ci():
        pytest.fail(f"{reason} (CI=true: a missing component is a failure, not a skip)")
    pytest.skip(reason)


def require_chromium() -> str:
    from tests.support.browser import chromium_path

    path = chromium_path()
    if path is None:
        _unavailable("Chromium is not installed (apt-get install chromium-headless-shell)")
    return path


def require_redis() -> None:
    import shutil

    if shutil.which("redis-server") is None:
        _unavailable("Redis is not installed (apt-get install redis-server)")


def require_postgres() -> None:
    from tests.support.postgres import postgres_bin_dir

    if postgres_bin_dir() is None:
        _unavailable("PostgreSQL server binaries are not installed (apt-get install postgresql)")
