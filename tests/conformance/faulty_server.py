"""The reference server wrapped in fault switches: each fault breaks one rule of the spec for one collection.

Run: `python tests/conformance/faulty_server.py --fault NAME --port P --db URL [--request-log FILE]`.
The suite must fail against every fault, naming the class and check the fault breaks (the mutants that guard the
suite against vacuous checks). `--fault none` serves the reference server unchanged; `--request-log` appends one
JSON line per request (method, path, query, body, and the strings of the answer) so that a test can prove that
read-only mode sent no write, and compare what two runs sent.
This is test code around the server: it may import reference_server; the suite itself never does.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

# fault → (collection path it breaks, class, the check that must fail)
FAULTS: dict[str, tuple[str, str, str]] = {
    "drop-required-field": ("/v1/shipments", "shipping", "SHIP-RECORDS-01"),
    "wrong-type": ("/v1/scaling-statistics", "processing", "PROC-RECORDS-01"),
    "ignore-authorization": ("/v1/proteins", "samples", "SAMP-ISOLATION-01"),
    "overlapping-pages": ("/v1/data-collection-groups", "acquisition", "ACQ-PAGINATION-01"),
    "write-not-stored": ("/v1/dewars", "shipping", "SHIP-LIFECYCLE-01"),
    "stale-read": ("/v1/crystals", "samples", "SAMP-LIFECYCLE-01"),
    "server-error-on-bad-input": ("/v1/lab-contacts", "proposals", "PROP-SCHEMA-01"),
    # every collection: any authenticated caller is served as staff (only /v1/me still tells who it is)
    "no-isolation": ("/v1/", "samples", "SAMP-ISOLATION-01"),
}


async def _call(app: ASGIApp, scope: Scope, receive: Receive) -> tuple[Message, bytes]:
    """Run the inner app and buffer its response."""
    start: Message = {}
    chunks: list[bytes] = []

    async def capture(message: Message) -> None:
        if message["type"] == "http.response.start":
            start.update(message)
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))

    await app(scope, receive, capture)
    return start, b"".join(chunks)


async def _reply(send: Send, status: int, headers: list[tuple[bytes, bytes]], body: bytes) -> None:
    headers = [(k, v) for k, v in headers if k.lower() != b"content-length"]
    headers.append((b"content-length", str(len(body)).encode()))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


async def _empty() -> Message:
    return {"type": "http.request", "body": b"", "more_body": False}


def _strings(value: Any, found: list[str]) -> None:
    """Every string in a JSON value (what a later request may echo: UUIDs, instants, page tokens)."""
    if isinstance(value, str):
        found.append(value)
    elif isinstance(value, list):
        for item in value:
            _strings(item, found)
    elif isinstance(value, dict):
        for item in value.values():
            _strings(item, found)


async def _read_body(receive: Receive) -> bytes:
    body = b""
    while True:
        message = await receive()
        body += message.get("body", b"")
        if not message.get("more_body"):
            return body


class FaultMiddleware:
    """Applies one named fault to the requests of its collection; everything else passes through untouched."""

    def __init__(self, app: ASGIApp, fault: str, request_log: str | None = None) -> None:
        self.app = app
        self.fault = fault
        self.target = FAULTS[fault][0] if fault in FAULTS else ""
        self.request_log = request_log
        self.stale: dict[str, tuple[Message, bytes]] = {}
        self.previous_last: dict[str, Any] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        # the faults rewrite JSON bodies: ask the server for them uncompressed (it gzips larger ones otherwise)
        headers = [(k, v) for k, v in scope["headers"] if k.lower() != b"accept-encoding"]
        scope = {**scope, "headers": headers}
        if self.request_log:
            await self._logged(scope, receive, send)
        else:
            await self._dispatch(scope, receive, send)

    def _targeted(self, path: str) -> bool:
        if not self.target:
            return False
        if self.target.endswith("/"):
            return path.startswith(self.target) and path != "/v1/me"
        return path == self.target or path.startswith(self.target + "/")

    async def _dispatch(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not self._targeted(scope["path"]):
            await self.app(scope, receive, send)
            return
        handler = getattr(self, "_" + self.fault.replace("-", "_"))
        await handler(scope, receive, send)

    async def _logged(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Serve the request and append it (and the strings of its answer) to the request log."""
        body = await _read_body(receive)

        async def replay() -> Message:
            return {"type": "http.request", "body": body, "more_body": False}

        start, answer = await _call(self._dispatch, scope, replay)
        strings: list[str] = []
        with contextlib.suppress(ValueError):
            _strings(json.loads(answer), strings)
        for key, value in start.get("headers", []):
            if key.lower() in (b"location", b"etag"):
                strings.append(value.decode("latin-1").rstrip("/").rsplit("/", 1)[-1])
        entry = {
            "method": scope["method"],
            "path": scope["path"],
            "query": scope.get("query_string", b"").decode("latin-1"),
            "body": body.decode("utf-8", "replace"),
            "status": start.get("status"),
            "answer": strings,
        }
        with open(self.request_log, "a", encoding="utf-8") as log:
            log.write(json.dumps(entry) + "\n")
        await _reply(send, start["status"], list(start.get("headers", [])), answer)

    # --- faults --------------------------------------------------------------------------------------------
    async def _rewrite_json(
        self, scope: Scope, receive: Receive, send: Send, change: Callable[[dict[str, Any]], None]
    ) -> None:
        start, body = await _call(self.app, scope, receive)
        if start.get("status") == 200 and body:
            data = json.loads(body)
            for record in data.get("items", [data]) if isinstance(data, dict) else []:
                change(record)
            body = json.dumps(data).encode()
        await _reply(send, start["status"], list(start.get("headers", [])), body)

    async def _drop_required_field(self, scope: Scope, receive: Receive, send: Send) -> None:
        await self._rewrite_json(scope, receive, send, lambda r: r.pop("name", None))

    async def _wrong_type(self, scope: Scope, receive: Receive, send: Send) -> None:
        def change(record: dict[str, Any]) -> None:
            record["shell"] = 3

        await self._rewrite_json(scope, receive, send, change)

    async def _no_isolation(self, scope: Scope, receive: Receive, send: Send) -> None:
        await self._ignore_authorization(scope, receive, send)

    async def _ignore_authorization(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Every authenticated read or write is served as staff: membership is ignored."""
        staff = os.environ["FAULT_STAFF_TOKEN"]
        headers = [(k, v) for k, v in scope["headers"] if k.lower() != b"authorization" or not v.strip()]
        if any(k.lower() == b"authorization" for k, _ in scope["headers"]):
            headers.append((b"authorization", f"Bearer {staff}".encode()))
        await self.app({**scope, "headers": headers}, receive, send)

    async def _overlapping_pages(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Each later page starts again with the last record of the page before."""
        query = scope.get("query_string", b"").decode()
        token = next((p.split("=", 1)[1] for p in query.split("&") if p.startswith("pageToken=")), None)
        start, body = await _call(self.app, scope, receive)
        if scope["method"] == "GET" and scope["path"] == self.target and start.get("status") == 200:
            data = json.loads(body)
            items = data.get("items", [])
            if data.get("nextPageToken") and items:
                self.previous_last[data["nextPageToken"]] = items[-1]
            if token and token in self.previous_last:
                data["items"] = [self.previous_last[token], *items]
            body = json.dumps(data).encode()
        await _reply(send, start["status"], list(start.get("headers", [])), body)

    async def _write_not_stored(self, scope: Scope, receive: Receive, send: Send) -> None:
        """PATCH answers 200 with the patched record, but nothing is written."""
        if scope["method"] != "PATCH":
            await self.app(scope, receive, send)
            return
        patch = json.loads(await _read_body(receive) or b"{}")
        start, body = await _call(self.app, {**scope, "method": "GET"}, _empty)
        if start.get("status") == 200:
            data = json.loads(body)
            data.update({k: v for k, v in patch.items() if v is not None})
            body = json.dumps(data).encode()
        await _reply(send, start["status"], list(start.get("headers", [])), body)

    async def _stale_read(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Reads of one record are served from the first answer ever given (a cache never invalidated)."""
        if scope["method"] != "GET" or scope["path"] == self.target:
            await self.app(scope, receive, send)
            return
        if scope["path"] not in self.stale:
            start, body = await _call(self.app, scope, receive)
            if start.get("status") != 200:
                await _reply(send, start["status"], list(start.get("headers", [])), body)
                return
            self.stale[scope["path"]] = (start, body)
        start, body = self.stale[scope["path"]]
        await _reply(send, start["status"], list(start.get("headers", [])), body)

    async def _server_error_on_bad_input(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Input the server would reject as invalid (422) crashes with a bare 500 instead."""
        start, body = await _call(self.app, scope, receive)
        if start.get("status") in (400, 422):
            await _reply(send, 500, [(b"content-type", b"text/plain")], b"Internal Server Error")
            return
        await _reply(send, start["status"], list(start.get("headers", [])), body)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--fault", default=os.environ.get("FAULT", "none"), choices=["none", *FAULTS])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--request-log")
    args = parser.parse_args()
    os.environ["ISPYB_DB_URL"] = args.db
    import uvicorn

    from reference_server.app import app_from_env

    app = FaultMiddleware(app_from_env(), args.fault, args.request_log)
    uvicorn.run(app, host="127.0.0.1", port=args.port, log_level="warning", access_log=False)


if __name__ == "__main__":
    main()
