"""Live ``ispyb-server serve`` processes for the reliability probes of issue 11 (loopback only, bounded time).

Each probe drives a real server process (uvicorn, the CLI's options) on SQLite or, when
``ISPYB_TEST_POSTGRES_URL`` is set, PostgreSQL; the process is exposed so that a probe can read its RSS, send it
SIGTERM or kill -9 it. ``ISPYB_RELIABILITY_SECONDS`` (default 4) is the length of the load phases: the issue's
full 40 s run is for reports, a few seconds keep CI within its budget.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from reference_server.db.engine import make_engine
from reference_server.demo import prepare
from tests.server.conftest import _reset, backend_url, server  # noqa: F401  (the in-process server of every backend)
from tests.server.live import executable, free_port

LOAD_SECONDS = float(os.environ.get("ISPYB_RELIABILITY_SECONDS", "4"))
BACKENDS = {"sqlite": None, "postgres": "ISPYB_TEST_POSTGRES_URL"}


@dataclass
class Proc:
    """A running server: its URL, database, process and log."""

    base_url: str
    db_url: str
    process: subprocess.Popen[bytes]
    log: Path
    env: dict[str, str]

    def client(self, token: str | None = "demo-owner", timeout: float = 30) -> httpx.Client:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return httpx.Client(base_url=self.base_url, headers=headers, timeout=timeout)

    def rss_kib(self) -> int:
        """Resident memory of the server (the supervisor and any workers) in KiB, from /proc."""
        total = 0
        pids = [self.process.pid]
        try:
            children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children").read_text().split()
            pids += [int(c) for c in children]
        except OSError:
            pass
        for pid in pids:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        return total

    def terminate(self) -> float:
        """SIGTERM; the seconds until the process has exited (killed after 15 s)."""
        start = time.monotonic()
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)
        return time.monotonic() - start


def start(
    db_url: str, log_dir: Path, *, demo: bool = True, env: dict[str, str] | None = None, timeout: float = 60
) -> Proc:
    """``ispyb-server serve`` on a free loopback port, once /health answers."""
    log_dir.mkdir(parents=True, exist_ok=True)
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    extra = dict(env or {})
    args = [executable(), "serve", "--host", "127.0.0.1", "--port", str(port), "--db", db_url]
    if demo:
        args.append("--demo")
    log = log_dir / f"server-{port}.log"
    with log.open("ab") as out:
        process = subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT, env={**os.environ, **extra})
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited: {log.read_text()[-2000:]}")
        try:
            if httpx.get(f"{base_url}/health", timeout=2).status_code == 200:
                return Proc(base_url, db_url, process, log, extra)
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    process.kill()
    raise TimeoutError("the server did not start")


def database(backend: str, tmp_path: Path) -> str:
    """An empty (reset) database of ``backend``, migrated and demo-seeded by the caller's server."""
    url = backend_url(backend, tmp_path)
    if backend == "sqlite":
        return url
    engine = make_engine(url)
    _reset(engine)
    prepare(engine)
    engine.dispose()
    return url


@pytest.fixture(params=list(BACKENDS))
def backend_db(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    return database(request.param, tmp_path)


@pytest.fixture(scope="module", params=list(BACKENDS))
def live(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Proc]:
    """One server per module and backend, with short body and header deadlines (3 s)."""
    tmp_path = tmp_path_factory.mktemp(request.param)
    proc = start(
        database(request.param, tmp_path),
        tmp_path / "logs",
        env={"ISPYB_BODY_TIMEOUT": "3", "ISPYB_HEADER_TIMEOUT": "3"},
    )
    yield proc
    if proc.process.poll() is None:
        proc.terminate()
