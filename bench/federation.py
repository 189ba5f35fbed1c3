"""The federation scenario (issue 13): a federated list page against its members, in one run.

``python -m bench federation`` seeds three reference server instances (SQLite, ``--demo-site`` so that their
UUIDs differ), serves them and a federation over them (real processes, real HTTP), then measures:

* **list**: ``GET /v1/data-collections?limit=100`` (staff: every record), p50 of each member alone and of the
  federation, the requests interleaved so that every one sees the same machine; ratio = federation p50 /
  slowest member p50 (the issue's bound: ≤ 1.3). Beside them, the **bare fan-out**: the three members asked at
  once over the gateway's own connections (``federation.wire``), each for its exact part of the page
  (⌈100/3⌉, no merge, nothing re-served) — the least any gateway pays here, where the members share the
  gateway's CPUs instead of having their own; federation / bare fan-out is the gateway's own cost.
* **blackhole**: a fourth member that accepts connections and never answers (member timeout ``--timeout``,
  circuit breaker off): every page must answer within timeout + 100 ms, naming it in ``unavailableSites``.
* **locate**: ``GET`` by UUID on a fresh replica: asking every member (nothing remembered) against the location
  shared by another replica through Redis (127.0.0.1:6379) — what the optional cache saves.

The same helpers start the members and federations of ``tests/federation``.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import secrets
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import yaml
from uvicorn.loops.auto import auto_loop_factory

from bench.procs import free_port
from federation.wire import Wire

BIN = Path(sys.executable).parent
RESULTS = Path(__file__).resolve().parent / "results"


@dataclass
class Process:
    """A served process: where it answers, how to stop (or kill) it."""

    name: str
    base_url: str
    popen: subprocess.Popen[bytes]
    log: Path
    args: list[str]

    def stop(self) -> None:
        if self.popen.poll() is None:
            self.popen.terminate()
            try:
                self.popen.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.popen.kill()
                self.popen.wait(timeout=10)

    def restart(self, timeout: float = 180.0) -> None:
        """Serve again on the same port (a member that comes back)."""
        self.stop()
        with self.log.open("ab") as out:
            self.popen = subprocess.Popen(self.args, stdout=out, stderr=subprocess.STDOUT)
        wait_healthy(self, timeout)


def wait_healthy(proc: Process, timeout: float = 180.0, path: str = "/health") -> None:
    """Until ``path`` answers 200 (a federation none of whose members answers is up, never healthy)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.popen.poll() is not None:
            raise RuntimeError(f"{proc.name} exited: {proc.log.read_text()[-2000:]}")
        try:
            if httpx.get(f"{proc.base_url}{path}", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise TimeoutError(f"{proc.name} did not answer /health within {timeout:.0f} s: {proc.log.read_text()[-2000:]}")


def spawn(name: str, args: list[str], log: Path, ready: str = "/health") -> Process:
    base_url = "http://127.0.0.1:" + args[args.index("--port") + 1]
    with log.open("wb") as out:
        popen = subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT)
    proc = Process(name, base_url, popen, log, args)
    wait_healthy(proc, path=ready)
    return proc


def seed_member(workdir: Path, site: str, proposals: int | None = None) -> tuple[str, str]:
    """A reference server database of ``site`` (demo data, or ``proposals`` of realistic data): URL, staff token."""
    db = f"sqlite:///{workdir / (site + '.sqlite')}"
    server = str(BIN / "ispyb-server")
    size = ["--demo"] if proposals is None else ["--size", str(proposals)]
    subprocess.run([server, "seed", "--db", db, *size, "--demo-site", site], check=True, capture_output=True)
    if proposals is None:
        return db, "demo-staff"
    made = subprocess.run(
        [server, "token", "create", "--db", db, "--role", "staff"], check=True, capture_output=True, text=True
    )
    return db, made.stdout.strip().splitlines()[-1].strip()


