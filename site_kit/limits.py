"""Resource limits of one request, enforced before anything parses it or touches the database.

The contract states them as data (root ``x-limits`` of the spec: ``maxBodyBytes``, ``maxFieldErrors``); this
module applies them as plain ASGI middleware, so they hold in every worker of ``--workers N`` and cost no
framework work on the way:

* a body longer than ``maxBodyBytes`` is answered 413 from its ``Content-Length`` alone, or, when it is sent
  chunked, as soon as the bytes read pass the limit (at most ``maxBodyBytes`` are ever buffered);
* the whole body is read before the application runs: a slow client holds neither a database connection nor
  a session while it trickles its bytes, and one that takes longer than ``body_timeout`` is answered 408;
* a pool that has no connection to give within the engine's ``pool_timeout`` answers 503 with ``Retry-After``.
"""

from __future__ import annotations

import logging
import os
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from contextlib import asynccontextmanager
from typing import Any

import anyio
import orjson
from fastapi import FastAPI, Request
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.responses import Response

from site_kit import spec
from site_kit.problems import PROBLEM_MEDIA_TYPE, document, problem_response

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

DEFAULT_MAX_BODY_BYTES = 1_048_576
DEFAULT_MAX_FIELD_ERRORS = 50
#: seconds a client has to send a whole request body (``ISPYB_BODY_TIMEOUT``)
BODY_TIMEOUT = float(os.environ.get("ISPYB_BODY_TIMEOUT", "10"))
#: seconds a client has to send the request line and headers (``ISPYB_HEADER_TIMEOUT``; site_kit/http.py)
HEADER_TIMEOUT = float(os.environ.get("ISPYB_HEADER_TIMEOUT", "10"))
RETRY_AFTER_SECONDS = "1"
#: threads running handlers (and all their database calls; ``ISPYB_WORKER_THREADS``). Few on purpose: every
#: thread competes with the event loop for the GIL. 64 connections on a list, 2 cores: SQLite 4 threads 201 req/s,
#: max latency 0.6 s; 30 threads 150 req/s, 1.6 s. PostgreSQL waits on the network (GIL released): 8 there.
WORKER_THREADS = int(os.environ.get("ISPYB_WORKER_THREADS", "8"))


def worker_threads(db_url: str) -> int:
    """Handler threads for a database: 4 for SQLite (all CPU, in-process), ``WORKER_THREADS`` otherwise."""
    if "ISPYB_WORKER_THREADS" not in os.environ and db_url.startswith("sqlite"):
        return 4
    return WORKER_THREADS


log = logging.getLogger("site_kit")


def _limits() -> dict[str, Any]:
    limits = spec.bundle().get("x-limits") or {}
    return limits if isinstance(limits, dict) else {}


def max_body_bytes() -> int:
    return int(_limits().get("maxBodyBytes", DEFAULT_MAX_BODY_BYTES))


def max_field_errors() -> int:
    return int(_limits().get("maxFieldErrors", DEFAULT_MAX_FIELD_ERRORS))


class BodyLimitMiddleware:
    """Read (at most ``max_bytes`` of) the body first, within ``timeout`` seconds, then run the app on it."""

    def __init__(self, app: ASGIApp, max_bytes: int | None = None, timeout: float = BODY_TIMEOUT) -> None:
        self.app = app
        self.max_bytes = max_body_bytes() if max_bytes is None else max_bytes
        self.timeout = timeout

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS", "DELETE"):
            await self.app(scope, receive, send)
            return
        path = scope.get("raw_path", b"").decode("latin-1") or scope.get("path", "")
        length = _content_length(scope)
        if length is not None and length > self.max_bytes:
            await self._refuse(send, 413, path)
            return
        chunks: list[bytes] = []
        size = 0
        try:
            with anyio.fail_after(self.timeout):
                while True:
                    message = await receive()
                    if message["type"] == "http.disconnect":
                        return  # the client left: nothing to answer
                    chunk = message.get("body", b"")
                    size += len(chunk)
                    if size > self.max_bytes:
                        await self._refuse(send, 413, path)
                        return
                    chunks.append(chunk)
                    if not message.get("more_body", False):
                        break
        except TimeoutError:
            await self._refuse(send, 408, path)
            return
        body = b"".join(chunks)
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()  # after the body: only the disconnect is left to wait for

        await self.app(scope, replay, send)

    async def _refuse(self, send: Send, status: int, path: str) -> None:
        if status == 413:
            detail = f"The request body exceeds {self.max_bytes} bytes (x-limits.maxBodyBytes)."
            slug = "payload-too-large"
        else:
            detail = f"The request body was not received within {self.timeout:g} s."
            slug = "timeout"
        body = orjson.dumps(document(status, detail, slug=slug, instance=path))
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [
                    (b"content-type", PROBLEM_MEDIA_TYPE.encode()),
                    (b"content-length", str(len(body)).encode()),
                    (b"connection", b"close"),  # the rest of the body is never read
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})


