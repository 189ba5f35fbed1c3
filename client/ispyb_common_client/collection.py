"""The behaviour every collection shares: lazy pages, reads with ETags, writes as the spec intends.

The classes here are generic in the collection's three models (the record ``R``, its ``…Input`` body ``I`` and
its ``…Patch`` body ``P``). ``ispyb_common_client.collections``, generated from the spec, binds them per
collection and adds the typed ``list()`` with that collection's filters and orders; nothing here names a
resource.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar
from uuid import UUID

import httpx
from pydantic import BaseModel
from pydantic_core import to_json

from ispyb_common_client.errors import PreconditionFailed
from ispyb_common_client.transport import AsyncTransport, SyncTransport, encode_params

R = TypeVar("R", bound=BaseModel)
I = TypeVar("I", bound=BaseModel)  # noqa: E741 - the spec's "…Input"
P = TypeVar("P", bound=BaseModel)
T = TypeVar("T")

JSON = "application/json"
MERGE_PATCH = "application/merge-patch+json"
#: ``update()`` reads and patches again at most this many times when other writers keep winning (412).
UPDATE_ATTEMPTS = 32


@dataclass(frozen=True)
class CollectionSpec:
    """What the spec says of one collection (written by the generator, read by the shared behaviour)."""

    name: str
    path: str
    conformance_class: str
    model: type[BaseModel]
    page: type[BaseModel]


@dataclass(frozen=True)
class Versioned(Generic[T]):
    """A record with the strong ``ETag`` it was read with: send ``etag`` as If-Match to write only over it."""

    value: T
    etag: str


Body = BaseModel | Mapping[str, Any]
Change = Callable[[R], Any]


def encode_body(body: Body, *, only_set: bool = False) -> bytes:
    """JSON of a model (absent members stay absent) or of a plain mapping (``None`` clears, in a patch)."""
    if isinstance(body, BaseModel):
        return body.model_dump_json(exclude_unset=only_set).encode()
    return to_json(dict(body))


def _etag(response: httpx.Response) -> str:
    etag = response.headers.get("ETag")
    if etag is None:
        raise RuntimeError(f"{response.request.method} {response.request.url} answered without an ETag")
    return etag


def _page_of(page_model: type[BaseModel], response: httpx.Response) -> tuple[list[Any], str | None]:
    page = page_model.model_validate_json(response.content)
    token = getattr(page, "nextPageToken", None)
    return list(getattr(page, "items", [])), token if isinstance(token, str) else None


def _conflict_pause(attempt: int) -> float:
    """A short random pause before re-reading after a 412, so racing writers spread out instead of colliding."""
    return random.uniform(0, min(0.2, 0.005 * 2**attempt))


class Pager(Generic[T]):
    """The records of a list, fetched one page at a time as iteration reaches them (never before).

    Iterating twice lists again from the first page. ``pages()`` yields whole pages (lists of records).
    """

    def __init__(self, fetch: Callable[[str | None], tuple[list[T], str | None]]) -> None:
        self._fetch = fetch

    def pages(self) -> Iterator[list[T]]:
        token: str | None = None
        while True:
            items, token = self._fetch(token)
            yield items
            if token is None:
                return

    def __iter__(self) -> Iterator[T]:
        for items in self.pages():
            yield from items

    def first(self) -> T | None:
        """The first record, fetching one page at most."""
        return next(iter(self), None)


class AsyncPager(Generic[T]):
    """``async for`` over the records of a list, one page fetched at a time as iteration reaches it."""

    def __init__(self, fetch: Callable[[str | None], Awaitable[tuple[list[T], str | None]]]) -> None:
        self._fetch = fetch

    async def pages(self) -> AsyncIterator[list[T]]:
        token: str | None = None
        while True:
            items, token = await self._fetch(token)
            yield items
            if token is None:
                return

    async def __aiter__(self) -> AsyncIterator[T]:
        async for items in self.pages():
            for item in items:
                yield item

    async def first(self) -> T | None:
        """The first record, fetching one page at most."""
        async for item in self:
            return item
        return None

    async def collect(self) -> list[T]:
        """Every record (all pages) in one list."""
        return [item async for item in self]


class Collection(Generic[R, I, P]):
    """One collection of a site, blocking: list, get, put, create, patch, update."""

    spec: CollectionSpec

    def __init__(self, transport: SyncTransport) -> None:
        self._t = transport

    def _ready(self) -> None:
        self._t.require(self.spec.name, self.spec.conformance_class)

    def _item(self, uuid: UUID | str) -> str:
        return f"{self.spec.path}/{UUID(str(uuid))}"

    def _list(self, filters: Mapping[str, Any], page_size: int | None) -> Pager[R]:
        params = encode_params({**filters, "limit": page_size or self._t.page_size})

        def fetch(token: str | None) -> tuple[list[R], str | None]:
            self._ready()
            query = params if token is None else {**params, "pageToken": token}
            return _page_of(self.spec.page, self._t.request("GET", self.spec.path, params=query))

        return Pager(fetch)

    def _record(self, response: httpx.Response) -> R:
        return self.spec.model.model_validate_json(response.content)  # type: ignore[return-value]

    def get_versioned(self, uuid: UUID | str) -> Versioned[R]:
        """The record and its ETag (404 ``NotFound`` when absent or out of the caller's reach)."""
        self._ready()
        response = self._t.request("GET", self._item(uuid))
        return Versioned(self._record(response), _etag(response))

    def get(self, uuid: UUID | str) -> R:
        """The record (404 ``NotFound`` when absent or out of the caller's reach)."""
        return self.get_versioned(uuid).value

    def put(
        self,
        uuid: UUID | str,
        body: I | R | Mapping[str, Any],
        *,
        if_match: str | None = None,
        create_only: bool = False,
    ) -> R:
        """Create the record under ``uuid`` or replace it: safe to retry (and retried on 429/503).

        ``if_match`` replaces only the version read with that ETag (412 otherwise); ``create_only`` refuses to
        replace an existing record (412). A record read with ``get`` may be changed and sent back as the body.
        """
        self._ready()
        headers = {"Content-Type": JSON}
        if if_match is not None:
            headers["If-Match"] = if_match
        if create_only:
            headers["If-None-Match"] = "*"
        return self._record(self._t.request("PUT", self._item(uuid), content=encode_body(body), headers=headers))

    def create(self, body: I | Mapping[str, Any]) -> R:
        """POST: the server chooses the UUID. Never retried (a retry could create twice): prefer ``put``."""
        self._ready()
        headers = {"Content-Type": JSON}
        return self._record(self._t.request("POST", self.spec.path, content=encode_body(body), headers=headers))

    def patch(self, uuid: UUID | str, change: P | Mapping[str, Any], *, if_match: str | None = None) -> R:
        """JSON Merge Patch: members present are set, ``None`` in a mapping clears an optional member."""
        self._ready()
        headers = {"Content-Type": MERGE_PATCH}
        if if_match is not None:
            headers["If-Match"] = if_match
        content = encode_body(change, only_set=True)
        return self._record(self._t.request("PATCH", self._item(uuid), content=content, headers=headers))

    def update(self, uuid: UUID | str, change: Change[R], *, attempts: int = UPDATE_ATTEMPTS) -> R:
        """Read, compute ``change(record)`` (a patch model or mapping), PATCH it with If-Match; on 412 read again.

        ``change`` sees the current record each time, so a change computed from it (a counter, a list extended)
        is never lost to a concurrent writer. ``None`` or an empty change leaves the record as read.
        """
        for attempt in range(1, attempts + 1):
            current = self.get_versioned(uuid)
            wanted = change(current.value)
            if not wanted:
                return current.value
            try:
                return self.patch(uuid, wanted, if_match=current.etag)
            except PreconditionFailed:
                if attempt == attempts:
                    raise
                time.sleep(_conflict_pause(attempt))
        raise AssertionError("unreachable")


class DeletableCollection(Collection[R, I, P]):
    """A collection whose records the spec lets a client delete."""

    def delete(self, uuid: UUID | str, *, if_match: str | None = None) -> None:
        """Delete the record; with ``if_match``, only the version read with that ETag (412 otherwise)."""
        self._ready()
        headers = {} if if_match is None else {"If-Match": if_match}
        self._t.request("DELETE", self._item(uuid), headers=headers)


class AsyncCollection(Generic[R, I, P]):
    """One collection of a site, non-blocking: the same methods as ``Collection``, awaited."""

    spec: CollectionSpec

    def __init__(self, transport: AsyncTransport) -> None:
        self._t = transport

    async def _ready(self) -> None:
        await self._t.require(self.spec.name, self.spec.conformance_class)

    def _item(self, uuid: UUID | str) -> str:
        return f"{self.spec.path}/{UUID(str(uuid))}"

    def _list(self, filters: Mapping[str, Any], page_size: int | None) -> AsyncPager[R]:
        params = encode_params({**filters, "limit": page_size or self._t.page_size})

        async def fetch(token: str | None) -> tuple[list[R], str | None]:
            await self._ready()
            query = params if token is None else {**params, "pageToken": token}
            return _page_of(self.spec.page, await self._t.request("GET", self.spec.path, params=query))

        return AsyncPager(fetch)

    def _record(self, response: httpx.Response) -> R:
        return self.spec.model.model_validate_json(response.content)  # type: ignore[return-value]

    async def get_versioned(self, uuid: UUID | str) -> Versioned[R]:
        """The record and its ETag (404 ``NotFound`` when absent or out of the caller's reach)."""
        await self._ready()
        response = await self._t.request("GET", self._item(uuid))
        return Versioned(self._record(response), _etag(response))

    async def get(self, uuid: UUID | str) -> R:
        """The record (404 ``NotFound`` when absent or out of the caller's reach)."""
        return (await self.get_versioned(uuid)).value

    async def put(
        self,
        uuid: UUID | str,
        body: I | R | Mapping[str, Any],
        *,
        if_match: str | None = None,
        create_only: bool = False,
    ) -> R:
        """Create the record under ``uuid`` or replace it (see ``Collection.put``)."""
        await self._ready()
        headers = {"Content-Type": JSON}
        if if_match is not None:
            headers["If-Match"] = if_match
        if create_only:
            headers["If-None-Match"] = "*"
        response = await self._t.request("PUT", self._item(uuid), content=encode_body(body), headers=headers)
        return self._record(response)

    async def create(self, body: I | Mapping[str, Any]) -> R:
        """POST: the server chooses the UUID. Never retried: prefer ``put``."""
        await self._ready()
        headers = {"Content-Type": JSON}
        response = await self._t.request("POST", self.spec.path, content=encode_body(body), headers=headers)
        return self._record(response)

    async def patch(self, uuid: UUID | str, change: P | Mapping[str, Any], *, if_match: str | None = None) -> R:
        """JSON Merge Patch (see ``Collection.patch``)."""
        await self._ready()
        headers = {"Content-Type": MERGE_PATCH}
        if if_match is not None:
            headers["If-Match"] = if_match
        content = encode_body(change, only_set=True)
        return self._record(await self._t.request("PATCH", self._item(uuid), content=content, headers=headers))

    async def update(self, uuid: UUID | str, change: Change[R], *, attempts: int = UPDATE_ATTEMPTS) -> R:
        """Read → ``change(record)`` → PATCH with If-Match, reading again on 412 (see ``Collection.update``)."""
        for attempt in range(1, attempts + 1):
            current = await self.get_versioned(uuid)
            wanted = change(current.value)
            if not wanted:
                return current.value
            try:
                return await self.patch(uuid, wanted, if_match=current.etag)
            except PreconditionFailed:
                if attempt == attempts:
                    raise
                await asyncio.sleep(_conflict_pause(attempt))
        raise AssertionError("unreachable")


class AsyncDeletableCollection(AsyncCollection[R, I, P]):
    """A collection whose records the spec lets a client delete (async)."""

    async def delete(self, uuid: UUID | str, *, if_match: str | None = None) -> None:
        """Delete the record; with ``if_match``, only the version read with that ETag (412 otherwise)."""
        await self._ready()
        headers = {} if if_match is None else {"If-Match": if_match}
        await self._t.request("DELETE", self._item(uuid), headers=headers)


__all__ = [
    "AsyncCollection",
    "AsyncDeletableCollection",
    "AsyncPager",
    "Collection",
    "CollectionSpec",
    "DeletableCollection",
    "Pager",
    "Versioned",
]
