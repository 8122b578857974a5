"""Free TCP ports on loopback, for servers that must be told their port before they bind it.

Between choosing a port here and the server binding it, another process (several test
processes run at once) may take it; such servers try again with another port (ATTEMPTS times).
Servers that can bind port 0 themselves should, and need none of this.
"""

import socket

ATTEMPTS = 5


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