def serve_member(workdir: Path, site: str, db: str, port: int | None = None) -> Process:
    args = [str(BIN / "ispyb-server"), "serve", "--db", db, "--site-name", site, "--port", str(port or free_port())]
    # a fixed page-token secret: the member's tokens stay valid when it is restarted (a member coming back)
    args += ["--page-token-secret", f"bench-{site}"]
    return spawn(site, args, workdir / f"{site}.log")


def serve_federation(
    workdir: Path,
    members: Sequence[tuple[str, str, float]],
    credentials: dict[str, str],
    *,
    name: str = "federation",
    classes: dict[str, list[str]] | None = None,
    failures: int = 3,
    open_seconds: float = 10.0,
    redis: str | None = None,
    ready: str = "/health",
) -> tuple[Process, str]:
    """``ispyb-federation serve`` over ``members`` (name, url, timeout); one staff caller: process, its token."""
    token = "fed_" + secrets.token_urlsafe(16)
    doc: dict[str, Any] = {
        "name": name,
        "members": [
            {"name": n, "url": u, "timeout": t, **({"classes": classes[n]} if classes and n in classes else {})}
            for n, u, t in members
        ],
        "callers": [
            {
                "tokenSha256": hashlib.sha256(token.encode()).hexdigest(),
                "subject": "bench-staff",
                "role": "STAFF",
                "credentials": credentials,
            }
        ],
        "breaker": {"failures": failures, "openSeconds": open_seconds},
        "pageTokenSecret": f"bench-{name}",
    }
    if redis:
        doc["redis"] = redis
    path = workdir / f"{name}.yaml"
    path.write_text(yaml.safe_dump(doc))
    args = [str(BIN / "ispyb-federation"), "serve", "--members", str(path), "--port", str(free_port())]
    return spawn(name, args, workdir / f"{name}.log", ready), token


