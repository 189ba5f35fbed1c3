"""HTTP/1.1 to one member, on the event loop: kept-alive connections, requests written as bytes, answers parsed
by httptools.

Everything else in this project speaks HTTP through httpx; the gateway's exchanges with its members do not,
because they are the gateway's largest cost. A federated page of 100 over three members reads three pages of
about 40 records (39 kB each); the client CPU of one such exchange, measured against a reference server member
(``bench/results/ab.md``): httpx 1.07–1.24 ms, httpcore 0.61 ms, urllib3 0.57 ms, aiohttp 0.49 ms, httptools
on a kept-alive socket 0.18 ms. The exchanges run on the event loop that serves the gateway (an asyncio
``Protocol`` per connection, fed by the loop as bytes arrive): a page waits on all its members at once with no
thread woken per member and no hop between threads (``bench/results/ab.md``, "Federation").

What it does is small on purpose: one request at a time per connection, no redirects, cookies, proxies or
HTTP/2 (a member is an API with a fixed base URL), TLS through the standard library's ``ssl`` for ``https``
members. The parsing — status line, headers, ``Content-Length`` or chunked bodies — is httptools' (llhttp, the
parser uvicorn serves with), never ours.

Every exchange has one deadline (the member's timeout, connecting included): a member that accepts the
connection and never answers, or answers a byte at a time, costs at most that. An idle connection the member
closed is never used again (the loop tells the connection when its peer closes); one closed while the request
was on its way is retried once on a new connection when nothing came back and the method is idempotent.
"""

from __future__ import annotations

import asyncio
import ssl
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TypedDict, Unpack, cast
from urllib.parse import quote, urlencode, urlsplit

import httptools

#: an answer larger than this (after gzip decoding) is a failing member, not a page
MAX_ANSWER_BYTES = 64 * 1024 * 1024
#: idle connections kept per member
MAX_IDLE = 32
#: methods sent again on a new connection when a kept-alive one turns out closed (no HEAD: it is never sent)
IDEMPOTENT = frozenset({"GET", "PUT", "DELETE", "OPTIONS"})
#: the characters a request target keeps unescaped (RFC 3986 path characters and the query's separators)
TARGET_SAFE = "/:@!$&'()*+,;=-._~?%"


class Options(TypedDict, total=False):
    """What an exchange may carry besides its method and path: query parameters, headers, a body."""

    params: Sequence[tuple[str, str]]
    headers: Mapping[str, str] | None
    content: bytes | None


class WireError(Exception):
    """No usable answer: ``reason`` is ``TIMEOUT`` (the deadline passed), ``UNREACHABLE`` or ``FAILING``."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


@dataclass
class Answer:
    """A member's answer: status, headers (names in lower case, repeated ones joined by ``, ``) and body."""

    status_code: int
    headers: dict[str, str]
    content: bytes = b""


@dataclass
class _Reading:
    """httptools' callbacks: what one answer is made of, as it arrives."""

    limit: int
    headers: dict[str, str] = field(default_factory=dict)
    body: list[bytes] = field(default_factory=list)
    size: int = 0
    complete: bool = False
    #: whether the connection may carry another request: llhttp knows it only while the message completes
    keep_alive: bool = False
    headed: bool = False
    parser: httptools.HttpResponseParser | None = None

    def on_header(self, name: bytes, value: bytes) -> None:
        key = name.decode("latin-1").lower()
        text = value.decode("latin-1")
        self.headers[key] = f"{self.headers[key]}, {text}" if key in self.headers else text

    def on_headers_complete(self) -> None:
        self.headed = True

    @property
    def ends_at_close(self) -> bool:
        """An answer whose body runs to the end of the connection (neither a length nor chunks): HTTP/1.0's way."""
        coding = self.headers.get("transfer-encoding", "").lower()
        return self.headed and "content-length" not in self.headers and "chunked" not in coding

    def on_body(self, data: bytes) -> None:
        self.size += len(data)
        if self.size > self.limit:
            raise WireError("FAILING", f"answer larger than {self.limit} bytes")
        self.body.append(data)

    def on_message_complete(self) -> None:
        self.complete = True
        self.keep_alive = self.parser is not None and self.parser.should_keep_alive()


