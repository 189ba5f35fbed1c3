"""Valid request bodies built from the spec's `*Input` and `*Patch` schemas.

The suite writes only what the spec says is writable, with references (`…Uuid`) pointing at records it created in
the sandbox (or at the sandbox proposal and session), so that every write stays inside the sandbox.
Values are simple and deterministic; the hypothesis round trip adds generated variety on top.
"""

from __future__ import annotations

import re
from typing import Any

from conformance.spec import Collection, SpecIndex

DATE_TIME = "2026-01-02T03:04:05Z"
_PATTERN_CANDIDATES = ("cf1", "CF1", "cf-1", "cf_1", "A1", "1")


def reference_field_map(spec: SpecIndex) -> dict[str, str]:
    """`dataCollectionGroupUuid` → `data-collection-groups`: which collection each reference field points into."""
    mapping = {}
    for collection in spec.collections.values():
        if collection.record_schema:
            camel = collection.record_schema[0].lower() + collection.record_schema[1:]
            mapping[f"{camel}Uuid"] = collection.name
    return mapping


def _first_concrete(spec: SpecIndex, node: dict[str, Any]) -> dict[str, Any]:
    node = spec.resolve(node)
    for key in ("oneOf", "anyOf"):
        if key in node:
            for option in node[key]:
                option = spec.resolve(option)
                if option.get("type") != "null":
                    return {**{k: v for k, v in node.items() if k != key}, **option}
    if "allOf" in node:
        merged: dict[str, Any] = {}
        for part in node["allOf"]:
            merged.update(spec.resolve(part))
        return merged
    return node


def _type_of(node: dict[str, Any]) -> str | None:
    kind = node.get("type")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), None)
    return kind


def synthesize(spec: SpecIndex, node: dict[str, Any], tag: str = "cf") -> Any:
    """A value valid against `node` (enum, const, bounds, patterns, lengths)."""
    node = _first_concrete(spec, node)
    if "const" in node:
        return node["const"]
    if "enum" in node:
        return next(v for v in node["enum"] if v is not None)
    kind = _type_of(node)
    if kind == "string":
        return _string(node, tag)
    if kind in ("integer", "number"):
        return _number(node, kind)
    if kind == "boolean":
        return True
    if kind == "array":
        count = node.get("minItems", 0)
        return [synthesize(spec, node.get("items", {}), tag) for _ in range(count)]
    if kind == "object":
        props = node.get("properties", {})
        return {name: synthesize(spec, props[name], tag) for name in node.get("required", []) if name in props}
    return tag


def _string(node: dict[str, Any], tag: str) -> str:
    fmt = node.get("format")
    if fmt == "date-time":
        return DATE_TIME
    if fmt == "date":
        return DATE_TIME[:10]
    if fmt in ("uri", "uri-reference"):
        return "https://example.org/conformance"
    if fmt == "email":
        return "conformance@example.org"
    max_len = node.get("maxLength", 64)
    min_len = node.get("minLength", 0)
    pattern = node.get("pattern")
    candidates = [tag, *_PATTERN_CANDIDATES] if pattern else [tag]
    for candidate in candidates:
        value = candidate[:max_len].ljust(min_len, "x")
        if not pattern or re.search(pattern, value):
            return value
    return "1"[:max_len]


def _number(node: dict[str, Any], kind: str) -> int | float:
    low = node.get("minimum", node.get("exclusiveMinimum"))
    high = node.get("maximum", node.get("exclusiveMaximum"))
    value: float = 1.5 if kind == "number" else 1
    if low is not None and value <= low:
        value = low + 1 if kind == "integer" or "exclusiveMinimum" in node else low
    if high is not None and value >= high:
        value = high - 1 if kind == "integer" and "exclusiveMaximum" in node else high
        if kind == "number" and "exclusiveMaximum" in node:
            value = (low or 0) + (high - (low or 0)) / 2
    return int(value) if kind == "integer" else float(value)


def writable_fields(spec: SpecIndex, collection: Collection) -> dict[str, dict[str, Any]]:
    if not collection.input_schema:
        return {}
    return dict(spec.schema(collection.input_schema).get("properties", {}))


def patchable_field(spec: SpecIndex, collection: Collection) -> tuple[str, Any, Any] | None:
    """A field to change with PATCH and two distinct values for it: plain text first, then numbers."""
    if not collection.patch_schema:
        return None
    props = spec.schema(collection.patch_schema).get("properties", {})
    references = reference_field_map(spec)
    scored: list[tuple[int, str, Any, Any]] = []
    for name, raw in props.items():
        node = _first_concrete(spec, raw)
        if name.endswith("Uuid") or name in references or name in ("proposalUuid", "beamlineName"):
            continue
        kind = _type_of(node)
        if kind == "string" and "enum" not in node and not node.get("format") and not node.get("pattern"):
            if node.get("maxLength", 64) >= 12:
                scored.append((0 if name in ("comments", "comment") else 1, name, "conformance-a", "conformance-b"))
        elif kind in ("integer", "number") and "enum" not in node:
            low = _number(node, kind)
            high = node.get("maximum")
            second = low + 1 if high is None or low + 1 <= high else low
            if second != low:
                scored.append((2, name, low, second))
    if not scored:
        return None
    scored.sort(key=lambda s: (s[0], s[1]))
    _, name, first, second = scored[0]
    return name, first, second


def minimal_patch(spec: SpecIndex, collection: Collection) -> dict[str, Any]:
    """A small valid merge patch: the patchable field, else the first plain field of the `*Patch` schema."""
    patch = patchable_field(spec, collection)
    if patch:
        return {patch[0]: patch[2]}
    if not collection.patch_schema:
        return {}
    for name, node in spec.schema(collection.patch_schema).get("properties", {}).items():
        if not name.endswith("Uuid"):
            return {name: synthesize(spec, node)}
    return {}
