"""The GraphQL layer over a real reference server, through ``ispyb-graphql serve`` and a counting proxy.

The issue's query — a session, its 50 data collections, their processing programs, their scaling statistics
(overall shell: resolution, completeness, CC½) — must cost at most 5 REST requests and answer exactly what the
REST API answers, walked request by request.

The GraphiQL page renders and runs a query in headless Chromium, from assets the layer serves itself (Chromium's
resolver fails every host but 127.0.0.1; ``?query=…&run=1`` runs the query, ``#token=`` gives the token). And the
same query through the federation of this server and a second one answers records of both sites.

One module, so that pytest-xdist (``--dist loadfile``) builds the servers once.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote, urljoin, urlsplit

import httpx
import pytest

from bench.federation import seed_member, serve_federation, serve_member
from tests.browser import chromium, requires_chromium
from tests.graphql.conftest import DATA_COLLECTIONS, OWNER, PROGRAMS, STAFF, CountingProxy, World
from tests.server.live import free_port, wait_healthy

SESSION_QUERY = """
query Session($uuid: UUID!) {
  session(uuid: $uuid) {
    uuid name
    dataCollections(first: 50, orderBy: CREATED_AT) {
      pageInfo { hasNextPage }
      nodes {
        uuid imagePrefix
        session { uuid }
        processingPrograms(first: 10) {
          nodes {
            uuid programs
            scalingStatistics(first: 10, shell: "OVERALL") { nodes { shell resolutionLimitHigh completeness ccHalf } }
          }
        }
      }
    }
  }
}
"""


def graphql(base: str, query: str, variables: dict[str, Any] | None = None, token: str | None = OWNER) -> Any:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    response = httpx.post(
        f"{base}/graphql", json={"query": query, "variables": variables or {}}, headers=headers, timeout=60
    )
    assert response.headers["content-type"].startswith("application/json"), response.text
    return response.status_code, response.json()


def rest_view(world: World) -> list[tuple[Any, ...]]:
    """The same data through the REST API, one list per data collection and per program (the N+1 way)."""
    rows = []
    with world.server.client(OWNER) as c:
        dcs = c.get("/v1/data-collections", params={"sessionUuid": world.session, "limit": 100}).json()["items"]
        for dc in dcs:
            programs = c.get("/v1/processing-programs", params={"dataCollectionUuid": dc["uuid"]}).json()["items"]
            for program in programs:
                stats = c.get(
                    "/v1/scaling-statistics", params={"processingProgramUuid": program["uuid"], "shell": "OVERALL"}
                ).json()["items"]
                for s in stats:
                    rows.append(
                        (
                            dc["uuid"],
                            dc["imagePrefix"],
                            program["uuid"],
                            program["programs"],
                            s["shell"],
                            s["resolutionLimitHigh"],
                            s["completeness"],
                            s["ccHalf"],
                        )
                    )
    return rows


def graphql_view(data: dict[str, Any]) -> list[tuple[Any, ...]]:
    rows = []
    for dc in data["session"]["dataCollections"]["nodes"]:
        for program in dc["processingPrograms"]["nodes"]:
            for s in program["scalingStatistics"]["nodes"]:
                rows.append(
                    (
                        dc["uuid"],
                        dc["imagePrefix"],
                        program["uuid"],
                        program["programs"],
                        s["shell"],
                        s["resolutionLimitHigh"],
                        s["completeness"],
                        s["ccHalf"],
                    )
                )
    return rows


def test_the_session_query_costs_at_most_five_requests_and_matches_rest(
    world: World, proxy: CountingProxy, layer: str
) -> None:
    proxy.reset()
    status, body = graphql(layer, SESSION_QUERY, {"uuid": world.session})
    assert status == 200 and "errors" not in body, body
    requests = list(proxy.lines)
    assert len(requests) <= 5, requests
    assert body["extensions"]["upstreamRequests"] == len(requests)
    session = body["data"]["session"]
    assert session["uuid"] == world.session
    dcs = session["dataCollections"]["nodes"]
    assert len(dcs) == DATA_COLLECTIONS and not session["dataCollections"]["pageInfo"]["hasNextPage"]
    assert {dc["uuid"] for dc in dcs} == set(world.data_collections)
    assert all(dc["session"]["uuid"] == world.session for dc in dcs)  # a link back, no request of its own
    assert all(len(dc["processingPrograms"]["nodes"]) == PROGRAMS for dc in dcs)
    rows = graphql_view(body["data"])
    assert len(rows) == DATA_COLLECTIONS * PROGRAMS
    assert sorted(rows) == sorted(rest_view(world))


def test_the_reference_server_serves_the_same_at_graphql(world: World, layer: str) -> None:
    mounted = graphql(world.server.base_url, SESSION_QUERY, {"uuid": world.session})
    standalone = graphql(layer, SESSION_QUERY, {"uuid": world.session})
    assert mounted[0] == standalone[0] == 200
    assert mounted[1]["data"] == standalone[1]["data"]


def test_pages_follow_their_cursors(world: World, layer: str) -> None:
    query = """query($s: UUID!, $after: String) { session(uuid: $s) {
      dataCollections(first: 20, after: $after) {
        pageInfo { hasNextPage endCursor } edges { cursor node { uuid } } } } }"""
    seen: list[str] = []
    after = None
    for _ in range(5):
        status, body = graphql(layer, query, {"s": world.session, "after": after})
        assert status == 200, body
        page = body["data"]["session"]["dataCollections"]
        seen += [e["node"]["uuid"] for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert len(seen) == len(set(seen)) == DATA_COLLECTIONS
    # an edge's own cursor resumes right after that edge
    status, body = graphql(layer, query, {"s": world.session, "after": None})
    edges = body["data"]["session"]["dataCollections"]["edges"]
    status, again = graphql(layer, query, {"s": world.session, "after": edges[4]["cursor"]})
    assert again["data"]["session"]["dataCollections"]["edges"][0]["node"]["uuid"] == edges[5]["node"]["uuid"]


def test_a_refusal_of_the_site_carries_its_status_and_pointer(world: World, layer: str) -> None:
    _, body = graphql(layer, '{ sessions(beamlineName: "no such beamline!") { nodes { uuid } } }')
    error = body["errors"][0]
    assert error["extensions"]["status"] == 422, body
    assert error["path"] == ["sessions"]
    assert {"pointer": "/query/beamlineName", "argument": "beamlineName"}.items() <= error["extensions"]["errors"][
        0
    ].items()
    _, body = graphql(layer, "{ sessions { nodes { uuid } } }", token="not-a-token")
    assert body["errors"][0]["extensions"]["status"] == 401, body
    _, body = graphql(layer, "{ sessions { nodes { uuid } } }", token=None)
    assert body["errors"][0]["extensions"]["status"] == 401, body


def test_the_caller_sees_only_its_reach(world: World, layer: str) -> None:
    status, body = graphql(layer, SESSION_QUERY, {"uuid": world.session}, token="demo-other-user")
    assert status == 200 and body["data"]["session"] is None, body


def test_depth_and_cost_limits_refuse_before_any_request(world: World, proxy: CountingProxy, layer: str) -> None:
    hop = "session {{ proposal {{ sessions {{ nodes {{ dataCollections {{ nodes {{ {} }} }} }} }} }} }}"
    deep = "{ dataCollections { nodes { " + hop.format(hop.format(hop.format("uuid"))) + " } } }"  # 21 deep
    proxy.reset()
    status, body = graphql(layer, deep)
    assert status == 400 and "depth" in {e["extensions"]["limit"] for e in body["errors"]}, body
    assert "21 fields deep; at most 15" in body["errors"][0]["message"]
    costly = (
        "{ sessions(first: 100) { nodes { dataCollections(first: 100) { nodes {"
        " processingPrograms(first: 100) { nodes { uuid } } } } } } }"
    )
    status, body = graphql(layer, costly)
    error = body["errors"][0]
    assert status == 400 and error["extensions"]["limit"] == "cost" and error["extensions"]["cost"] > 50_000, body
    status, body = graphql(layer, "{ sessions(first: 1000) { nodes { uuid } } }")
    assert body["errors"][0]["extensions"]["errors"][0]["argument"] == "first", body
    assert proxy.lines == []


# ------------------------------------------------------------------ GraphiQL


def _dump_dom(url: str, profile: Path) -> str:
    return chromium(profile, "--dump-dom", url, budget_ms=20000, timeout=120).stdout


@pytest.mark.browser
@requires_chromium
def test_graphiql_renders_and_runs_a_query(world: World, layer: str, tmp_path: Path) -> None:
    query = (
        f'{{ session(uuid: "{world.session}") {{ name visitNumber '
        "dataCollections(first: 2) { nodes { imagePrefix } } } }"
    )
    url = f"{layer}/graphql?query={quote(query)}&run=1#token=demo-owner"
    dom = _dump_dom(url, tmp_path / "profile")
    assert "graphiql-container" in dom, dom[:2000]
    assert "graphiql-execute-button" in dom
    text = re.sub(r"<[^>]+>", "", dom)
    # the answer is in the result pane: the session's visit number and its first data collection
    assert "9150" in text, text[-3000:]
    assert re.search(r"gql-\d\d", text), text[-3000:]


def test_the_page_loads_only_from_the_layer(layer: str) -> None:
    page = httpx.get(f"{layer}/graphql", headers={"Accept": "text/html"}, timeout=30)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assets = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert {a.rsplit("/", 1)[-1] for a in assets} >= {"graphiql.min.js", "graphiql.min.css", "react.production.min.js"}
    for asset in assets:
        absolute = urljoin(f"{layer}/graphql", asset)
        assert urlsplit(absolute).netloc == urlsplit(layer).netloc
        assert httpx.get(absolute, timeout=30).status_code == 200, asset


# ------------------------------------------------------------------ through the federation

SITES = ("site-gql-a", "site-gql-b")  # the first is the package's server
QUERY = """{
  sessions(first: 50) {
    nodes {
      uuid site name
      dataCollections(first: 5) {
        nodes {
          uuid site
          session { uuid site }
          processingPrograms(first: 5) {
            nodes { site scalingStatistics(first: 5, shell: "OVERALL") { nodes { site resolutionLimitHigh ccHalf } } }
          }
        }
      }
    }
  }
}"""


@pytest.fixture(scope="module")
def federated_layer(world: World, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str, str]]:
    """(layer URL, federation URL, federation token) over the package's server and a second member."""
    work: Path = tmp_path_factory.mktemp("gql-federation")
    second = SITES[1]
    db, staff = seed_member(work, second)
    members = {second: serve_member(work, second, db)}
    urls = {SITES[0]: world.server.base_url, second: members[second].base_url}
    tokens = {SITES[0]: STAFF, second: staff}
    federation = None
    process = None
    try:
        spec = [(s, urls[s], 10.0) for s in SITES]
        federation, token = serve_federation(work, spec, tokens, name="gql-federation")
        port = free_port()
        command = [str(Path(sys.executable).parent / "ispyb-graphql"), "serve", "--upstream", federation.base_url]
        log = work / "layer.log"
        with log.open("wb") as out:
            process = subprocess.Popen([*command, "--port", str(port)], stdout=out, stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}"
        assert wait_healthy(process, base, 120), log.read_text()
        yield base, federation.base_url, token
    finally:
        if process is not None:
            process.terminate()
            process.wait(timeout=10)
        if federation is not None:
            federation.stop()
        for member in members.values():
            member.stop()


