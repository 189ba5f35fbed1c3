"""Query strictness: page tokens a site did not issue for this request, and query parameters nobody declared.

The contract (`PageToken`): a token is opaque and site-defined, valid only with the filters and order of the
request that produced it; one the server did not issue, a tampered one, or one re-used with other filters or
another order answers 400 problem pointing at `/query/pageToken`. A query parameter the operation does not
declare answers 400 pointing at `/query/<name>`; a declared one outside its schema (`limit` above its maximum)
answers 422 pointing at it. Everything here is read from the spec: parameter names, `orderBy`'s enum, `limit`'s
maximum.
"""

from __future__ import annotations

from typing import Any

from conformance.checks.common import (
    is_problem,
    item_path,
    json_body,
    list_all,
    random_uuid,
    subjects,
    world_problem,
)
from conformance.context import CheckContext
from conformance.registry import family, module_class
from conformance.spec import Collection

TOKEN_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
#: the token of the old contract's all-zero position, which its reference server accepted
LEGACY_TOKEN = "AAAAAAAAAAA"


def pointers(body: Any) -> list[str]:
    if not isinstance(body, dict):
        return []
    return [str(e.get("pointer")) for e in body.get("errors", []) if isinstance(e, dict)]


def declared_parameters(collection: Collection, key: str) -> dict[str, dict[str, Any]]:
    op = collection.op(key)
    return {p["name"]: p for p in op.raw.get("parameters", []) if p.get("in") == "query"} if op else {}


def orders(ctx: CheckContext, collection: Collection) -> list[str]:
    """The `orderBy` values the list declares (its enum), default first; empty when it has none."""
    param = declared_parameters(collection, "list").get("orderBy")
    if not param:
        return []
    return [str(v) for v in ctx.spec.resolve(param.get("schema", {})).get("enum", [])]


def expect_refusal(
    ctx: CheckContext, path: str, identity: str, params: dict[str, Any], status: int, pointer: str, what: str
) -> None:
    """The request answers `status` as problem+json whose `errors` point at `pointer`."""
    response, exchange = ctx.get(path, identity, params)
    if not ctx.expect_status(response, exchange, {status}, what):
        return
    problem = is_problem(response)
    if problem:
        ctx.fail(f"{what}: {problem}", exchange)
    elif pointer not in pointers(json_body(response)):
        ctx.fail(f"{what}: `errors` does not point at {pointer}", exchange)


def _tampered(token: str, ctx: CheckContext, salt: str) -> str:
    """`token` with one character in its middle replaced by another of the URL-safe alphabet."""
    rng = ctx.run.rng(salt)
    index = len(token) // 2
    choices = [c for c in TOKEN_ALPHABET if c != token[index]]
    return token[:index] + rng.choice(choices) + token[index + 1 :]


def _forged(ctx: CheckContext, salt: str) -> str:
    rng = ctx.run.rng(salt)
    return "".join(rng.choice(TOKEN_ALPHABET) for _ in range(rng.randint(8, 64)))


