"""Valid request bodies built from the spec's `*Input` and `*Patch` schemas.

The suite writes only what the spec says is writable, with references (`…Uuid`) pointing at records it created in
the sandbox (or at the sandbox proposal and session), so that every write stays inside the sandbox.
Values are simple and deterministic; the hypothesis round trip adds generated variety on top.
"""

from __future__ import annotations

import re
from typing import Any

from conformance.constraints import is_immutable, is_read_only, referenced_schema, unique_groups, vocabulary
from conformance.spec import Collection, SpecIndex

DATE_TIME = "2026-01-02T03:04:05Z"
_PATTERN_CANDIDATES = ("cf1", "CF1", "cf-1", "cf_1", "A1", "1")


def reference_field_map(spec: SpecIndex) -> dict[str, str]:
    """`sendingLabContactUuid` → `lab-contacts`: the collection each reference field points into.

    Read from the properties' `x-references` (the resource schema named there, served as a collection); a spec
    without them falls back to the name (`dataCollectionGroupUuid` → the `DataCollectionGroup` collection).
    """
    by_schema = {c.record_schema: c.name for c in spec.collections.values() if c.record_schema}
    mapping: dict[str, str] = {}
    for schema in spec.schemas.values():
        for name, node in (spec.resolve(schema).get("properties") or {}).items():
            target = referenced_schema(node) or referenced_schema(spec.resolve(node))
            if target in by_schema and name not in mapping:
                mapping[name] = by_schema[target]
    if mapping:
        return mapping
    for record_schema, collection_name in by_schema.items():
        mapping[f"{record_schema[0].lower()}{record_schema[1:]}Uuid"] = collection_name
    return mapping


def unique_fields(spec: SpecIndex, collection: Collection) -> set[str]:
    """Fields that take part in one of the collection's `x-unique` groups."""
    if not collection.record_schema:
        return set()
    return {f for group in unique_groups(spec.schema(collection.record_schema)) for f in group}


def first_concrete(spec: SpecIndex, node: dict[str, Any]) -> dict[str, Any]:
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
    node = first_concrete(spec, node)
    if "const" in node:
        return node["const"]
    values = vocabulary(node)
    if values:
        return next(v for v in values if v is not None)
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
    """The members of the `*Input` schema a client sets (read-only members, listed for GET → PUT, left out)."""
    if not collection.input_schema:
        return {}
    props = spec.schema(collection.input_schema).get("properties", {})
    return {n: v for n, v in props.items() if not (is_read_only(v) or is_read_only(spec.resolve(v)))}


def patchable_field(spec: SpecIndex, collection: Collection) -> tuple[str, Any, Any] | None:
    """A field to change with PATCH and two distinct values for it: plain text first, then numbers."""
    if not collection.patch_schema:
        return None
    props = spec.schema(collection.patch_schema).get("properties", {})
    references = reference_field_map(spec)
    unique = unique_fields(spec, collection)
    scored: list[tuple[int, str, Any, Any]] = []
    for name, raw in props.items():
        node = first_concrete(spec, raw)
        if name.endswith("Uuid") or name in references or name in ("proposalUuid", "beamlineName"):
            continue
        if name in unique or is_read_only(raw) or is_read_only(node) or is_immutable(raw) or is_immutable(node):
            continue  # a patch never collides, never sends a read-only member, never changes an immutable field
        kind = _type_of(node)
        if vocabulary(node) is not None:
            continue
        if kind == "string" and not node.get("format") and not node.get("pattern"):
            if node.get("maxLength", 64) >= 12:
                scored.append((0 if name in ("comments", "comment") else 1, name, "conformance-a", "conformance-b"))
        elif kind in ("integer", "number"):
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
        if not name.endswith("Uuid") and not (is_read_only(node) or is_immutable(node)):
            return {name: synthesize(spec, node)}
    return {}


def unique_text(node: dict[str, Any], tag: str, value: str = "") -> str:
    """`tag` (unique) followed by as much of `value` as the schema's length and pattern allow."""
    max_len = node.get("maxLength", 64)
    pattern = node.get("pattern")
    for candidate in (f"{tag}-{value}", tag, tag.replace("-", "_")):
        candidate = candidate[:max_len].ljust(node.get("minLength", 0), "x")
        if not pattern or re.search(pattern, candidate):
            return candidate
    return tag[:max_len]


def next_integer(node: dict[str, Any], used: set[int]) -> int:
    """The smallest allowed integer not in `used` (which it joins), from the minimum (1 when unbounded)."""
    low = node.get("minimum", 1)
    if "exclusiveMinimum" in node:
        low = node["exclusiveMinimum"] + 1
    high = node.get("maximum", node.get("exclusiveMaximum", low + 10_000))
    value = int(low)
    while value in used and value < high:
        value += 1
    used.add(value)
    return value