def test_the_session_query_through_the_federation_answers_both_sites(federated_layer: tuple[str, str, str]) -> None:
    layer, federation, token = federated_layer
    headers = {"Authorization": f"Bearer {token}"}
    response = httpx.post(f"{layer}/graphql", json={"query": QUERY}, headers=headers, timeout=120)
    body = response.json()
    assert response.status_code == 200 and "errors" not in body, body
    sessions = body["data"]["sessions"]["nodes"]
    assert {s["site"] for s in sessions} == set(SITES)
    rest = httpx.get(f"{federation}/v1/sessions", params={"limit": 50}, headers=headers, timeout=60).json()["items"]
    assert [(s["uuid"], s["site"], s.get("name")) for s in sessions] == [
        (s["uuid"], s["site"], s.get("name")) for s in rest
    ]
    nested_sites = set()
    for session in sessions:
        for dc in session["dataCollections"]["nodes"]:
            assert dc["site"] == session["site"] and dc["session"] == {"uuid": session["uuid"], "site": session["site"]}
            for program in dc["processingPrograms"]["nodes"]:
                assert program["site"] == session["site"]
                for stats in program["scalingStatistics"]["nodes"]:
                    assert stats["site"] == session["site"]
                    nested_sites.add(stats["site"])
    assert nested_sites == set(SITES)  # scaling statistics of both sites, reached through both relations
    assert body["extensions"]["upstreamRequests"] <= 5, body["extensions"]
