"""A small HTTP/1.1 client over one keep-alive socket: what each simulated browser talks through.

Not `http.client`: it parses every response's headers with the email package and, measured on
loopback, costs about six times the CPU per request of this. On a two-core machine the client
shares the processors with the server it measures, so every millisecond it spends is taken
from the server, most of all from the floor. It speaks just enough HTTP for gunicorn: request
line and headers out; status, headers and a body by Content-Length or chunks (or until the
server closes) back.
"""

from __future__ import annotations

import socket
import time
from dataclasses import dataclass


class ServerClosed(ConnectionError):
    """The server closed the connection before its answer was complete."""


class BadAnswer(ConnectionError):
    """The server's answer was not HTTP/1.x as expected."""


@dataclass(frozen=True)
class Response:
    status: int
    headers: list[tuple[str, str]]  # names in lower case, in the order sent
    content: bytes

    def header(self, name: str) -> str | None:
        return next((value for key, value in self.headers if key == name), None)

    def all(self, name: str) -> list[str]:
        return [value for key, value in self.headers if key == name]


class Connection:
    """One keep-alive connection to 127.0.0.1:`port`; opened on first use, reopened after a
    close. `timeout` bounds a whole request, from sending to the last byte of the answer."""

    def __init__(self, port: int, timeout: float):
        self.port, self.timeout = port, timeout
        self._socket: socket.socket | None = None
        self._buffer = bytearray()
        self.answered = 0  # answers read on the current socket: more than none means reused

    @property
    def is_open(self) -> bool:
        return self._socket is not None

    def close(self) -> None:
        if self._socket is not None:
            self._socket.close()
            self._socket = None
        self._buffer.clear()
        self.answered = 0

    def request(self, method: str, path: str, headers: list[tuple[str, str]],
                body: bytes | None = None) -> Response:
        deadline = time.perf_counter() + self.timeout
        if self._socket is None:
            self._socket = socket.create_connection(("127.0.0.1", self.port),
                                                    timeout=self.timeout)
            self._socket.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        lines = [f"{method} {path} HTTP/1.1", *(f"{k}: {v}" for k, v in headers)]
        if body is not None:
            lines.append(f"Content-Length: {len(body)}")
        self._socket.settimeout(self.timeout)
        self._socket.sendall(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + (body or b""))
        response, keep_alive = self._read(method, deadline)
        self.answered += 1
        if not keep_alive:
            self.close()
        return response

    def _fill(self, deadline: float) -> None:
        self._socket.settimeout(max(0.001, deadline - time.perf_counter()))
        data = self._socket.recv(262144)
        if not data:
            raise ServerClosed("the server closed the connection")
        self._buffer += data

    def _read(self, method: str, deadline: float) -> tuple[Response, bool]:
        buffer = self._buffer
        while True:
            while (end := buffer.find(b"\r\n\r\n")) < 0:
                self._fill(deadline)
            lines = bytes(buffer[:end]).split(b"\r\n")
            del buffer[:end + 4]
            parts = lines[0].split(b" ", 2)
            if len(parts) < 2 or not parts[0].startswith(b"HTTP/1.") or not parts[1].isdigit():
                raise BadAnswer(f"not an HTTP answer: {lines[0][:80]!r}")
            status = int(parts[1])
            if not 100 <= status < 200:  # skip any interim answer
                break
        headers = []
        for line in lines[1:]:
            name, _, value = line.partition(b":")
            headers.append((name.strip().lower().decode("latin-1"),
                            value.strip().decode("latin-1")))
        response = Response(status, headers, b"")
        keep_alive = (parts[0] == b"HTTP/1.1"
                      and (response.header("connection") or "").lower() != "close")
        if method == "HEAD" or status in (204, 304):
            return response, keep_alive
        if (response.header("transfer-encoding") or "").lower() == "chunked":
            content = self._chunks(deadline)
        elif (length := response.header("content-length")) is not None:
            content = self._exactly(int(length), deadline)
        else:
            content = self._until_closed(deadline)
            keep_alive = False
        return Response(status, headers, content), keep_alive

    def _exactly(self, length: int, deadline: float) -> bytes:
        while len(self._buffer) < length:
            self._fill(deadline)
        content = bytes(self._buffer[:length])
        del self._buffer[:length]
        return content

    def _line(self, deadline: float) -> bytes:
        while (end := self._buffer.find(b"\r\n")) < 0:
            self._fill(deadline)
        line = bytes(self._buffer[:end])
        del self._buffer[:end + 2]
        return line

    def _chunks(self, deadline: float) -> bytes:
        content = bytearray()
        while size := int(self._line(deadline).split(b";")[0], 16):
            content += self._exactly(size, deadline)
            self._line(deadline)
        while self._line(deadline):  # trailers, up to the empty line
            pass
        return bytes(content)

    def _until_closed(self, deadline: float) -> bytes:
        try:
            while True:
                self._fill(deadline)
        except ServerClosed:
            pass
        content = bytes(self._buffer)
        self._buffer.clear()
        return content
