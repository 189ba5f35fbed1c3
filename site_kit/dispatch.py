"""Finding a resource's route by its collection, in one dictionary look-up.

FastAPI tries the routes of an included router one after another, twice per request (once to find the router,
once to find the route in it), with a regular expression and a scope copy each: with ~40 collections of up to
six routes, that was 29 % of a single GET's server CPU (py-spy, issue 16). ``CollectionIndex`` stands in front
of the resource router and hands a request for ``/v1/<collection>[/<uuid>]`` to the few routes of that
collection; the route objects are the same ones (same validation, dependencies and answers), and anything it
does not fully match (another path, a method the collection does not serve) goes on to the routes as before.

The GET of one record, the most frequent request of all, skips FastAPI's dependency resolution when the
request is plain (``Authorization: Bearer <token>``, a canonical UUID, at most one ``If-None-Match``, no query
string): it does what ``routes.get_record`` does with ``current_caller`` (the caller cache, the storage in a
worker thread, ``ETag`` and 304), and any other request goes through the route itself. A problem the storage
raises (404, 401) propagates to the app's exception handlers exactly as from the route: the same problem+json.

A plain list request (the same bearer header; no empty query value, none but the filters of several values
given twice) skips it too: the query is validated by the route's own query model, given what FastAPI gives
it, and answered by the route's own ``routes.Lister``. A query that model refuses goes to the route, which
answers the 422 with its pointers. Dependency resolution was 13 % of a federation gateway's CPU per page of 100 (py-spy,
issue 13) — and a member's, for each of its parts of the page.
"""

from __future__ import annotations

import re
import types
import typing
import uuid
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import parse_qsl

from fastapi.routing import APIRoute
from pydantic import BaseModel, ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response
from starlette.routing import BaseRoute, Match, get_route_path
from starlette.types import Receive, Scope, Send

from site_kit.caller import Caller
from site_kit.patch import none_match
from site_kit.resources import Resource
from site_kit.routes import Lister, cached_caller
from site_kit.seam import Storage

PREFIX = "/v1/"
JSON = "application/json"
#: the one spelling of a UUID the fast path takes (others go to the route, which validates them)
CANONICAL_UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
#: ``IfNoneMatchRead``'s max_length (site_kit.query)
MAX_IF_NONE_MATCH = 2000
FAST = "site_kit.fast_get"
FAST_LIST = "site_kit.fast_list"


