"""HTTP for the collections: authentication, retries, problem+json to exceptions, and the site's /conformance.

One sync and one async transport with the same behaviour; what they share (which request may be retried, how
long to wait, which answer is an error, what the site serves) lives in ``_Common`` so the two cannot drift.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Mapping
from typing import Any

import httpx

from ispyb_common_client.errors import UnservedClass, error_for
from ispyb_common_client.retry import RETRIED_STATUSES, RetryPolicy, retryable

USER_AGENT = "ispyb-common-client"
Params = Mapping[str, str | int | list[str]]


class _Common:
    """What both transports know: the site, the retry policy, and the conformance classes once read."""

    def __init__(self, base_url: str, retry: RetryPolicy, page_size: int | None) -> None:
        self.base_url = base_url.rstrip("/")
        self.retry = retry
        self.page_size = page_size
        self._served: tuple[str, ...] | None = None

    @staticmethod
    def headers_for(token: str | None, extra: Mapping[str, str] | None) -> dict[str, str]:
        headers = {"User-Agent": USER_AGENT, "Accept": "application/json, application/problem+json"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        headers.update(extra or {})
        return headers

    def wait_before_retry(
        self, method: str, headers: Mapping[str, str], attempt: int, response: httpx.Response | None
    ) -> float | None:
        """Seconds to wait before sending again, or None when this outcome is final."""
        if not retryable(method, dict(headers)):
            return None
        if response is not None and response.status_code not in RETRIED_STATUSES:
            return None
        return self.retry.delay(attempt, response.headers.get("Retry-After") if response is not None else None)

    def record_conformance(self, response: httpx.Response) -> tuple[str, ...]:
        body = response.json()
        classes = body.get("classes") or []
        names = [c["name"] for c in classes if isinstance(c, dict) and "name" in c]
        if not names:  # a site listing URIs only
            prefix = "urn:ispyb:common-api:1:conf:"
            names = [u[len(prefix) :] for u in body.get("conformsTo", []) if u.startswith(prefix)]
        self._served = tuple(names)
        return self._served

    def check_served(self, served: tuple[str, ...], collection: str, conformance_class: str) -> None:
        if conformance_class not in served:
            raise UnservedClass(
                collection=collection, conformance_class=conformance_class, base_url=self.base_url, served=served
            )


class SyncTransport(_Common):
    """Blocking HTTP over one ``httpx.Client`` (connections are kept alive across pages)."""

    def __init__(
        self,
        base_url: str,
        token: str | None,
        *,
        retry: RetryPolicy,
        timeout: float,
        page_size: int | None = None,
        headers: Mapping[str, str] | None = None,
        http: httpx.Client | None = None,
    ) -> None:
        super().__init__(base_url, retry, page_size)
        self.http = http or httpx.Client(timeout=timeout)
        self.headers = self.headers_for(token, headers)

    def request(
        self,
        method: str,
        path: str,
        *,
        params: Params | None = None,
        content: bytes | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> httpx.Response:
        """Send, retrying as the policy allows; return a 2xx answer or raise the problem as an exception."""
        sent = {**self.headers, **(headers or {})}
        attempt = 1
        while True:
            try:
                response = self.http.request(method, self.base_url + path, params=params, content=content, headers=sent)
            except httpx.TransportError:
                wait = self.wait_before_retry(method, sent, attempt, None)
                if wait is None:
                    raise
            else:
                if response.status_code < 400:
                    return response
                wait = self.wait_before_retry(method, sent, attempt, response)
                if wait is None:
                    raise error_for(response)
            time.sleep(wait)
            attempt += 1

    def require(self, collection: str, conformance_class: str) -> None:
        """Fail with ``UnservedClass`` unless the site declares ``conformance_class`` (read once)."""
        served = self._served
        if served is None:
            served = self.record_conformance(self.request("GET", "/conformance"))
        self.check_served(served, collection, conformance_class)

    def served_classes(self) -> tuple[str, ...]:
        if self._served is None:
            self.record_conformance(self.request("GET", "/conformance"))
        assert self._served is not None
        return self._served

    def close(self) -> None:
        self.http.close()


class AsyncTransport(_Common):
    """Non-blocking HTTP over one ``httpx.AsyncClient``; the same behaviour as ``SyncTransport``."""

    def __init__(
        self,
        base_url: str,
        token: str | None,
        *,
        retry: RetryPolicy,
        timeout: float,
        page_size: int | None = None,
        headers: Mapping[str, str] | None = None,
        http: httpx.AsyncClient | None = None,
    ) -> None:
        super().__init__(base_url, retry, page_size)
        self.http = http or httpx.AsyncClient(timeout=timeout)
        self.headers = self.headers_for(token, headers)
        self._conformance_lock = asyncio.Lock()

    async def request(
        self,
        method: str,
        path: str,
        *,
        params: Params | None = None,
        content: bytes | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> httpx.Response:
        """Send, retrying as the policy allows; return a 2xx answer or raise the problem as an exception."""
        sent = {**self.headers, **(headers or {})}
        attempt = 1
        while True:
            try:
                response = await self.http.request(
                    method, self.base_url + path, params=params, content=content, headers=sent
                )
            except httpx.TransportError:
                wait = self.wait_before_retry(method, sent, attempt, None)
                if wait is None:
                    raise
            else:
                if response.status_code < 400:
                    return response
                wait = self.wait_before_retry(method, sent, attempt, response)
                if wait is None:
                    raise error_for(response)
            await asyncio.sleep(wait)
            attempt += 1

    async def require(self, collection: str, conformance_class: str) -> None:
        """Fail with ``UnservedClass`` unless the site declares ``conformance_class`` (read once)."""
        await self.served_classes()
        assert self._served is not None
        self.check_served(self._served, collection, conformance_class)

    async def served_classes(self) -> tuple[str, ...]:
        async with self._conformance_lock:  # concurrent first calls read /conformance once
            if self._served is None:
                self.record_conformance(await self.request("GET", "/conformance"))
        assert self._served is not None
        return self._served

    async def aclose(self) -> None:
        await self.http.aclose()


def encode_params(values: Mapping[str, Any]) -> dict[str, str | int | list[str]]:
    """Query parameters as the spec writes them: UUIDs and instants as text, booleans as true/false, a filter of
    several values (a list or tuple) as the parameter repeated."""
    params: dict[str, str | int | list[str]] = {}
    for name, value in values.items():
        if value is None:
            continue
        if isinstance(value, list | tuple | set | frozenset):
            params[name] = [str(v) for v in value]
        elif isinstance(value, bool):
            params[name] = "true" if value else "false"
        elif isinstance(value, int):
            params[name] = value
        elif hasattr(value, "isoformat"):
            if getattr(value, "tzinfo", True) is None:
                raise ValueError(f"{name}: an instant needs a time zone (RFC 3339), got {value!r}")
            params[name] = value.isoformat()
        else:
            params[name] = str(value)
    return params
