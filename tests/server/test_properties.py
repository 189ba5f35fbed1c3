"""Rules that hold for all inputs, checked with hypothesis over real HTTP on every backend.

* Pagination: for any limit and filter, walking ``next`` yields every matching record exactly once, in a
  stable order, never more than ``limit`` per page.
* Filtering: every item matches the filter, and no matching record is missing (checked against a walk of
  the unfiltered collection).
* Round trip: whatever valid data collection is written, it reads back the same.
* Isolation: whatever filter a user of another proposal passes, nothing of the owner's proposal appears.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from site_kit.resources import registry
from tests.server.bodies import OWNER_PROPOSAL, TOKENS, body_for
from tests.server.conftest import Server

SETTINGS = settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
RUN_STATUSES = ["RUNNING", "SUCCESSFUL", "FAILED", "ABORTED"]


def walk(server: Server, token: str, params: dict[str, Any]) -> tuple[list[dict[str, Any]], list[int]]:
    items: list[dict[str, Any]] = []
    sizes = []
    with server.client(token) as http:
        url: str | None = "/v1/data-collections"
        query: dict[str, Any] | None = params
        while url:
            page = http.get(url, params=query)
            assert page.status_code == 200, page.text
            doc = page.json()
            items += doc["items"]
            sizes.append(len(doc["items"]))
            url, query = doc.get("next"), None
    return items, sizes


def everything(server: Server) -> list[dict[str, Any]]:
    return walk(server, TOKENS["staff"], {"limit": 1000})[0]


filters = st.fixed_dictionaries(
    {},
    optional={
        "beamlineName": st.sampled_from(["i03", "i04", "i24", "nowhere"]),
        "runStatus": st.sampled_from(RUN_STATUSES),
        "startedAfter": st.integers(0, 30).map(lambda d: datetime(2026, 3, 1, tzinfo=UTC) + timedelta(days=d)),
        "startedBefore": st.integers(0, 30).map(lambda d: datetime(2026, 3, 1, tzinfo=UTC) + timedelta(days=d)),
    },
)


def matches(item: dict[str, Any], flt: dict[str, Any]) -> bool:
    start = datetime.fromisoformat(item["startTime"]) if "startTime" in item else None
    return (
        item.get("beamlineName") == flt.get("beamlineName", item.get("beamlineName"))
        and item.get("runStatus") == flt.get("runStatus", item.get("runStatus"))
        and ("startedAfter" not in flt or (start is not None and start >= flt["startedAfter"]))
        and ("startedBefore" not in flt or (start is not None and start < flt["startedBefore"]))
    )


def test_pagination_and_filters(server: Server) -> None:
    universe = everything(server)
    assert len(universe) > 40

    @SETTINGS
    @given(limit=st.integers(1, 60), flt=filters)
    def check(limit: int, flt: dict[str, Any]) -> None:
        params = {"limit": limit, **{k: v.isoformat() if isinstance(v, datetime) else v for k, v in flt.items()}}
        items, sizes = walk(server, TOKENS["staff"], params)
        uuids = [i["uuid"] for i in items]
        assert len(uuids) == len(set(uuids)), "a record appeared on two pages"
        assert all(size <= limit for size in sizes)
        assert all(size == limit for size in sizes[:-1]), "a page before the last was short"
        assert all(matches(i, flt) for i in items)
        expected = [i["uuid"] for i in universe if matches(i, flt)]
        assert uuids == expected, "pages do not add up to the filtered collection in its stable order"

    check()


def test_other_users_never_see_the_owners_records(server: Server) -> None:
    @SETTINGS
    @given(limit=st.integers(1, 200), flt=filters)
    def check(limit: int, flt: dict[str, Any]) -> None:
        params = {"limit": limit, **{k: v.isoformat() if isinstance(v, datetime) else v for k, v in flt.items()}}
        items, _ = walk(server, TOKENS["other"], params)
        assert all(i["proposalUuid"] != str(OWNER_PROPOSAL) for i in items)

    check()


numbers = st.floats(min_value=0.001, max_value=1e6, allow_nan=False, allow_infinity=False)


@SETTINGS
@given(
    wavelength=numbers,
    exposure=numbers,
    images=st.integers(0, 10**7),
    status=st.sampled_from(RUN_STATUSES),
    comments=st.text(max_size=200),
    started=st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(UTC)),
)
def test_write_then_read_round_trip(
    server: Server, wavelength: float, exposure: float, images: int, status: str, comments: str, started: datetime
) -> None:
    body = body_for(server.engine, registry()["DataCollection"])
    body.update(
        wavelength=wavelength,
        exposureTime=exposure,
        numberOfImages=images,
        runStatus=status,
        comments=comments,
        startTime=started.isoformat(),
    )
    with server.client(TOKENS["service"]) as http:
        created = http.post("/v1/data-collections", json=body)
        assert created.status_code == 201, created.text
        read = http.get(created.headers["Location"]).json()
    for key in ("wavelength", "exposureTime", "numberOfImages", "runStatus", "comments"):
        assert read[key] == body[key], key
    assert datetime.fromisoformat(read["startTime"]) == started