def _clean(text: str, what: str) -> str:
    if any(c in text for c in "\r\n\0"):
        raise ValueError(f"{what} must not contain line breaks: {text!r}")
    return text


class _Connection(asyncio.Protocol):
    """One connection to the member: the loop hands it the bytes that arrive, httptools reads them."""

    def __init__(self) -> None:
        self.loop = asyncio.get_running_loop()
        self.transport: asyncio.Transport | None = None
        #: the member closed it, or it failed: never used again
        self.closed = False
        self.reading: _Reading | None = None
        self._done: asyncio.Future[None] | None = None
        self._received = False

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = cast(asyncio.Transport, transport)  # uvloop's transports do not subclass asyncio's

    def exchange(self, data: bytes) -> asyncio.Future[None]:
        """Send one request; the future completes when its whole answer is in ``reading`` (or fails)."""
        assert self.transport is not None
        reading = self.reading = _Reading(MAX_ANSWER_BYTES)
        reading.parser = httptools.HttpResponseParser(reading)
        self._received = False
        done = self._done = self.loop.create_future()
        self.transport.write(data)
        return done

    def data_received(self, data: bytes) -> None:
        reading = self.reading
        if reading is None or reading.complete or self._done is None:  # bytes nobody asked for: drop the connection
            self.abort()
            return
        self._received = True
        assert reading.parser is not None
        try:
            reading.parser.feed_data(data)
        except httptools.HttpParserError as exc:
            # raised by a callback (an answer too large), or an answer that is not HTTP
            error = exc.__context__ if isinstance(exc.__context__, WireError) else None
            self._finish(error or WireError("FAILING", f"not an HTTP answer ({type(exc).__name__})"))
            self.abort()
            return
        if reading.complete:
            self._finish(None)

    def eof_received(self) -> bool:
        self._ended()
        return False  # close the transport

    def connection_lost(self, exc: Exception | None) -> None:
        self._ended()

    def _ended(self) -> None:
        self.closed = True
        reading = self.reading
        if self._done is None or self._done.done() or reading is None:
            return
        if reading.complete:
            self._finish(None)
        elif not self._received:
            self._finish(_Stale())
        elif reading.ends_at_close:
            reading.complete = True  # keep_alive stays False: the connection is gone
            self._finish(None)
        else:
            self._finish(WireError("FAILING", "the connection closed in the middle of the answer"))

    def _finish(self, error: BaseException | None) -> None:
        done = self._done
        if done is None or done.done():
            return
        if error is None:
            done.set_result(None)
        else:
            done.set_exception(error)

    def abort(self) -> None:
        self.closed = True
        if self.transport is not None:
            self.transport.abort()


