"""Errors: RFC 9457 problem+json on every error, field pointers on validation errors, 401 without a token."""

from __future__ import annotations

from typing import Any

from conformance.checks.common import is_problem, item_path, json_body, random_uuid
from conformance.context import CheckContext
from conformance.registry import family, module_class


def _pointers(body: object) -> list[str]:
    if not isinstance(body, dict):
        return []
    return [str(e.get("pointer")) for e in body.get("errors", []) if isinstance(e, dict)]


@family(
    "PROBLEM-01",
    "Errors are problem+json",
    "Every error response (4xx, 5xx) of the class is `application/problem+json` with type, title and the "
    "HTTP status; a validation error (422) names each offending field in `errors[].pointer` (`/query/limit`, "
    "`/path/uuid`, `/body/…`).",
    applies=module_class,
    reviews_class=True,
)
def problems(ctx: CheckContext) -> None:
    for collection in ctx.collections():
        if collection.op("list"):
            response, exchange = ctx.get(collection.path, "owner", {"limit": 0})
            valid = ctx.expect_status(response, exchange, {400, 422}, f"{collection.path}?limit=0")
            if valid and response.status_code == 422 and "/query/limit" not in _pointers(json_body(response)):
                ctx.fail(f"{collection.path}?limit=0: `errors` does not point at /query/limit", exchange)
        response, exchange = ctx.get(item_path(collection, "not-a-uuid"), "owner")
        valid = ctx.expect_status(response, exchange, {400, 404, 422}, f"GET {collection.name}/not-a-uuid")
        if valid and response.status_code == 422 and "/path/uuid" not in _pointers(json_body(response)):
            ctx.fail(f"GET {collection.name}/not-a-uuid: `errors` does not point at /path/uuid", exchange)
        if ctx.writes_allowed and collection.op("put"):
            path = item_path(collection, random_uuid(ctx, f"problem:{collection.name}"))
            response, exchange = ctx.request("PUT", path, "staff", json_body={"conformanceUnknownField": 1})
            valid = ctx.expect_status(response, exchange, {422}, f"PUT {collection.name} with an invalid body")
            if valid and not any(p.startswith("/body") for p in _pointers(json_body(response))):
                ctx.fail(f"PUT {collection.name} with an invalid body: no `errors[].pointer` under /body", exchange)
    seen = 0
    for exchange in ctx.run.current.exchanges:
        if exchange.status is None or exchange.status < 400:
            continue
        seen += 1
        media = exchange.response_headers.get("content-type", "").split(";")[0].strip()
        body = exchange.response_body
        if media != "application/problem+json":
            ctx.fail(
                f"{exchange.method} {exchange.url} answered {exchange.status} as {media or 'no content type'}", exchange
            )
        elif not isinstance(body, dict) or body.get("status") != exchange.status or "title" not in body:
            ctx.fail(f"{exchange.method} {exchange.url}: the problem lacks title or the right status", exchange)
    ctx.details["errorResponsesExamined"] = seen


@family(
    "AUTHN-01",
    "Authentication required",
    "Every operation of the class that needs a token answers 401 (problem+json) without one or with a token the "
    "site never issued, and reveals nothing.",
    applies=module_class,
)
def authentication(ctx: CheckContext) -> None:
    for collection in ctx.collections():
        record = random_uuid(ctx, f"authn:{collection.name}")
        for key, op in collection.operations.items():
            if not op.requires_auth or (op.is_write and not ctx.writes_allowed):
                continue
            path = collection.path if key in ("list", "create") else item_path(collection, record)
            for label, token in (("without a token", None), ("with an unknown token", "conformance-unknown-token")):
                body: dict[str, Any] | None = {} if op.method in ("POST", "PUT", "PATCH") else None
                response, exchange = ctx.client.request(op.method, path, identity=None, token=token, json_body=body)
                if ctx.expect_status(response, exchange, {401}, f"{op.method} {path} {label}"):
                    problem = is_problem(response)
                    if problem:
                        ctx.fail(f"{op.method} {path} {label}: {problem}", exchange)
