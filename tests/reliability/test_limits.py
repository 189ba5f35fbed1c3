"""Resource limits before parsing (issue 11): body size (413), field errors listed, slow clients cut off.

The limits are the spec's root ``x-limits``; a 50 MB body must cost neither seconds nor memory, and a client that
trickles its body or headers holds neither a connection for long nor, ever, a database connection.
"""

from __future__ import annotations

import socket
import threading
import time
import uuid

from site_kit import spec
from tests.reliability.conftest import Proc

MAX_BODY = int(spec.bundle()["x-limits"]["maxBodyBytes"])
MAX_ERRORS = int(spec.bundle()["x-limits"]["maxFieldErrors"])
FIFTY_MB = 50 * 1024 * 1024


def _connect(proc: Proc) -> socket.socket:
    host, port = proc.base_url.removeprefix("http://").split(":")
    return socket.create_connection((host, int(port)), timeout=10)


def _head(path: str, extra: str) -> bytes:
    return (
        f"PUT {path} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer demo-owner\r\n"
        f"Content-Type: application/json\r\n{extra}\r\n"
    ).encode()


def _status(sock: socket.socket) -> int:
    data = b""
    while b"\r\n" not in data:
        chunk = sock.recv(4096)
        if not chunk:
            return 0
        data += chunk
    return int(data.split(b" ", 2)[1])


def test_a_50_mb_body_is_refused_before_it_is_read(live: Proc) -> None:
    path = f"/v1/samples/{uuid.uuid4()}"
    rss_before = live.rss_kib()
    with _connect(live) as sock:
        start = time.monotonic()
        sock.sendall(_head(path, f"Content-Length: {FIFTY_MB}\r\n") + b'{"a":' + b"1" * 65536)
        assert _status(sock) == 413
        elapsed = time.monotonic() - start
    # streamed without a length: refused once the limit is passed, having buffered at most the limit
    with _connect(live) as sock:
        sock.sendall(_head(path, "Transfer-Encoding: chunked\r\n"))
        chunk = b"[" + b"0," * 32767 + b"0"
        sent = 0
        status = 0
        try:
            while sent < FIFTY_MB:
                sock.sendall(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
                sent += len(chunk)
                sock.settimeout(0.0)
                try:
                    if sock.recv(1, socket.MSG_PEEK):
                        break
                except BlockingIOError:
                    pass
                finally:
                    sock.settimeout(10)
        except (BrokenPipeError, ConnectionResetError):
            pass
        status = _status(sock)
    assert status == 413
    # the kernel buffers a few MB of a loopback socket on both sides: far below the 50 MB sent before the fix
    assert sent < 12 * MAX_BODY, f"the client could send {sent} bytes before the refusal"
    growth_mib = (live.rss_kib() - rss_before) / 1024
    assert elapsed < 0.5, f"413 after {elapsed * 1000:.0f} ms"
    assert growth_mib < 20, f"RSS grew by {growth_mib:.1f} MiB"
    print(f"50 MB body: 413 in {elapsed * 1000:.1f} ms; chunked refused after {sent} bytes; RSS +{growth_mib:.1f} MiB")


def test_a_body_within_the_limit_lists_at_most_max_field_errors(live: Proc) -> None:
    body = "{" + ",".join(f'"unknown{i}":1' for i in range(5000)) + "}"
    assert len(body) < MAX_BODY
    with live.client() as http:
        answer = http.put(f"/v1/samples/{uuid.uuid4()}", content=body, headers={"Content-Type": "application/json"})
    assert answer.status_code == 422
    problem = answer.json()
    assert len(problem["errors"]) == MAX_ERRORS
    assert problem["omittedErrors"] >= 5000 - MAX_ERRORS
    assert len(answer.content) < 20_000


def _trickle(proc: Proc, stop: threading.Event, results: list[int]) -> None:
    """A PUT whose body arrives one byte every 0.5 s."""
    with _connect(proc) as sock:
        sock.sendall(_head(f"/v1/samples/{uuid.uuid4()}", "Content-Length: 100\r\n"))
        try:
            while not stop.is_set():
                sock.sendall(b" ")
                time.sleep(0.5)
                sock.settimeout(0.0)
                try:
                    if sock.recv(1, socket.MSG_PEEK):
                        break
                except BlockingIOError:
                    continue
                finally:
                    sock.settimeout(10)
        except (BrokenPipeError, ConnectionResetError):
            pass
        results.append(_status(sock))


def test_slow_bodies_hold_no_database_connection_and_time_out(live: Proc) -> None:
    """31 trickling bodies (more than the pool has connections): /health and reads still answer at once."""
    stop = threading.Event()
    results: list[int] = []
    threads = [threading.Thread(target=_trickle, args=(live, stop, results)) for _ in range(31)]
    for thread in threads:
        thread.start()
    time.sleep(1)
    with live.client() as http:
        for _ in range(5):
            start = time.monotonic()
            assert http.get("/health").status_code == 200
            assert http.get("/v1/samples", params={"limit": 5}).status_code == 200
            assert time.monotonic() - start < 5  # a busy shared machine; before the fix: no answer at all
    for thread in threads:
        thread.join(timeout=20)
    stop.set()
    assert results == [408] * 31, results  # ISPYB_BODY_TIMEOUT=3 for this server


def test_slow_headers_are_cut_off(live: Proc) -> None:
    with _connect(live) as sock:
        sock.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\n")
        start = time.monotonic()
        closed = False
        while time.monotonic() - start < 10:
            try:
                sock.sendall(b"X-Slow: 1\r\n")
            except (BrokenPipeError, ConnectionResetError):
                closed = True
                break
            sock.settimeout(1)
            try:
                if sock.recv(1) == b"":
                    closed = True
                    break
            except TimeoutError:
                pass
        assert closed, "a client sending one header a second kept its connection for 10 s"
        assert time.monotonic() - start < 6  # ISPYB_HEADER_TIMEOUT=3 for this server