@family(
    "PAGETOKEN-01",
    "Page tokens are bound to their request",
    "A `pageToken` the site did not issue (made up, or the old contract's `AAAAAAAAAAA`), one with a character "
    "changed, and one re-used with another `orderBy` or another filter answer 400 as problem+json with an error "
    "pointing at /query/pageToken; the token re-used with its own request still gives the next page.",
    applies=module_class,
)
def page_tokens(ctx: CheckContext) -> None:
    issued = 0
    for collection in ctx.collections():
        if collection.op("list") is None:
            continue
        where = collection.path
        for label, token in (("a made-up", _forged(ctx, f"forged:{collection.name}")), ("a legacy", LEGACY_TOKEN)):
            what = f"{where} with {label} pageToken"
            expect_refusal(ctx, where, "owner", {"pageToken": token}, 400, "/query/pageToken", what)
        declared = orders(ctx, collection)
        base: dict[str, Any] = {"limit": 1, **({"orderBy": declared[0]} if declared else {})}
        response, _ = ctx.get(where, "owner", base)
        body = json_body(response)
        issued_token = body.get("nextPageToken") if response.status_code == 200 and isinstance(body, dict) else None
        if not isinstance(issued_token, str) or not issued_token:
            continue  # fewer than two records: the site issues no token to misuse
        issued += 1
        again, again_exchange = ctx.get(where, "owner", {**base, "pageToken": issued_token})
        ctx.expect_status(again, again_exchange, {200}, f"{where} with the token it issued")
        tampered = _tampered(issued_token, ctx, f"tamper:{collection.name}")
        what = f"{where} with a tampered pageToken"
        expect_refusal(ctx, where, "owner", {**base, "pageToken": tampered}, 400, "/query/pageToken", what)
        if len(declared) > 1:
            other = {**base, "orderBy": declared[1], "pageToken": issued_token}
            what = f"{where} with a pageToken issued for orderBy={declared[0]} used with orderBy={declared[1]}"
            expect_refusal(ctx, where, "owner", other, 400, "/query/pageToken", what)
        narrowed = _other_filter(ctx, collection, body)
        if narrowed:
            what = f"{where} with a pageToken issued without filters used with {narrowed}"
            reused = {**base, **narrowed, "pageToken": issued_token}
            expect_refusal(ctx, where, "owner", reused, 400, "/query/pageToken", what)
    ctx.details["collectionsWithTokens"] = issued
    if not issued and not ctx.findings:
        reason = "no list of this class holds 2 records for the owner, so no token was issued"
        ctx.not_verified(reason + world_problem(ctx))


def _other_filter(ctx: CheckContext, collection: Collection, page: dict[str, Any]) -> dict[str, str]:
    """A filter the first page's record matches (so the filtered list is not empty), as query parameters."""
    items = page.get("items") or []
    record = items[0] if items and isinstance(items[0], dict) else {}
    for flt in collection.filters:
        value = record.get(flt.field)
        if flt.kind == "equals" and isinstance(value, str) and value:
            return {flt.name: value}
    return {}


def misspelled(name: str, declared: set[str]) -> str:
    """A plausible typo of `name` (a doubled letter single, else one letter dropped) that no parameter has."""
    for index in range(1, len(name)):
        if name[index] == name[index - 1]:
            candidate = name[:index] + name[index + 1 :]
            if candidate not in declared:
                return candidate
    for index in range(2, len(name)):
        candidate = name[:index] + name[index + 1 :]
        if candidate not in declared:
            return candidate
    return f"{name}Conformance"


@family(
    "QUERY-01",
    "Query parameters are strict",
    "A list or read given a query parameter its operation does not declare (e.g. `sesionUuid` for `sessionUuid`) "
    "answers 400 as problem+json pointing at /query/<that name>; `limit` above its declared maximum answers 422 "
    "pointing at /query/limit.",
    applies=module_class,
)
def strict_queries(ctx: CheckContext) -> None:
    tried = 0
    for collection in ctx.collections():
        declared = declared_parameters(collection, "list")
        if collection.op("list") is not None:
            names = [f.name for f in collection.filters] or ["limit"]
            typo = misspelled(names[0], set(declared))
            what = f"{collection.path}?{typo}=… (not declared)"
            expect_refusal(ctx, collection.path, "owner", {typo: "1"}, 400, f"/query/{typo}", what)
            tried += 1
            limit = declared.get("limit")
            maximum = ctx.spec.resolve(limit.get("schema", {})).get("maximum") if limit else None
            if isinstance(maximum, int):
                what = f"{collection.path}?limit={maximum + 1}"
                expect_refusal(ctx, collection.path, "owner", {"limit": maximum + 1}, 422, "/query/limit", what)
        records = subjects(ctx, collection)
        if records:
            read_declared = set(declared_parameters(collection, "get"))
            typo = misspelled("limit", read_declared)
            path = item_path(collection, records[0])
            expect_refusal(ctx, path, "owner", {typo: "1"}, 400, f"/query/{typo}", f"GET {collection.name}?{typo}=…")
            tried += 1
    if not tried:
        ctx.not_applicable("the class has no list and no record to read")


