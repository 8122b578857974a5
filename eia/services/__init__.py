"""Use cases: the only code that writes to the database and commits.

Each public function is one unit of work. Domain rules that fail raise a `DomainError`
subclass with a message fit to show the user; views turn those into messages, never a 500.
"""


class DomainError(Exception):
    """A rule of the service refused the request; `str(error)` is safe to show the user."""
