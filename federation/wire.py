"""HTTP/1.1 to one member: kept-alive connections, requests written as bytes, answers parsed by httptools.

Everything else in this project speaks HTTP through httpx; the gateway's exchanges with its members do not,
because they are the gateway's largest cost. A federated page of 100 over three members reads three pages of
about 40 records (39 kB each); the client CPU of one such exchange, measured against a reference server member
(``bench/results/federation.md``): httpx 1.07–1.24 ms, httpcore 0.61 ms, urllib3 0.57 ms, aiohttp 0.49 ms,
this module 0.18 ms. What it does is small on purpose: one request at a time per connection, no redirects,
cookies, proxies or HTTP/2 (a member is an API with a fixed base URL), TLS through the standard library's
``ssl`` for ``https`` members. The parsing — status line, headers, ``Content-Length`` or chunked bodies — is
httptools' (llhttp, the parser uvicorn serves with), never ours.

Every exchange has one deadline (the member's timeout, connecting included): a member that accepts the
connection and never answers, or answers a byte at a time, costs at most that. An idle connection the member
closed is noticed before it is used (it reads as ready); one closed while the request was on its way is
retried once on a new connection when nothing came back and the method is idempotent.
"""

from __future__ import annotations

import select
import socket
import ssl
import threading
import time
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TypedDict, Unpack
from urllib.parse import quote, urlencode, urlsplit

import httptools

#: an answer larger than this (after gzip decoding) is a failing member, not a page
MAX_ANSWER_BYTES = 64 * 1024 * 1024
#: idle connections kept per member
MAX_IDLE = 32
READ_BYTES = 256 * 1024
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


class Wire:
    """Exchanges with the member at ``url`` (``http`` or ``https``, maybe with a base path)."""

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
        self._idle: list[socket.socket] = []
        self._lock = threading.Lock()
        self._closed = False

    # ------------------------------------------------------------------ connections

    def _connect(self, deadline: float) -> socket.socket:
        left = deadline - time.monotonic()
        if left <= 0:
            raise WireError("TIMEOUT", "no time left to connect")
        try:
            sock = socket.create_connection((self.host, self.port), timeout=left)
        except TimeoutError:
            raise WireError("TIMEOUT", "connecting took too long") from None
        except OSError as exc:
            raise WireError("UNREACHABLE", type(exc).__name__) from None
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        if self._tls is None:
            return sock
        try:
            sock.settimeout(max(0.001, deadline - time.monotonic()))
            return self._tls.wrap_socket(sock, server_hostname=self.host)
        except TimeoutError:
            sock.close()
            raise WireError("TIMEOUT", "the TLS handshake took too long") from None
        except (OSError, ssl.SSLError) as exc:
            sock.close()
            raise WireError("UNREACHABLE", f"TLS: {type(exc).__name__}") from None

    def _checkout(self) -> socket.socket | None:
        """An idle connection still open, or None (a closed one reads as ready: end of file)."""
        while True:
            with self._lock:
                if not self._idle:
                    return None
                sock = self._idle.pop()
            try:
                ready, _, _ = select.select([sock], [], [], 0)
            except (OSError, ValueError):
                ready = [sock]
            if not ready:
                return sock
            sock.close()

    def _checkin(self, sock: socket.socket) -> None:
        with self._lock:
            if not self._closed and len(self._idle) < MAX_IDLE:
                self._idle.append(sock)
                return
        sock.close()

    def close(self) -> None:
        with self._lock:
            self._closed = True
            idle, self._idle = self._idle, []
        for sock in idle:
            sock.close()

    # ------------------------------------------------------------------ exchanges

    def request(self, method: str, path: str, **options: Unpack[Options]) -> Answer:
        """One exchange within the timeout; ``WireError`` when there is no usable answer."""
        return self.begin(method, path, **options).result()

    def begin(
        self,
        method: str,
        path: str,
        *,
        params: Sequence[tuple[str, str]] = (),
        headers: Mapping[str, str] | None = None,
        content: bytes | None = None,
    ) -> Pending:
        """Start an exchange: on a kept-alive connection the request is sent at once, in the caller's thread;
        ``result()`` (maybe in another thread) reads the answer — or connects and sends first, so that a member
        slow to connect never delays the requests to the others."""
        deadline = time.monotonic() + self.timeout
        target = quote(_clean(self.base + path, "a path"), safe=TARGET_SAFE)
        if params:
            target += "?" + urlencode(list(params))
        extra = "".join(f"{_clean(k, 'a header')}: {_clean(v, 'a header')}\r\n" for k, v in (headers or {}).items())
        if content is not None or method in ("POST", "PUT", "PATCH"):
            extra += f"Content-Length: {len(content or b'')}\r\n"
        data = f"{method} {target} HTTP/1.1\r\n{self._fixed}{extra}\r\n".encode("latin-1") + (content or b"")
        pending = Pending(self, method, data, deadline, self._checkout())
        pending.send_on_kept_connection()
        return pending

    def _send(self, sock: socket.socket, data: bytes, deadline: float) -> None:
        try:
            sock.settimeout(max(0.001, deadline - time.monotonic()))
            sock.sendall(data)
        except TimeoutError:
            raise WireError("TIMEOUT", f"no answer within {self.timeout:g} s") from None
        except (ConnectionResetError, BrokenPipeError, ConnectionAbortedError):
            raise _Stale() from None
        except OSError as exc:
            raise WireError("UNREACHABLE", type(exc).__name__) from None

    def _read(self, sock: socket.socket, deadline: float) -> tuple[Answer, bool]:
        reading = _Reading(MAX_ANSWER_BYTES)
        parser = reading.parser = httptools.HttpResponseParser(reading)
        received = False
        try:
            while not reading.complete:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise WireError("TIMEOUT", f"no answer within {self.timeout:g} s")
                sock.settimeout(left)
                chunk = sock.recv(READ_BYTES)
                if not chunk:
                    if not received:
                        raise _Stale()
                    if reading.ends_at_close:
                        break
                    raise WireError("FAILING", "the connection closed in the middle of the answer")
                received = True
                parser.feed_data(chunk)
        except TimeoutError:
            raise WireError("TIMEOUT", f"no answer within {self.timeout:g} s") from None
        except (ConnectionResetError, BrokenPipeError, ConnectionAbortedError):
            if received:
                raise WireError("FAILING", "the connection was reset in the middle of the answer") from None
            raise _Stale() from None
        except OSError as exc:
            raise WireError("UNREACHABLE", type(exc).__name__) from None
        except httptools.HttpParserError as exc:
            if isinstance(exc.__context__, WireError):  # raised by a callback (an answer too large)
                raise exc.__context__ from None
            raise WireError("FAILING", f"not an HTTP answer ({type(exc).__name__})") from None
        body = b"".join(reading.body)
        if self._gzip and reading.headers.get("content-encoding", "").lower() == "gzip":
            body = _gunzip(body)
        return Answer(parser.get_status_code(), reading.headers, body), reading.keep_alive