class CollectionIndex(BaseRoute):
    """The routes of each collection, keyed by the collection's path segment."""

    def __init__(
        self,
        routes: Iterable[BaseRoute],
        storage: Storage | None = None,
        resources: Mapping[str, Resource] | None = None,
        listers: Mapping[str, Lister] | None = None,
    ) -> None:
        self.storage = storage
        #: collection → resource whose single GET takes the fast path
        self.fast = dict(resources or {}) if storage is not None else {}
        #: collection → the list operation that plain list requests take without dependency resolution
        self.listers = dict(listers or {}) if storage is not None else {}
        #: collection → the query parameters that may repeat (filters of several values): not the fast path's
        self.repeatable = {c: _repeatable(lister.query_model) for c, lister in self.listers.items()}
        self.by_collection: dict[str, list[APIRoute]] = {}
        for route in routes:
            if not isinstance(route, APIRoute) or not route.path.startswith(PREFIX):
                continue
            collection = route.path[len(PREFIX) :].partition("/")[0]
            if collection and "{" not in collection:
                self.by_collection.setdefault(collection, []).append(route)

    def matches(self, scope: Scope) -> tuple[Match, Scope]:
        if scope["type"] != "http":
            return Match.NONE, {}
        path = get_route_path(scope)
        if not path.startswith(PREFIX):
            return Match.NONE, {}
        candidates = self.by_collection.get(path[len(PREFIX) :].partition("/")[0])
        if not candidates:
            return Match.NONE, {}
        partial: Scope | None = None
        for route in candidates:
            match, child = route.matches(scope)  # the child scope names the route ("route"): handle() runs it
            if match is Match.FULL:
                if scope["method"] == "GET" and route.endpoint.__name__ == "get_record":
                    child[FAST] = self.fast.get(route.path[len(PREFIX) :].partition("/")[0])
                elif scope["method"] == "GET" and route.endpoint.__name__ == "list_records":
                    child[FAST_LIST] = route.path[len(PREFIX) :]
                return match, child
            if match is Match.PARTIAL and partial is None:
                partial = child
        return (Match.PARTIAL, partial) if partial is not None else (Match.NONE, {})

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        route: APIRoute = scope["route"]
        resource = scope.pop(FAST, None)
        if resource is not None and await self._get(resource, scope, receive, send):
            return
        collection = scope.pop(FAST_LIST, None)
        if collection in self.listers and await self._list(collection, scope, receive, send):
            return
        await route.handle(scope, receive, send)

    async def _caller(self, scope: Scope, token: str) -> Caller:
        assert self.storage is not None
        return await cached_caller(scope["app"].state.callers, self.storage, token)

    async def _list(self, collection: str, scope: Scope, receive: Receive, send: Send) -> bool:
        """Answer a plain list request as ``routes.list_records`` would; False: the route answers it."""
        plain = _plain(scope)
        if plain is None:
            return False
        args = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
        several = self.repeatable[collection]
        given: dict[str, str | list[str]] = {}
        for name, value in args:
            if not value:
                return False
            if name in several:  # as FastAPI passes a sequence parameter: every value, in order
                values = given.setdefault(name, [])
                assert isinstance(values, list)
                values.append(value)
            elif name in given:  # a single-valued parameter given twice: the route decides
                return False
            else:
                given[name] = value
        lister = self.listers[collection]
        try:
            query = lister.query_model.model_validate(given)
        except ValidationError:
            return False  # the route validates it again and answers the 422, with its pointers
        caller = await self._caller(scope, plain[0])
        response = await lister.answer(caller, query, args)
        await response(scope, receive, send)
        return True

    async def _get(self, resource: Resource, scope: Scope, receive: Receive, send: Send) -> bool:
        """Answer a plain single GET as ``routes.get_record`` would; False: not plain, the route answers it."""
        if scope.get("query_string"):
            return False
        raw = scope["path_params"].get("uuid", "")
        if not isinstance(raw, str) or not CANONICAL_UUID.match(raw):
            return False
        plain = _plain(scope)
        if plain is None:
            return False
        token, tags = plain
        if len(tags) > 1 or (tags and len(tags[0]) > MAX_IF_NONE_MATCH):
            return False
        tag = tags[0] if tags else None
        storage = self.storage
        assert storage is not None
        caller = await self._caller(scope, token)
        record = await run_in_threadpool(storage.get, caller, resource, uuid.UUID(raw))
        if tag is not None and none_match(tag.decode("latin-1"), record.etag):
            response = Response(status_code=304, headers={"ETag": record.etag})
        else:
            response = Response(record.body, media_type=JSON, headers={"ETag": record.etag})
        await response(scope, receive, send)
        return True


def _plain(scope: Scope) -> tuple[str, list[bytes]] | None:
    """The bearer token of a request with one ``Authorization: Bearer <token>`` and its ``If-None-Match``
    values; None when the header is missing, repeated or not plainly a bearer token (the route decides then)."""
    authorization = None
    tags = []
    for name, value in scope["headers"]:
        if name == b"authorization":
            if authorization is not None:
                return None
            authorization = value
        elif name == b"if-none-match":
            tags.append(value)
    if authorization is None:
        return None
    scheme, _, token_bytes = authorization.partition(b" ")
    if scheme.lower() != b"bearer" or not token_bytes or token_bytes != token_bytes.strip():
        return None
    return token_bytes.decode("latin-1"), tags


def _repeatable(model: type[BaseModel]) -> frozenset[str]:
    """The parameters of a query model that take several values (``tuple[...]``, maybe annotated, optional)."""
    return frozenset(info.alias or name for name, info in model.model_fields.items() if _several(info.annotation))


def _several(kind: Any) -> bool:
    origin = typing.get_origin(kind)
    if kind is tuple or origin is tuple:
        return True
    if origin is typing.Annotated:
        return _several(typing.get_args(kind)[0])
    return origin in (typing.Union, types.UnionType) and any(_several(k) for k in typing.get_args(kind))
