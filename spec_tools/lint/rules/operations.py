"""Operation rules: every operation says which module it belongs to, how it is secured and who may call it."""

from __future__ import annotations

import re

from spec_tools.lint.model import Context, Rule, rule
from spec_tools.lint.walk import operations

UPPER_SNAKE = re.compile(r"^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$")
CLASS_NAME = re.compile(r"^[a-z][a-z0-9-]*$")


@rule(
    "operation-conformance-class",
    "x-conformance-class ties each operation to a module, which a site declares at /conformance and is tested on.",
)
def operation_conformance_class(self: Rule, ctx: Context) -> None:
    for op in operations(ctx.sources):
        value = op.node.get("x-conformance-class")
        if not isinstance(value, str) or not CLASS_NAME.match(value):
            ctx.report(self, op.loc, f"{op.name}: x-conformance-class missing or not a lower-case class name")


@rule(
    "operation-security",
    "Each operation states its security explicitly (even `[]` for public ones), so none is public by accident.",
)
def operation_security(self: Rule, ctx: Context) -> None:
    for op in operations(ctx.sources):
        if not isinstance(op.node.get("security"), list):
            ctx.report(self, op.loc, f"{op.name}: no `security` on the operation")


@rule("operation-roles", "x-roles lists the roles allowed, which servers enforce and the conformance suite checks.")
def operation_roles(self: Rule, ctx: Context) -> None:
    for op in operations(ctx.sources):
        roles = op.node.get("x-roles")
        if not isinstance(roles, list) or not roles:
            ctx.report(self, op.loc, f"{op.name}: x-roles missing or empty")
            continue
        bad = [r for r in roles if not isinstance(r, str) or not UPPER_SNAKE.match(r)]
        if bad:
            ctx.report(self, op.loc.child("x-roles"), f"{op.name}: x-roles values not UPPER_SNAKE_CASE: {bad}")
        if op.node.get("security") == [] and "ANONYMOUS" not in roles:
            ctx.report(self, op.loc.child("x-roles"), f"{op.name}: public operation (security: []) without ANONYMOUS")
