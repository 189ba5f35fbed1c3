"""Iterate over the parts of a multi-file spec that rules look at, each with its source location.

Rules must not each re-implement "find every operation" or "every property of every schema", and they must
see the same set: operations reached from the root's ``paths`` (across files), schemas of every file's
``components``, and properties at any depth inside them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from spec_tools.lint.source import Loc, SourceSet

HTTP_METHODS = ("get", "put", "post", "patch", "delete", "head", "options", "trace")
SUBSCHEMA_LISTS = ("allOf", "anyOf", "oneOf", "prefixItems")


@dataclass(frozen=True)
class Operation:
    path: str
    method: str
    loc: Loc
    node: dict[str, Any]

    @property
    def name(self) -> str:
        return f"{self.method.upper()} {self.path}"


@dataclass(frozen=True)
class Schema:
    """A schema with a name for messages: ``Proposal`` or ``Proposal.items[].uuid``."""

    name: str
    loc: Loc
    node: dict[str, Any]


def operations(sources: SourceSet) -> Iterator[Operation]:
    root = Loc(sources.root)
    paths = sources.get(root).get("paths") or {}
    for path in paths:
        item_loc, item = sources.resolve(root.child("paths", path))
        if not isinstance(item, dict):
            continue
        for method in HTTP_METHODS:
            if isinstance(item.get(method), dict):
                yield Operation(path, method, item_loc.child(method), item[method])


def component_schemas(sources: SourceSet) -> Iterator[Schema]:
    for path in sources.files:
        schemas = ((sources.doc(path) or {}).get("components") or {}).get("schemas") or {}
        for name, node in schemas.items():
            if isinstance(node, dict):
                yield Schema(name, Loc(path, "/components/schemas").child(name), node)


def subschemas(schema: Schema) -> Iterator[tuple[str, Schema]]:
    """Direct children of a schema, each with how it hangs: ``property``, ``items`` or ``composition``."""
    node = schema.node
    for prop, sub in (node.get("properties") or {}).items():
        if isinstance(sub, dict):
            yield "property", Schema(f"{schema.name}.{prop}", schema.loc.child("properties", prop), sub)
    if isinstance(node.get("items"), dict):
        yield "items", Schema(f"{schema.name}[]", schema.loc.child("items"), node["items"])
    if isinstance(node.get("additionalProperties"), dict):
        yield (
            "items",
            Schema(f"{schema.name}{{}}", schema.loc.child("additionalProperties"), node["additionalProperties"]),
        )
    for key in SUBSCHEMA_LISTS:
        for index, sub in enumerate(node.get(key) or []):
            if isinstance(sub, dict):
                yield "composition", Schema(schema.name, schema.loc.child(key, index), sub)


def properties(schema: Schema) -> Iterator[Schema]:
    """Every property at any depth below ``schema`` (not crossing ``$ref``)."""
    for kind, sub in subschemas(schema):
        if kind == "property":
            yield sub
        yield from properties(sub)


def descendants(schema: Schema) -> Iterator[Schema]:
    """Every subschema at any depth below ``schema`` (properties, items, compositions; not crossing ``$ref``)."""
    for _, sub in subschemas(schema):
        yield sub
        yield from descendants(sub)


def all_properties(sources: SourceSet) -> Iterator[Schema]:
    for schema in component_schemas(sources):
        yield from properties(schema)


def ignored(node: dict[str, Any], rule_id: str) -> bool:
    """Whether the node waives ``rule_id`` with ``x-lint-ignore: {rule-id: reason}`` (a reason is required)."""
    waivers = node.get("x-lint-ignore")
    return isinstance(waivers, dict) and bool(waivers.get(rule_id))


def types_of(node: dict[str, Any]) -> set[str]:
    """The JSON types a schema's ``type`` names (3.1 allows a list)."""
    declared = node.get("type")
    if isinstance(declared, str):
        return {declared}
    if isinstance(declared, list):
        return {t for t in declared if isinstance(t, str)}
    return set()


def path_item_loc(op: Operation) -> Loc:
    """The location of the path item holding ``op``."""
    return Loc(op.loc.file, op.loc.pointer.rsplit("/", 1)[0])


def parameters(sources: SourceSet, op: Operation) -> Iterator[tuple[Loc, dict[str, Any]]]:
    """The operation's parameters (its own, then those of its path item), resolved across files."""
    owners = [op.loc, path_item_loc(op)]
    for owner in owners:
        node = sources.get(owner)
        for index, _ in enumerate(node.get("parameters") or []):
            loc, param = sources.resolve(owner.child("parameters", index))
            if isinstance(param, dict):
                yield loc, param
