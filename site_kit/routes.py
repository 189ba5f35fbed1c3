"""Routes of every resource, registered from the spec's own operations, over a ``Storage``.

Paths and operationIds are read from the bundled spec, bodies are validated by the models generated from it
and list queries by models built from the operation's parameters, so a route cannot drift from its operation.
Each handler is one hop to the storage: the kit adds the HTTP (page tokens and ``Link``, ``ETag`` and 304,
``Location``), the storage answers the records.
"""

# No `from __future__ import annotations`: FastAPI reads these annotations at runtime, and the body and
# filter models are chosen per resource.

import inspect
from collections.abc import Awaitable, Sequence
from dataclasses import dataclass
from typing import Annotated, Any, cast

import orjson
from fastapi import APIRouter, Depends, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel

from site_kit import spec
from site_kit.body import json_body, parse_body
from site_kit.caller import Caller, CallerCache, unauthorized
from site_kit.paging import Order, PageTokens
from site_kit.patch import none_match
from site_kit.query import (
    IfMatch,
    IfNoneMatch,
    IfNoneMatchRead,
    UuidPath,
    list_orders,
    next_link,
    parse_list_query,
    query_model,
)
from site_kit.resources import PROVENANCE, Resource
from site_kit.seam import Page, PageRequest, Preconditions, Record, Storage

JSON = "application/json"
bearer = HTTPBearer(auto_error=False, description="Bearer token issued by the site.")
Body = Annotated[bytes, Depends(json_body)]