@contextmanager
def blackhole() -> Iterator[str]:
    """A member that accepts connections and never answers: its URL while the block runs."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(128)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = server.accept()
                held.append(conn)  # read nothing, answer nothing
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.getsockname()[1]}"
    finally:
        stop.set()
        thread.join(timeout=2)
        for conn in held:
            conn.close()
        server.close()


class _BareFanOut:
    """Every member asked at once for its exact part of a page, by the least a client can do (no merge).

    The exchanges are the gateway's own (``federation.wire`` on the event loop uvicorn serves the gateway on,
    uvloop's when installed), so that federation / bare fan-out is what the gateway adds to the exchanges it
    cannot avoid: reading the request, its shares beyond the exact part, the merge, the page token and serving
    the page again.
    """

    def __init__(self, members: Sequence[tuple[str, str]], limit: int) -> None:
        part = -(-limit // len(members))
        self._query = [("orderBy", "createdAt"), ("limit", str(part))]
        self._wires = [Wire(url, 30, {"Authorization": f"Bearer {token}"}) for url, token in members]
        self._runner = asyncio.Runner(loop_factory=auto_loop_factory())  # the loop uvicorn serves the gateway on

    async def _all(self) -> list[int]:
        answers = await asyncio.gather(
            *(w.request("GET", "/v1/data-collections", params=self._query) for w in self._wires)
        )
        return [a.status_code for a in answers]  # each body read in full

    def timed(self) -> float:
        started = time.perf_counter()
        codes = self._runner.run(self._all())
        took = time.perf_counter() - started
        assert codes == [200] * len(codes), codes
        return took

    def __enter__(self) -> _BareFanOut:
        return self

    def __exit__(self, *_: object) -> None:
        for wire in self._wires:
            wire.close()
        self._runner.close()


def _timed(client: httpx.Client, url: str, token: str) -> tuple[float, httpx.Response]:
    started = time.perf_counter()
    response = client.get(url, headers={"Authorization": f"Bearer {token}"})
    return time.perf_counter() - started, response


def _p50(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def _p95(samples: list[float]) -> float:
    return sorted(samples)[int(0.95 * (len(samples) - 1))] * 1000


def run(requests: int = 200, timeout: float = 1.0, proposals: int = 8, results: Path = RESULTS) -> dict[str, Any]:
    import tempfile

    out: dict[str, Any] = {"requests": requests, "memberTimeout": timeout, "proposalsPerMember": proposals}
    with tempfile.TemporaryDirectory(prefix="bench-federation-") as tmp, ExitStack() as stack:
        work = Path(tmp)
        sites = ["site-a", "site-b", "site-c"]
        members = {}
        tokens = {}
        for site in sites:
            db, tokens[site] = seed_member(work, site, proposals)
            members[site] = serve_member(work, site, db)
            stack.callback(members[site].stop)
        spec = [(s, members[s].base_url, timeout) for s in sites]
        fed, fed_token = serve_federation(work, spec, tokens)
        stack.callback(fed.stop)
        path = "/v1/data-collections?limit=100"
        client = stack.enter_context(httpx.Client(timeout=30))
        for _ in range(10):  # warm every connection pool and cache
            for s in sites:
                _timed(client, members[s].base_url + path, tokens[s])
            _timed(client, fed.base_url + path, fed_token)
        bare = stack.enter_context(_BareFanOut([(members[s].base_url, tokens[s]) for s in sites], 100))
        lat: dict[str, list[float]] = {s: [] for s in [*sites, "bare fan-out", "federation"]}
        for _ in range(requests):
            for s in sites:
                lat[s].append(_timed(client, members[s].base_url + path, tokens[s])[0])
            lat["bare fan-out"].append(bare.timed())
            took, response = _timed(client, fed.base_url + path, fed_token)
            assert response.status_code == 200 and len(response.json()["items"]) == 100, response.text[:300]
            lat["federation"].append(took)
        p50 = {k: round(_p50(v), 2) for k, v in lat.items()}
        slowest = max(p50[s] for s in sites)
        out["list"] = {
            "p50Ms": p50,
            "p95Ms": {k: round(_p95(v), 2) for k, v in lat.items()},
            "slowestMemberP50Ms": slowest,
            "ratio": round(p50["federation"] / slowest, 3),
            "bound": 1.3,
            "bareFanOutRatio": round(p50["bare fan-out"] / slowest, 3),
            "gatewayRatio": round(p50["federation"] / p50["bare fan-out"], 3),
        }
        # one member blackholed: answers within its timeout + 100 ms, the member named missing
        hole = stack.enter_context(blackhole())
        spec4 = [*spec, ("blackhole", hole, timeout)]
        # a member that never answers cannot say what it serves: the members file does
        every = ["core", "proposals", "samples", "shipping", "acquisition", "processing", "beamline-events"]
        fed4, token4 = serve_federation(
            work,
            spec4,
            {**tokens, "blackhole": "x"},
            name="federation-blackhole",
            failures=10**6,
            classes={"blackhole": every},
        )
        stack.callback(fed4.stop)
        took_bh = []
        for _ in range(max(5, requests // 20)):
            took, response = _timed(client, fed4.base_url + path, token4)
            body = response.json()
            assert response.status_code == 200, response.text[:300]
            assert [m["site"] for m in body.get("unavailableSites", [])] == ["blackhole"], body.get("unavailableSites")
            took_bh.append(took)
        out["blackhole"] = {
            "pages": len(took_bh),
            "p50Ms": round(_p50(took_bh), 1),
            "maxMs": round(max(took_bh) * 1000, 1),
            "boundMs": timeout * 1000 + 100,
            "reason": "TIMEOUT",
        }
        out["locate"] = _locate(work, stack, client, spec, tokens)
    out["verdict"] = {
        "list": out["list"]["ratio"] <= 1.3,
        "blackhole": out["blackhole"]["maxMs"] <= out["blackhole"]["boundMs"],
    }
    results.mkdir(parents=True, exist_ok=True)
    (results / "federation.json").write_text(json.dumps(out, indent=2) + "\n")
    (results / "federation.md").write_text(_markdown(out))
    return out


def _locate(
    work: Path, stack: ExitStack, client: httpx.Client, spec: list[tuple[str, str, float]], tokens: dict[str, str]
) -> dict[str, Any]:
    """GET by UUID of records of the last member: fan-out on a fresh replica vs the location shared in Redis."""
    import redis

    try:
        redis.Redis(socket_timeout=0.5).ping()
    except Exception as exc:
        return {"skipped": f"Redis at 127.0.0.1:6379 does not answer ({type(exc).__name__})"}
    site = spec[-1][0]
    page = client.get(
        spec[-1][1] + "/v1/data-collections?limit=200", headers={"Authorization": f"Bearer {tokens[site]}"}
    ).json()
    uuids = [item["uuid"] for item in page["items"]]
    namespace = f"redis://127.0.0.1:6379/0#{secrets.token_hex(4)}"
    url = namespace.split("#")[0]
    learner, t1 = serve_federation(work, spec, tokens, name="replica-1", redis=url)
    stack.callback(learner.stop)
    cold, cold_token = serve_federation(work, spec, tokens, name="replica-cold")
    stack.callback(cold.stop)
    fanout = [_timed(client, f"{cold.base_url}/v1/data-collections/{u}", cold_token)[0] for u in uuids]
    for u in uuids:  # replica 1 learns every location (and shares it)
        _timed(client, f"{learner.base_url}/v1/data-collections/{u}", t1)
    shared, t2 = serve_federation(work, spec, tokens, name="replica-2", redis=url)
    stack.callback(shared.stop)
    from_redis = [_timed(client, f"{shared.base_url}/v1/data-collections/{u}", t2)[0] for u in uuids]
    direct = [_timed(client, f"{spec[-1][1]}/v1/data-collections/{u}", tokens[site])[0] for u in uuids]
    return {
        "records": len(uuids),
        "fanOutP50Ms": round(_p50(fanout), 2),
        "redisP50Ms": round(_p50(from_redis), 2),
        "memberDirectP50Ms": round(_p50(direct), 2),
    }


def _markdown(out: dict[str, Any]) -> str:
    lst, bh, loc = out["list"], out["blackhole"], out["locate"]
    rows = "\n".join(f"| {k} | {v} | {lst['p95Ms'][k]} |" for k, v in lst["p50Ms"].items())
    text = f"""# Federation bench (`python -m bench federation`)

