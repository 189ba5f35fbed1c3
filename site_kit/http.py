"""The HTTP protocol of ``ispyb-server serve``: uvicorn's, with a deadline for the request line and headers.

uvicorn bounds the idle time between requests (``timeout_keep_alive``) but not the time a client takes to
send its headers, so a client sending one header byte at a time could hold a connection for ever. Here a
connection that has not completed its headers ``HEADER_TIMEOUT`` seconds after it opened (or after its
previous response, for the next request) is closed. The body's deadline is the ASGI middleware's
(``site_kit.limits``), which also answers 408.

A request that is not HTTP/1.1 at all (a header llhttp refuses, such as ``Content-Length: :Z``) never
reaches the application: uvicorn answers it 400 itself, in ``text/plain``. Here that answer is a problem
document like every other error of the API, so that a client (and the conformance suite) sees one error
format whatever layer refused the request.
"""

from __future__ import annotations

import asyncio
import sys
from typing import Any

import orjson
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from site_kit.limits import HEADER_TIMEOUT
from site_kit.problems import PROBLEM_MEDIA_TYPE, document


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

    def send_400_response(self, msg: str) -> None:
        """uvicorn's answer to a request llhttp cannot parse, as ``application/problem+json``.

        uvicorn calls this while it handles the parser's exception, whose message says what is wrong
        (``Invalid character in Content-Length``): the problem's ``detail`` carries it.
        """
        reason = sys.exc_info()[1]
        body = orjson.dumps(document(400, f"The request is not valid HTTP/1.1: {reason or msg}.", slug="malformed"))
        head = [b"HTTP/1.1 400 Bad Request\r\n"]
        head.extend(name + b": " + value + b"\r\n" for name, value in self.server_state.default_headers)
        head.append(b"content-type: " + PROBLEM_MEDIA_TYPE.encode() + b"\r\n")
        head.append(b"content-length: " + str(len(body)).encode() + b"\r\nconnection: close\r\n\r\n")
        self.transport.write(b"".join(head) + body)
        self.transport.close()


def uvicorn_options() -> dict[str, Any]:
    """Options of ``uvicorn.run`` that bound what one client can hold, and how long a shutdown may take."""
    return {
        "http": "site_kit.http:DeadlineHttpToolsProtocol",
        "timeout_keep_alive": 5,
        "timeout_graceful_shutdown": 3,
    }
