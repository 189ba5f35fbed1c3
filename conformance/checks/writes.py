"""Write properties: generated round trips, GET → PUT, idempotent PUT, and optimistic concurrency (ETag)."""

from __future__ import annotations

from typing import Any

from conformance.checks.common import differences, is_problem, item_path, json_body, list_all, parent_filter, sandbox
from conformance.context import CheckContext
from conformance.generation import put_bodies
from conformance.payloads import patchable_field, writable_fields
from conformance.registry import family, module_class
from conformance.sandbox import SANDBOX_FIELDS, Created, Sandbox
from conformance.spec import Collection

MERGE_PATCH = {"Content-Type": "application/merge-patch+json"}


def _writable(ctx: CheckContext) -> list[Collection]:
    ctx.require_writes()
    chain = sandbox(ctx.run).chain(ctx.collections())
    if not chain:
        ctx.not_applicable("the class has no record a client may create and delete in a sandbox")
    return chain


def confine(box: Sandbox, collection: Collection, body: dict[str, Any], parents: dict[str, str]) -> dict[str, Any]:
    """Point a generated body's references at the sandbox and its records; drop references the suite cannot fill."""
    confined = {}
    for name, value in body.items():
        if name in SANDBOX_FIELDS or name in box.references:
            ref = box.reference_value(name, parents)
            if ref is not None:
                confined[name] = ref
        elif not name.endswith("Uuid"):
            confined[name] = value
    for name in box.spec.schema(collection.input_schema).get("required", []):
        if name not in confined:
            ref = box.reference_value(name, parents)
            if ref is not None:
                confined[name] = ref
    return confined


def _put(ctx: CheckContext, box: Sandbox, collection: Collection, body: dict[str, Any], what: str) -> Created | None:
    box.vacate(collection, body)  # the suite's own record of a fixed group would collide with the new one
    record_uuid = ctx.run.mint()
    identity = box.writer_for(collection) or "staff"
    response, exchange = ctx.request("PUT", item_path(collection, record_uuid), identity, json_body=body)
    if response.status_code in (200, 201):
        record = Created(
            collection.name,
            record_uuid,
            identity,
            body,
            json_body(response) or {},
            response.headers.get("etag"),
            exchange,
        )
        box.keep(record)
        if response.status_code != 201:
            ctx.fail(f"{what}: creating with PUT answered {response.status_code}, not 201", exchange)
        return record
    ctx.fail(f"{what}: PUT of a body valid against {collection.input_schema} answered {response.status_code}", exchange)
    return None


@family(
    "ROUNDTRIP-01",
    "Write-then-read round trip",
    "For generated bodies valid against each writable schema of the class, PUT with a new client UUID answers "
    "201 and a later GET returns every written field with the value written (timestamps and numbers compared "
    "by value).",
    needs_writes=True,
    applies=module_class,
)
def roundtrip(ctx: CheckContext) -> None:
    box = sandbox(ctx.run)
    tried = 0
    for collection in _writable(ctx):
        parents = box.parents_for(collection, optional=False)
        for body in put_bodies(ctx.run, collection.item_path, ctx.profile.property_examples):
            body = box.make_unique(collection, confine(box, collection, body, parents))
            record = _put(ctx, box, collection, body, f"round trip {collection.name}")
            if record is None:
                continue
            tried += 1
            response, exchange = ctx.get(item_path(collection, record.uuid), record.identity)
            if ctx.expect_status(response, exchange, {200}, f"read back {collection.name}"):
                for difference in differences(body, json_body(response) or {}):
                    ctx.fail(f"round trip {collection.name}: {difference}", exchange)
    ctx.details["roundTrips"] = tried


@family(
    "GETPUT-01",
    "A record read can be sent back",
    "A record as GET returns it, read-only members included, sent back unchanged with PUT (If-Match: its ETag) "
    "answers 200 and changes no field the client writes: servers ignore read-only members in requests.",
    needs_writes=True,
    applies=module_class,
)
def get_put(ctx: CheckContext) -> None:
    box = sandbox(ctx.run)
    tried = 0
    for collection in _writable(ctx):
        record = box.create(collection, box.parents_for(collection))
        path = item_path(collection, record.uuid)
        read, read_exchange = ctx.get(path, record.identity)
        if not ctx.expect_status(read, read_exchange, {200}, f"GET {collection.name}"):
            continue
        stored = json_body(read)
        if not isinstance(stored, dict):
            ctx.fail(f"GET {collection.name}: the body is not an object", read_exchange)
            continue
        headers = {"If-Match": read.headers["etag"]} if read.headers.get("etag") else {}
        response, exchange = ctx.request("PUT", path, record.identity, json_body=stored, headers=headers)
        tried += 1
        if not ctx.expect_status(response, exchange, {200}, f"PUT back the {collection.name} record GET returned"):
            continue
        after, after_exchange = ctx.get(path, record.identity)
        if ctx.expect_status(after, after_exchange, {200}, f"GET {collection.name} after PUT back"):
            written = {k: v for k, v in stored.items() if k in writable_fields(ctx.spec, collection)}
            for difference in differences(written, json_body(after) or {}):
                ctx.fail(f"PUT back {collection.name} changed the record: {difference}", after_exchange)
    ctx.details["putBacks"] = tried


