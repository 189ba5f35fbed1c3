"""Read properties: records valid against the spec, keyset pagination, filters, unknown UUIDs, formats."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from hypothesis import strategies as st

from conformance.checks.common import (
    Listing,
    fixture_key,
    item_path,
    json_body,
    list_all,
    random_uuid,
    same,
    subjects,
    world_problem,
)
from conformance.checks.queries import orders
from conformance.context import CheckContext
from conformance.generation import draw
from conformance.registry import family, module_class
from conformance.spec import Collection, Filter


def _records_to_check(ctx: CheckContext) -> list[tuple[Collection, str]]:
    pairs = [(c, u) for c in ctx.collections() for u in subjects(ctx, c)]
    if not pairs:
        keys = ", ".join(fixture_key(c) for c in ctx.collections())
        ctx.not_verified(f"no fixture of this class is in the manifest ({keys}){world_problem(ctx)}")
    return pairs


@family(
    "RECORDS-01",
    "Records read as the spec describes them",
    "Each record of the class (the fixture manifest's records, and in write mode those the suite created) reads "
    "200 for its owner with an ETag and a body valid against its schema, and appears in its collection's list.",
    applies=module_class,
)
def records(ctx: CheckContext) -> None:
    missing = [fixture_key(c) for c in ctx.collections() if not subjects(ctx, c)]
    ctx.details["collectionsWithoutRecords"] = missing
    for collection, record_uuid in _records_to_check(ctx):
        response, exchange = ctx.get(item_path(collection, record_uuid), "owner")
        if not ctx.expect_status(response, exchange, {200}, f"GET {collection.name} {record_uuid} as owner"):
            continue
        if not response.headers.get("etag"):
            ctx.fail(f"GET {collection.name} {record_uuid}: no ETag", exchange)
        body = json_body(response)
        for violation in ctx.run.validator.validate_schema(collection.record_schema, body):
            if violation.kind == "schema":
                ctx.fail(f"{collection.name} {record_uuid}: {violation}", exchange)
        if isinstance(body, dict) and body.get("uuid") != record_uuid:
            ctx.fail(f"GET {collection.name} {record_uuid} returned the record {body.get('uuid')}", exchange)
    for collection in ctx.collections():
        if collection.op("list") is None or not subjects(ctx, collection):
            continue
        listing = list_all(ctx, collection, "owner", limit=1000)
        for page_problem in _page_violations(ctx, collection, listing):
            ctx.fail(page_problem, listing.exchanges[-1] if listing.exchanges else None)
        if listing.complete:
            absent = [u for u in subjects(ctx, collection) if u not in listing.uuids()]
            for record_uuid in absent:
                ctx.fail(
                    f"{collection.name} {record_uuid} reads 200 but is not in the owner's list",
                    listing.exchanges[-1] if listing.exchanges else None,
                )


def _page_violations(ctx: CheckContext, collection: Collection, listing: Listing) -> list[str]:
    page_schema = collection.record_schema + "Page"
    found = []
    for exchange in listing.exchanges:
        if exchange.status != 200 or not isinstance(exchange.response_body, dict):
            continue
        for violation in ctx.run.validator.validate_schema(page_schema, exchange.response_body)[:5]:
            if violation.kind == "schema":
                found.append(f"list {collection.name}: {violation}")
    return found


@family(
    "PAGINATION-01",
    "Keyset pagination",
    "Following `nextPageToken` (and `next`) walks the whole list: every page holds at most `limit` items, the "
    "union of the pages is exactly the full list with no duplicates, in the same stable order on every walk. "
    "The same holds in every order the list declares (`orderBy`'s enum): each holds the same records, sorted by "
    "the named field (`desc`: newest first), records lacking it last; without `orderBy` the first one applies.",
    applies=module_class,
)
def pagination(ctx: CheckContext) -> None:
    walked = 0
    for collection in ctx.collections():
        if collection.op("list") is None:
            continue
        full = list_all(ctx, collection, "owner", limit=1000)
        if not full.complete or len(full.items) < 2:
            continue
        smallest = max(1, -(-len(full.items) // ctx.profile.max_pages))
        largest = max(smallest, min(len(full.items) - 1, smallest + ctx.profile.page_limit))
        limits = draw(ctx.run, st.integers(smallest, largest), 2, f"limit:{collection.name}")
        walked += 1
        for limit in dict.fromkeys(limits):
            _check_walk(ctx, collection, full, limit)
        # the other orders: walked in about three pages (enough to cross page boundaries, cheap on long lists)
        _check_orders(ctx, collection, full, max(limits[0], -(-len(full.items) // 3)))
    if not walked:
        ctx.not_verified("no list of this class holds 2 records or more for the owner" + world_problem(ctx))


def _check_orders(ctx: CheckContext, collection: Collection, default: Listing, limit: int) -> None:
    """Each declared order: the same records, sorted as it says, walked exactly in pages of `limit`."""
    declared = orders(ctx, collection)
    for index, order in enumerate(declared):
        params = {"orderBy": order}
        full = list_all(ctx, collection, "owner", params, limit=1000)
        where = f"{collection.path}?orderBy={order}"
        last = full.exchanges[-1] if full.exchanges else None
        if not full.complete:
            ctx.fail(f"{where}: {full.error}", last)
            continue
        if sorted(full.uuids()) != sorted(default.uuids()):
            ctx.fail(f"{where}: holds {len(full.items)} records, the list without orderBy {len(default.items)}", last)
            continue
        if index == 0 and full.uuids() != default.uuids():
            ctx.fail(f"{where}: the list without orderBy is not in this (the first declared) order", last)
        problem = order_violation(full.items, order)
        if problem:
            ctx.fail(f"{where}: {problem}", last)
        if index > 0:
            _check_walk(ctx, collection, full, limit, params, repeat=False)


def _sort_key(value: Any) -> Any:
    """A comparable form of a field value (instants as instants), or None when it cannot be ordered."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp()
        except ValueError:
            return None
    return None


