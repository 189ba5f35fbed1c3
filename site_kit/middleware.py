"""HTTP behaviour around the routes: strict query parameters, gzip with honest ETags, optional CORS.

* **Strict query parameters.** A query parameter the operation does not declare in the spec answers 400 with a
  problem naming ``/query/<name>``: a misspelled filter (``?sesionUuid=…``) must not silently list everything.
  The declared names are read from the bundled spec, per operation.
* **Gzip** for responses of at least ``Settings.gzip_minimum_size`` bytes, when the client accepts it, except
  responses carrying an ``ETag`` (single records): their strong tag stays exact for ``If-Match`` (see
  ``_Untagged``). ``If-None-Match`` compares weakly (``none_match``).
* **CORS**, off by default: with ``Settings.cors_origins`` (``ispyb-server serve --cors-origin ORIGIN``)
  browsers on those origins may call the API, preflight included; without it an ``OPTIONS`` answers 405.

Every implementation on the kit gets them from ``site_kit.app``.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from urllib.parse import parse_qsl

import orjson
from fastapi import FastAPI
from starlette.datastructures import Headers
from starlette.middleware.cors import CORSMiddleware
from starlette.middleware.gzip import GZipResponder, IdentityResponder
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from site_kit import spec
from site_kit.problems import PROBLEM_MEDIA_TYPE, FieldError, document

#: request headers a browser may send cross-origin, and response headers its scripts may read
CORS_REQUEST_HEADERS = ("Authorization", "Content-Type", "If-Match", "If-None-Match")
#: with the files class's: a browser client resumes downloads (Content-Range) and names files (Content-Disposition)
CORS_EXPOSED_HEADERS = (
    "ETag",
    "Location",
    "Link",
    "Retry-After",
    "Content-Range",
    "Content-Disposition",
    "Accept-Ranges",
    "Last-Modified",
)
CORS_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
GZIP_LEVEL = 6  # level 9 costs twice the CPU for a few per cent smaller JSON


# --------------------------------------------------------------------------- strict query parameters


@cache
def _declared_queries() -> dict[tuple[str, str], tuple[str, frozenset[str]]]:
    """(METHOD, path template with ``*`` for each path parameter) → (operationId, declared query names)."""
    out = {}
    for op in spec.operations():
        params = [spec.deref(p) for p in op.raw.get("parameters", [])]
        names = frozenset(p["name"] for p in params if p.get("in") == "query")
        template = "/".join("*" if part.startswith("{") else part for part in op.path.split("/"))
        out[(op.method.upper(), template)] = (op.operation_id, names)
    return out


def declared_query(method: str, path: str) -> tuple[str, frozenset[str]] | None:
    """The operation answering ``method path`` and its query parameter names; None outside the spec."""
    table = _declared_queries()
    found = table.get((method, path))
    if found is None and "/" in path:
        found = table.get((method, path.rsplit("/", 1)[0] + "/*"))
    return found


def unknown_parameters(method: str, path: str, query_string: bytes) -> tuple[str, list[str]] | None:
    """(operationId, the undeclared names, in order) when the query string has any; else None."""
    found = declared_query(method, path)
    if found is None:
        return None
    operation_id, names = found
    seen = [name for name, _ in parse_qsl(query_string.decode("latin-1"), keep_blank_values=True)]
    unknown = list(dict.fromkeys(n for n in seen if n not in names))
    return (operation_id, unknown) if unknown else None


def _unknown_parameter_problem(scope: Scope, operation_id: str, unknown: list[str], declared: Iterable[str]) -> bytes:
    accepted = ", ".join(sorted(declared)) or "none"
    noun = "parameter" if len(unknown) == 1 else "parameters"
    body = document(
        400,
        f"Unknown query {noun} {', '.join(unknown)} (this operation accepts: {accepted}).",
        slug="unknown-parameter",
        instance=scope.get("raw_path", b"").decode("latin-1") or scope["path"],
        errors=[FieldError(["query", name], f"{operation_id} has no query parameter {name!r}.") for name in unknown],
    )
    return orjson.dumps(body)


class StrictQueryMiddleware:
    """Answer 400 to a request carrying a query parameter its operation does not declare (pure ASGI, cheap:
    requests without a query string are not even looked at)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope.get("query_string"):
            found = unknown_parameters(scope["method"], scope["path"], scope["query_string"])
            if found is not None:
                operation_id, unknown = found
                declared = declared_query(scope["method"], scope["path"])
                body = _unknown_parameter_problem(scope, operation_id, unknown, declared[1] if declared else ())
                await send(
                    {
                        "type": "http.response.start",
                        "status": 400,
                        "headers": [
                            (b"content-type", PROBLEM_MEDIA_TYPE.encode()),
                            (b"content-length", str(len(body)).encode()),
                        ],
                    }
                )
                await send({"type": "http.response.body", "body": body})
                return
        await self.app(scope, receive, send)


# --------------------------------------------------------------------------- gzip, never under an ETag


class _Untagged:
    """A GZip responder that passes responses carrying an ``ETag`` through untouched.

    A strong ETag names one exact byte sequence; the gzip-coded body is another one, so compressing it would
    need another (weak) tag, which ``If-Match`` (strong comparison, RFC 9110 §13.1.1) would then refuse: a GET,
    modify, PATCH round trip would fail for every client that accepts gzip. Single records are small; the
    large responses are list pages, which carry no ETag and are compressed.
    """

    tagged = False

    async def send_with_compression(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            self.tagged = "etag" in Headers(raw=message.get("headers", []))
        if self.tagged:
            await self.send(message)  # type: ignore[attr-defined]
        else:
            await super().send_with_compression(message)  # type: ignore[misc]


class _UntaggedGZip(_Untagged, GZipResponder):
    pass


class _UntaggedIdentity(_Untagged, IdentityResponder):
    pass


class GZipUntaggedMiddleware:
    """Starlette's GZipMiddleware (``Vary: Accept-Encoding`` included), except for responses with an ETag."""

    def __init__(self, app: ASGIApp, minimum_size: int, compresslevel: int = GZIP_LEVEL) -> None:
        self.app = app
        self.minimum_size = minimum_size
        self.compresslevel = compresslevel

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        responder: ASGIApp
        if "gzip" in Headers(scope=scope).get("accept-encoding", ""):
            responder = _UntaggedGZip(self.app, self.minimum_size, compresslevel=self.compresslevel)
        else:
            responder = _UntaggedIdentity(self.app, self.minimum_size)
        await responder(scope, receive, send)


# --------------------------------------------------------------------------- installing


def install_inner(app: FastAPI) -> None:
    """Middleware that must run inside response validation (its answers are checked by ``--strict``)."""
    app.add_middleware(StrictQueryMiddleware)


def install_outer(app: FastAPI, *, cors_origins: Iterable[str], gzip_minimum_size: int) -> None:
    """Middleware outermost of all (add it last): gzip, then CORS around everything."""
    app.add_middleware(GZipUntaggedMiddleware, minimum_size=gzip_minimum_size)
    origins = list(cors_origins)
    if origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=origins,
            allow_methods=list(CORS_METHODS),
            allow_headers=list(CORS_REQUEST_HEADERS),
            expose_headers=list(CORS_EXPOSED_HEADERS),
            max_age=600,
        )