Three reference server members (SQLite, {out["proposalsPerMember"]} proposals each), one federation, staff
caller, `GET /v1/data-collections?limit=100`, {out["requests"]} requests each, interleaved.

| target | p50 ms | p95 ms |
|---|---|---|
{rows}

Federation p50 / slowest member p50 = **{lst["ratio"]}** (bound {lst["bound"]}). The bare fan-out (the three
members asked at once for their exact part over the gateway's own connections, `federation.wire`, no gateway) is
already {lst["bareFanOutRatio"]} × the slowest member here, where members and gateway share 2 cores; the
federation / bare fan-out = {lst["gatewayRatio"]} is the gateway's own cost.

One member blackholed (accepts connections, never answers; member timeout {out["memberTimeout"]} s, breaker
off): {bh["pages"]} pages, p50 {bh["p50Ms"]} ms, max **{bh["maxMs"]} ms** (bound {bh["boundMs"]} ms), the member
reported `{bh["reason"]}` in `unavailableSites`.

"""
    if "skipped" in loc:
        return text + f"Location cache: {loc['skipped']}\n"
    return text + (
        f"GET by UUID ({loc['records']} records of one member): fresh replica asking every member "
        f"p50 {loc['fanOutP50Ms']} ms; replica reading the location another replica shared in Redis "
        f"p50 {loc['redisP50Ms']} ms; the member directly p50 {loc['memberDirectP50Ms']} ms.\n"
    )
