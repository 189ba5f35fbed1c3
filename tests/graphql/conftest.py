"""Real processes for the GraphQL tests: a reference server with a session of 50 data collections (each with 2
processing programs: the first with an overall and an outer shell of scaling statistics, the second overall
only), a counting HTTP proxy in front of it, and ``ispyb-graphql serve`` over the proxy — every hop is HTTP
between processes (the proxy is a thread of the test process).
"""

from __future__ import annotations

import subprocess
import sys
import threading
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

from tests.server.live import LiveServer, free_port, serve, sqlite_url, wait_healthy

DATA_COLLECTIONS = 50
PROGRAMS = 2
SHELLS = ("OVERALL", "OUTER_SHELL")
STAFF, OWNER = "demo-staff", "demo-owner"


@dataclass
class CountingProxy:
    """Forwards every request to ``upstream`` and remembers its request line (what the layer cost)."""

    upstream: str
    lines: list[str] = field(default_factory=list)
    url: str = ""

    def reset(self) -> None:
        self.lines.clear()


def _start_proxy(upstream: str) -> tuple[CountingProxy, ThreadingHTTPServer]:
    proxy = CountingProxy(upstream)
    client = httpx.Client(base_url=upstream, timeout=60)

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # the layer only reads
            proxy.lines.append(self.path)
            headers = {k: v for k, v in self.headers.items() if k.lower() in ("authorization", "accept")}
            answer = client.get(self.path, headers=headers)
            body = answer.content
            self.send_response(answer.status_code)
            self.send_header("Content-Type", answer.headers.get("content-type", "application/json"))
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    proxy.url = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return proxy, server


@dataclass(frozen=True)
class World:
    server: LiveServer
    session: str
    data_collections: list[str]


def _put(client: httpx.Client, collection: str, body: dict[str, object]) -> str:
    record = str(uuid.uuid4())
    response = client.put(f"/v1/{collection}/{record}", json=body)
    assert response.status_code == 201, response.text
    return record


def _populate(server: LiveServer) -> World:
    """A session of the demo owner's proposal with 50 data collections, written over REST by staff."""
    with server.client(OWNER) as owner:
        proposal = owner.get("/v1/me").json()["proposals"][0]["uuid"]
    with server.client(STAFF) as staff:
        session = _put(staff, "sessions", {"proposalUuid": proposal, "visitNumber": 9150, "beamlineName": "i03"})
        group = _put(
            staff,
            "data-collection-groups",
            {"sessionUuid": session, "proposalUuid": proposal, "beamlineName": "i03", "experimentType": "OSC"},
        )

        def one(i: int) -> str:
            with server.client(STAFF) as c:
                dc = _put(c, "data-collections", {"dataCollectionGroupUuid": group, "imagePrefix": f"gql-{i:02d}"})
                for p in range(PROGRAMS):
                    program = _put(
                        c,
                        "processing-programs",
                        {
                            "dataCollectionUuid": dc,
                            "proposalUuid": proposal,
                            "beamlineName": "i03",
                            "status": "SUCCESS",
                            "programs": f"pipeline-{p}",
                        },
                    )
                    for s, shell in enumerate(SHELLS if p == 0 else SHELLS[:1]):
                        _put(
                            c,
                            "scaling-statistics",
                            {
                                "processingProgramUuid": program,
                                "shell": shell,
                                "resolutionLimitHigh": round(1.2 + i * 0.01 + p * 0.1 + s, 3),
                                "completeness": 90.0 + p + s,
                                "ccHalf": round(0.9 + i * 0.001, 4),
                            },
                        )
                return dc

        with ThreadPoolExecutor(4) as pool:
            dcs = list(pool.map(one, range(DATA_COLLECTIONS)))
    return World(server, session, dcs)


@pytest.fixture(scope="package")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    tmp = tmp_path_factory.mktemp("graphql")
    with serve(sqlite_url(tmp / "demo.sqlite"), tmp / "logs", demo=True, extra=["--graphql"], timeout=120) as server:
        yield _populate(server)


@pytest.fixture(scope="package")
def proxy(world: World) -> Iterator[CountingProxy]:
    counting, server = _start_proxy(world.server.base_url)
    yield counting
    server.shutdown()


@pytest.fixture(scope="package")
def layer(proxy: CountingProxy, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``ispyb-graphql serve --upstream <proxy>``, its base URL."""
    port = free_port()
    log = tmp_path_factory.mktemp("layer") / "layer.log"
    command = [
        str(Path(sys.executable).parent / "ispyb-graphql"),
        "serve",
        "--upstream",
        proxy.url,
        "--port",
        str(port),
    ]
    with log.open("wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        assert wait_healthy(process, base, 120), log.read_text()
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)
