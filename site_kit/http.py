"""The HTTP protocol of ``ispyb-server serve``: uvicorn's, with a deadline for the request line and headers.

uvicorn bounds the idle time between requests (``timeout_keep_alive``) but not the time a client takes to
send its headers, so a client sending one header byte at a time could hold a connection for ever. Here a
connection that has not completed its headers ``HEADER_TIMEOUT`` seconds after it opened (or after its
previous response, for the next request) is closed. The body's deadline is the ASGI middleware's
(``site_kit.limits``), which also answers 408.
"""

from __future__ import annotations

import asyncio
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from site_kit.limits import HEADER_TIMEOUT


class DeadlineHttpToolsProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol, closing connections whose headers are not in after ``HEADER_TIMEOUT`` s."""

    header_timeout = HEADER_TIMEOUT

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._header_deadline: asyncio.TimerHandle | None = None
        self._arm()

    def _arm(self) -> None:
        self._disarm()
        self._header_deadline = self.loop.call_later(self.header_timeout, self._headers_too_slow)

    def _disarm(self) -> None:
        if getattr(self, "_header_deadline", None) is not None:
            assert self._header_deadline is not None
            self._header_deadline.cancel()
            self._header_deadline = None

    def _headers_too_slow(self) -> None:
        self._header_deadline = None
        if not self.transport.is_closing():
            self.transport.close()

    def on_message_begin(self) -> None:
        super().on_message_begin()
        if getattr(self, "_header_deadline", None) is None:
            self._arm()

    def on_headers_complete(self) -> None:
        self._disarm()
        super().on_headers_complete()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)


def uvicorn_options() -> dict[str, Any]:
    """Options of ``uvicorn.run`` that bound what one client can hold, and how long a shutdown may take."""
    return {
        "http": "site_kit.http:DeadlineHttpToolsProtocol",
        "timeout_keep_alive": 5,
        "timeout_graceful_shutdown": 3,
    }
