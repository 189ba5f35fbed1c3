"""``orderBy`` (AIP-132) with keyset pages, over real HTTP on every backend.

The rule, for every list operation and every order its spec enum declares: walking ``next`` with any page size
yields exactly the records of one big page (no duplicate, no gap), sorted by the field in the order's direction,
records lacking the field after all others, ties in the order of creation (reversed for ``desc``).

A hypothesis property checks it over random experiment times (duplicates and absent values included) written
through the API; a sweep checks every declared order of every collection on the demo data.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from site_kit import spec
from site_kit.paging import declared_orders
from site_kit.resources import registry
from tests.server.bodies import TOKENS, body_for
from tests.server.conftest import Server

SETTINGS = settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
BASE = datetime(2026, 3, 14, 9, 0, tzinfo=UTC)


def _orders(path: str) -> list[str]:
    op = next(o for o in spec.operations() if o.path == path and o.method == "get")
    return [o.value for o in declared_orders([spec.deref(p) for p in op.raw.get("parameters", [])])]


LISTS = [
    (op.path, value)
    for op in spec.operations()
    if op.method == "get"
    and op.path.startswith("/v1/")
    and "{" not in op.path
    and op.path != "/v1/me"
    # a list without orderBy (the change feed: commit order only) has no orders to walk
    and any(spec.deref(p).get("name") == "orderBy" for p in op.raw.get("parameters", []))
    for value in _orders(op.path)
]


def walk(http: httpx.Client, path: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    url: str | None = path
    query: dict[str, Any] | None = params
    while url:
        page = http.get(url, params=query)
        assert page.status_code == 200, page.text
        doc = page.json()
        assert len(doc["items"]) <= params["limit"]
        assert ("next" in doc) == ("nextPageToken" in doc)
        items += doc["items"]
        url, query = doc.get("next"), None
    return items


def _instant(item: dict[str, Any], field: str) -> Any:
    value = item.get(field)
    return datetime.fromisoformat(value) if isinstance(value, str) and field.endswith(("Time", "At")) else value


def assert_ordered(items: list[dict[str, Any]], order: str) -> None:
    """Sorted by the field in the order's direction, records lacking it last."""
    field, _, direction = order.partition(" ")
    values = [_instant(i, field) for i in items]
    present = [v for v in values if v is not None]
    assert values[: len(present)] == present, f"records lacking {field} must come last"
    assert present == sorted(present, reverse=direction == "desc"), f"not sorted by {order}"


@pytest.mark.parametrize(("path", "order"), LISTS)
def test_every_declared_order_pages_exactly(server: Server, path: str, order: str) -> None:
    with server.client(TOKENS["staff"]) as http:
        whole = walk(http, path, {"limit": 1000, "orderBy": order})
        paged = walk(http, path, {"limit": 2, "orderBy": order})
    assert [i["uuid"] for i in paged] == [i["uuid"] for i in whole]
    assert len({i["uuid"] for i in whole}) == len(whole)
    assert_ordered(whole, order)


def test_default_order_is_the_first_declared_one(server: Server) -> None:
    with server.client(TOKENS["staff"]) as http:
        default = walk(http, "/v1/data-collections", {"limit": 1000})
        first = walk(http, "/v1/data-collections", {"limit": 1000, "orderBy": _orders("/v1/data-collections")[0]})
    assert [i["uuid"] for i in default] == [i["uuid"] for i in first]


def test_newest_first_is_the_reverse_of_oldest_first(server: Server) -> None:
    with server.client(TOKENS["staff"]) as http:
        oldest = walk(http, "/v1/sessions", {"limit": 1000, "orderBy": "createdAt"})
        newest = walk(http, "/v1/sessions", {"limit": 3, "orderBy": "createdAt desc"})
    assert [i["uuid"] for i in newest] == [i["uuid"] for i in reversed(oldest)]


# --------------------------------------------------------------------------- random data


def _group(server: Server, http: httpx.Client) -> str:
    created = http.post("/v1/data-collection-groups", json=body_for(server.engine, registry()["DataCollectionGroup"]))
    assert created.status_code == 201, created.text
    return str(created.json()["uuid"])


def _collections(server: Server, http: httpx.Client, group: str, starts: list[int | None]) -> list[str]:
    """One data collection per entry, in this order: start time BASE + n minutes, or none."""
    made = []
    template = body_for(server.engine, registry()["DataCollection"])
    for minutes in starts:
        body = {k: v for k, v in template.items() if k not in ("startTime", "endTime")}
        body["dataCollectionGroupUuid"] = group
        if minutes is not None:
            body["startTime"] = (BASE + timedelta(minutes=minutes)).isoformat()
        created = http.post("/v1/data-collections", json=body)
        assert created.status_code == 201, created.text
        made.append(str(created.json()["uuid"]))
    return made


def expected(uuids: list[str], starts: list[int | None], order: str) -> list[str]:
    """The order the rule defines: by (field, creation) in the direction, records without the field last."""
    field, _, direction = order.partition(" ")
    desc = direction == "desc"
    created = list(enumerate(uuids))
    if field == "createdAt":
        return [u for _, u in sorted(created, reverse=desc)]
    valued = sorted(((starts[i], i, u) for i, u in created if starts[i] is not None), reverse=desc)
    nulls = sorted(((i, u) for i, u in created if starts[i] is None), reverse=desc)
    return [u for _, _, u in valued] + [u for _, u in nulls]


@SETTINGS
@given(
    starts=st.lists(st.one_of(st.none(), st.integers(0, 5)), min_size=1, max_size=9),
    limit=st.integers(1, 4),
)
def test_pagination_is_exact_in_every_order_over_random_times(
    server: Server, starts: list[int | None], limit: int
) -> None:
    with server.client(TOKENS["staff"]) as http:
        group = _group(server, http)
        uuids = _collections(server, http, group, starts)
        for order in _orders("/v1/data-collections"):
            got = walk(
                http, "/v1/data-collections", {"limit": limit, "orderBy": order, "dataCollectionGroupUuid": group}
            )
            assert [i["uuid"] for i in got] == expected(uuids, starts, order), order
            assert_ordered(got, order)


@SETTINGS
@given(starts=st.lists(st.one_of(st.none(), st.integers(0, 3)), min_size=2, max_size=8), data=st.data())
def test_a_page_size_change_mid_walk_keeps_the_walk_exact(
    server: Server, starts: list[int | None], data: st.DataObject
) -> None:
    """Only the limit may change between pages: the token keeps the position whatever the page sizes."""
    with server.client(TOKENS["staff"]) as http:
        group = _group(server, http)
        uuids = _collections(server, http, group, starts)
        order = data.draw(st.sampled_from(_orders("/v1/data-collections")))
        params: dict[str, Any] = {"orderBy": order, "dataCollectionGroupUuid": group}
        seen: list[str] = []
        token = None
        while True:
            limit = data.draw(st.integers(1, 3))
            page = http.get(
                "/v1/data-collections",
                params={**params, "limit": limit, "pageToken": token} if token else {**params, "limit": limit},
            )
            assert page.status_code == 200, page.text
            seen += [i["uuid"] for i in page.json()["items"]]
            token = page.json().get("nextPageToken")
            if token is None:
                break
        assert seen == expected(uuids, starts, order)
