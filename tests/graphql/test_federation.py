"""The GraphQL layer over the federation of two reference servers: the same session query answers records of
both sites, each record's relations resolved at its own site.

Real processes: the package's reference server (``world``) and a second one seeded with demo data of a site of
its own (other UUIDs), ``ispyb-federation serve`` over both (the bench's helpers), ``ispyb-graphql serve`` over
the federation's URL; the federation's caller token is forwarded by the layer like any bearer token.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from bench.federation import seed_member, serve_federation, serve_member
from tests.graphql.conftest import STAFF, World
from tests.server.live import free_port, wait_healthy

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