@family(
    "IDEMPOTENT-01",
    "Idempotent PUT",
    "Repeating a PUT with the same client UUID and body answers 200 with the same record and creates no second "
    "record; PUT with `If-None-Match: *` on an existing record answers 412 and changes nothing.",
    needs_writes=True,
    applies=module_class,
)
def idempotent_put(ctx: CheckContext) -> None:
    box = sandbox(ctx.run)
    for collection in _writable(ctx):
        parents = box.parents_for(collection)
        body = box.payload(collection, parents)
        first = _put(ctx, box, collection, body, f"idempotent PUT {collection.name}")
        if first is None:
            continue
        path = item_path(collection, first.uuid)
        again, exchange = ctx.request("PUT", path, first.identity, json_body=body)
        if not ctx.expect_status(again, exchange, {200}, f"repeated PUT {collection.name}"):
            continue
        for difference in differences(
            {k: v for k, v in first.body.items() if k != "updatedAt"}, json_body(again) or {}
        ):
            ctx.fail(f"repeated PUT {collection.name} changed the record: {difference}", exchange)
        listing = list_all(ctx, collection, first.identity, parent_filter(box, collection, parents, body), limit=1000)
        copies = listing.uuids().count(first.uuid)
        if copies != 1:
            ctx.fail(
                f"after a repeated PUT, {collection.name} {first.uuid} is listed {copies} times",
                listing.exchanges[-1] if listing.exchanges else None,
            )
        guarded, guarded_exchange = ctx.request(
            "PUT", path, first.identity, json_body=body, headers={"If-None-Match": "*"}
        )
        if ctx.expect_status(guarded, guarded_exchange, {412}, f"PUT {collection.name} with If-None-Match: *"):
            problem = is_problem(guarded)
            if problem:
                ctx.fail(f"412 of {collection.name} is not problem+json: {problem}", guarded_exchange)


@family(
    "ETAG-01",
    "Optimistic concurrency (ETag / If-Match)",
    "Every read returns an ETag; a PATCH, PUT or DELETE sent with an ETag that is no longer current answers 412 "
    "as problem+json and changes nothing, while the write made with the current ETag is the one that is read.",
    needs_writes=True,
    applies=module_class,
)
def etag(ctx: CheckContext) -> None:
    box = sandbox(ctx.run)
    verified = 0
    for collection in _writable(ctx):
        patch = patchable_field(ctx.spec, collection)
        if patch is None or collection.op("patch") is None:
            continue
        name, first_value, second_value = patch
        record = box.create(collection, box.parents_for(collection))
        path = item_path(collection, record.uuid)
        current, read_exchange = ctx.get(path, record.identity)
        stale = current.headers.get("etag")
        if not stale:
            ctx.fail(f"GET {collection.name}: no ETag", read_exchange)
            continue
        fresh, fresh_exchange = ctx.request(
            "PATCH", path, record.identity, json_body={name: second_value}, headers={"If-Match": stale, **MERGE_PATCH}
        )
        if not ctx.expect_status(fresh, fresh_exchange, {200}, f"PATCH {collection.name} with the current ETag"):
            continue
        verified += 1
        for method, kwargs in (
            ("PATCH", {"json_body": {name: first_value}, "headers": {"If-Match": stale, **MERGE_PATCH}}),
            ("PUT", {"json_body": {**record.sent, name: first_value}, "headers": {"If-Match": stale}}),
            ("DELETE", {"headers": {"If-Match": stale}}),
        ):
            response, exchange = ctx.request(method, path, record.identity, **kwargs)
            if ctx.expect_status(response, exchange, {412}, f"{method} {collection.name} with a stale If-Match"):
                problem = is_problem(response)
                if problem:
                    ctx.fail(f"412 of {method} {collection.name} is not problem+json: {problem}", exchange)
        after, after_exchange = ctx.get(path, record.identity)
        if ctx.expect_status(after, after_exchange, {200}, f"GET {collection.name} after stale writes"):
            for difference in differences({name: second_value}, json_body(after) or {}):
                ctx.fail(f"a stale write changed {collection.name}: {difference}", after_exchange)
    if not verified and not ctx.findings:
        ctx.not_verified("no collection of the class has a field the suite can PATCH")
