"""Naming rules: one convention everywhere, so that every SDK and every site reads the same names."""

from __future__ import annotations

import re
from typing import Any

from spec_tools.lint.model import Context, Rule, rule
from spec_tools.lint.source import Loc
from spec_tools.lint.walk import (
    all_properties,
    component_schemas,
    descendants,
    ignored,
    operations,
    parameters,
    path_item_loc,
    types_of,
)

CAMEL = re.compile(r"^[a-z][a-zA-Z0-9]*$")
KEBAB = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
UPPER_SNAKE = re.compile(r"^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$")
VERSION = re.compile(r"^v[0-9]+$")
PARAM = re.compile(r"^\{(.+)\}$")
#: Well-known singular resources: the caller (``/v1/me``), health and the OGC API conformance declaration.
SINGLETONS = frozenset({"me", "health", "conformance"})
#: Views of one record, after its path parameter (``/v1/images/{uuid}/content``): singular by nature.
RECORD_VIEWS = frozenset({"content", "thumbnail"})


def _plural(segment: str) -> bool:
    """English plural, loosely: the last word ends in -s, or is a Latin plural (spectra, data, media)."""
    last = segment.rsplit("-", 1)[-1]
    return last.endswith("s") or last in {"spectra", "data", "media", "criteria", "people"}


@rule("path-kebab-plural", "Paths are kebab-case plural collections so that URLs read alike across all modules.")
def path_kebab_plural(self: Rule, ctx: Context) -> None:
    seen: set[str] = set()
    for op in operations(ctx.sources):
        if op.path in seen:
            continue
        seen.add(op.path)
        where = path_item_loc(op)
        previous = ""
        for segment in (s for s in op.path.split("/") if s):
            param = PARAM.match(segment)
            after_param, previous = bool(PARAM.match(previous)), segment
            if param:
                if not CAMEL.match(param.group(1)):
                    ctx.report(self, where, f"{op.path}: path parameter {segment} is not camelCase")
            elif VERSION.match(segment) or segment in SINGLETONS or (after_param and segment in RECORD_VIEWS):
                continue
            elif not KEBAB.match(segment):
                ctx.report(self, where, f"{op.path}: segment {segment!r} is not kebab-case")
            elif not _plural(segment):
                ctx.report(self, where, f"{op.path}: collection {segment!r} is not plural")


@rule("property-camel-case", "JSON fields are camelCase, the convention of the existing ISPyB REST APIs and of JS.")
def property_camel_case(self: Rule, ctx: Context) -> None:
    for prop in all_properties(ctx.sources):
        name = prop.loc.pointer.rsplit("/", 1)[-1]
        if not CAMEL.match(name) and not ignored(prop.node, self.id):
            ctx.report(self, prop.loc, f"{prop.name}: property {name!r} is not camelCase")


@rule("enum-upper-snake", "Enum values are UPPER_SNAKE_CASE so that they read as constants and never collide by case.")
def enum_upper_snake(self: Rule, ctx: Context) -> None:
    for component in component_schemas(ctx.sources):
        for node in [component, *descendants(component)]:
            _check_enum(self, ctx, node.name, node.loc, node.node)
    for op in operations(ctx.sources):
        for param_loc, param in parameters(ctx.sources, op):
            if param.get("in") == "header" or param.get("name") == "orderBy":
                continue  # header values are set by HTTP itself (`If-None-Match: *`); orders name fields (AIP-132)
            schema = param.get("schema")
            if isinstance(schema, dict):
                _check_enum(self, ctx, f"{op.name} parameter {param.get('name')}", param_loc.child("schema"), schema)


def _check_enum(self: Rule, ctx: Context, name: str, loc: Loc, node: dict[str, Any]) -> None:
    values = node.get("x-extensible-enum", node.get("enum"))
    if not isinstance(values, list) or ignored(node, self.id):
        return
    if types_of(node) - {"string", "null"}:
        return
    bad = [v for v in values if isinstance(v, str) and not UPPER_SNAKE.match(v)]
    if bad:
        key = "x-extensible-enum" if "x-extensible-enum" in node else "enum"
        ctx.report(self, loc.child(key), f"{name}: enum values not UPPER_SNAKE_CASE: {bad}")


@rule("parameter-camel-case", "Query and path parameters are camelCase, like the fields they filter on.")
def parameter_camel_case(self: Rule, ctx: Context) -> None:
    for op in operations(ctx.sources):
        for loc, param in parameters(ctx.sources, op):
            name = param.get("name")
            if param.get("in") in ("query", "path") and isinstance(name, str) and not CAMEL.match(name):
                ctx.report(self, loc, f"{op.name}: parameter {name!r} is not camelCase")


@rule("operation-id-camel-case", "operationIds become SDK method names: camelCase verbs (listSamples) suit them all.")
def operation_id_camel_case(self: Rule, ctx: Context) -> None:
    for op in operations(ctx.sources):
        op_id = op.node.get("operationId")
        if not isinstance(op_id, str) or not CAMEL.match(op_id):
            ctx.report(self, op.loc, f"{op.name}: operationId {op_id!r} missing or not camelCase")
