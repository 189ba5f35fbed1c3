"""The stateful life cycle of every writable record of a class, linked end to end to its parents.

For the processing class this walks shipment → dewar → container → protein → crystal → sample → data collection
group → data collection → processing job → processing program → integration → scaling statistics, creating the
parents of other classes as setup. Each record of the class is created, read back, found in its list, checked
to be linked to its parents by UUID, updated with If-Match, deleted, and then gone from reads and lists.
"""

from __future__ import annotations

from conformance.checks.common import differences, item_path, json_body, list_all, parent_filter, sandbox
from conformance.context import CheckContext
from conformance.payloads import patchable_field
from conformance.registry import family, module_class
from conformance.sandbox import Created, Sandbox
from conformance.spec import Collection


@family(
    "LIFECYCLE-01",
    "Record life cycle",
    "Every record the class lets a client write can be created (POST with Location, PUT with a client UUID), "
    "read back as written, found in its list, refers to its parents by UUID, updated with If-Match, and "
    "deleted (where the spec has DELETE), after which it reads 404 and is no longer listed.",
    needs_writes=True,
    applies=module_class,
)
def lifecycle(ctx: CheckContext) -> None:
    ctx.require_writes()
    box = sandbox(ctx.run)
    chain = box.chain(ctx.collections())
    if not chain:
        ctx.not_applicable("the class has no record a client may create and delete in a sandbox")
    ctx.details["chain"] = [c.name for c in chain]
    parents: dict[str, str] = {}
    for collection in chain:
        parents = box.parents_for(collection, parents, optional=True)
    created: list[tuple[Collection, Created]] = []
    for index, collection in enumerate(chain):
        record = _create(ctx, box, collection, parents, via="POST" if index == 0 and collection.op("create") else "PUT")
        if record is None:
            return
        parents[collection.name] = record.uuid
        created.append((collection, record))
        _verify_read_list_link(ctx, box, collection, record, parents)
        _verify_update(ctx, collection, record)
    for collection, record in reversed(created):
        _verify_delete(ctx, box, collection, record)
    ctx.details["setupRecords"] = len(box.records)


def _create(
    ctx: CheckContext, box: Sandbox, collection: Collection, parents: dict[str, str], via: str
) -> Created | None:
    body = box.payload(collection, parents)
    box.vacate(collection, body)  # the suite's own record of a fixed group would collide with the new one
    identity = box.writer_for(collection) or "staff"
    if via == "POST":
        response, exchange = ctx.request("POST", collection.path, identity, json_body=body)
    else:
        path = item_path(collection, ctx.run.mint())
        response, exchange = ctx.request("PUT", path, identity, json_body=body)
    if not ctx.expect_status(response, exchange, {201}, f"{via} {collection.path} (create)"):
        return None
    data = json_body(response)
    if not isinstance(data, dict) or not data.get("uuid"):
        ctx.fail(f"{via} {collection.path}: the created record has no uuid", exchange)
        return None
    if via == "POST" and not response.headers.get("location", "").rstrip("/").endswith(str(data["uuid"])):
        ctx.fail(
            f"POST {collection.path}: Location {response.headers.get('location')!r} does not name the record", exchange
        )
    if not response.headers.get("etag"):
        ctx.fail(f"{via} {collection.path}: no ETag on the created record", exchange)
    for violation in ctx.run.validator.validate_schema(collection.record_schema, data):
        ctx.fail(f"{via} {collection.path}: response {violation}", exchange)
    record = Created(collection.name, str(data["uuid"]), identity, body, data, response.headers.get("etag"), exchange)
    box.keep(record)
    return record


def _verify_read_list_link(
    ctx: CheckContext, box: Sandbox, collection: Collection, record: Created, parents: dict[str, str]
) -> None:
    response, exchange = ctx.get(item_path(collection, record.uuid), record.identity)
    if not ctx.expect_status(response, exchange, {200}, f"read back {collection.name} {record.uuid}"):
        return
    stored = json_body(response) or {}
    for difference in differences(record.sent, stored):
        ctx.fail(f"read back {collection.name}: {difference}", exchange)
    for name, value in record.sent.items():
        target = box.references.get(name)
        if target and target in parents and value != parents[target]:
            ctx.fail(f"{collection.name}.{name} is {value}, not the {target} record {parents[target]}")
    query = parent_filter(box, collection, parents, record.sent)
    listing = list_all(ctx, collection, record.identity, query, limit=1000)
    if record.uuid not in listing.uuids():
        last = listing.exchanges[-1] if listing.exchanges else None
        ctx.fail(f"the new {collection.name} record {record.uuid} is not listed by {collection.path} {query}", last)


def _verify_update(ctx: CheckContext, collection: Collection, record: Created) -> None:
    patch = patchable_field(ctx.spec, collection)
    if patch is None or collection.op("patch") is None:
        return
    name, _, new_value = patch
    path = item_path(collection, record.uuid)
    current, read_exchange = ctx.get(path, record.identity)
    etag = current.headers.get("etag")
    if not etag:
        ctx.fail(f"GET {collection.name}: no ETag", read_exchange)
        return
    response, exchange = ctx.request(
        "PATCH",
        path,
        record.identity,
        json_body={name: new_value},
        headers={"If-Match": etag, "Content-Type": "application/merge-patch+json"},
    )
    if not ctx.expect_status(response, exchange, {200}, f"PATCH {collection.name} {name}"):
        return
    after, after_exchange = ctx.get(path, record.identity)
    stored = json_body(after) or {}
    for difference in differences({name: new_value}, stored):
        ctx.fail(f"after PATCH, {collection.name}: {difference}", after_exchange)
    if after.headers.get("etag") == etag:
        ctx.fail(f"after PATCH, {collection.name} still has the ETag {etag}", after_exchange)


def _verify_delete(ctx: CheckContext, box: Sandbox, collection: Collection, record: Created) -> None:
    if not collection.has_delete:
        return
    path = item_path(collection, record.uuid)
    response, exchange = ctx.request("DELETE", path, record.identity)
    if not ctx.expect_status(response, exchange, {204}, f"DELETE {collection.name}"):
        return
    box.forget(record.uuid)
    after, after_exchange = ctx.get(path, record.identity)
    ctx.expect_status(after, after_exchange, {404}, f"GET {collection.name} after DELETE")
    query = parent_filter(box, collection, {}, record.sent)
    listing = list_all(ctx, collection, record.identity, query, limit=1000)
    if record.uuid in listing.uuids():
        ctx.fail(
            f"the deleted {collection.name} record {record.uuid} is still listed",
            listing.exchanges[-1] if listing.exchanges else None,
        )
