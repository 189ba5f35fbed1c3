"""The federation end to end over three reference server members (one cluster per test process).

Lists against the union of the members' own lists (a hypothesis property: for any page size and declared order,
paging through the federation yields exactly the members' records, each once, each member's in its own order,
every full page holding exactly ``limit``); the ``site`` filter; reads by UUID; writes to the site of the parent,
PUT idempotent; partial failure (a member killed between pages, then back) and no member answering (503).
"""

from __future__ import annotations

import socket
import time
import uuid
from pathlib import Path

import httpx
import orjson
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.federation import serve_federation
from tests.federation.conftest import SITES, Cluster, all_pages
from tests.server.live import raw_exchange

ORDERS = ["createdAt", "createdAt desc", "startTime", "startTime desc"]


def _member_lists(cluster: Cluster, path: str, order: str) -> dict[str, list[str]]:
    out = {}
    for site in SITES:
        with cluster.member_client(site) as client:
            out[site] = [r["uuid"] for r in all_pages(client, path, {"orderBy": order, "limit": 1000})]
    return out


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(limit=st.integers(1, 70), order=st.sampled_from(ORDERS))
def test_pages_are_the_union_of_the_members_lists(cluster: Cluster, limit: int, order: str) -> None:
    path = "/v1/data-collections"
    members = _member_lists(cluster, path, order)
    pages = []
    query: dict[str, str | int] = {"orderBy": order, "limit": limit}
    with cluster.client() as client:
        while True:
            body = client.get(path, params=query).json()
            pages.append(body["items"])
            assert "unavailableSites" not in body
            if "nextPageToken" not in body:
                break
            query = {"orderBy": order, "limit": limit, "pageToken": body["nextPageToken"]}
    assert all(len(page) == limit for page in pages[:-1])
    assert len(pages[-1]) <= limit
    listed = [r for page in pages for r in page]
    uuids = [r["uuid"] for r in listed]
    assert len(uuids) == len(set(uuids)), "a record listed twice"
    for site in SITES:  # every member's records, in its own order, and stated as its own
        assert [r["uuid"] for r in listed if r["site"] == site] == members[site]
    assert len(uuids) == sum(len(v) for v in members.values())
    field = order.split()[0]
    values = [r.get(field) for r in listed]
    present = [v for v in values if v is not None]
    # the members' orders agree on instants here: the merged list is sorted (ties in members-file order)
    assert present == sorted(present, reverse=order.endswith("desc"))


def test_site_filter_selects_one_member(cluster: Cluster) -> None:
    with cluster.client() as client, cluster.member_client("site-b") as direct:
        records = all_pages(client, "/v1/sessions", {"site": "site-b", "limit": 5})
        own = all_pages(direct, "/v1/sessions", {"limit": 1000})
        assert [r["uuid"] for r in records] == [r["uuid"] for r in own]
        assert {r["site"] for r in records} == {"site-b"}
        assert client.get("/v1/sessions", params={"site": "elsewhere"}).json() == {"items": []}
    with cluster.member_client("site-a") as single:  # a single site answers the filter for its own name only
        assert len(single.get("/v1/sessions", params={"site": "site-a"}).json()["items"]) == len(
            single.get("/v1/sessions").json()["items"]
        )
        assert single.get("/v1/sessions", params={"site": "site-b"}).json() == {"items": []}


def test_a_token_of_other_filters_is_refused(cluster: Cluster) -> None:
    with cluster.client() as client:
        token = client.get("/v1/sessions", params={"limit": 2}).json()["nextPageToken"]
        refused = client.get("/v1/sessions", params={"limit": 2, "pageToken": token, "beamlineName": "i03"})
        assert refused.status_code == 400
        assert refused.json()["errors"][0]["pointer"] == "/query/pageToken"


def test_get_by_uuid_finds_the_member_and_states_it(cluster: Cluster) -> None:
    with cluster.member_client("site-c") as direct, cluster.client() as client:
        record = direct.get("/v1/sessions", params={"limit": 1}).json()["items"][0]
        got = client.get(f"/v1/sessions/{record['uuid']}")
        assert got.status_code == 200
        assert got.json() == {**record, "site": "site-c"}
        assert got.headers["ETag"] == direct.get(f"/v1/sessions/{record['uuid']}").headers["ETag"]
        again = client.get(f"/v1/sessions/{record['uuid']}", headers={"If-None-Match": got.headers["ETag"]})
        assert again.status_code == 304
        missing = client.get(f"/v1/sessions/{uuid.uuid4()}")
        assert missing.status_code == 404
        assert missing.headers["content-type"].startswith("application/problem+json")


def test_writes_go_to_the_site_of_the_parent_and_put_is_idempotent(cluster: Cluster) -> None:
    with cluster.member_client("site-b") as direct, cluster.client() as client:
        proposal = direct.get("/v1/proposals", params={"limit": 1}).json()["items"][0]
        new = str(uuid.uuid4())
        body = {"proposalUuid": proposal["uuid"], "name": "Federated lysozyme", "acronym": "FED-LYS"}
        created = client.put(f"/v1/proteins/{new}", json=body)
        assert created.status_code == 201, created.text
        assert created.json()["site"] == "site-b"
        assert direct.get(f"/v1/proteins/{new}").status_code == 200  # stored at the parent's site
        for other in ("site-a", "site-c"):
            with cluster.member_client(other) as elsewhere:
                assert elsewhere.get(f"/v1/proteins/{new}").status_code == 404
        replay = client.put(f"/v1/proteins/{new}", json=body)
        assert replay.status_code == 200 and replay.json() == created.json()
        patched = client.patch(
            f"/v1/proteins/{new}",
            json={"acronym": "FED-LYS2"},
            headers={"If-Match": replay.headers["ETag"], "Content-Type": "application/merge-patch+json"},
        )
        assert patched.status_code == 200 and patched.json()["acronym"] == "FED-LYS2"
        stale = client.patch(f"/v1/proteins/{new}", json={"acronym": "X"}, headers={"If-Match": replay.headers["ETag"]})
        assert stale.status_code == 412
        assert client.delete(f"/v1/proteins/{new}").status_code == 204
        assert direct.get(f"/v1/proteins/{new}").status_code == 404


