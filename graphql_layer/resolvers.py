"""Resolvers: every field answered from the site's REST lists, batched per request (no N+1).

* A record by UUID (a root ``dataCollection(uuid:)`` or a link such as ``DataCollection.session``) goes through
  the collection's record loader: the UUIDs asked for in one tick become ``GET /v1/<list>?uuid=a&uuid=b…`` (the
  contract's batch read, in chunks of its ``maxItems``); records already met in a list are primed, not fetched.
* A relation (``Session.dataCollections``) goes through the loader of (child list, reference, arguments): the
  parents asked for in one tick become one ``GET /v1/<list>?sessionUuid=a&sessionUuid=b…`` walked to its end
  and grouped by parent, so 50 data collections' processing programs cost one request, not 50. A relation of a
  single parent, or one continued with ``after``, is paged by the site itself instead.
* A root list is one page of the site's list (``first`` → ``limit``, the cursor carries the site's page token).

Cursors are opaque to clients: ``[site page token or null, offset]``, base64url JSON.
"""

from __future__ import annotations

import asyncio
import base64
import json
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from graphql import GraphQLError, GraphQLResolveInfo

from graphql_layer.contract import Collection
from graphql_layer.loader import DataLoader
from graphql_layer.upstream import Params, UpstreamError

if TYPE_CHECKING:
    from graphql_layer.context import RequestContext

#: pages one batched relation may walk before the layer refuses (a relation too large to group in memory)
MAX_BATCH_PAGES = 20

Record = dict[str, Any]


# --------------------------------------------------------------------------- errors


def problem_error(exc: UpstreamError, info: GraphQLResolveInfo | None = None) -> GraphQLError:
    """The site's problem as a GraphQL error: its status, type, detail and pointers, mapped to arguments."""
    problem = exc.problem
    arguments = set(info.parent_type.fields[info.field_name].args) if info is not None else set()
    pointers = []
    for e in problem.get("errors", []) or []:
        if not isinstance(e, dict):
            continue
        pointer = str(e.get("pointer", ""))
        parts = pointer.strip("/").split("/")
        entry = {"pointer": pointer, "detail": e.get("detail")}
        if len(parts) >= 2 and parts[0] == "query" and parts[1] in arguments:
            entry["argument"] = parts[1]
        pointers.append(entry)
    detail = problem.get("detail") or problem.get("title") or "the site refused the request"
    extensions = {
        "status": exc.status,
        "type": problem.get("type"),
        "title": problem.get("title"),
        "detail": problem.get("detail"),
        "errors": pointers,
        "upstream": exc.request,
    }
    return GraphQLError(f"{exc.status} from the site: {detail}", extensions=extensions)


def argument_error(argument: str, detail: str) -> GraphQLError:
    return GraphQLError(
        f"{argument}: {detail}",
        extensions={
            "status": 422,
            "errors": [{"pointer": f"/arguments/{argument}", "argument": argument, "detail": detail}],
        },
    )


# --------------------------------------------------------------------------- cursors


