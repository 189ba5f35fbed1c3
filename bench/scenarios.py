"""What each scenario requests, prepared over HTTP from the running server before the clock starts.

* ``get``: single data collections spread over the whole table (UUIDs known from the generator's layout);
* ``list``: the first page of 100 data collections of one beamline in a 30-day window (one window per
  beamline, taken in turn), the query a beamline's web view makes;
* ``deep``: the page of 100 of the same queries at 90 % of each window, its cursor found by walking the pages
  first (a keyset cursor must cost what the first page costs);
* ``put``: PUT of new data collections under client UUIDs, each put twice (created RUNNING, replaced when the
  sweep ends);
* ``patch``: PATCH with If-Match after reading the ETag; 412s from racing connections are counted.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlencode

import httpx
import orjson

from bench.dataset import BEAMLINES, EPOCH, Scale, uid

WINDOW_DAYS = 30
DEEP_FRACTION = 0.9
PAGE = 100
SPREAD = 1000


@dataclass(frozen=True)
class Scenario:
    """A named wrk scenario: its Lua kind and the data the script reads."""

    name: str
    kind: str
    data: dict[str, Any]
    description: str
    #: data for run number ``n`` (warm-ups included) when each run needs its own (PUT: UUIDs not yet created)
    fresh: Callable[[int], dict[str, Any]] | None = None

    def for_run(self, n: int) -> dict[str, Any]:
        return self.fresh(n) if self.fresh is not None else self.data


def _instant(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _check(response: httpx.Response) -> httpx.Response:
    if response.status_code >= 400:
        raise RuntimeError(
            f"{response.request.method} {response.request.url} → {response.status_code}: {response.text[:500]}"
        )
    return response


def windows(scale: Scale) -> list[dict[str, str]]:
    """One 30-day window per beamline, in the middle of the data set's time span."""
    days = max(scale.sessions // len(BEAMLINES), 1)
    length = min(WINDOW_DAYS, days)
    start = EPOCH + timedelta(days=(days - length) // 2)
    return [
        {
            "beamlineName": beamline,
            "startedAfter": _instant(start),
            "startedBefore": _instant(start + timedelta(days=length)),
        }
        for beamline in BEAMLINES
    ]


def walk_to(client: httpx.Client, query: dict[str, str], position: int) -> str | None:
    """The page token after the first ``position`` items of ``query``, found by walking its pages."""
    token: str | None = None
    walked = 0
    while walked < position:
        params = {**query, "limit": str(min(1000, position - walked))}
        if token:
            params["pageToken"] = token
        page = _check(client.get("/v1/data-collections", params=params)).json()
        walked += len(page["items"])
        token = page.get("nextPageToken")
        if token is None:
            break
    return token


def count(client: httpx.Client, query: dict[str, str]) -> int:
    total, token = 0, None
    while True:
        params = {**query, "limit": "1000", **({"pageToken": token} if token else {})}
        page = _check(client.get("/v1/data-collections", params=params)).json()
        total += len(page["items"])
        token = page.get("nextPageToken")
        if not token:
            return total


def prepare(base_url: str, token: str, scale: Scale, threads: int) -> tuple[list[Scenario], bytes, dict[str, Any]]:
    """The scenarios, the body the ceiling serves (a real single GET), and facts about the targets."""
    client = httpx.Client(base_url=base_url, headers={"Authorization": f"Bearer {token}"}, timeout=60.0)
    with client:
        total = scale.data_collections
        get_paths = [f"/v1/data-collections/{uid('dc', i * total // SPREAD)}" for i in range(min(SPREAD, total))]
        body = _check(client.get(get_paths[0])).content

        list_paths, deep_paths, sizes = [], [], []
        for query in windows(scale):
            size = count(client, query)
            cursor = walk_to(client, query, int(size * DEEP_FRACTION))
            base = {**query, "limit": str(PAGE)}
            list_paths.append(f"/v1/data-collections?{urlencode(base)}")
            if cursor:
                deep_paths.append(f"/v1/data-collections?{urlencode({**base, 'pageToken': cursor})}")
            sizes.append(size)
        for path in (list_paths[0], deep_paths[0] if deep_paths else list_paths[0]):
            _check(client.get(path))

        run_id = int(time.time())
        group = uid("dcg", scale.groups // 2)

        def pools(n: int) -> list[list[str]]:
            return [
                [uid("put", (run_id * 100 + n) * 10**6 + t * 10**5 + i) for i in range(20000)] for t in range(threads)
            ]

        start = datetime.now(UTC).replace(microsecond=0)
        common = {
            "dataCollectionGroupUuid": group,
            "dataCollectionNumber": 1,
            "startTime": _instant(start),
            "wavelength": 0.9763,
            "exposureTime": 0.004,
            "numberOfImages": 3600,
            "oscillationRange": 0.1,
            "imageDirectory": "/data/visitor/bench",
            "imagePrefix": "bench",
            "rotationAxis": "OMEGA",
        }
        running = {**common, "runStatus": "RUNNING"}
        finished = {**common, "runStatus": "SUCCESSFUL", "endTime": _instant(start + timedelta(seconds=17))}

        patch_targets = [[uid("dc", (t * 16 + j) * 7919 % total) for j in range(16)] for t in range(threads)]

    bodies = {"running": orjson.dumps(running).decode(), "finished": orjson.dumps(finished).decode()}
    scenarios = [
        Scenario(
            "get",
            "get",
            {"token": token, "paths": get_paths},
            f"GET /v1/data-collections/{{uuid}}, {len(get_paths)} records spread over the table",
        ),
        Scenario(
            "list",
            "get",
            {"token": token, "paths": list_paths},
            f"first page of {PAGE}: beamlineName + {WINDOW_DAYS}-day startedAfter/startedBefore window "
            f"({len(list_paths)} beamlines in turn)",
        ),
        Scenario(
            "deep",
            "get",
            {"token": token, "paths": deep_paths or list_paths},
            f"same queries, page at {DEEP_FRACTION:.0%} of each window (cursor found by walking pages)",
        ),
        Scenario(
            "put",
            "put",
            {"token": token, "pools": pools(0), **bodies},
            "PUT /v1/data-collections/{client uuid}: create RUNNING, then replace SUCCESSFUL (new UUIDs per run)",
            fresh=lambda n: {"token": token, "pools": pools(n), **bodies},
        ),
        Scenario(
            "patch",
            "patch",
            {"token": token, "targets": patch_targets},
            "GET for the ETag, then PATCH with If-Match (16 records per wrk thread)",
        ),
    ]
    facts = {"window_sizes": sizes, "deep_position": DEEP_FRACTION, "page": PAGE, "single_get_bytes": len(body)}
    return scenarios, body, facts
