"""Three reference server members (SQLite, demo data of sites of their own) and a federation over them.

Real processes and real HTTP, started with the bench's helpers (``bench.federation``): the members are seeded
in parallel, once per session of this directory.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from bench.federation import Process, seed_member, serve_federation, serve_member

SITES = ("site-a", "site-b", "site-c")
TIMEOUT = 2.0


@dataclass
class Cluster:
    members: dict[str, Process]
    #: each member's staff token
    tokens: dict[str, str]
    federation: Process
    token: str

    def client(self) -> httpx.Client:
        return httpx.Client(
            base_url=self.federation.base_url, headers={"Authorization": f"Bearer {self.token}"}, timeout=30
        )

    def member_client(self, site: str) -> httpx.Client:
        return httpx.Client(
            base_url=self.members[site].base_url, headers={"Authorization": f"Bearer {self.tokens[site]}"}, timeout=30
        )


@pytest.fixture(scope="session")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    work: Path = tmp_path_factory.mktemp("federation")
    with ThreadPoolExecutor(len(SITES)) as pool:
        seeded = dict(zip(SITES, pool.map(lambda s: seed_member(work, s), SITES), strict=True))
        members = dict(zip(SITES, pool.map(lambda s: serve_member(work, s, seeded[s][0]), SITES), strict=True))
    tokens = {s: seeded[s][1] for s in SITES}
    try:
        spec = [(s, members[s].base_url, TIMEOUT) for s in SITES]
        # a short open circuit: a member that comes back is asked again within the test
        federation, token = serve_federation(work, spec, tokens, failures=2, open_seconds=0.5)
        try:
            yield Cluster(members, tokens, federation, token)
        finally:
            federation.stop()
    finally:
        for proc in members.values():
            proc.stop()


def all_pages(client: httpx.Client, path: str, params: dict[str, str | int]) -> list[dict]:
    """Every record of a listing, page after page; asserts every page answers 200."""
    items: list[dict] = []
    query = dict(params)
    while True:
        response = client.get(path, params=query)
        assert response.status_code == 200, response.text[:500]
        body = response.json()
        items += body["items"]
        if "nextPageToken" not in body:
            return items
        query = {**params, "pageToken": body["nextPageToken"]}
