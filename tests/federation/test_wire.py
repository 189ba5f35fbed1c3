"""``federation.wire`` against a real HTTP/1.1 server (the standard library's, in a thread), each exchange on an
event loop as in the gateway: what the gateway's exchanges with a member must survive — kept-alive connections
the member closed, chunked and gzip answers, a member that never answers or answers too much, and requests that
would smuggle a header."""

from __future__ import annotations

import asyncio
import gzip
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest

from federation.config import Breaker, parse, token_sha256
from federation.members import Member
from federation.wire import MAX_ANSWER_BYTES, Answer, Wire, WireError


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    seen: ClassVar[list[tuple[str, str, dict[str, str], bytes]]] = []
    together: ClassVar[threading.Barrier] = threading.Barrier(3)

    def log_message(self, *_: object) -> None:
        pass

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        self.seen.append((self.command, self.path, {k.lower(): v for k, v in self.headers.items()}, body))
        if self.path.startswith("/chunked"):
            self.send_response(200)
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for part in (b'{"items":', b"[1,2,", b"3]}"):
                self.wfile.write(b"%x\r\n%s\r\n" % (len(part), part))
            self.wfile.write(b"0\r\n\r\n")
            return
        if self.path.startswith("/gzip"):
            data = gzip.compress(b'{"ok":true}')
            self.send_response(200)
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
            return
        if self.path.startswith("/together"):  # answered only once three such requests are in
            try:
                self.together.wait(timeout=2)
            except threading.BrokenBarrierError:
                self.send_response(504)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
        if self.path.startswith("/close"):
            self.close_connection = True
        if self.path.startswith("/until-close"):  # no length, no chunks: the body ends with the connection
            self.send_response(200)
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(b'{"whole":true}')
            self.close_connection = True
            return
        if self.path.startswith("/huge"):
            self.send_response(200)
            self.send_header("Content-Length", str(MAX_ANSWER_BYTES + 1))
            self.end_headers()
            chunk = b"x" * 65536
            try:
                for _ in range(MAX_ANSWER_BYTES // len(chunk) + 1):
                    self.wfile.write(chunk)
            except OSError:
                pass
            return
        out = b'{"path":"%s"}' % self.path.encode()
        self.send_response(404 if "/missing" in self.path else 200)
        self.send_header("Content-Type", "application/json")
        self.send_header("ETag", '"v1"')
        self.send_header("Content-Length", str(len(out)))
        self.end_headers()
        self.wfile.write(out)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _answer


@pytest.fixture()
def server() -> Iterator[ThreadingHTTPServer]:
    _Handler.seen = []
    _Handler.together = threading.Barrier(3)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


def _url(httpd: ThreadingHTTPServer, base: str = "") -> str:
    return f"http://127.0.0.1:{httpd.server_address[1]}{base}"


def _get(wire: Wire, path: str, **options: object) -> Answer:
    """One exchange on a loop of its own (the wire keeps no connection across loops)."""
    return asyncio.run(wire.request("GET", path, **options))  # type: ignore[arg-type]


def test_answers_come_back_whole_over_one_kept_alive_connection(server: ThreadingHTTPServer) -> None:
    async def scenario() -> tuple[Answer, Answer, int]:
        wire = Wire(_url(server, "/api"), 5)
        first = await wire.request("GET", "/v1/sessions", params=[("limit", "2"), ("q", "a b&c")])
        second = await wire.request("GET", "/missing/x")
        idle = len(wire._idle)
        wire.close()
        return first, second, idle

    first, second, idle = asyncio.run(scenario())
    assert first.status_code == 200 and first.content == b'{"path":"/api/v1/sessions?limit=2&q=a+b%26c"}'
    assert first.headers["etag"] == '"v1"' and first.headers["content-type"] == "application/json"
    assert second.status_code == 404
    assert idle == 1  # one connection, used twice


def test_requests_started_together_all_leave_before_any_answer_is_read(server: ThreadingHTTPServer) -> None:
    async def scenario() -> list[int]:
        wires = [Wire(_url(server), 5) for _ in range(3)]
        await asyncio.gather(*(w.request("GET", "/warm") for w in wires))  # a kept-alive connection each
        # the server answers none of these before it holds all three: asked one after the other, they fail (504)
        answers = await asyncio.gather(*(w.request("GET", f"/together/{i}") for i, w in enumerate(wires)))
        for w in wires:
            w.close()
        return [a.status_code for a in answers]

    assert asyncio.run(scenario()) == [200, 200, 200]


def test_bodies_are_sent_with_their_length(server: ThreadingHTTPServer) -> None:
    async def scenario() -> None:
        wire = Wire(_url(server), 5)
        await wire.request("POST", "/v1/samples", content=b'{"name":"x"}', headers={"Content-Type": "application/json"})
        await wire.request("DELETE", "/v1/samples/1")

    asyncio.run(scenario())
    (post, post_path, post_headers, post_body), (delete, *_rest) = _Handler.seen
    assert (post, post_path, post_body, post_headers["content-type"]) == (
        "POST",
        "/v1/samples",
        b'{"name":"x"}',
        "application/json",
    )
    assert delete == "DELETE"


def test_chunked_and_gzip_answers_are_decoded(server: ThreadingHTTPServer) -> None:
    assert _get(Wire(_url(server), 5), "/chunked").content == b'{"items":[1,2,3]}'
    zipped = Wire(_url(server), 5, {"Accept-Encoding": "gzip"})
    assert _get(zipped, "/gzip").content == b'{"ok":true}'
    assert _Handler.seen[-1][2]["accept-encoding"] == "gzip"


def test_a_body_that_ends_with_the_connection_is_read_to_its_end(server: ThreadingHTTPServer) -> None:
    wire = Wire(_url(server), 5)
    assert _get(wire, "/until-close").content == b'{"whole":true}'
    assert wire._idle == []


def test_a_connection_the_member_closed_is_not_used_again(server: ThreadingHTTPServer) -> None:
    async def scenario() -> list[int]:
        wire = Wire(_url(server), 5)
        codes = [(await wire.request("GET", "/close")).status_code]  # the server closes after answering
        codes.append((await wire.request("GET", "/after")).status_code)
        transport = wire._idle[0].transport
        assert transport is not None
        transport.get_extra_info("socket").shutdown(socket.SHUT_RDWR)  # closed while idle, as a keep-alive ends
        codes.append((await wire.request("GET", "/again")).status_code)
        wire.close()
        return codes

    assert asyncio.run(scenario()) == [200, 200, 200]
    assert [s[1] for s in _Handler.seen] == ["/close", "/after", "/again"]


def test_a_member_that_never_answers_costs_the_timeout_and_no_more() -> None:
    hole = socket.socket()
    hole.bind(("127.0.0.1", 0))
    hole.listen(8)
    try:
        wire = Wire(f"http://127.0.0.1:{hole.getsockname()[1]}", 0.3)
        started = time.monotonic()
        with pytest.raises(WireError) as caught:
            _get(wire, "/v1/sessions")
        assert caught.value.reason == "TIMEOUT"
        assert 0.25 < time.monotonic() - started < 0.6
    finally:
        hole.close()


def test_nobody_listening_is_unreachable() -> None:
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    with pytest.raises(WireError) as caught:
        _get(Wire(f"http://127.0.0.1:{port}", 1), "/health")
    assert caught.value.reason == "UNREACHABLE"


def test_an_answer_too_large_is_a_failing_member(server: ThreadingHTTPServer) -> None:
    with pytest.raises(WireError) as caught:
        _get(Wire(_url(server), 30), "/huge")
    assert caught.value.reason == "FAILING"


def test_no_header_or_path_can_smuggle_a_line(server: ThreadingHTTPServer) -> None:
    wire = Wire(_url(server), 5)
    with pytest.raises(ValueError):
        _get(wire, "/v1/x", headers={"Authorization": "Bearer a\r\nX-Admin: 1"})
    with pytest.raises(ValueError):
        _get(wire, "/v1/x\r\nHost: evil")
    assert _Handler.seen == []


def test_members_are_asked_for_plain_answers_unless_the_members_file_says_compress(
    server: ThreadingHTTPServer,
) -> None:
    doc = {
        "members": [{"name": "a", "url": _url(server)}, {"name": "b", "url": _url(server), "compress": True}],
        "callers": [{"tokenSha256": token_sha256("t"), "subject": "pi", "role": "USER", "credentials": {"a": "s"}}],
    }
    for config in parse(doc).members:
        asyncio.run(Member(config, Breaker()).request("GET", "/health", "member-token"))
    assert [s[2]["accept-encoding"] for s in _Handler.seen] == ["identity", "gzip"]
    assert {s[2]["authorization"] for s in _Handler.seen} == {"Bearer member-token"}
