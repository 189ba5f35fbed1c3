"""Real sites for the client's tests: ``ispyb-server serve --demo`` processes and a fault-injecting proxy.

The client reads only the spec and HTTP, so its tests start the reference server through its command line (never
importing it) on helper C's ports (18400-18499), each on a fresh SQLite file. ``ISPYB_CLIENT_TEST_SERVER`` may
name another ``ispyb-server`` executable.
"""

from __future__ import annotations

import http.server
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from tests.ports import free_port
from tests.server.live import stop_process

STAFF, OWNER, SERVICE = "demo-staff", "demo-owner", "demo-service-i03"


def server_executable() -> str:
    return os.environ.get("ISPYB_CLIENT_TEST_SERVER") or str(Path(sys.executable).parent / "ispyb-server")


@contextmanager
def demo_server(directory: Path, *, modules: Sequence[str] | None = None) -> Iterator[str]:
    """``ispyb-server serve --demo`` on a fresh SQLite file; yields its base URL once /health answers."""
    directory.mkdir(parents=True, exist_ok=True)
    for _attempt in range(3):
        port = free_port()
        args = [server_executable(), "serve", "--demo", "--host", "127.0.0.1", "--port", str(port)]
        args += ["--db", f"sqlite:///{directory / f'site-{port}.sqlite'}"]
        if modules is not None:
            args += ["--modules", ",".join(modules)]
        log = directory / f"server-{port}.log"
        with log.open("wb") as out:
            process = subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT)
        base_url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while process.poll() is None and time.monotonic() < deadline:
                try:
                    if httpx.get(f"{base_url}/health", timeout=2).status_code == 200:
                        break
                except httpx.TransportError:
                    time.sleep(0.1)
            if process.poll() is None:
                yield base_url
                return
        finally:
            stop_process(process)
        if "address already in use" not in log.read_text().lower():
            raise AssertionError(f"ispyb-server exited with {process.returncode}:\n{log.read_text()}")
    raise AssertionError("ispyb-server could not bind a port")


@dataclass
class Fault:
    """Answer ``status`` (with ``Retry-After: retry_after``) to the next ``times`` requests matching ``method``."""

    method: str
    status: int
    times: int
    retry_after: str | None = None


@dataclass
class FaultProxy:
    """A real HTTP server in front of a site: forwards every request, except those a queued ``Fault`` refuses.

    ``seen`` records (method, path, status answered) for every request, so a test counts the client's sends.
    """

    upstream: str
    faults: list[Fault] = field(default_factory=list)
    #: path → JSON body served instead of the site's (e.g. a /conformance declaring fewer classes)
    replaced: dict[str, bytes] = field(default_factory=dict)
    seen: list[tuple[str, str, int, float]] = field(default_factory=list)
    base_url: str = ""

    def answer(self, method: str, path: str, headers: dict[str, str], body: bytes) -> tuple[int, dict[str, str], bytes]:
        for fault in self.faults:
            if fault.times > 0 and fault.method == method:
                fault.times -= 1
                extra = {"Retry-After": fault.retry_after} if fault.retry_after is not None else {}
                problem = b'{"type":"about:blank","title":"Slow down","status":%d}' % fault.status
                return fault.status, {"Content-Type": "application/problem+json", **extra}, problem
        if path in self.replaced:
            return 200, {"Content-Type": "application/json"}, self.replaced[path]
        forwarded = {k: v for k, v in headers.items() if k.lower() not in ("host", "content-length", "accept-encoding")}
        response = httpx.request(method, self.upstream + path, headers=forwarded, content=body, timeout=30)
        kept = {k: v for k, v in response.headers.items() if k.lower() in ("content-type", "etag", "location")}
        return response.status_code, kept, response.content


@contextmanager
def fault_proxy(upstream: str) -> Iterator[FaultProxy]:
    proxy = FaultProxy(upstream)

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _serve(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            status, headers, content = proxy.answer(self.command, self.path, dict(self.headers.items()), body)
            proxy.seen.append((self.command, self.path, status, time.monotonic()))
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(content)))
            self.end_headers()
            self.wfile.write(content)

        do_GET = do_PUT = do_POST = do_PATCH = do_DELETE = _serve

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
    proxy.base_url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield proxy
    finally:
        server.shutdown()
        server.server_close()


def count_requests(log: list[httpx.Request]) -> Callable[[httpx.Request], None]:
    """An httpx request hook appending every request sent to ``log``."""
    return log.append
