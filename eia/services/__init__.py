"""Use cases: the only code that writes to the database and commits.

Each public function is one unit of work (see `eia.services.transaction`). Domain rules that
fail raise a `eia.domain.DomainError` subclass with a message fit to show the user; views turn
those into messages, never a 500.
"""
