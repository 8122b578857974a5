"""A real SMTP server on loopback that keeps what it receives, for tests about email."""

from __future__ import annotations

import threading
import time
from email import message_from_bytes, policy
from email.message import EmailMessage

from aiosmtpd.controller import Controller

from tests.support.ports import ATTEMPTS, free_port


class _Handler:
    def __init__(self, owner: LoopbackSMTP):
        self.owner = owner

    async def handle_DATA(self, server, session, envelope):
        return self.owner._receive(envelope.content, session.peer)


class LoopbackSMTP:
    """`with LoopbackSMTP() as smtp:` then send to smtp.host:smtp.port; read smtp.messages."""

    host = "127.0.0.1"

    def __init__(self):
        self.port = free_port()
        self.messages: list[EmailMessage] = []
        # The (address, port) each message came from: one per connection it was sent on; and
        # those of the messages answered with a failure (see `fail_next`).
        self.senders: list[tuple[str, int]] = []
        self.refused_senders: list[tuple[str, int]] = []
        self._lock = threading.Lock()
        self._failures_left = 0
        self._accepted_before_failing = 0
        # At most this many messages a connection, as many real servers allow (None: any).
        self.messages_per_connection: int | None = None
        self._controller: Controller | None = None

    def _receive(self, content: bytes, sender: tuple[str, int]) -> str:
        with self._lock:
            if self._failures_left and self._accepted_before_failing:
                self._accepted_before_failing -= 1
            elif self._failures_left:
                self._failures_left -= 1
                self.refused_senders.append(sender)
                return "451 Requested action aborted: try again later"
            if (self.messages_per_connection is not None
                    and self.senders.count(sender) >= self.messages_per_connection):
                self.refused_senders.append(sender)
                return "421 Too many messages on this connection"
            self.messages.append(message_from_bytes(content, policy=policy.default))
            self.senders.append(sender)
        return "250 Message accepted for delivery"

    def fail_next(self, count: int, after: int = 0) -> None:
        """Answer the next `count` messages with a temporary failure (451), once `after`
        more have been accepted."""
        with self._lock:
            self._failures_left = count
            self._accepted_before_failing = after

    def clear(self) -> None:
        with self._lock:
            self.messages.clear()
            self.senders.clear()
            self.refused_senders.clear()
            self._failures_left = 0
            self._accepted_before_failing = 0
            self.messages_per_connection = None

    def wait_for(self, count: int, timeout: float = 5) -> list[EmailMessage]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                if len(self.messages) >= count:
                    return list(self.messages)
            time.sleep(0.02)
        with self._lock:
            got = [m["Subject"] for m in self.messages]
        raise AssertionError(f"expected {count} emails within {timeout}s, got {got}")

    def start(self) -> None:
        for attempt in range(ATTEMPTS):
            controller = Controller(_Handler(self), hostname=self.host, port=self.port)
            try:
                controller.start()
            except OSError:  # the port was taken after free_port chose it
                if attempt == ATTEMPTS - 1:
                    raise
                self.port = free_port()
            else:
                self._controller = controller
                return

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def __enter__(self) -> LoopbackSMTP:
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()
