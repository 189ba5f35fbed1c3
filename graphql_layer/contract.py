"""What the GraphQL layer reads from the contract: collections, their fields, references, filters and orders.

Everything comes from the bundled OpenAPI document (``ispyb_common_models/openapi.json``, or any site's
``/openapi.json``): a collection is a ``/v1/<name>`` list with a ``/v1/<name>/{uuid}`` item, its record schema
is what the item's GET answers, a reference is a property with ``x-references``, a filter is a query parameter
of the list operation (an array parameter takes several values, its ``maxItems`` bounding how many), and the
orders are the ``orderBy`` enum. Nothing here knows a resource by name, so a new module of the spec becomes
new GraphQL types without a line changed here.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

PREFIX = "/v1/"
#: query parameters that are paging, not filters
PAGING = ("limit", "pageToken", "orderBy")


@dataclass(frozen=True)
class Property:
    """One member of a record schema, as GraphQL needs it."""

    name: str
    #: uuid, datetime, date, string, integer, number, boolean, json, or a list of one of these ("[string]")
    kind: str
    required: bool
    description: str
    #: the vocabulary's values, when the member is one (``enum`` closed, ``x-extensible-enum`` open)
    values: tuple[str, ...] = ()
    extensible: bool = False
    #: the vocabulary's schema name (``ProcessingStatus``), when the member refers to one
    vocabulary: str | None = None
    #: ``x-references``: the resource schema whose ``uuid`` this member holds
    references: str | None = None


@dataclass(frozen=True)
class QueryFilter:
    """A query parameter of a list operation."""

    name: str
    kind: str
    description: str
    #: the parameter may be repeated (an array parameter), at most ``max_items`` values
    many: bool = False
    max_items: int | None = None
    references: str | None = None
    values: tuple[str, ...] = ()


@dataclass(frozen=True)
class Collection:
    """A collection of the contract: ``/v1/<path>`` and its record schema ``record``."""

    path: str
    record: str
    description: str
    conformance_class: str
    properties: tuple[Property, ...]
    filters: tuple[QueryFilter, ...]
    orders: tuple[str, ...]
    page_limit: int
    page: str = ""
    page_properties: tuple[str, ...] = ()
    by_name: dict[str, Property] = field(default_factory=dict, compare=False, hash=False)

    @property
    def segment(self) -> str:
        return self.path.removeprefix(PREFIX)

    def filter(self, name: str) -> QueryFilter | None:
        return next((f for f in self.filters if f.name == name), None)


@dataclass(frozen=True)
class Vocabulary:
    name: str
    values: tuple[str, ...]
    extensible: bool
    description: str


@dataclass(frozen=True)
class Contract:
    """The collections and vocabularies of one OpenAPI document."""

    title: str
    version: str
    collections: dict[str, Collection]  # by record schema name
    vocabularies: dict[str, Vocabulary]
    schemas: dict[str, dict[str, Any]] = field(compare=False, hash=False, default_factory=dict)


def _text(node: dict[str, Any]) -> str:
    return " ".join(str(node.get("description", "")).split())


class _Reader:
    def __init__(self, doc: dict[str, Any]) -> None:
        self.doc = doc
        self.schemas: dict[str, dict[str, Any]] = doc.get("components", {}).get("schemas", {})
        self.vocabularies: dict[str, Vocabulary] = {}

    def deref(self, node: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in node:
            ref = str(node["$ref"])
            target: Any = self.doc
            for part in ref.removeprefix("#/").split("/"):
                target = target[part]
            node = target
        return node

    def _ref_name(self, node: dict[str, Any]) -> str | None:
        return str(node["$ref"]).rsplit("/", 1)[-1] if "$ref" in node else None

    def kind(self, node: dict[str, Any]) -> tuple[str, tuple[str, ...], bool, str | None]:
        """(kind, vocabulary values, extensible, vocabulary name) of a schema node."""
        name = self._ref_name(node)
        target = self.deref(node)
        values = target.get("x-extensible-enum", target.get("enum"))
        types = target.get("type")
        types = [t for t in (types if isinstance(types, list) else [types]) if t not in (None, "null")]
        kind = types[0] if types else "json"
        if values is not None and kind == "string":
            extensible = "x-extensible-enum" in target
            vocab = name or None
            if vocab is not None and vocab not in self.vocabularies:
                self.vocabularies[vocab] = Vocabulary(vocab, tuple(values), extensible, _text(target))
            return "string", tuple(values), extensible, vocab
        if kind == "array":
            inner, vals, ext, vocab = self.kind(target.get("items", {}))
            return (f"[{inner}]" if not inner.startswith("[") else "json"), vals, ext, vocab
        if kind == "string" and target.get("format") in ("uuid", "date-time", "date"):
            return {"uuid": "uuid", "date-time": "datetime", "date": "date"}[target["format"]], (), False, None
        if kind in ("string", "integer", "number", "boolean"):
            if kind == "integer" and (target.get("format") == "int64" or target.get("maximum", 0) > 2**31 - 1):
                return "long", (), False, None
            return kind, (), False, None
        return "json", (), False, None

    def record(self, name: str) -> tuple[Property, ...]:
        schema = self.deref(self.schemas[name])
        required = set(schema.get("required", ()))
        out = []
        for prop_name, prop in schema.get("properties", {}).items():
            kind, values, extensible, vocab = self.kind(prop)
            target = self.deref(prop).get("items", {}) if kind.startswith("[") else prop
            out.append(
                Property(
                    name=prop_name,
                    kind=kind,
                    required=prop_name in required,
                    description=_text(prop) or _text(self.deref(prop)),
                    values=values,
                    extensible=extensible,
                    vocabulary=vocab,
                    references=target.get("x-references") if isinstance(target, dict) else None,
                )
            )
        return tuple(out)

    def filters(self, op: dict[str, Any]) -> tuple[tuple[QueryFilter, ...], tuple[str, ...], int]:
        filters, orders, limit = [], (), 1000
        for raw in op.get("parameters", []):
            param = self.deref(raw)
            if param.get("in") != "query":
                continue
            schema = self.deref(param.get("schema", {}))
            if param["name"] == "limit":
                limit = int(schema.get("maximum", limit))
                continue
            if param["name"] == "orderBy":
                orders = tuple(schema.get("enum", ()))
                continue
            if param["name"] in PAGING:
                continue
            many = schema.get("type") == "array"
            item = self.deref(schema.get("items", {})) if many else schema
            kind, values, _, _ = self.kind(schema.get("items", {}) if many else param.get("schema", {}))
            filters.append(
                QueryFilter(
                    name=param["name"],
                    kind=kind,
                    description=_text(param),
                    many=many,
                    max_items=schema.get("maxItems") if many else None,
                    references=item.get("x-references"),
                    values=values,
                )
            )
        return tuple(filters), orders, limit

    def collections(self) -> dict[str, Collection]:
        out: dict[str, Collection] = {}
        paths = self.doc.get("paths", {})
        for path, item in paths.items():
            one = paths.get(f"{path}/{{uuid}}")
            if not path.startswith(PREFIX) or "/" in path[len(PREFIX) :] or one is None or "get" not in item:
                continue
            listing, single = item["get"], one.get("get")
            if single is None:
                continue
            record = self._ref_name(single["responses"]["200"]["content"]["application/json"]["schema"])
            page = self._ref_name(listing["responses"]["200"]["content"]["application/json"]["schema"])
            if record is None or page is None:
                continue
            filters, orders, limit = self.filters(listing)
            page_props = tuple(p for p in self.deref(self.schemas[page]).get("properties", {}) if p != "items")
            properties = self.record(record)
            out[record] = Collection(
                path=path,
                record=record,
                description=_text(self.deref(self.schemas[record])),
                conformance_class=str(listing.get("x-conformance-class", "")),
                properties=properties,
                filters=filters,
                orders=orders,
                page_limit=limit,
                page=page,
                page_properties=page_props,
                by_name={p.name: p for p in properties},
            )
        return out


def read(doc: dict[str, Any]) -> Contract:
    """The contract of an OpenAPI document (the bundle: one file, local ``$ref`` only)."""
    reader = _Reader(doc)
    collections = reader.collections()
    info = doc.get("info", {})
    return Contract(
        title=str(info.get("title", "")),
        version=str(info.get("version", "")),
        collections=collections,
        vocabularies=dict(sorted(reader.vocabularies.items())),
        schemas=reader.schemas,
    )


def bundled_document() -> dict[str, Any]:
    """The bundled spec shipped with the generated models (``ispyb_common_models/openapi.json``)."""
    import ispyb_common_models

    return dict(json.loads(Path(ispyb_common_models.BUNDLE_PATH).read_text()))


@cache
def bundled() -> Contract:
    return read(bundled_document())


def camel(words: str) -> str:
    """``data-collections`` → ``dataCollections``."""
    parts = re.split(r"[-_ ]+", words)
    return parts[0] + "".join(p[:1].upper() + p[1:] for p in parts[1:])
