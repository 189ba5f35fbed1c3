"""Compare two JSON Schemas in the direction their data flows (request or response).

The same edit means opposite things in each direction: a new enum value in a request is new input old
servers reject; in a response it is output old clients (and SDK enums) cannot parse. Constraints are compared
too (``maxLength`` 64 → 32 in a request breaks clients that send 40 characters), which common engines miss.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from spec_tools.diff.model import (
    BREAKS_BOTH,
    BREAKS_CLIENTS,
    BREAKS_SERVERS,
    COMPATIBLE,
    DOCS,
    Change,
    Direction,
    Impact,
    narrowing,
    widening,
)

#: Bounds whose *lower* new value tightens, and whose *higher* new value tightens.
UPPER_BOUNDS = ("maxLength", "maximum", "exclusiveMaximum", "maxItems", "maxProperties")
LOWER_BOUNDS = ("minLength", "minimum", "exclusiveMinimum", "minItems", "minProperties")
DOC_KEYS = ("description", "title", "examples", "example")
COMPOSITIONS = ("oneOf", "anyOf", "allOf")


@dataclass
class SchemaDiff:
    """Compares schemas of two documents, reporting each shared component once per direction."""

    old_doc: dict[str, Any]
    new_doc: dict[str, Any]
    changes: list[Change] = field(default_factory=list)
    _seen: set[tuple[str, str, Direction]] = field(default_factory=set)

    def add(self, kind: str, where: str, message: str, impacts: tuple[Impact, Impact]) -> None:
        change = Change(kind, where, message, impacts[0], impacts[1])
        if change not in self.changes:
            self.changes.append(change)

    # -- references ---------------------------------------------------------------------------------------
    def _deref(self, doc: dict[str, Any], schema: Any) -> tuple[str | None, dict[str, Any]]:
        """The component name (if a $ref) and the resolved schema, with sibling keywords kept on top."""
        name = None
        seen = set()
        while isinstance(schema, dict) and isinstance(schema.get("$ref"), str) and schema["$ref"] not in seen:
            ref = schema["$ref"]
            seen.add(ref)
            name = ref.rsplit("/", 1)[-1]
            target: Any = doc
            for token in ref.lstrip("#/").split("/"):
                target = target.get(token.replace("~1", "/").replace("~0", "~"), {}) if isinstance(target, dict) else {}
            siblings = {k: v for k, v in schema.items() if k != "$ref"}
            schema = {**target, **siblings} if isinstance(target, dict) else siblings
        return name, schema if isinstance(schema, dict) else {}

    # -- entry point --------------------------------------------------------------------------------------
    def compare(self, old: Any, new: Any, where: str, direction: Direction) -> None:
        """Record every change from ``old`` to ``new`` at ``where`` (a human-readable place)."""
        old_name, o = self._deref(self.old_doc, old)
        new_name, n = self._deref(self.new_doc, new)
        if old_name and new_name:
            key = (old_name, new_name, direction)
            if key in self._seen:
                return
            self._seen.add(key)
            where = f"{new_name} [{direction}]"
        o, o_null = _split_nullable(self, self.old_doc, o)
        n, n_null = _split_nullable(self, self.new_doc, n)
        self._docs(o, n, where)
        self._nullable(o_null, n_null, where, direction)
        self._types(o, n, where, direction)
        self._format(o, n, where, direction)
        self._enum(o, n, where, direction)
        self._bounds(o, n, where, direction)
        self._objects(o, n, where, direction)
        if isinstance(o.get("items"), dict) and isinstance(n.get("items"), dict):
            self.compare(o["items"], n["items"], f"{where}[]", direction)
        if isinstance(o.get("additionalProperties"), dict) and isinstance(n.get("additionalProperties"), dict):
            self.compare(o["additionalProperties"], n["additionalProperties"], f"{where}{{}}", direction)
        self._compositions(o, n, where, direction)
        if o.get("default") != n.get("default") and direction is Direction.REQUEST:
            self.add("default-changed", where, f"default {o.get('default')!r} → {n.get('default')!r}", COMPATIBLE)

    # -- facets -------------------------------------------------------------------------------------------
    def _docs(self, o: dict[str, Any], n: dict[str, Any], where: str) -> None:
        changed = [k for k in DOC_KEYS if o.get(k) != n.get(k)]
        if changed:
            self.add("description-changed", where, f"{', '.join(changed)} changed", DOCS)

    def _nullable(self, o_null: bool, n_null: bool, where: str, direction: Direction) -> None:
        if o_null and not n_null:
            self.add("nullable-removed", where, "null no longer allowed", narrowing(direction))
        elif n_null and not o_null:
            self.add("nullable-added", where, "null now allowed", widening(direction))

    def _types(self, o: dict[str, Any], n: dict[str, Any], where: str, direction: Direction) -> None:
        to, tn = _types(o), _types(n)
        if to == tn:
            return
        if not to or not tn:  # one side accepts any type
            impacts = widening(direction) if not tn else narrowing(direction)
            self.add("type-changed", where, f"type {_show(to)} → {_show(tn)}", impacts)
            return
        lost, gained = _minus(to, tn), _minus(tn, to)
        if lost and gained:
            self.add("type-changed", where, f"type {_show(to)} → {_show(tn)}", BREAKS_BOTH)
        elif lost:
            self.add("type-narrowed", where, f"type {_show(to)} → {_show(tn)}", narrowing(direction))
        elif gained:
            self.add("type-widened", where, f"type {_show(to)} → {_show(tn)}", widening(direction))

    def _format(self, o: dict[str, Any], n: dict[str, Any], where: str, direction: Direction) -> None:
        fo, fn = o.get("format"), n.get("format")
        if fo == fn:
            return
        message = f"format {fo or '(none)'} → {fn or '(none)'}"
        if fo and fn:
            self.add("format-changed", where, message, BREAKS_BOTH)
        elif fn:
            self.add("format-added", where, message, narrowing(direction))
        else:
            self.add("format-removed", where, message, widening(direction))

    def _extensible(self, o: dict[str, Any], n: dict[str, Any], where: str, direction: Direction) -> None:
        """``x-extensible-enum`` (Zalando 112): clients accept any string in responses; requests use the list.

        A value added is compatible for both sides: a client never sent it and must already accept unknown
        values, a server written for the old list answers 422 to a value it does not know, as the rule says.
        A value removed breaks clients that still send it in a request; in a response it is a value servers
        stop producing, which clients (accepting any string) do not notice. Closing a vocabulary (to
        ``enum``) or opening one (from ``enum``) is reported once by the enum comparison below.
        """
        xo, xn = o.get("x-extensible-enum"), n.get("x-extensible-enum")
        if xo == xn or xo is None or xn is None:
            if (xo is None) != (xn is None) and (o.get("enum") or xo) and (n.get("enum") or xn):
                values_o: list[Any] = o.get("enum") or xo or []
                values_n: list[Any] = n.get("enum") or xn or []
                opened = xn is not None
                kind = "vocabulary-opened" if opened else "vocabulary-closed"
                if direction is Direction.REQUEST:
                    impacts = COMPATIBLE if set(values_o) == set(values_n) else narrowing(direction)
                else:  # clients must now accept any string (opened), or servers may send only the list (closed)
                    impacts = BREAKS_CLIENTS if opened else BREAKS_SERVERS
                self.add(
                    kind, where, f"vocabulary {'opened to' if opened else 'closed from'} x-extensible-enum", impacts
                )
            return
        removed = [v for v in xo if v not in xn]
        added = [v for v in xn if v not in xo]
        if added:
            self.add("extensible-value-added", where, f"extensible value(s) added: {_values(added)}", COMPATIBLE)
        if removed:
            impacts = BREAKS_CLIENTS if direction is Direction.REQUEST else COMPATIBLE
            self.add("extensible-value-removed", where, f"extensible value(s) removed: {_values(removed)}", impacts)

    def _enum(self, o: dict[str, Any], n: dict[str, Any], where: str, direction: Direction) -> None:
        self._extensible(o, n, where, direction)
        if "x-extensible-enum" in o or "x-extensible-enum" in n:
            return  # the enum keyword, if any, is not the vocabulary: compared as a vocabulary above
        eo, en = o.get("enum"), n.get("enum")
        if eo == en:
            return
        if eo is None or en is None:
            kind = "enum-added" if en is not None else "enum-removed"
            impacts = narrowing(direction) if en is not None else widening(direction)
            self.add(kind, where, "enum constraint " + ("added" if en is not None else "removed"), impacts)
            return
        removed = [v for v in eo if v not in en]
        added = [v for v in en if v not in eo]
        if removed:
            self.add("enum-value-removed", where, f"enum value(s) removed: {_values(removed)}", narrowing(direction))
        if added:
            self.add("enum-value-added", where, f"enum value(s) added: {_values(added)}", widening(direction))

    def _bounds(self, o: dict[str, Any], n: dict[str, Any], where: str, direction: Direction) -> None:
        for key in (*UPPER_BOUNDS, *LOWER_BOUNDS, "pattern", "multipleOf", "const", "uniqueItems"):
            vo, vn = o.get(key), n.get(key)
            if vo == vn:
                continue
            tighter = _tighter(key, vo, vn)
            message = f"{key} {_fmt(vo)} → {_fmt(vn)}"
            if tighter is None:
                self.add("constraint-changed", where, message, BREAKS_BOTH)
            elif tighter:
                self.add("constraint-tightened", where, message, narrowing(direction))
            else:
                # Looser output bounds do not break clients: SDKs do not validate lengths or ranges of responses.
                impacts = widening(direction) if direction is Direction.REQUEST else COMPATIBLE
                self.add("constraint-loosened", where, message, impacts)

    def _objects(self, o: dict[str, Any], n: dict[str, Any], where: str, direction: Direction) -> None:
        po, pn = o.get("properties") or {}, n.get("properties") or {}
        ro, rn = set(o.get("required") or []), set(n.get("required") or [])
        closed = n.get("additionalProperties") is False
        removed = [p for p in po if p not in pn]
        added = [p for p in pn if p not in po]
        for old_name, new_name in _renames(po, pn, removed, added, ro, rn):
            removed.remove(old_name)
            added.remove(new_name)
            self.add("property-renamed", where, f"property `{old_name}` renamed `{new_name}`", BREAKS_BOTH)
        for prop in removed:
            if direction is Direction.RESPONSE:
                self.add(
                    "response-property-removed",
                    where,
                    f"response property `{prop}` removed",
                    (Impact.BREAKING, Impact.COMPATIBLE),
                )
            else:
                impacts = (Impact.BREAKING if closed else Impact.COMPATIBLE, Impact.COMPATIBLE)
                self.add("request-property-removed", where, f"request property `{prop}` removed", impacts)
        for prop in added:
            required = prop in rn
            if direction is Direction.REQUEST:
                kind = "request-property-added-required" if required else "request-property-added"
                impacts = BREAKS_BOTH if required else widening(direction)
                self.add(
                    kind, where, f"{'required' if required else 'optional'} request property `{prop}` added", impacts
                )
            else:
                kind = "response-property-added-required" if required else "response-property-added"
                impacts = narrowing(direction) if required else COMPATIBLE
                self.add(
                    kind, where, f"{'required' if required else 'optional'} response property `{prop}` added", impacts
                )
        for prop in po:
            if prop not in pn:
                continue
            if prop in rn and prop not in ro:
                self.add("property-became-required", where, f"property `{prop}` became required", narrowing(direction))
            elif prop in ro and prop not in rn:
                self.add("property-became-optional", where, f"property `{prop}` became optional", widening(direction))
            self.compare(po[prop], pn[prop], f"{where}.{prop}", direction)
        ao, an = o.get("additionalProperties"), n.get("additionalProperties")
        if ao is not False and an is False and ("properties" in o or "properties" in n):
            self.add("constraint-tightened", where, "additionalProperties now false", narrowing(direction))
        elif ao is False and an is not False:
            self.add("constraint-loosened", where, "additionalProperties now allowed", widening(direction))

    def _compositions(self, o: dict[str, Any], n: dict[str, Any], where: str, direction: Direction) -> None:
        for key in COMPOSITIONS:
            lo, ln = o.get(key) or [], n.get(key) or []
            for index in range(min(len(lo), len(ln))):
                self.compare(lo[index], ln[index], f"{where}<{key}[{index}]>", direction)
            if len(ln) == len(lo):
                continue
            more = len(ln) > len(lo)
            # allOf: more members means more constraints; oneOf/anyOf: more members means more accepted shapes.
            wider = more if key != "allOf" else not more
            impacts = widening(direction) if wider else narrowing(direction)
            kind = f"{key}-member-{'added' if more else 'removed'}"
            self.add(kind, where, f"{key} has {len(lo)} → {len(ln)} members", impacts)


def _split_nullable(diff: SchemaDiff, doc: dict[str, Any], schema: dict[str, Any]) -> tuple[dict[str, Any], bool]:
    """Separate nullability from the rest: ``type: [x, 'null']`` and ``oneOf: [X, {type: 'null'}]`` alike."""
    types = schema.get("type")
    if isinstance(types, list) and "null" in types:
        rest = [t for t in types if t != "null"]
        return {**schema, "type": rest[0] if len(rest) == 1 else rest}, True
    for key in ("oneOf", "anyOf"):
        members = schema.get(key)
        if isinstance(members, list) and len(members) == 2:
            nulls = [m for m in members if isinstance(m, dict) and m.get("type") == "null"]
            if len(nulls) == 1:
                other = next(m for m in members if m is not nulls[0])
                siblings = {k: v for k, v in schema.items() if k != key}
                _, resolved = diff._deref(doc, other)
                return {**resolved, **siblings}, True
    return schema, False


def _types(schema: dict[str, Any]) -> set[str]:
    declared = schema.get("type")
    if isinstance(declared, str):
        return {declared}
    return {t for t in declared if isinstance(t, str)} if isinstance(declared, list) else set()


def _minus(a: set[str], b: set[str]) -> set[str]:
    """Types of ``a`` not covered by ``b`` (an integer is a number)."""
    return {t for t in a if t not in b and not (t == "integer" and "number" in b)}


def _tighter(key: str, old: Any, new: Any) -> bool | None:
    """True if ``new`` constrains more than ``old``, False if less, None if neither is comparable."""
    if old is None:
        return True
    if new is None:
        return False
    if key in UPPER_BOUNDS and isinstance(old, int | float) and isinstance(new, int | float):
        return new < old
    if key in LOWER_BOUNDS and isinstance(old, int | float) and isinstance(new, int | float):
        return new > old
    if key == "uniqueItems":
        return bool(new) and not bool(old)
    return None


def _renames(
    po: dict[str, Any], pn: dict[str, Any], removed: list[str], added: list[str], ro: set[str], rn: set[str]
) -> list[tuple[str, str]]:
    """Pairs (old, new) of a removed and an added property with the same schema and required-ness."""
    pairs = []
    taken: set[str] = set()
    for old_name in removed:
        for new_name in added:
            if new_name in taken or (old_name in ro) != (new_name in rn):
                continue
            if _canon(po[old_name]) == _canon(pn[new_name]):
                pairs.append((old_name, new_name))
                taken.add(new_name)
                break
    return pairs


def _canon(schema: Any) -> str:
    if isinstance(schema, dict):
        schema = {k: v for k, v in schema.items() if k not in DOC_KEYS}
    return json.dumps(schema, sort_keys=True)


def _show(types: set[str]) -> str:
    return "|".join(sorted(types)) or "any"


def _values(values: list[Any]) -> str:
    return ", ".join(str(v) for v in values)


def _fmt(value: Any) -> str:
    return "(none)" if value is None else json.dumps(value) if isinstance(value, str) else str(value)