class Wire:
    """Exchanges with the member at ``url`` (``http`` or ``https``, maybe with a base path), on the running loop."""

    def __init__(self, url: str, timeout: float, headers: Mapping[str, str] | None = None) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"a member URL is http(s)://host[:port][/base]: {url!r}")
        self.host = parts.hostname
        self.port = parts.port or (443 if parts.scheme == "https" else 80)
        self.base = parts.path.rstrip("/")
        self.timeout = timeout
        self._tls = ssl.create_default_context() if parts.scheme == "https" else None
        default_port = self.port == (443 if self._tls else 80)
        authority = f"[{self.host}]" if ":" in self.host else self.host
        host = authority if default_port else f"{authority}:{self.port}"
        fixed = {"Host": host, "Accept-Encoding": "identity", **(headers or {})}
        self._fixed = "".join(f"{_clean(k, 'a header')}: {_clean(v, 'a header')}\r\n" for k, v in fixed.items())
        self._gzip = "gzip" in fixed["Accept-Encoding"]
        self._idle: list[_Connection] = []
        self._closed = False

    # ------------------------------------------------------------------ connections

    async def _connect(self) -> _Connection:
        loop = asyncio.get_running_loop()
        try:
            _, conn = await loop.create_connection(
                _Connection, self.host, self.port, ssl=self._tls, server_hostname=self.host if self._tls else None
            )
        except ssl.SSLError as exc:
            raise WireError("UNREACHABLE", f"TLS: {type(exc).__name__}") from None
        except OSError as exc:
            raise WireError("UNREACHABLE", type(exc).__name__) from None
        return conn

    def _checkout(self) -> _Connection | None:
        """An idle connection of this loop still open, or None."""
        loop = asyncio.get_running_loop()
        while self._idle:
            conn = self._idle.pop()
            if not conn.closed and conn.loop is loop:
                return conn
            if conn.loop is loop:
                conn.abort()
        return None

    def _checkin(self, conn: _Connection) -> None:
        if not self._closed and not conn.closed and len(self._idle) < MAX_IDLE:
            self._idle.append(conn)
        else:
            conn.abort()

    def close(self) -> None:
        """Close the idle connections (on the loop that made them, from any thread)."""
        self._closed = True
        idle, self._idle = self._idle, []
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        for conn in idle:
            if conn.loop.is_closed():
                continue
            if running is conn.loop:
                conn.abort()
            else:
                conn.loop.call_soon_threadsafe(conn.abort)

    # ------------------------------------------------------------------ exchanges

    def _request_bytes(self, method: str, path: str, options: Options) -> bytes:
        """The request as sent; ``ValueError`` when a header or the path would carry a line break."""
        params, headers, content = options.get("params", ()), options.get("headers"), options.get("content")
        target = quote(_clean(self.base + path, "a path"), safe=TARGET_SAFE)
        if params:
            target += "?" + urlencode(list(params))
        extra = "".join(f"{_clean(k, 'a header')}: {_clean(v, 'a header')}\r\n" for k, v in (headers or {}).items())
        if content is not None or method in ("POST", "PUT", "PATCH"):
            extra += f"Content-Length: {len(content or b'')}\r\n"
        return f"{method} {target} HTTP/1.1\r\n{self._fixed}{extra}\r\n".encode("latin-1") + (content or b"")

    async def request(self, method: str, path: str, **options: Unpack[Options]) -> Answer:
        """One exchange within the timeout; ``WireError`` when there is no usable answer.

        On a kept-alive connection the request is written before this coroutine first waits: requests to
        several members started together all leave before any answer is read."""
        data = self._request_bytes(method, path, options)
        deadline = asyncio.get_running_loop().time() + self.timeout
        conn = self._checkout()
        try:
            return await self._exchange(conn, data, deadline)
        except _Stale:
            if conn is None or method not in IDEMPOTENT:
                raise WireError("UNREACHABLE", "the connection closed before an answer") from None
        try:  # the kept-alive connection had been closed by the member: once more, on a new one
            return await self._exchange(None, data, deadline)
        except _Stale:
            raise WireError("UNREACHABLE", "the connection closed before an answer") from None

    async def _exchange(self, conn: _Connection | None, data: bytes, deadline: float) -> Answer:
        try:
            async with asyncio.timeout_at(deadline):
                if conn is None:
                    conn = await self._connect()
                await conn.exchange(data)
        except TimeoutError:
            if conn is not None:
                conn.abort()
            raise WireError("TIMEOUT", f"no answer within {self.timeout:g} s") from None
        except BaseException:
            if conn is not None:
                conn.abort()
            raise
        reading = conn.reading
        assert reading is not None and reading.parser is not None
        status = reading.parser.get_status_code()
        if reading.keep_alive:
            self._checkin(conn)
        else:
            conn.abort()
        body = b"".join(reading.body)
        if self._gzip and reading.headers.get("content-encoding", "").lower() == "gzip":
            body = _gunzip(body)
        return Answer(status, reading.headers, body)


class _Stale(Exception):
    """The connection closed before any byte of the answer came back."""


def _gunzip(data: bytes) -> bytes:
    decoder = zlib.decompressobj(zlib.MAX_WBITS | 16)
    try:
        out = decoder.decompress(data, MAX_ANSWER_BYTES)
    except zlib.error:
        raise WireError("FAILING", "a gzip answer that does not decode") from None
    if decoder.unconsumed_tail:
        raise WireError("FAILING", f"answer larger than {MAX_ANSWER_BYTES} bytes once decoded")
    return out
