"""Correctness under concurrency, over real HTTP with concurrent handlers, on every backend.

* 8 writers PATCH the same records with If-Match, retrying on 412: no update is lost.
* 8 writers PATCH different fields of one record without If-Match: every field survives (the server retries
  its own conditional write on the fresh row).
* 8 clients retry the same idempotent PUT at once: one record is created, once.
"""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor

from site_kit.resources import registry
from tests.server.bodies import TOKENS, body_for
from tests.server.conftest import Server

WRITERS = 8
INCREMENTS = 6


def _increment(server: Server, item: str, field: str) -> int:
    """Read-modify-write ``field`` += 1 under If-Match until it succeeds; returns the 412s seen."""
    conflicts = 0
    with server.client(TOKENS["staff"]) as http:
        for _ in range(INCREMENTS):
            while True:
                current = http.get(item)
                value = current.json().get(field, 0) + 1
                answer = http.patch(item, json={field: value}, headers={"If-Match": current.headers["ETag"]})
                if answer.status_code == 200:
                    break
                assert answer.status_code == 412, answer.text
                conflicts += 1
    return conflicts


def test_no_lost_update_with_if_match(server: Server) -> None:
    with server.client(TOKENS["staff"]) as http:
        body = body_for(server.engine, registry()["DataCollection"])
        body["numberOfImages"] = 0
        items = [http.post("/v1/data-collections", json=body).headers["Location"] for _ in range(2)]
    jobs = [(items[i % 2], "numberOfImages") for i in range(WRITERS)]
    with ThreadPoolExecutor(WRITERS) as pool:
        conflicts = sum(pool.map(lambda job: _increment(server, *job), jobs))
    with server.client(TOKENS["staff"]) as http:
        totals = [http.get(item).json()["numberOfImages"] for item in items]
    assert totals == [WRITERS // 2 * INCREMENTS] * 2
    assert conflicts > 0 or server.backend == "sqlite", "the writers never overlapped: the test proved nothing"


def test_concurrent_patches_of_different_fields_all_survive(server: Server) -> None:
    fields = ["wavelength", "resolution", "detectorDistance", "exposureTime", "flux", "transmission", "xBeam", "yBeam"]
    with server.client(TOKENS["staff"]) as http:
        item = http.post("/v1/data-collections", json=body_for(server.engine, registry()["DataCollection"])).headers[
            "Location"
        ]

    def write(field: str) -> int:
        with server.client(TOKENS["staff"]) as http:
            return http.patch(item, json={field: 42.5}).status_code

    with ThreadPoolExecutor(WRITERS) as pool:
        assert set(pool.map(write, fields)) == {200}
    with server.client(TOKENS["staff"]) as http:
        final = http.get(item).json()
    assert {field: final[field] for field in fields} == dict.fromkeys(fields, 42.5)


def test_retried_put_creates_once(server: Server) -> None:
    record = str(uuid.uuid4())
    body = body_for(server.engine, registry()["ProcessingProgram"])

    def put(_: int) -> tuple[int, str]:
        with server.client(TOKENS["service"]) as http:
            answer = http.put(f"/v1/processing-programs/{record}", json=body)
            return answer.status_code, answer.headers.get("ETag", "")

    with ThreadPoolExecutor(WRITERS) as pool:
        results = list(pool.map(put, range(WRITERS)))
    codes = sorted(code for code, _ in results)
    assert codes.count(201) == 1 and codes.count(200) == WRITERS - 1, codes
    assert len({etag for _, etag in results}) == 1
    with server.client(TOKENS["staff"]) as http:
        listed = http.get(
            "/v1/processing-programs", params={"limit": 1000, "dataCollectionUuid": body["dataCollectionUuid"]}
        )
        assert [p["uuid"] for p in listed.json()["items"]].count(record) == 1
