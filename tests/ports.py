"""Ports for the servers the tests start: one place, so that pytest-xdist workers never share one.

Binding port 0 lets the kernel choose, but the socket is closed before the server binds it, and in that gap
another worker may be given the same port (or a client connection may take it as its local port): a server
then fails to start while its health check reaches another worker's server. Each worker therefore takes ports
from a block of its own below Linux's ephemeral range (32768+), which client connections never use.
"""

from __future__ import annotations

import itertools
import os
import socket

_BLOCK = 2000
_FIRST = 20000


def _candidates() -> itertools.count[int]:
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    index = int(worker[2:]) if worker.startswith("gw") and worker[2:].isdigit() else 0
    # blocks 20000-21999, 22000-23999 … (six workers fit below the ephemeral range); a process-wide counter
    return itertools.count(_FIRST + (index % 6) * _BLOCK + (os.getpid() % 10) * 150)


_NEXT = _candidates()


def free_port() -> int:
    """A port nobody listens on now, from this worker's block (never handed out twice by this process)."""
    for _ in range(_BLOCK):
        port = next(_NEXT)
        if port >= _FIRST + 6 * _BLOCK:
            break
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:  # block exhausted: let the kernel choose
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