class Pending:
    """An exchange begun by ``Wire.begin``: ``result()`` once, in any thread."""

    def __init__(self, wire: Wire, method: str, data: bytes, deadline: float, sock: socket.socket | None) -> None:
        self._wire = wire
        self._method = method
        self._data = data
        self._deadline = deadline
        self._sock = sock
        #: the request went out on a kept-alive connection, which may turn out closed by the member
        self._reused = sock is not None
        self._sent = False

    def send_on_kept_connection(self) -> None:
        if self._sock is None:
            return
        try:
            self._wire._send(self._sock, self._data, self._deadline)
            self._sent = True
        except _Stale:  # the member had closed it: nothing was delivered, result() sends on a new connection
            self._drop()
            self._reused = False
        except BaseException:
            self._drop()
            raise

    def result(self) -> Answer:
        try:
            try:
                answer, keep = self._exchange()
            except _Stale:
                if not (self._reused and self._method in IDEMPOTENT):
                    raise WireError("UNREACHABLE", "the connection closed before an answer") from None
                self._drop()
                self._sent = self._reused = False
                try:
                    answer, keep = self._exchange()
                except _Stale:
                    raise WireError("UNREACHABLE", "the connection closed before an answer") from None
        except BaseException:
            self._drop()
            raise
        sock, self._sock = self._sock, None
        assert sock is not None
        if keep:
            self._wire._checkin(sock)
        else:
            sock.close()
        return answer

    def _exchange(self) -> tuple[Answer, bool]:
        if self._sock is None:
            self._sock = self._wire._connect(self._deadline)
        if not self._sent:
            self._wire._send(self._sock, self._data, self._deadline)
            self._sent = True
        return self._wire._read(self._sock, self._deadline)

    def _drop(self) -> None:
        if self._sock is not None:
            self._sock.close()
            self._sock = None


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
