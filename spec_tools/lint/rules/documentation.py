"""Documentation rules: the spec is the documentation every site and client author reads, so nothing is bare."""

from __future__ import annotations

from typing import Any

from spec_tools.lint.model import Context, Rule, rule
from spec_tools.lint.source import Loc
from spec_tools.lint.walk import all_properties, component_schemas, ignored, operations, parameters


def _described(ctx: Context, loc: Loc, node: dict[str, Any]) -> bool:
    """A description on the node, or on the schema its ``$ref`` names (what docs and SDKs then show)."""
    if isinstance(node.get("description"), str) and node["description"].strip():
        return True
    if "$ref" in node:
        _, target = ctx.sources.resolve(loc)
        return isinstance(target, dict) and bool(str(target.get("description", "")).strip())
    return False


@rule("schema-description", "Every component schema says what it is; generated models turn it into docstrings.")
def schema_description(self: Rule, ctx: Context) -> None:
    for schema in component_schemas(ctx.sources):
        if not _described(ctx, schema.loc, schema.node) and not ignored(schema.node, self.id):
            ctx.report(self, schema.loc, f"schema {schema.name} has no description")


@rule("property-description", "Every field states its meaning (and its ISPyB origin): the spec is the site mapping.")
def property_description(self: Rule, ctx: Context) -> None:
    for prop in all_properties(ctx.sources):
        if not _described(ctx, prop.loc, prop.node) and not ignored(prop.node, self.id):
            ctx.report(self, prop.loc, f"property {prop.name} has no description")


@rule("operation-description", "Every operation has a summary (menus, SDK docs) and a description (behaviour, roles).")
def operation_description(self: Rule, ctx: Context) -> None:
    for op in operations(ctx.sources):
        for key in ("summary", "description"):
            if not str(op.node.get(key, "")).strip():
                ctx.report(self, op.loc, f"{op.name} has no {key}")


@rule("parameter-description", "Every parameter says what it filters or controls; SDKs show it as argument help.")
def parameter_description(self: Rule, ctx: Context) -> None:
    for op in operations(ctx.sources):
        for loc, param in parameters(ctx.sources, op):
            if not str(param.get("description", "")).strip():
                ctx.report(self, loc, f"{op.name}: parameter {param.get('name')!r} has no description")


@rule("schema-example", "Every component schema has an example: docs show it, tests validate it and mocks serve it.")
def schema_example(self: Rule, ctx: Context) -> None:
    for schema in component_schemas(ctx.sources):
        node = schema.node
        if not node.get("examples") and "example" not in node and not ignored(node, self.id):
            ctx.report(self, schema.loc, f"schema {schema.name} has no examples")
