"""The one HTTP client every hand-written check uses: identities, evidence capture, masking, read-only guard.

The read-only guard is enforced here, below every check, so that no bug in a check can write to a production
site that asked for read-only certification: a write request raises `ReadOnlyViolation` before anything is sent.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx

from conformance.results import Exchange
from conformance.spec import WRITE_METHODS

MAX_BODY_CHARS = 4000
ANONYMOUS = "anonymous"


class ReadOnlyViolation(Exception):
    """A write request was about to be sent while the site allows none."""


class Masker:
    """Replaces every configured secret in text with `[SECURE]` (as the GA4GH testbed reports do)."""

    def __init__(self, secrets: list[str]) -> None:
        self._secrets = sorted({s for s in secrets if s}, key=len, reverse=True)

    def text(self, value: str) -> str:
        for secret in self._secrets:
            value = value.replace(secret, "[SECURE]")
        return value

    def headers(self, headers: httpx.Headers | dict[str, str]) -> dict[str, str]:
        return {k: self.text(v) for k, v in dict(headers).items()}

    def body(self, value: Any) -> Any:
        """The body as evidence: secrets masked, long bodies truncated to a string."""
        if value is None:
            return None
        text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
        masked = self.text(text)
        if len(masked) > MAX_BODY_CHARS:
            return masked[:MAX_BODY_CHARS] + f"… [{len(masked) - MAX_BODY_CHARS} more characters]"
        if isinstance(value, str):
            return masked
        return json.loads(masked) if masked != text else value


class SuiteClient:
    """HTTP client bound to a site: `request(method, path, identity=...)` sends as that identity and records."""

    def __init__(
        self,
        base_url: str,
        tokens: dict[str, str],
        *,
        allow_writes: bool,
        timeout: float = 30.0,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.tokens = dict(tokens)
        self.allow_writes = allow_writes
        self.masker = Masker(list(tokens.values()))
        self._http = httpx.Client(base_url=self.base_url, timeout=timeout, transport=transport)
        self._captures: list[list[Exchange]] = []
        self.total_requests = 0
        self.write_requests = 0

    def close(self) -> None:
        self._http.close()

    @contextmanager
    def capture(self) -> Iterator[list[Exchange]]:
        """Collect every exchange made inside the block (nested captures all receive them)."""
        exchanges: list[Exchange] = []
        self._captures.append(exchanges)
        try:
            yield exchanges
        finally:
            self._captures.remove(exchanges)

    def request(
        self,
        method: str,
        path: str,
        *,
        identity: str | None,
        params: dict[str, Any] | None = None,
        json_body: Any = None,
        headers: dict[str, str] | None = None,
        content: bytes | None = None,
        token: str | None = None,
    ) -> tuple[httpx.Response, Exchange]:
        """Send one request as `identity` (None = no token); `token` overrides it (e.g. a made-up token)."""
        method = method.upper()
        if method in WRITE_METHODS and not self.allow_writes:
            raise ReadOnlyViolation(f"{method} {path} refused: the site allows no writes (writes.allowed is false)")
        send_headers = {"Accept": "application/json, application/problem+json"}
        secret = token if token is not None else (self.tokens[identity] if identity else None)
        if secret:
            send_headers["Authorization"] = f"Bearer {secret}"
        send_headers.update(headers or {})
        label = identity or ANONYMOUS
        started = time.perf_counter()
        self.total_requests += 1
        if method in WRITE_METHODS:
            self.write_requests += 1
        try:
            response = self._http.request(
                method,
                path,
                params=params,
                json=json_body if content is None else None,
                content=content,
                headers=send_headers,
            )
        except httpx.HTTPError as exc:
            exchange = self._exchange(label, method, path, params, send_headers, json_body, None, started, str(exc))
            self._record(exchange)
            raise
        exchange = self._exchange(
            label, method, str(response.request.url), None, send_headers, json_body, response, started, None
        )
        self._record(exchange)
        return response, exchange

    def _exchange(
        self,
        identity: str,
        method: str,
        url: str,
        params: dict[str, Any] | None,
        headers: dict[str, str],
        body: Any,
        response: httpx.Response | None,
        started: float,
        error: str | None,
    ) -> Exchange:
        if params:
            url = f"{url}?{httpx.QueryParams(params)}"
        response_body: Any = None
        if response is not None and response.content:
            try:
                response_body = response.json()
            except ValueError:
                response_body = response.text
        return Exchange(
            identity=identity,
            method=method,
            url=self.masker.text(url),
            request_headers=self.masker.headers(headers),
            request_body=self.masker.body(body),
            status=response.status_code if response is not None else None,
            response_headers=self.masker.headers(response.headers) if response is not None else {},
            response_body=self.masker.body(response_body),
            elapsed_ms=(time.perf_counter() - started) * 1000,
            error=error,
        )

    def _record(self, exchange: Exchange) -> None:
        for capture in self._captures:
            capture.append(exchange)
