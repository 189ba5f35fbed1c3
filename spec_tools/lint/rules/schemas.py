"""Schema rules: units, timestamps, errors as problem+json, and named (not inline) schemas."""

from __future__ import annotations

import re
from typing import Any

from spec_tools.lint.model import Context, Rule, rule
from spec_tools.lint.source import Loc
from spec_tools.lint.walk import all_properties, ignored, operations, types_of

PROBLEM = "application/problem+json"
TIMESTAMP_NAME = re.compile(r"(At|Time)$")


@rule("number-unit", "A physical quantity without a unit is a bug waiting (Å or nm? s or ms?): `number` needs x-unit.")
def number_unit(self: Rule, ctx: Context) -> None:
    for prop in all_properties(ctx.sources):
        if "number" in types_of(prop.node) and not prop.node.get("x-unit") and not ignored(prop.node, self.id):
            ctx.report(self, prop.loc, f"{prop.name}: number without x-unit")


@rule("timestamp-format", "Fields named *At/*Time are instants: `format: date-time` (RFC 3339 with a zone).")
def timestamp_format(self: Rule, ctx: Context) -> None:
    for prop in all_properties(ctx.sources):
        name = prop.loc.pointer.rsplit("/", 1)[-1]
        if TIMESTAMP_NAME.search(name) and "string" in types_of(prop.node) and prop.node.get("format") != "date-time":
            ctx.report(self, prop.loc, f"{prop.name}: timestamp without format: date-time")


@rule("problem-json", "Errors are RFC 9457 problem+json everywhere, so one client-side handler reads them all.")
def problem_json(self: Rule, ctx: Context) -> None:
    for op in operations(ctx.sources):
        for code in op.node.get("responses") or {}:
            if not str(code).startswith(("4", "5")):
                continue
            loc, response = ctx.sources.resolve(op.loc.child("responses", str(code)))
            content = (response or {}).get("content") or {}
            if PROBLEM not in content:
                ctx.report(self, loc, f"{op.name} {code}: error response is not {PROBLEM}")
            elif other := sorted(set(content) - {PROBLEM}):
                ctx.report(self, loc, f"{op.name} {code}: error response also offers {other}")


def _body_schemas(op_loc: Loc, op: dict[str, Any]) -> list[tuple[str, Loc, Any]]:
    found: list[tuple[str, Loc, Any]] = []
    body = op.get("requestBody")
    if isinstance(body, dict):
        for media, entry in (body.get("content") or {}).items():
            found.append(
                (
                    f"request body {media}",
                    op_loc.child("requestBody", "content", media, "schema"),
                    (entry or {}).get("schema"),
                )
            )
    for code, response in (op.get("responses") or {}).items():
        if isinstance(response, dict):
            for media, entry in (response.get("content") or {}).items():
                found.append(
                    (
                        f"response {code} {media}",
                        op_loc.child("responses", str(code), "content", media, "schema"),
                        (entry or {}).get("schema"),
                    )
                )
    return found


@rule("body-schema-ref", "Request and response bodies $ref a named component, which SDKs turn into a named type.")
def body_schema_ref(self: Rule, ctx: Context) -> None:
    for op in operations(ctx.sources):
        for what, loc, schema in _body_schemas(op.loc, op.node):
            if not (isinstance(schema, dict) and isinstance(schema.get("$ref"), str)):
                ctx.report(self, loc, f"{op.name}: {what} schema is inline; $ref a component schema")
            elif "/components/schemas/" not in schema["$ref"]:
                ctx.report(self, loc, f"{op.name}: {what} schema $ref is not a component schema")


@rule("no-inline-object", "A nested object with its own properties deserves a name: SDKs otherwise invent one.")
def no_inline_object(self: Rule, ctx: Context) -> None:
    for prop in all_properties(ctx.sources):
        node = prop.node
        nested = [node, node.get("items")] if isinstance(node.get("items"), dict) else [node]
        for sub in nested:
            if (
                isinstance(sub, dict)
                and "object" in types_of(sub)
                and sub.get("properties")
                and not ignored(node, self.id)
            ):
                ctx.report(self, prop.loc, f"{prop.name}: inline object schema; make it a named component")
