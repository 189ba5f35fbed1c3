"""The rules the spec states as data, read for the suite's generators (never guessed from prose or names).

- `x-unique: [[fieldA, fieldB], …]` on a record schema: the values of each group are unique among the records of
  the collection (a record lacking one of them never collides). Generated bodies get values no record has.
- `x-references: <Schema>` on a `…Uuid` property: the resource it points to, resolved to the sandbox's own record.
- `x-immutable: true`: set at creation, never changed afterwards; a patch never sends another value.
- `x-extensible-enum: [VALUE, …]`: clients accept any string in responses, servers accept only the listed values
  in requests; request data is generated from the list (as an `enum`), responses are validated without it.
- `readOnly: true` members of `*Input`/`*Patch` schemas: the server ignores them, so generated bodies leave
  them out (echoing them back is certified separately, by GETPUT-01).
"""

from __future__ import annotations

import copy
from typing import Any

MAX_INLINE_DEPTH = 12


def unique_groups(schema: dict[str, Any]) -> list[tuple[str, ...]]:
    """The `x-unique` groups of a record schema (empty when it declares none)."""
    groups = schema.get("x-unique") or []
    return [tuple(str(f) for f in group) for group in groups if isinstance(group, list) and group]


def referenced_schema(node: dict[str, Any]) -> str | None:
    """The schema an `x-references` property points to, looking through `oneOf`/`anyOf`/`allOf` wrappers."""
    if not isinstance(node, dict):
        return None
    if isinstance(node.get("x-references"), str):
        return str(node["x-references"])
    for key in ("oneOf", "anyOf", "allOf"):
        for option in node.get(key, []):
            found = referenced_schema(option)
            if found:
                return found
    return None


def is_immutable(node: dict[str, Any]) -> bool:
    return isinstance(node, dict) and node.get("x-immutable") is True


def is_read_only(node: dict[str, Any]) -> bool:
    return isinstance(node, dict) and node.get("readOnly") is True


def vocabulary(node: dict[str, Any]) -> list[Any] | None:
    """The values a request may carry for this node: `enum`, else `x-extensible-enum`."""
    if not isinstance(node, dict):
        return None
    values = node.get("enum", node.get("x-extensible-enum"))
    return list(values) if isinstance(values, list) else None


class RequestView:
    """The spec as a client must write requests: operations' parameter and body schemas inlined, with
    `x-extensible-enum` turned into `enum` and `readOnly` members dropped from request bodies. Responses (and the
    components they refer to) are left as they are, so any vocabulary string stays valid in a response."""

    def __init__(self, document: dict[str, Any]) -> None:
        self.source = document

    def document(self) -> dict[str, Any]:
        result = dict(self.source)
        result["paths"] = {}
        for path, item in self.source.get("paths", {}).items():
            new_item = dict(item)
            for method, operation in item.items():
                if not isinstance(operation, dict) or method == "parameters":
                    continue
                new_item[method] = self._operation(operation)
            if isinstance(item.get("parameters"), list):
                new_item["parameters"] = [self._parameter(p) for p in item["parameters"]]
            result["paths"][path] = new_item
        return result

    def _operation(self, operation: dict[str, Any]) -> dict[str, Any]:
        new = dict(operation)
        if "parameters" in operation:
            new["parameters"] = [self._parameter(p) for p in operation["parameters"]]
        body = operation.get("requestBody")
        if isinstance(body, dict):
            body = self._resolve(body)
            content = {}
            for media, entry in body.get("content", {}).items():
                entry = dict(entry)
                if "schema" in entry:
                    entry["schema"] = self._inline(entry["schema"], body=True)
                content[media] = entry
            new["requestBody"] = {**body, "content": content}
        return new

    def _parameter(self, parameter: dict[str, Any]) -> dict[str, Any]:
        parameter = dict(self._resolve(parameter))
        if "schema" in parameter:
            parameter["schema"] = self._inline(parameter["schema"], body=False)
        return parameter

    def _resolve(self, node: Any) -> Any:
        seen = 0
        while isinstance(node, dict) and "$ref" in node and seen < 20:
            target: Any = self.source
            for part in node["$ref"].lstrip("#/").split("/"):
                target = target[part.replace("~1", "/").replace("~0", "~")]
            node = target
            seen += 1
        return node

    def _inline(self, node: Any, *, body: bool, depth: int = 0) -> Any:
        if depth > MAX_INLINE_DEPTH:
            return copy.deepcopy(node)
        if isinstance(node, list):
            return [self._inline(item, body=body, depth=depth + 1) for item in node]
        if not isinstance(node, dict):
            return node
        if "$ref" in node:
            siblings = {k: v for k, v in node.items() if k != "$ref"}
            resolved = self._inline(self._resolve(node), body=body, depth=depth + 1)
            return {**resolved, **siblings} if isinstance(resolved, dict) else resolved
        new: dict[str, Any] = {}
        for key, value in node.items():
            if key == "properties" and isinstance(value, dict):
                kept = {n: v for n, v in value.items() if not (body and self._read_only(v))}
                new[key] = {n: self._inline(v, body=body, depth=depth + 1) for n, v in kept.items()}
            elif key in ("examples", "example", "default", "enum", "x-extensible-enum", "const"):
                new[key] = copy.deepcopy(value)
            else:
                new[key] = self._inline(value, body=body, depth=depth + 1)
        if body and isinstance(new.get("required"), list) and isinstance(new.get("properties"), dict):
            dropped = set(node.get("properties", {})) - set(new["properties"])
            new["required"] = [r for r in new["required"] if r not in dropped]
            if not new["required"]:
                del new["required"]
        if "x-extensible-enum" in new and "enum" not in new:
            kinds = new.get("type")
            nullable = isinstance(kinds, list) and "null" in kinds
            new["enum"] = list(new["x-extensible-enum"]) + ([None] if nullable else [])
        return new

    def _read_only(self, node: Any) -> bool:
        return isinstance(node, dict) and (is_read_only(node) or is_read_only(self._resolve(node)))


def request_document(document: dict[str, Any]) -> dict[str, Any]:
    """See `RequestView`."""
    return RequestView(document).document()