def order_violation(items: list[dict[str, Any]], order: str) -> str | None:
    """What breaks `order` ("field" ascending, "field desc" descending; records lacking the field last), if any."""
    name, _, direction = order.partition(" ")
    descending = direction.strip().lower() == "desc"
    seen_absent: str | None = None
    previous: tuple[Any, str] | None = None
    for item in items:
        value = item.get(name)
        if value is None:
            seen_absent = seen_absent or str(item.get("uuid"))
            continue
        if seen_absent:
            return f"{item.get('uuid')} has `{name}` but comes after {seen_absent}, which lacks it (those go last)"
        key = _sort_key(value)
        if key is None:
            return None  # not a number or an instant: the site's collation decides; only the walk is checked
        if previous is not None and (key < previous[0] if not descending else key > previous[0]):
            return f"{item.get('uuid')} (`{name}` {value}) comes after {previous[1]}, against the order"
        previous = (key, f"{item.get('uuid')} (`{name}` {value})")
    return None


def _check_walk(
    ctx: CheckContext,
    collection: Collection,
    full: Listing,
    limit: int,
    params: dict[str, Any] | None = None,
    *,
    repeat: bool = True,
) -> None:
    """Pages of `limit` give exactly `full`, in its order; with `repeat`, a second walk and `next` agree."""
    first = list_all(ctx, collection, "owner", params, limit=limit)
    where = f"{collection.path}?limit={limit}" + "".join(f"&{k}={v}" for k, v in (params or {}).items())
    last = first.exchanges[-1] if first.exchanges else None
    if not first.complete:
        ctx.fail(f"{where}: the walk did not finish ({first.error})", last)
        return
    for index, page in enumerate(first.pages):
        if len(page) > limit:
            ctx.fail(f"{where}: page {index + 1} holds {len(page)} items", first.exchanges[index])
    uuids = first.uuids()
    duplicates = sorted({u for u in uuids if uuids.count(u) > 1})
    if duplicates:
        ctx.fail(f"{where}: pages overlap; {len(duplicates)} records appear twice, e.g. {duplicates[0]}", last)
    if set(uuids) != set(full.uuids()):
        lost = set(full.uuids()) - set(uuids)
        ctx.fail(
            f"{where}: the pages hold {len(set(uuids))} records, the full list {len(full.items)} ({len(lost)} missing)",
            last,
        )
    elif uuids != full.uuids():
        ctx.fail(f"{where}: the pages are not in the order of the full list", last)
    if not repeat:
        return
    again = list_all(ctx, collection, "owner", params, limit=limit)
    if again.complete and again.uuids() != uuids:
        ctx.fail(f"{where}: a second walk returned a different order", again.exchanges[-1])
    if first.next_links:
        response, exchange = ctx.get(first.next_links[0], "owner")
        body = json_body(response)
        second_page = [i.get("uuid") for i in body.get("items", [])] if isinstance(body, dict) else None
        expected = [i.get("uuid") for i in first.pages[1]] if len(first.pages) > 1 else []
        if response.status_code != 200 or second_page != expected:
            ctx.fail(f"{where}: following `next` does not give the second page", exchange)


def _matches(item: dict[str, Any], flt: Filter, value: Any) -> bool:
    field = item.get(flt.field)
    if flt.kind in ("equals", "oneOf"):  # one value drawn: a oneOf filter given one value is an equality
        if isinstance(field, list):
            return value in field or same(value, field)
        return field is not None and same(value, field)
    if field is None:
        return False
    instant = datetime.fromisoformat(str(field).replace("Z", "+00:00"))
    bound = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    return instant >= bound if flt.kind == "atOrAfter" else instant < bound


