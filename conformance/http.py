"""The one HTTP client every hand-written check uses: identities, evidence capture, masking, and two write guards.

Both guards are enforced here, below every check, so that no bug in a check and no fault of a site can make the
suite damage data it did not create:
- the read-only guard: when the site allows no writes, a write request raises `ReadOnlyViolation` unsent;
- the ownership guard: a PUT, PATCH or DELETE may only name a UUID the suite minted in this run (drawn from its
  seed for a record it creates, or as a UUID no site has) or a record it created (POST answers register the
  server-chosen UUID). A write to any other UUID (a fixture, a record found in a list) raises `UnownedWrite`
  unsent, so even a site whose authorization is broken never loses a record to the suite.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import httpx

from conformance.results import Exchange
from conformance.spec import WRITE_METHODS

MAX_BODY_CHARS = 4000
ANONYMOUS = "anonymous"


UUID_SEGMENT = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")


class ReadOnlyViolation(Exception):
    """A write request was about to be sent while the site allows none."""


class UnownedWrite(Exception):
    """A write request named a record the suite did not create (nor mint the UUID of) in this run."""


def path_uuids(path: str) -> list[str]:
    """The UUIDs among the segments of a request path (query string excluded), lower-cased."""
    segments = path.split("?", 1)[0].split("/")
    return [s.lower() for s in segments if UUID_SEGMENT.match(s)]


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


@dataclass(frozen=True)
class AckedWrite:
    """A write the site acknowledged: what it did to which record, and the ETag it answered."""

    method: str
    path: str
    status: int
    uuid: str | None
    etag: str | None
    #: the record's `proposalUuid` as answered, when it has one (the feed must not show it to other proposals)
    proposal: str | None


def acked_write(method: str, path: str, response: httpx.Response) -> AckedWrite:
    body: Any = None
    if response.content:
        try:
            body = response.json()
        except ValueError:
            body = None
    body = body if isinstance(body, dict) else {}
    uuids = path_uuids(path)
    record = str(body.get("uuid") or (uuids[-1] if uuids else "")).lower() or None
    proposal = body.get("proposalUuid")
    return AckedWrite(
        method, path, response.status_code, record, response.headers.get("etag"), proposal if proposal else None
    )


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
        #: UUIDs the suite minted or created in this run: the only records it may write to
        self.owned: set[str] = set()
        self.total_requests = 0
        self.write_requests = 0
        #: every write the site acknowledged (2xx), in order: what the change feed must list (`changes` class)
        self.acknowledged: list[AckedWrite] = []

    def close(self) -> None:
        self._http.close()

    def own(self, record_uuid: str) -> str:
        """Register a UUID the suite minted (or a record it created), so that it may write to it."""
        self.owned.add(record_uuid.lower())
        return record_uuid

    def check_write(self, method: str, path: str) -> None:
        """Refuse, before sending, any write the two guards forbid (see the module docstring)."""
        if method not in WRITE_METHODS:
            return
        if not self.allow_writes:
            raise ReadOnlyViolation(f"{method} {path} refused: the site allows no writes (writes.allowed is false)")
        foreign = [u for u in path_uuids(path) if u not in self.owned]
        if foreign:
            raise UnownedWrite(
                f"{method} {path} refused: the suite writes only to records it created in this run, "
                f"and it did not create {foreign[0]}"
            )

    def _register_created(self, method: str, response: httpx.Response) -> None:
        """A record created by POST has a server-chosen UUID: the suite now owns it."""
        if method != "POST" or response.status_code != 201:
            return
        try:
            body = response.json()
        except ValueError:
            body = None
        if isinstance(body, dict) and isinstance(body.get("uuid"), str):
            self.own(body["uuid"])
        location = response.headers.get("location", "").rstrip("/").rsplit("/", 1)[-1]
        if UUID_SEGMENT.match(location):
            self.own(location)

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
        self.check_write(method, path)
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
        self._register_created(method, response)
        if method in WRITE_METHODS and 200 <= response.status_code < 300:
            self.acknowledged.append(acked_write(method, path, response))
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