async def current_caller(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> Caller:
    """The caller of the request (``cached_caller``)."""
    if credentials is None or not credentials.credentials:
        raise unauthorized("A bearer token is required (Authorization: Bearer <token>).")
    return await cached_caller(request.app.state.callers, request.app.state.storage, credentials.credentials)


async def cached_caller(cache: CallerCache, storage: Storage, token: str) -> Caller:
    """The caller a token names: from the cache, else resolved by the storage in a worker thread.

    Resolving may query the database; doing that on the event loop would block every other request while the
    pool is busy (issue 11: a 30 s freeze). ``site_kit.dispatch``'s fast paths call this too.
    """
    cached = cache.get(token)
    if cached is not None:
        return cached
    caller = await run_in_threadpool(storage.resolve_caller, token)
    cache.put(token, caller)
    return caller


CurrentCaller = Annotated[Caller, Depends(current_caller)]


def page_body(page: Page, token: str | None, link: str | None) -> bytes:
    """A list page: records already serialized are joined, never decoded and encoded again; a page of JSON
    documents (``Page.documents``) is serialized in one call."""
    if page.documents is not None:
        out = b'{"items":' + orjson.dumps(page.documents)
    else:
        out = b'{"items":[' + b",".join(record.body for record in page.items) + b"]"
    unavailable = page.unavailable
    if token:
        out += b',"nextPageToken":' + orjson.dumps(token) + b',"next":' + orjson.dumps(link)
    if unavailable:
        out += b',"unavailableSites":' + orjson.dumps(list(unavailable))
    return out + b"}"


def _site_request(storage: Storage, site_name: str | None, filters: dict[str, Any]) -> dict[str, Any] | None:
    """The filters a storage receives, given the ``site`` filter; None: another site's records (an empty page).

    A single site holds only its own records: ``site`` naming it selects them all, any other name none. A
    storage that states sites (a federation, ``states_sites``) answers the filter itself.
    """
    if PROVENANCE not in filters or getattr(storage, "states_sites", False):
        return filters
    if filters[PROVENANCE] != site_name:
        return None
    return {k: v for k, v in filters.items() if k != PROVENANCE}


@dataclass(frozen=True)
class Lister:
    """A resource's list operation after its query is validated: the one answer of the route and of the fast path.

    ``query_model`` is the operation's query parameters as a model (``site_kit.query.query_model``);
    ``args`` are the request's query parameters as sent, for the next page's link.
    """

    resource: Resource
    storage: Storage
    tokens: PageTokens
    site_name: str | None
    query_model: type[BaseModel]
    orders: tuple[Order, ...]

    @property
    def base(self) -> str:
        return f"/v1/{self.resource.collection}"

    async def _page(self, caller: Caller, request: PageRequest) -> Page:
        """The storage's page: awaited on the loop when ``page`` is a coroutine function, else in a worker thread."""
        if inspect.iscoroutinefunction(self.storage.page):
            return await cast(Awaitable[Page], self.storage.page(caller, self.resource, request))
        return cast(Page, await run_in_threadpool(self.storage.page, caller, self.resource, request))

    async def answer(self, caller: Caller, query: BaseModel, args: Sequence[tuple[str, str]]) -> Response:
        q = parse_list_query(self.resource, query, self.orders)
        base = self.base
        after = self.tokens.read(q.page_token, base, q.filters, q.order.value) if q.page_token else None
        filters = _site_request(self.storage, self.site_name, q.filters)
        if filters is None:
            return Response(page_body(Page([], None), None, None), media_type=JSON)
        page = await self._page(caller, PageRequest(filters, q.order, q.limit, after))
        token = link = None
        headers = {}
        if page.next is not None:
            token = self.tokens.issue(base, q.filters, q.order.value, page.next)
            link = next_link(base, args, token)
            headers["Link"] = f'<{link}>; rel="next"'
        return Response(page_body(page, token, link), media_type=JSON, headers=headers)


def _operation_ids(resource: Resource) -> dict[tuple[str, str], str]:
    base = f"/v1/{resource.collection}"
    return {(op.path, op.method): op.operation_id for op in spec.operations() if op.path in (base, base + "/{uuid}")}


def _body_doc(model: type[BaseModel], media_types: tuple[str, ...] = (JSON,)) -> dict[str, Any]:
    ref = {"$ref": f"#/components/schemas/{model.__name__}"}
    return {"requestBody": {"required": True, "content": {media: {"schema": ref} for media in media_types}}}


def _tagged(record: Record, status: int = 200, location: str | None = None) -> Response:
    headers = {"ETag": record.etag}
    if location:
        headers["Location"] = location
    return Response(record.body, status_code=status, media_type=JSON, headers=headers)


def register(
    router: APIRouter,
    resource: Resource,
    storage: Storage,
    tokens: PageTokens,
    *,
    writes: bool,
    site_name: str | None = None,
) -> "Lister":
    """Add the list and get routes of ``resource`` and, when ``writes``, create, put, update and delete.

    The resource's ``Lister`` is returned for ``site_kit.dispatch``, whose fast path answers plain list requests
    with it."""
    base = f"/v1/{resource.collection}"
    item = base + "/{uuid}"
    ids = _operation_ids(resource)
    Query_ = query_model(resource)
    orders = list_orders(resource)

    lister = Lister(resource, storage, tokens, site_name, Query_, orders)

    @router.get(base, operation_id=ids[(base, "get")], response_class=Response)
    async def list_records(request: Request, caller: CurrentCaller, query: Annotated[Query_, Query()]) -> Response:  # type: ignore[valid-type]
        return await lister.answer(caller, query, request.query_params.multi_items())

    @router.get(item, operation_id=ids[(item, "get")], response_class=Response)
    def get_record(caller: CurrentCaller, uuid: UuidPath, if_none_match: IfNoneMatchRead = None) -> Response:
        record = storage.get(caller, resource, uuid)
        if if_none_match is not None and none_match(if_none_match, record.etag):
            return Response(status_code=304, headers={"ETag": record.etag})  # the cached copy is current: no body
        return _tagged(record)

    if not writes:
        return lister
    Input = resource.input_model
    Patch = resource.patch_model

    @router.post(
        base, operation_id=ids[(base, "post")], status_code=201, response_class=Response, openapi_extra=_body_doc(Input)
    )
    def create_record(caller: CurrentCaller, raw: Body) -> Response:
        record = storage.create(caller, resource, parse_body(Input, raw))
        return _tagged(record, 201, f"{base}/{record.uuid}")

    @router.put(item, operation_id=ids[(item, "put")], response_class=Response, openapi_extra=_body_doc(Input))
    def put_record(
        caller: CurrentCaller, uuid: UuidPath, raw: Body, if_match: IfMatch = None, if_none_match: IfNoneMatch = None
    ) -> Response:
        pre = Preconditions(if_match, if_none_match)
        record, created = storage.put(caller, resource, uuid, parse_body(Input, raw), pre)
        return _tagged(record, 201, f"{base}/{record.uuid}") if created else _tagged(record)

    @router.patch(
        item,
        operation_id=ids[(item, "patch")],
        response_class=Response,
        openapi_extra=_body_doc(Patch, ("application/merge-patch+json", JSON)),
    )
    def update_record(caller: CurrentCaller, uuid: UuidPath, raw: Body, if_match: IfMatch = None) -> Response:
        patch = parse_body(Patch, raw).model_dump(mode="json")
        return _tagged(storage.patch(caller, resource, uuid, patch, Preconditions(if_match)))

    if resource.deletable:

        @router.delete(item, operation_id=ids[(item, "delete")], status_code=204, response_class=Response)
        def delete_record(caller: CurrentCaller, uuid: UuidPath, if_match: IfMatch = None) -> Response:
            storage.delete(caller, resource, uuid, Preconditions(if_match))
            return Response(status_code=204)

    return lister