def test_a_record_without_a_parent_has_no_site_to_go_to(cluster: Cluster) -> None:
    with cluster.client() as client:
        refused = client.post("/v1/laboratories", json={"name": "Nowhere lab"})
        assert refused.status_code == 403
        assert refused.json()["type"].endswith("/no-owning-site")
        orphan = {"proposalUuid": str(uuid.uuid4()), "name": "Orphan", "acronym": "ORPHAN"}
        unknown = client.put(f"/v1/proteins/{uuid.uuid4()}", json=orphan)
        assert unknown.status_code == 409, unknown.text
        assert unknown.json()["errors"][0]["pointer"] == "/body/proposalUuid"


def test_unknown_federation_token_is_401(cluster: Cluster) -> None:
    response = httpx.get(cluster.federation.base_url + "/v1/sessions", headers={"Authorization": "Bearer nope"})
    assert response.status_code == 401


def test_a_request_that_is_not_http_is_a_problem_from_the_gateway_itself(cluster: Cluster) -> None:
    # refused by the gateway's HTTP parser: nothing reaches a member (the federation certification's seed 15500)
    sent = b"GET /v1/proteins HTTP/1.1\r\nHost: x\r\nContent-Length: :Z\r\nIf-None-Match: " + b'"e",' * 2000
    answer = raw_exchange(cluster.federation.base_url, sent + b"\r\n\r\n")
    assert (answer.status, answer.headers["content-type"]) == (400, "application/problem+json")
    assert "Content-Length" in orjson.loads(answer.body)["detail"]


PATH = "/v1/data-collections"


def _page(client: httpx.Client, token: str | None, limit: int = 10) -> dict:
    params: dict[str, str | int] = {"limit": limit, **({"pageToken": token} if token else {})}
    response = client.get(PATH, params=params)
    assert response.status_code == 200, response.text[:500]
    return response.json()


def test_member_killed_between_pages_then_back(cluster: Cluster) -> None:
    expected = {}
    for site in SITES:
        with cluster.member_client(site) as direct:
            expected[site] = [r["uuid"] for r in all_pages(direct, PATH, {"limit": 1000})]
    seen: list[dict] = []
    with cluster.client() as client:
        first = _page(client, None)
        second = _page(client, first["nextPageToken"])
        seen += first["items"] + second["items"]
        cluster.members["site-b"].stop()  # killed between page 2 and page 3
        try:
            body = _page(client, second["nextPageToken"])
            assert body["unavailableSites"][0]["site"] == "site-b"
            assert body["unavailableSites"][0]["reason"] in ("UNREACHABLE", "CIRCUIT_OPEN")
            assert len(body["items"]) == 10 and {r["site"] for r in body["items"]} <= {"site-a", "site-c"}
            seen += body["items"]
            token = body["nextPageToken"]
            while token:  # to the end of the others' records, site-b reported missing on every page
                body = _page(client, token)
                assert [u["site"] for u in body["unavailableSites"]] == ["site-b"]
                seen += body["items"]
                token = body.get("nextPageToken")
                if not body["items"]:
                    break
        finally:
            cluster.members["site-b"].restart()
        for site in ("site-a", "site-c"):  # the others' records: none lost, none repeated
            assert [r["uuid"] for r in seen if r["site"] == site] == expected[site]
        # site-b is back: the listing goes on from where site-b stopped, and ends with its records
        for _ in range(100):
            if not token:
                break
            body = httpx.get(
                cluster.federation.base_url + PATH,
                params={"limit": 10, "pageToken": token},
                headers={"Authorization": f"Bearer {cluster.token}"},
            ).json()
            if "unavailableSites" in body:  # the open circuit lets one probe through after 0.5 s
                time.sleep(0.2)
                continue
            seen += body["items"]
            token = body.get("nextPageToken")
        assert [r["uuid"] for r in seen if r["site"] == "site-b"] == expected["site-b"]
        assert len(seen) == len({r["uuid"] for r in seen}) == sum(map(len, expected.values()))


def _closed_port() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{sock.getsockname()[1]}"


def test_no_member_answers_503(tmp_path: Path) -> None:
    every = ["core", "proposals", "samples", "shipping", "acquisition", "processing", "beamline-events"]
    names = ["down-1", "down-2"]
    fed, token = serve_federation(
        tmp_path,
        [(n, _closed_port(), 0.5) for n in names],
        {n: "x" for n in names},
        classes={n: every for n in names},
        ready="/conformance",
    )
    try:
        response = httpx.get(fed.base_url + PATH, headers={"Authorization": f"Bearer {token}"}, timeout=10)
        assert response.status_code == 503
        assert response.headers["content-type"].startswith("application/problem+json")
        assert "Retry-After" in response.headers
        assert [u["site"] for u in response.json()["unavailableSites"]] == names
        assert httpx.get(fed.base_url + "/health", timeout=10).status_code == 503
    finally:
        fed.stop()