def encode_cursor(token: str | None, offset: int) -> str:
    return base64.urlsafe_b64encode(json.dumps([token, offset]).encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> tuple[str | None, int]:
    if cursor is None:
        return None, 0
    try:
        token, offset = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        if (token is None or isinstance(token, str)) and isinstance(offset, int) and offset >= 0:
            return token, offset
    except (ValueError, TypeError):
        pass
    raise argument_error("after", "not a cursor of this layer (pass an endCursor or an edge's cursor)")


# --------------------------------------------------------------------------- arguments → query parameters


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def list_params(c: Collection, args: dict[str, Any]) -> Params:
    """The filters among ``args`` as the list's query parameters (several values: the parameter repeated)."""
    params: Params = []
    if args.get("orderBy") is not None:
        params.append(("orderBy", str(args["orderBy"])))
    for f in c.filters:
        value = args.get(f.name)
        if value is None:
            continue
        if f.many:
            values = list(value)
            if f.max_items is not None and len(values) > f.max_items:
                raise argument_error(f.name, f"at most {f.max_items} values")
            params += [(f.name, _text(v)) for v in values]
        else:
            params.append((f.name, _text(value)))
    return params


def first_of(args: dict[str, Any], limit: int) -> int:
    from graphql_layer.schema import MAX_FIRST

    first = args.get("first")
    if first is None:
        first = 10
    if not 1 <= first <= min(MAX_FIRST, limit):
        raise argument_error("first", f"must be between 1 and {min(MAX_FIRST, limit)}")
    return int(first)


# --------------------------------------------------------------------------- connections


def connection(items: Sequence[Record], cursors: list[str], has_next: bool, end: str | None, page: Record) -> Record:
    out: Record = {
        "edges": [{"cursor": c, "node": n} for c, n in zip(cursors, items, strict=True)],
        "nodes": list(items),
        "pageInfo": {
            "hasNextPage": has_next,
            "endCursor": end if end is not None else (cursors[-1] if cursors else None),
        },
    }
    out.update({k: v for k, v in page.items() if k not in ("items", "nextPageToken", "next")})
    return out


async def direct_page(ctx: RequestContext, c: Collection, params: Params, first: int, after: str | None) -> Record:
    """One page of the site's list: ``first`` records after the cursor (the site's own paging)."""
    token, offset = decode_cursor(after)
    if offset + first > c.page_limit:
        raise argument_error("after", f"this cursor is {offset} records into a page; at most {c.page_limit} in all")
    query = [*params, ("limit", str(offset + first))] + ([("pageToken", token)] if token else [])
    body = await ctx.upstream.get(c.path, query)
    items = [i for i in body.get("items", []) if isinstance(i, dict)][offset:]
    ctx.prime(c, items)
    following = body.get("nextPageToken")
    cursors = [encode_cursor(token, offset + j + 1) for j in range(len(items))]
    end = encode_cursor(following, 0) if following else None
    if end is not None and cursors:
        cursors[-1] = end
    return connection(items, cursors, bool(following), end, body)


async def walk(ctx: RequestContext, c: Collection, params: Params) -> tuple[list[Record], Record]:
    """Every record of a list (page after page, at the site's largest page), bounded by ``MAX_BATCH_PAGES``."""
    items: list[Record] = []
    token: str | None = None
    last: Record = {}
    for _ in range(MAX_BATCH_PAGES):
        query = [*params, ("limit", str(c.page_limit))] + ([("pageToken", token)] if token else [])
        last = await ctx.upstream.get(c.path, query)
        items += [i for i in last.get("items", []) if isinstance(i, dict)]
        token = last.get("nextPageToken")
        if not token:
            ctx.prime(c, items)
            return items, last
    raise GraphQLError(
        f"{c.segment}: more than {MAX_BATCH_PAGES * c.page_limit} records for these parents; query the list "
        "(a root field) with a filter and page through it",
        extensions={"status": 413},
    )


# --------------------------------------------------------------------------- loaders


def record_loader(ctx: RequestContext, c: Collection) -> DataLoader[str, Record | None]:
    """UUID → record (None when absent or out of reach), through the list's ``uuid`` filter when it has one."""
    batch_filter = c.filter("uuid")

    async def batch(keys: list[str]) -> list[Record | None]:
        found: dict[str, Record] = {}
        if batch_filter is not None and batch_filter.many:
            size = batch_filter.max_items or 1
            chunks = [keys[i : i + size] for i in range(0, len(keys), size)]

            async def one(chunk: list[str]) -> None:
                items, _ = await walk(ctx, c, [("uuid", k) for k in chunk])
                found.update({str(i.get("uuid")): i for i in items})

            await asyncio.gather(*(one(chunk) for chunk in chunks))
        else:  # a contract without the batch read: one GET per record, concurrently

            async def get(key: str) -> None:
                try:
                    found[key] = await ctx.upstream.get(f"{c.path}/{key}", [])
                except UpstreamError as exc:
                    if exc.status != 404:
                        raise

            await asyncio.gather(*(get(k) for k in keys))
        return [found.get(k) for k in keys]

    return DataLoader(batch)


Key = tuple[str, str | None, int]  # (parent uuid, after, first)


def relation_loader(ctx: RequestContext, c: Collection, via: str, params: Params) -> DataLoader[Key, Record]:
    """Parent UUID → connection of the ``c`` records whose ``via`` names it, grouped over many parents at once."""
    flt = c.filter(via)
    several = flt is not None and flt.many

    async def batch(keys: list[Key]) -> list[Record]:
        grouped = [k for k in keys if k[1] is None] if several and len(keys) > 1 else []
        out: dict[Key, Record] = {}
        if grouped:
            parents = sorted({k[0] for k in grouped})
            size = flt.max_items if flt is not None and flt.max_items else 1
            chunks = [parents[i : i + size] for i in range(0, len(parents), size)]
            walks = await asyncio.gather(*(walk(ctx, c, [*params, *((via, p) for p in ch)]) for ch in chunks))
            groups: dict[str, list[Record]] = {p: [] for p in parents}
            for items, _ in walks:
                for item in items:
                    groups.setdefault(str(item.get(via)), []).append(item)
            for key in grouped:
                members, first = groups.get(key[0], []), key[2]
                cursors = [encode_cursor(None, j + 1) for j in range(min(first, len(members)))]
                out[key] = connection(members[:first], cursors, len(members) > first, None, {})
        rest = [k for k in keys if k not in out]
        pages = await asyncio.gather(*(direct_page(ctx, c, [*params, (via, k[0])], k[2], k[1]) for k in rest))
        out.update(zip(rest, pages, strict=True))
        return [out[k] for k in keys]

    return DataLoader(batch)


# --------------------------------------------------------------------------- resolvers


def member(parent: Any, info: GraphQLResolveInfo) -> Any:
    return parent.get(info.field_name) if isinstance(parent, dict) else None


def _guard(info: GraphQLResolveInfo, call: Any) -> Any:
    async def run() -> Any:
        try:
            return await call
        except UpstreamError as exc:
            raise problem_error(exc, info) from exc

    return run()


def single(record: str) -> Callable[..., Any]:
    def resolve(_parent: Any, info: GraphQLResolveInfo, uuid: str) -> Any:
        ctx: RequestContext = info.context
        return _guard(info, ctx.records(record).load(str(uuid)))

    return resolve


def link(target: str, via: str) -> Callable[..., Any]:
    def resolve(parent: Record, info: GraphQLResolveInfo) -> Any:
        value = parent.get(via)
        if value is None:
            return None
        ctx: RequestContext = info.context
        return _guard(info, ctx.records(target).load(str(value)))

    return resolve


def listing(record: str) -> Callable[..., Any]:
    def resolve(_parent: Any, info: GraphQLResolveInfo, **args: Any) -> Any:
        ctx: RequestContext = info.context
        c = ctx.contract.collections[record]
        params = list_params(c, args)
        return _guard(info, direct_page(ctx, c, params, first_of(args, c.page_limit), args.get("after")))

    return resolve


def relation(child: str, via: str) -> Callable[..., Any]:
    def resolve(parent: Record, info: GraphQLResolveInfo, **args: Any) -> Any:
        ctx: RequestContext = info.context
        c = ctx.contract.collections[child]
        params = list_params(c, {k: v for k, v in args.items() if k != via})
        first = first_of(args, c.page_limit)
        if args.get("after") is not None:
            decode_cursor(args["after"])
        loader = ctx.relations(c, via, params)
        return _guard(info, loader.load((str(parent.get("uuid")), args.get("after"), first)))

    return resolve


def page_extra(name: str) -> Callable[..., Any]:
    def resolve(parent: Record, _info: GraphQLResolveInfo) -> Any:
        return parent.get(name)

    return resolve