def _docs_policy() -> bytes:
    """CSP of /docs: its own assets only, its one inline script by hash, and no framing (clickjacking)."""
    import base64
    import hashlib
    import re

    from site_kit.docs import PAGE

    scripts = re.findall(r"<script>(.*?)</script>", PAGE, flags=re.S)
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'" for s in scripts
    )
    return (
        f"default-src 'none'; script-src 'self' {hashes}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        "connect-src 'self'; font-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
    ).encode()


class SecurityHeadersMiddleware:
    """Headers every answer carries: ``nosniff``; ``no-store`` on authenticated answers; CSP on the docs page.

    An answer to a request with credentials may hold personal data: no shared or browser cache may keep it.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.docs_policy = _docs_policy()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        authenticated = any(name == b"authorization" for name, _ in scope.get("headers", ()))
        docs = scope.get("path", "").rstrip("/") == "/docs"

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", ()))
                present = {name.lower() for name, _ in headers}
                headers.append((b"x-content-type-options", b"nosniff"))
                if authenticated and b"cache-control" not in present:
                    headers.append((b"cache-control", b"no-store"))
                if docs:
                    headers += [(b"content-security-policy", self.docs_policy), (b"x-frame-options", b"DENY")]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


def _unavailable(request: Request, detail: str) -> Response:
    return problem_response(request, 503, detail, slug="unavailable", headers={"Retry-After": RETRY_AFTER_SECONDS})


def install(app: FastAPI, *, threads: int) -> None:
    """The body limit, the 503 answers of an exhausted pool or a locked database, and the worker-thread bound.

    ``threads`` worker threads run the handlers (and every database call): no more than the pool has
    connections, so a request waits for a thread without blocking the loop instead of holding a thread while
    it waits for a connection (the reference server closes its sessions in threads of their own).
    """

    @app.exception_handler(PoolTimeout)
    async def _pool_timeout(request: Request, exc: PoolTimeout) -> Response:
        log.warning("no database connection within the pool timeout on %s %s", request.method, request.url.path)
        return _unavailable(request, "All database connections are busy; retry shortly.")

    @app.exception_handler(OperationalError)
    async def _operational(request: Request, exc: OperationalError) -> Response:
        if exc.connection_invalidated or "locked" in str(exc.orig).lower():
            log.warning("database unavailable on %s %s: %s", request.method, request.url.path, type(exc.orig).__name__)
            return _unavailable(request, "The database is busy or unreachable; retry shortly.")
        log.exception("unhandled database error on %s %s", request.method, request.url.path)
        return problem_response(
            request, 500, "An unexpected error occurred; it has been logged.", headers={"Connection": "close"}
        )

    app.add_middleware(BodyLimitMiddleware)
    app.add_middleware(SecurityHeadersMiddleware)
    app.state.worker_threads = threads


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Size the worker-thread pool to the connection pool at start-up; give the connections back at shutdown."""
    threads = getattr(app.state, "worker_threads", WORKER_THREADS)
    anyio.to_thread.current_default_thread_limiter().total_tokens = threads
    app.state.closers = anyio.CapacityLimiter(threads)
    yield
    close = getattr(app.state, "on_shutdown", None) or getattr(getattr(app.state, "engine", None), "dispose", None)
    if close is not None:  # the implementation's resources (the reference server's engine and its connections)
        close()
