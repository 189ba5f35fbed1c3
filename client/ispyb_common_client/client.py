"""The entry points: ``Client`` (blocking) and ``AsyncClient``, one attribute per collection of the spec."""

from __future__ import annotations

from types import TracebackType
from typing import Self

import httpx
from ispyb_common_models import models as m

from ispyb_common_client.collections import AsyncCollections, Collections
from ispyb_common_client.retry import RetryPolicy
from ispyb_common_client.transport import AsyncTransport, SyncTransport

DEFAULT_TIMEOUT = 30.0


class Client(Collections):
    """A site of the ISPyB Common API (reference server, a site adapter, a federation), blocking.

    ``Client("https://ispyb.example.org", token)`` then ``client.data_collections.list(session_uuid=…)``,
    ``client.sessions.get(uuid)``… The site's ``/conformance`` is read once, at the first call; a call to a
    collection of a class the site does not declare raises ``UnservedClass`` without sending it.

    ``page_size`` is the default ``limit`` of list pages (the site's default when None); ``retry`` governs the
    retries of idempotent requests refused with 429/503; ``http`` lets a caller bring its own ``httpx.Client``
    (proxies, certificates, transports).
    """

    def __init__(
        self,
        base_url: str,
        token: str | None = None,
        *,
        page_size: int | None = None,
        retry: RetryPolicy | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        headers: dict[str, str] | None = None,
        http: httpx.Client | None = None,
    ) -> None:
        self.transport = SyncTransport(
            base_url,
            token,
            retry=retry or RetryPolicy(),
            timeout=timeout,
            page_size=page_size,
            headers=headers,
            http=http,
        )
        super().__init__(self.transport)

    def conformance_classes(self) -> tuple[str, ...]:
        """The conformance classes the site declares (``core``, ``proposals``…), read once."""
        return self.transport.served_classes()

    def me(self) -> m.Caller:
        """Who the token is, for this site (``/v1/me``)."""
        return m.Caller.model_validate_json(self.transport.request("GET", "/v1/me").content)

    def close(self) -> None:
        self.transport.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()


class AsyncClient(AsyncCollections):
    """The same as ``Client`` for asyncio: every call is awaited, lists are ``async for``."""

    def __init__(
        self,
        base_url: str,
        token: str | None = None,
        *,
        page_size: int | None = None,
        retry: RetryPolicy | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        headers: dict[str, str] | None = None,
        http: httpx.AsyncClient | None = None,
    ) -> None:
        self.transport = AsyncTransport(
            base_url,
            token,
            retry=retry or RetryPolicy(),
            timeout=timeout,
            page_size=page_size,
            headers=headers,
            http=http,
        )
        super().__init__(self.transport)

    async def conformance_classes(self) -> tuple[str, ...]:
        """The conformance classes the site declares, read once."""
        return await self.transport.served_classes()

    async def me(self) -> m.Caller:
        """Who the token is, for this site (``/v1/me``)."""
        return m.Caller.model_validate_json((await self.transport.request("GET", "/v1/me")).content)

    async def aclose(self) -> None:
        await self.transport.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        await self.aclose()
