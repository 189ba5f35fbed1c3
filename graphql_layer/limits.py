"""Depth and cost limits, checked before anything is fetched: a query too deep or too costly is refused whole.

* **Depth**: nested fields (``session { dataCollections { nodes { … } } }`` is 3 deep at ``nodes``), fragments
  followed, ``__typename`` and introspection free.
* **Cost**: the records the query may fetch, at most: each object field counts 1, a connection multiplies what
  is inside it by its ``first`` (the argument, a variable or its default). 50 data collections × 10 programs ×
  10 scaling statistics is about 6 000.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    get_named_type,
    value_from_ast,
)

from graphql_layer.schema import DEFAULT_FIRST


@dataclass(frozen=True)
class Limits:
    max_depth: int = 15
    max_cost: int = 50_000


class _Walker:
    def __init__(self, schema: GraphQLSchema, fragments: dict[str, FragmentDefinitionNode], variables: dict[str, Any]):
        self.schema = schema
        self.fragments = fragments
        self.variables = variables

    def fields(
        self, selection_set: SelectionSetNode, parent: GraphQLObjectType, seen: frozenset[str]
    ) -> list[tuple[FieldNode, GraphQLObjectType]]:
        out: list[tuple[FieldNode, GraphQLObjectType]] = []
        for sel in selection_set.selections:
            if isinstance(sel, FieldNode):
                out.append((sel, parent))
            elif isinstance(sel, InlineFragmentNode):
                target = self.schema.get_type(sel.type_condition.name.value) if sel.type_condition else parent
                if isinstance(target, GraphQLObjectType):
                    out += self.fields(sel.selection_set, target, seen)
            elif isinstance(sel, FragmentSpreadNode) and sel.name.value not in seen:
                frag = self.fragments.get(sel.name.value)
                target = self.schema.get_type(frag.type_condition.name.value) if frag else None
                if frag is not None and isinstance(target, GraphQLObjectType):
                    out += self.fields(frag.selection_set, target, seen | {sel.name.value})
        return out

    def measure(
        self, selection_set: SelectionSetNode, parent: GraphQLObjectType, seen: frozenset[str] = frozenset()
    ) -> tuple[int, int]:
        """(depth, cost) of a selection set on ``parent``."""
        depth, cost = 0, 0
        for node, owner in self.fields(selection_set, parent, seen):
            name = node.name.value
            if name.startswith("__") or name not in owner.fields:
                continue
            definition = owner.fields[name]
            named = get_named_type(definition.type)
            if node.selection_set is None or not isinstance(named, GraphQLObjectType):
                depth = max(depth, 1)
                continue
            inner_depth, inner_cost = self.measure(node.selection_set, named, seen)
            depth = max(depth, 1 + inner_depth)
            if named.name.endswith("Connection") and "first" in definition.args:
                cost += 1 + self.first(node, definition.args["first"]) * inner_cost
            else:
                cost += 1 + inner_cost
        return depth, cost

    def first(self, node: FieldNode, argument: Any) -> int:
        for arg in node.arguments or ():
            if arg.name.value == "first":
                value = value_from_ast(arg.value, argument.type, self.variables)
                return int(value) if isinstance(value, int) and value > 0 else DEFAULT_FIRST
        default = argument.default_value
        return int(default) if isinstance(default, int) else DEFAULT_FIRST


def check(
    schema: GraphQLSchema,
    operation: OperationDefinitionNode,
    fragments: dict[str, FragmentDefinitionNode],
    variables: dict[str, Any],
    limits: Limits,
) -> list[GraphQLError]:
    """The limit errors of ``operation`` (empty when it is within both limits)."""
    root = schema.query_type
    if root is None:
        return []
    depth, cost = _Walker(schema, fragments, variables).measure(operation.selection_set, root)
    errors = []
    if depth > limits.max_depth:
        errors.append(
            GraphQLError(
                f"the query is {depth} fields deep; at most {limits.max_depth} are allowed",
                operation,
                extensions={"status": 400, "limit": "depth", "depth": depth, "maxDepth": limits.max_depth},
            )
        )
    if cost > limits.max_cost:
        errors.append(
            GraphQLError(
                f"the query may fetch {cost} records; at most {limits.max_cost} are allowed (lower `first`)",
                operation,
                extensions={"status": 400, "limit": "cost", "cost": cost, "maxCost": limits.max_cost},
            )
        )
    return errors


def estimate(
    schema: GraphQLSchema,
    operation: OperationDefinitionNode,
    fragments: dict[str, FragmentDefinitionNode],
    variables: dict[str, Any],
) -> tuple[int, int]:
    root = schema.query_type
    assert root is not None
    return _Walker(schema, fragments, variables).measure(operation.selection_set, root)
