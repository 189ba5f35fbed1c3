"""Contract rules: what every client must handle and every server enforces is stated as data (issue 10).

A reference names its target (``x-references``), a vocabulary says it may grow (``x-extensible-enum``), every
operation declares the failures any client meets (400, 429, 5XX, 413 with a body, 503 on storage), every array
and input string is bounded, and instants follow one naming rule. The reference server and the conformance
suite read these extensions; a spec without them would leave each to guess.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from spec_tools.lint.model import Context, Rule, rule
from spec_tools.lint.source import Loc
from spec_tools.lint.walk import Schema, component_schemas, descendants, ignored, operations, parameters, types_of

REQUEST_SUFFIXES = ("Input", "Patch")
INSTANT_NAMES = frozenset({"startTime", "endTime"})
#: failure responses every operation declares (convention 10), and those that depend on the operation
ALWAYS = ("400", "429", "5XX")
STORAGE = "503"
BODY = "413"


def _all_schemas(ctx: Context) -> Iterator[Schema]:
    """Every component schema and every subschema below it."""
    for component in component_schemas(ctx.sources):
        yield component
        yield from descendants(component)


def _resource_names(ctx: Context) -> set[str]:
    """Schemas that are resources: those with an ``…Input`` companion (written and read back by UUID)."""
    names = {s.name for s in component_schemas(ctx.sources)}
    return {n for n in names if f"{n}Input" in names}


def _property(schema: Schema) -> str:
    return schema.name.rsplit(".", 1)[-1] if "." in schema.name else ""


@rule(
    "references-declared",
    "Every …Uuid member and filter names the resource it points to (x-references): servers check, suites resolve it.",
)
def references_declared(self: Rule, ctx: Context) -> None:
    resources = _resource_names(ctx)

    def check(name: str, loc: Loc, node: dict[str, Any]) -> None:
        target = node.get("x-references")
        if target is None:
            ctx.report(self, loc, f"{name}: a …Uuid without x-references (the resource it points to)")
        elif target not in resources:
            ctx.report(self, loc, f"{name}: x-references {target!r} is not a resource schema")

    for schema in _all_schemas(ctx):
        if _property(schema).endswith("Uuid") and not ignored(schema.node, self.id):
            check(schema.name, schema.loc, schema.node)
    for op in operations(ctx.sources):
        for loc, param in parameters(ctx.sources, op):
            if str(param.get("name", "")).endswith("Uuid") and isinstance(param.get("schema"), dict):
                schema, where = param["schema"], loc.child("schema")
                if schema.get("type") == "array" and isinstance(schema.get("items"), dict):  # several values
                    schema, where = schema["items"], where.child("items")
                check(f"{op.name} parameter {param['name']}", where, schema)


@rule(
    "vocabulary-extensible",
    "Vocabularies grow (a new technique, a new status): x-extensible-enum, never a closed enum in a schema.",
)
def vocabulary_extensible(self: Rule, ctx: Context) -> None:
    for schema in _all_schemas(ctx):
        node = schema.node
        if ignored(node, self.id):
            continue
        if "enum" in node and "string" in types_of(node):
            ctx.report(self, schema.loc.child("enum"), f"{schema.name}: closed enum; use x-extensible-enum")
        values = node.get("x-extensible-enum")
        if values is None:
            continue
        if not (isinstance(values, list) and values and all(isinstance(v, str) for v in values)):
            ctx.report(self, schema.loc, f"{schema.name}: x-extensible-enum must be a non-empty list of strings")
        elif len(set(values)) != len(values):
            ctx.report(self, schema.loc, f"{schema.name}: x-extensible-enum lists a value twice")
        if types_of(node) - {"string", "null"} or "string" not in types_of(node):
            ctx.report(self, schema.loc, f"{schema.name}: x-extensible-enum on a schema that is not a string")


@rule(
    "failures-declared",
    "Every operation declares what any client must handle: 400, 429 (Retry-After), 5XX; 413 on bodies, 503 on storage.",
)
def failures_declared(self: Rule, ctx: Context) -> None:
    for op in operations(ctx.sources):
        responses = op.node.get("responses") or {}
        needed = list(ALWAYS)
        if "requestBody" in op.node:
            needed.append(BODY)
        if op.path.startswith("/v1/") or op.path == "/health":
            needed.append(STORAGE)
        missing = [code for code in needed if code not in responses]
        if missing:
            ctx.report(self, op.loc.child("responses"), f"{op.name}: declares no {', '.join(missing)}")
        for code in ("429", "503"):
            if code in responses:
                _, response = ctx.sources.resolve(op.loc.child("responses", code))
                if code == "429" and "Retry-After" not in ((response or {}).get("headers") or {}):
                    ctx.report(self, op.loc.child("responses", code), f"{op.name}: 429 without a Retry-After header")


@rule(
    "array-bounded", "Every array has maxItems (page arrays at most 1000): no client or server must buffer without end."
)
def array_bounded(self: Rule, ctx: Context) -> None:
    for schema in _all_schemas(ctx):
        node = schema.node
        if "array" not in types_of(node) or ignored(node, self.id):
            continue
        limit = node.get("maxItems")
        if not isinstance(limit, int):
            ctx.report(self, schema.loc, f"{schema.name}: array without maxItems")
        elif schema.name.endswith("Page.items") and limit > 1000:
            ctx.report(self, schema.loc, f"{schema.name}: a page holds at most 1000 items (limit's maximum)")


def _unbounded_string(node: dict[str, Any]) -> bool:
    if "string" not in types_of(node):
        return False
    return not any(key in node for key in ("maxLength", "enum", "const", "x-extensible-enum"))


@rule("input-string-bounded", "Every string a client sends (body or query) has a maxLength, so input size is bounded.")
def input_string_bounded(self: Rule, ctx: Context) -> None:
    for component in component_schemas(ctx.sources):
        request_side = component.name.endswith(REQUEST_SUFFIXES) or "x-extensible-enum" in component.node
        if not request_side:
            continue
        for schema in [component, *descendants(component)]:
            if _unbounded_string(schema.node) and not ignored(schema.node, self.id):
                ctx.report(self, schema.loc, f"{schema.name}: input string without maxLength")
    for op in operations(ctx.sources):
        for loc, param in parameters(ctx.sources, op):
            param_schema = param.get("schema")
            if isinstance(param_schema, dict) and "$ref" not in param_schema and _unbounded_string(param_schema):
                ctx.report(self, loc.child("schema"), f"{op.name}: parameter {param.get('name')} without maxLength")


_TIME = re.compile(r"Time$")


@rule(
    "instant-naming",
    "One naming rule: bookkeeping instants end in At, experiment times are startTime/endTime, a DATE ends in Date.",
)
def instant_naming(self: Rule, ctx: Context) -> None:
    for schema in _all_schemas(ctx):
        name = _property(schema)
        if not name or ignored(schema.node, self.id):
            continue
        fmt = schema.node.get("format")
        if fmt == "date-time" and not (name.endswith("At") or name in INSTANT_NAMES):
            ctx.report(self, schema.loc, f"{schema.name}: a date-time is named …At, startTime or endTime")
        elif fmt == "date" and not name.endswith("Date"):
            ctx.report(self, schema.loc, f"{schema.name}: a date (format: date) is named …Date")
        elif name.endswith("Date") and fmt != "date" and "string" in types_of(schema.node):
            ctx.report(self, schema.loc, f"{schema.name}: …Date is a format: date (use …At for an instant)")
        elif _TIME.search(name) and name not in INSTANT_NAMES and "string" in types_of(schema.node):
            ctx.report(self, schema.loc, f"{schema.name}: …Time other than startTime/endTime; name it …At")
