"""Pagination rule: a list without pages works on a test database and falls over on a facility's."""

from __future__ import annotations

from typing import Any

from spec_tools.lint.model import Context, Rule, rule
from spec_tools.lint.source import Loc
from spec_tools.lint.walk import Operation, operations, parameters, types_of

PAGE_FIELDS = ("items", "nextPageToken", "next")
PAGE_PARAMS = ("limit", "pageToken")


def _success_schema(ctx: Context, op: Operation) -> tuple[Loc, dict[str, Any]] | None:
    """The JSON schema of the operation's 200 response, resolved, or None."""
    responses = op.node.get("responses") or {}
    if "200" not in responses:
        return None
    response_loc, response = ctx.sources.resolve(op.loc.child("responses", "200"))
    content = (response or {}).get("content") or {}
    if "application/json" not in content:
        return None
    schema_loc = response_loc.child("content", "application/json", "schema")
    loc, schema = ctx.sources.resolve(schema_loc)
    return (loc, schema) if isinstance(schema, dict) else None


def _is_list(op: Operation, schema: dict[str, Any]) -> bool:
    """A GET that returns many records: named list*, or answering an array or an object with ``items``."""
    if op.method != "get":
        return False
    if str(op.node.get("operationId", "")).startswith("list") or "array" in types_of(schema):
        return True
    return "items" in (schema.get("properties") or {})


@rule("list-pagination", "Every list is paginated alike (limit, pageToken → items, nextPageToken, next: AIP-158).")
def list_pagination(self: Rule, ctx: Context) -> None:
    for op in operations(ctx.sources):
        found = _success_schema(ctx, op)
        if found is None:
            continue
        schema_loc, schema = found
        if not _is_list(op, schema):
            continue
        names = {p.get("name") for _, p in parameters(ctx.sources, op) if p.get("in") == "query"}
        missing = [name for name in PAGE_PARAMS if name not in names]
        if missing:
            ctx.report(self, op.loc, f"{op.name}: list without query parameter(s) {', '.join(missing)}")
        if "array" in types_of(schema):
            ctx.report(self, schema_loc, f"{op.name}: list answers a bare array; answer a page object")
            continue
        props = schema.get("properties") or {}
        absent = [name for name in PAGE_FIELDS if name not in props]
        if absent:
            ctx.report(self, schema_loc, f"{op.name}: page schema lacks {', '.join(absent)}")