def _several(declared: dict[str, dict[str, Any]], ctx: CheckContext, name: str) -> int | None:
    """`maxItems` of the list's parameter `name` when the spec lets it take several values (an array), else None."""
    param = declared.get(name)
    schema = ctx.spec.resolve(param.get("schema", {})) if param else {}
    return int(schema["maxItems"]) if schema.get("type") == "array" and "maxItems" in schema else None


@family(
    "BATCH-01",
    "Batch read by uuid and by several references",
    "A list given several `uuid` values (the parameter repeated) answers exactly the records among them the caller "
    "can read — not a record it cannot read, not an unknown one, each readable one once; a reference filter given "
    "several values answers exactly the records matching any of them (compared with the caller's unfiltered list); "
    "more values than the parameter's `maxItems` answer 422 pointing at /query/<name>.",
    applies=module_class,
)
def batch_reads(ctx: CheckContext) -> None:
    tried = 0
    for collection in ctx.collections():
        declared = declared_parameters(collection, "list")
        bound = _several(declared, ctx, "uuid")
        if collection.op("list") is None or bound is None:
            continue
        full = list_all(ctx, collection, "owner", limit=1000)
        if not full.complete or not full.items:
            continue
        tried += 1
        readable = sorted(str(u) for u in full.uuids())
        rng = ctx.run.rng(f"batch:{collection.name}")
        chosen = rng.sample(readable, min(len(readable), 3, bound - 2))
        others = list_all(ctx, collection, "otherUser", limit=1000, max_pages=1)
        hidden = sorted(str(u) for u in set(others.uuids()) - set(readable))[:1] if others.complete else []
        asked = [*chosen, *hidden, random_uuid(ctx, f"batch-unknown:{collection.name}")]
        where = f"{collection.path}?uuid=… ({len(chosen)} readable, {len(hidden)} of another proposal, 1 unknown)"
        got = list_all(ctx, collection, "owner", {"uuid": asked}, limit=1000)
        last = got.exchanges[-1] if got.exchanges else None
        if not got.complete:
            ctx.fail(f"{where}: {got.error}", last)
            continue
        answered = [str(u) for u in got.uuids()]
        if sorted(answered) != sorted(chosen):
            extra = sorted(set(answered) - set(chosen))
            missing = sorted(set(chosen) - set(answered))
            ctx.fail(f"{where}: answered {len(answered)} records, extra {extra[:2]}, missing {missing[:2]}", last)
        too_many = [random_uuid(ctx, f"batch-many:{collection.name}:{i}") for i in range(bound + 1)]
        what = f"{collection.path} with {bound + 1} uuid values (maxItems {bound})"
        expect_refusal(ctx, collection.path, "owner", {"uuid": too_many}, 422, "/query/uuid", what)
        _several_references(ctx, collection, declared, full)
    if not tried:
        ctx.not_verified("no list of this class declares a several-valued `uuid` and has records" + world_problem(ctx))
    ctx.details["batchLists"] = tried


def _several_references(
    ctx: CheckContext, collection: Collection, declared: dict[str, dict[str, Any]], full: Any
) -> None:
    """The first reference filter with at least two values among the records: both at once, and exactly those."""
    for flt in collection.filters:
        if flt.name == "uuid" or _several(declared, ctx, flt.name) is None:
            continue
        values = sorted({str(i[flt.field]) for i in full.items if isinstance(i.get(flt.field), str)})
        if len(values) < 2:
            continue
        pair = values[:2]
        got = list_all(ctx, collection, "owner", {flt.name: pair}, limit=1000)
        last = got.exchanges[-1] if got.exchanges else None
        where = f"{collection.path}?{flt.name}={pair[0]}&{flt.name}={pair[1]}"
        if not got.complete:
            ctx.fail(f"{where}: {got.error}", last)
            return
        expected = sorted(str(i["uuid"]) for i in full.items if str(i.get(flt.field)) in pair)
        if sorted(str(u) for u in got.uuids()) != expected:
            ctx.fail(f"{where}: not exactly the {len(expected)} records matching either value", last)
        return
