"""``--strict``: every response is checked against the spec before it leaves the server.

For the operation that answered, the status code must be declared, the media type must be the declared one,
the body must validate against the declared schema (JSON Schema 2020-12, formats checked) and the declared
headers (ETag, Location…) must be present. A violation is logged and answered as a 500 problem, so tests
and staging deployments cannot miss it. Requests are already validated by the generated models.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

import orjson
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from site_kit import spec
from site_kit.problems import PROBLEM_MEDIA_TYPE, document

log = logging.getLogger("site_kit.strict")


@dataclass(frozen=True)
class Declared:
    media_type: str | None
    validator: Draft202012Validator | None
    headers: tuple[str, ...]
    #: every media type the response declares (file content: one per kind of file)
    media_types: tuple[str, ...] = ()


def is_json(media: str) -> bool:
    """Whether a body of this media type is a JSON document the spec's schema describes (not file content)."""
    return media == "application/json" or media.endswith("+json")


@cache
def _registry() -> Registry:
    return Registry().with_resource(
        "urn:spec", Resource.from_contents(spec.bundle(), default_specification=DRAFT202012)
    )


def _rebase(node: Any) -> Any:
    """Point the bundle's local references at the registered document."""
    if isinstance(node, dict):
        return {
            k: ("urn:spec" + v if k == "$ref" and isinstance(v, str) and v.startswith("#") else _rebase(v))
            for k, v in node.items()
        }
    if isinstance(node, list):
        return [_rebase(v) for v in node]
    return node


@cache
def _routes() -> list[tuple[re.Pattern[str], str, dict[str, Any]]]:
    out = []
    for path, item in spec.bundle()["paths"].items():
        regex = spec.path_pattern(path)
        for method in spec.HTTP_METHODS:
            if method in item:
                out.append((regex, method.upper(), item[method]))
    return out


@cache
def declared(method: str, template_index: int, status: int) -> Declared | None:
    _, _, op = _routes()[template_index]
    responses = op["responses"]
    response = responses.get(str(status)) or responses.get(f"{str(status)[0]}XX") or responses.get("default")
    if response is None:
        return None
    response = spec.deref(response)
    content = response.get("content") or {}
    media_type = next(iter(content), None)
    validator = None
    if media_type:
        validator = Draft202012Validator(
            _rebase(content[media_type]["schema"]),
            registry=_registry(),
            format_checker=Draft202012Validator.FORMAT_CHECKER,
        )
    headers = tuple(
        name.lower()
        for name, header in (response.get("headers") or {}).items()
        if name.lower() not in ("link", "www-authenticate")
    )
    return Declared(media_type, validator, headers, tuple(content))


def violations(method: str, path: str, status: int, headers: dict[str, str], body: bytes) -> list[str]:
    """What is wrong with a response, by the spec; empty when it conforms (or the path is not in the spec)."""
    index = next(
        (i for i, (regex, op_method, _) in enumerate(_routes()) if op_method == method and regex.match(path)), None
    )
    if index is None:
        return []
    contract = declared(method, index, status)
    if contract is None:
        return [f"status {status} is not declared for {method} {path}"]
    problems = [f"missing header {h}" for h in contract.headers if h not in headers]
    if contract.media_type is None:
        return problems + (["a body was sent where none is declared"] if body else [])
    media = headers.get("content-type", "").split(";")[0].strip()
    if media not in contract.media_types:
        problems.append(f"media type {media!r} instead of {contract.media_type!r}")
    if not is_json(media):  # file content (the `files` class): the bytes of a file, not a document
        return problems
    try:
        parsed = orjson.loads(body)
    except orjson.JSONDecodeError:
        return [*problems, "the body is not JSON"]
    assert contract.validator is not None
    problems += [
        f"{'/'.join(map(str, e.absolute_path)) or '(body)'}: {e.message}"
        for e in contract.validator.iter_errors(parsed)
    ]
    return problems


class ResponseValidationMiddleware:
    """Pure ASGI middleware (no BaseHTTPMiddleware overhead) buffering each response to validate it."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start: Message = {}
        chunks: list[bytes] = []

        streaming = False

        async def capture(message: Message) -> None:
            nonlocal start, streaming
            if streaming:  # file content: checked at its start, then passed through (never buffered)
                await send(message)
            elif message["type"] == "http.response.start":
                start = message
                media = Headers(raw=message.get("headers", [])).get("content-type", "").split(";")[0].strip()
                if media and not is_json(media) and "/v1/" in scope["path"]:
                    streaming = await self._start_stream(scope, start, send)
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
                if not message.get("more_body"):
                    await self._finish(scope, start, b"".join(chunks), send)

        await self.app(scope, receive, capture)

    async def _start_stream(self, scope: Scope, start: Message, send: Send) -> bool:
        """Check a file response's status, media type and headers; send its start if they conform (True)."""
        headers = {k.decode().lower(): v.decode() for k, v in start.get("headers", [])}
        if violations(scope["method"], scope["path"], start["status"], headers, b""):
            return False  # buffered like any other response, and answered 500 by _finish
        await send(start)
        return True

    async def _finish(self, scope: Scope, start: Message, body: bytes, send: Send) -> None:
        headers = {k.decode().lower(): v.decode() for k, v in start.get("headers", [])}
        found = violations(scope["method"], scope["path"], start["status"], headers, body)
        if found:
            log.error("response of %s %s violates the spec: %s", scope["method"], scope["path"], found)
            detail = "The server produced a response that violates the spec: " + "; ".join(found[:5])
            body = orjson.dumps(document(500, detail, slug="response-validation"))
            start = {
                "type": "http.response.start",
                "status": 500,
                "headers": [
                    (b"content-type", PROBLEM_MEDIA_TYPE.encode()),
                    (b"content-length", str(len(body)).encode()),
                ],
            }
        await send(start)
        await send({"type": "http.response.body", "body": body})