def _param_value(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


@family(
    "FILTER-01",
    "Filters",
    "Every documented filter of every list returns only the records that match it and all of them (compared "
    "with the unfiltered list of the same caller); filters combine with AND.",
    applies=module_class,
)
def filters(ctx: CheckContext) -> None:
    tried = 0
    for collection in ctx.collections():
        if collection.op("list") is None or not collection.filters:
            continue
        full = list_all(ctx, collection, "owner", limit=1000)
        if not full.complete or not full.items:
            continue
        for flt in collection.filters:
            values = [i.get(flt.field) for i in full.items if i.get(flt.field) is not None]
            values = [v for v in values if not isinstance(v, dict | list)]
            if not values:
                continue
            chosen = draw(
                ctx.run,
                st.sampled_from(list(dict.fromkeys(map(str, values)))),
                ctx.profile.max_filter_values,
                f"filter:{collection.name}:{flt.name}",
            )
            originals = {str(v): v for v in values}
            for key in dict.fromkeys(chosen):
                value = originals[key]
                tried += 1
                _check_filter(ctx, collection, full, flt, value)
    if not tried:
        ctx.not_verified("no list of this class has records to filter on" + world_problem(ctx))
    ctx.details["filterQueries"] = tried


def _check_filter(ctx: CheckContext, collection: Collection, full: Listing, flt: Filter, value: Any) -> None:
    filtered = list_all(ctx, collection, "owner", {flt.name: _param_value(value)}, limit=1000)
    where = f"{collection.path}?{flt.name}={value}"
    last = filtered.exchanges[-1] if filtered.exchanges else None
    if not filtered.complete:
        ctx.fail(f"{where}: {filtered.error}", last)
        return
    wrong = [i.get("uuid") for i in filtered.items if not _matches(i, flt, value)]
    if wrong:
        ctx.fail(f"{where}: {len(wrong)} returned records do not match, e.g. {wrong[0]}", last)
    expected = {i.get("uuid") for i in full.items if _matches(i, flt, value)}
    missing = expected - set(filtered.uuids())
    if missing:
        ctx.fail(f"{where}: {len(missing)} matching records are missing, e.g. {sorted(map(str, missing))[0]}", last)


@family(
    "NOTFOUND-01",
    "Unknown UUID",
    "Reading (and, in write mode, patching or deleting) a UUID the site does not have answers 404.",
    applies=module_class,
)
def not_found(ctx: CheckContext) -> None:
    for collection in ctx.collections():
        unknown = random_uuid(ctx, f"unknown:{collection.name}")
        path = item_path(collection, unknown)
        response, exchange = ctx.get(path, "owner")
        ctx.expect_status(response, exchange, {404}, f"GET {collection.name} with an unknown UUID")
        response, exchange = ctx.get(path, "staff")
        ctx.expect_status(response, exchange, {404}, f"GET {collection.name} with an unknown UUID as staff")
        if not ctx.writes_allowed:
            continue
        if collection.op("patch"):
            response, exchange = ctx.request(
                "PATCH", path, "staff", json_body={}, headers={"Content-Type": "application/merge-patch+json"}
            )
            ctx.expect_status(response, exchange, {404, 422}, f"PATCH {collection.name} with an unknown UUID")
        if collection.op("delete"):
            response, exchange = ctx.request("DELETE", path, "staff")
            ctx.expect_status(response, exchange, {404}, f"DELETE {collection.name} with an unknown UUID")


@family(
    "FORMAT-01",
    "RFC 3339 timestamps and UUIDs",
    "Every `date-time` field of the class's records is RFC 3339 with a time zone and every `uuid` field is a "
    "canonical RFC 9562 UUID.",
    applies=module_class,
)
def formats(ctx: CheckContext) -> None:
    checked = 0
    for collection in ctx.collections():
        bodies: list[tuple[Any, Any]] = []
        for record_uuid in subjects(ctx, collection):
            response, exchange = ctx.get(item_path(collection, record_uuid), "owner")
            if response.status_code == 200:
                bodies.append((json_body(response), exchange))
        if collection.op("list"):
            response, exchange = ctx.get(collection.path, "owner", {"limit": 20})
            body = json_body(response)
            if response.status_code == 200 and isinstance(body, dict):
                bodies += [(item, exchange) for item in body.get("items", [])]
        for body, exchange in bodies:
            checked += 1
            for violation in ctx.run.validator.validate_schema(collection.record_schema, body):
                if violation.kind == "format":
                    ctx.fail(f"{collection.name}: {violation}", exchange)
    if not checked:
        ctx.not_verified("no record of this class was visible to check" + world_problem(ctx))
    ctx.details["recordsChecked"] = checked
