"""What the client adds over raw HTTP, shown against a real ``ispyb-server`` process (and a real fault proxy).

Lazy pages, typed problems with field pointers, update() under a concurrent writer and under 8 writers, the
retries of 429/503 honouring Retry-After (idempotent requests only), and the error for an unserved class.
~5 s: one Retry-After wait of 1 s, 24 racing updates.
"""

from __future__ import annotations

import json
import threading
import time
from uuid import uuid4

import httpx
import pytest
from ispyb_common_client import (
    Client,
    Forbidden,
    NotFound,
    PreconditionFailed,
    RetryPolicy,
    ServiceUnavailable,
    TooManyRequests,
    UnprocessableContent,
    UnservedClass,
)

from tests.client.sites import OWNER, SERVICE, STAFF, Fault, fault_proxy


def _counting_client(site: str, token: str, sent: list[httpx.Request], **options: object) -> Client:
    http = httpx.Client(event_hooks={"request": [sent.append]}, timeout=30)
    return Client(site, token, http=http, **options)  # type: ignore[arg-type]


def test_lists_fetch_no_page_before_iteration_needs_it(site: str) -> None:
    sent: list[httpx.Request] = []
    with _counting_client(site, STAFF, sent) as client:
        listing = client.data_collections.list(page_size=5)
        assert sent == []  # nothing fetched yet (not even /conformance)
        iterator = iter(listing)
        for _ in range(5):
            next(iterator)
        assert [r.url.path for r in sent] == ["/conformance", "/v1/data-collections"]
        next(iterator)  # the sixth record is on the second page
        assert [r.url.path for r in sent][2:] == ["/v1/data-collections"]
        assert sent[2].url.params["pageToken"] and sent[2].url.params["limit"] == "5"
        everything = list(listing)
    plain = []
    with httpx.Client(base_url=site, headers={"Authorization": f"Bearer {STAFF}"}) as http:
        params: dict[str, str] = {"limit": "1000"}
        while True:
            page = http.get("/v1/data-collections", params=params).json()
            plain += [item["uuid"] for item in page["items"]]
            if not page.get("nextPageToken"):
                break
            params["pageToken"] = page["nextPageToken"]
    assert [str(dc.uuid) for dc in everything] == plain
    assert sum(1 for r in sent if r.url.path == "/conformance") == 1  # read once per client


def test_filters_and_orders_are_the_spec_names(site: str) -> None:
    with Client(site, STAFF) as client:
        session = client.sessions.list(beamline_name="i03").first()
        assert session is not None
        of_session = list(client.data_collections.list(session_uuid=session.uuid, order_by="startTime desc"))
        assert of_session and all(dc.sessionUuid == session.uuid for dc in of_session)
        starts = [dc.startTime for dc in of_session]
        assert starts == sorted(starts, reverse=True)


def test_problems_become_typed_exceptions_with_pointers(site: str) -> None:
    with Client(site, STAFF) as client:
        with pytest.raises(NotFound) as missing:
            client.sessions.get(uuid4())
        assert missing.value.status == 404 and missing.value.title
        with pytest.raises(UnprocessableContent) as invalid:
            client.sessions.put(uuid4(), {"visitNumber": -3, "beamlineName": "no spaces allowed"})
        assert invalid.value.status == 422
        assert "/body/visitNumber" in invalid.value.pointers and "/body/proposalUuid" in invalid.value.pointers
        assert "/body/visitNumber" in str(invalid.value)
    with Client(site, OWNER) as client:
        dc = client.data_collections.list().first()
        assert dc is not None
        with pytest.raises(Forbidden):
            client.data_collections.patch(dc.uuid, {"comments": "a user may not write"})


def test_update_reads_again_when_another_writer_wins(site: str) -> None:
    with Client(site, STAFF) as client, Client(site, STAFF) as other:
        dc = client.data_collections.list().first()
        assert dc is not None
        seen: list[int] = []

        def add_ten(record: object) -> dict[str, int]:
            images = int(getattr(record, "numberOfImages", 0))
            seen.append(images)
            if len(seen) == 1:  # someone else writes between our read and our PATCH
                other.data_collections.patch(dc.uuid, {"numberOfImages": images + 1})
            return {"numberOfImages": images + 10}

        updated = client.data_collections.update(dc.uuid, add_ten)
        assert seen[1] == seen[0] + 1 and updated.numberOfImages == seen[0] + 11  # the other writer's +1 kept


