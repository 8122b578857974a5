"""The one transaction boundary of the services: each use case commits once, at its end.

Every use case runs inside `unit_of_work()`. The outermost one commits, or rolls back when
anything goes wrong; one that runs inside another (an import starts an assessment, a move
records its event) only flushes, so the outer use case is saved, or not, as a whole. What must
wait until the work is saved, such as sending the email it queued, is registered with
`after_commit` and runs once the outermost unit has committed.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import ParamSpec, TypeVar

from eia.database import writing
from eia.extensions import db

_depth: ContextVar[int] = ContextVar("unit_of_work_depth", default=0)
_after_commit: ContextVar[list[Callable[[], object]] | None] = ContextVar("after_commit",
                                                                          default=None)


@contextmanager
def unit_of_work() -> Iterator[None]:
    """Run one use case: commit at the end of the outermost, roll back on any error."""
    if _depth.get() > 0:  # inside another use case, which commits for both
        token = _depth.set(_depth.get() + 1)
        try:
            yield
            db.session.flush()
        finally:
            _depth.reset(token)
        return
    token, callbacks = _depth.set(1), _after_commit.set([])
    try:
        with writing():
            try:
                yield
                db.session.commit()
            except BaseException:
                db.session.rollback()
                raise
    finally:
        pending = _after_commit.get()
        _depth.reset(token)
        _after_commit.reset(callbacks)
    for callback in pending:
        callback()


def after_commit(callback: Callable[[], object]) -> None:
    """Run `callback` once the outermost unit of work has committed (now, outside one).

    A callback registered twice in one unit runs once: a use case that makes a hundred
    accounts queues a hundred invitations, and one delivery sends them all.
    """
    pending = _after_commit.get()
    if pending is None:
        callback()
    elif callback not in pending:
        pending.append(callback)


P = ParamSpec("P")
R = TypeVar("R")


def use_case(function: Callable[P, R]) -> Callable[P, R]:
    """Run the decorated service function as one unit of work (see `unit_of_work`)."""

    @functools.wraps(function)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        with unit_of_work():
            return function(*args, **kwargs)

    return run