def test_update_under_eight_concurrent_writers_loses_no_change(site: str) -> None:
    writers, each = 8, 3
    with Client(site, STAFF) as client:
        target = client.detectors.list().first()
        assert target is not None
        before = int(target.numberOfPixelsX or 0)
    start = threading.Barrier(writers)
    failures: list[BaseException] = []

    def write() -> None:
        try:
            with Client(site, STAFF) as mine:
                start.wait()
                for _ in range(each):
                    mine.detectors.update(target.uuid, lambda d: {"numberOfPixelsX": int(d.numberOfPixelsX or 0) + 1})
        except BaseException as exc:  # reported below
            failures.append(exc)

    threads = [threading.Thread(target=write) for _ in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert failures == []
    with Client(site, STAFF) as client:
        assert client.detectors.get(target.uuid).numberOfPixelsX == before + writers * each


def test_429_and_503_are_retried_honouring_retry_after_on_idempotent_requests(site: str) -> None:
    with fault_proxy(site) as proxy, Client(proxy.base_url, STAFF, retry=RetryPolicy(attempts=3, backoff=0.05)) as c:
        c.conformance_classes()
        proxy.faults.append(Fault("GET", 429, times=1, retry_after="1"))
        proxy.faults.append(Fault("GET", 503, times=1, retry_after="0"))
        began = time.monotonic()
        assert c.sessions.list().first() is not None
        assert time.monotonic() - began >= 1.0  # waited the Retry-After asked
        statuses = [s for method, path, s, _ in proxy.seen if path.startswith("/v1/sessions")]
        assert statuses == [429, 503, 200]

        session = c.sessions.list().first()
        assert session is not None
        proxy.faults.append(Fault("PUT", 503, times=2))  # no Retry-After: exponential backoff
        assert c.sessions.put(session.uuid, session).uuid == session.uuid

        proxy.faults.append(Fault("GET", 503, times=5, retry_after="0"))
        with pytest.raises(ServiceUnavailable):  # three attempts, then the problem
            c.sessions.get(session.uuid)
        proxy.faults.clear()

        proxy.faults.append(Fault("POST", 429, times=1, retry_after="0"))
        posts_before = sum(1 for m, *_ in proxy.seen if m == "POST")
        with pytest.raises(TooManyRequests):  # never retried: a retried POST could create twice
            c.sessions.create(session)
        assert sum(1 for m, *_ in proxy.seen if m == "POST") == posts_before + 1

        proxy.faults.append(Fault("PATCH", 503, times=1, retry_after="0"))
        with pytest.raises(ServiceUnavailable):  # a PATCH without If-Match is not idempotent
            c.sessions.patch(session.uuid, {"comments": "once"})
        proxy.faults.append(Fault("PATCH", 503, times=1, retry_after="0"))
        etag = c.sessions.get_versioned(session.uuid).etag
        assert c.sessions.patch(session.uuid, {"comments": "conditional"}, if_match=etag).comments == "conditional"


def test_a_class_the_site_does_not_serve_fails_clearly(site: str) -> None:
    """A partial site (e.g. ``serve --modules core,proposals``): its /conformance declares two classes."""
    sent: list[httpx.Request] = []
    with fault_proxy(site) as proxy, _counting_client(proxy.base_url, STAFF, sent) as c:
        proxy.replaced["/conformance"] = json.dumps(
            {
                "conformsTo": [f"urn:ispyb:common-api:1:conf:{n}" for n in ("core", "proposals")],
                "classes": [{"name": n, "uri": f"urn:ispyb:common-api:1:conf:{n}"} for n in ("core", "proposals")],
            }
        ).encode()
        assert c.conformance_classes() == ("core", "proposals")
        assert c.sessions.list().first() is not None
        with pytest.raises(UnservedClass) as unserved:
            c.data_collections.list(session_uuid=uuid4()).first()
        assert unserved.value.conformance_class == "acquisition"
        assert "acquisition" in str(unserved.value) and "core, proposals" in str(unserved.value)
        with pytest.raises(UnservedClass):
            c.scaling_statistics.get(uuid4())
        paths = [r.url.path for r in sent]
        assert paths.count("/conformance") == 1
        assert not [p for p in paths if p.startswith(("/v1/data-collections", "/v1/scaling-statistics"))]


def test_a_service_token_writes_its_beamline_only(site: str) -> None:
    with Client(site, SERVICE) as client, Client(site, STAFF) as staff:
        other = next(dc for dc in staff.data_collections.list() if dc.beamlineName != "i03")
        with pytest.raises(NotFound):  # outside its reach: 404, as the spec says
            client.data_collections.update(other.uuid, lambda dc: {"comments": "not mine"})
        with pytest.raises(PreconditionFailed):
            mine = next(iter(client.data_collections.list(beamline_name="i03")))
            client.data_collections.patch(mine.uuid, {"comments": "stale"}, if_match='"0"')
