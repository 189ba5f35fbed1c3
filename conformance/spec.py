"""The contract as the suite sees it: the bundled OpenAPI document, indexed by class, operation and collection.

Everything the suite tests is derived from here (operations per class from `x-conformance-class`, roles from
`x-roles`, filters from the list parameters, writable fields from the `*Input` schemas), so that a change of the
spec changes the suite without code changes. The suite never imports the generated models or the reference
server: it reads the bundled `openapi.json` as data.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

HTTP_METHODS = ("get", "put", "post", "patch", "delete")
WRITE_METHODS = frozenset({"PUT", "POST", "PATCH", "DELETE"})
CLASS_ORDER = ("core", "proposals", "samples", "shipping", "acquisition", "processing", "beamline-events", "changes")

_EQUALS = re.compile(r"whose `(\w+)` equals this value")
_ONE_OF = re.compile(r"whose `(\w+)` is one of these values")
_AT_OR_AFTER = re.compile(r"whose `(\w+)` is at or after")
_BEFORE = re.compile(r"whose `(\w+)` is strictly before")


class SpecError(Exception):
    """The spec cannot be found or is not the document the suite expects."""


@dataclass(frozen=True)
class Operation:
    """One HTTP operation of the spec, with the conformance metadata the suite needs."""

    method: str
    path: str
    operation_id: str
    conformance_class: str
    roles: tuple[str, ...]
    raw: dict[str, Any]

    @property
    def label(self) -> str:
        return f"{self.method} {self.path}"

    @property
    def is_write(self) -> bool:
        return self.method in WRITE_METHODS

    @property
    def requires_auth(self) -> bool:
        return self.raw.get("security") != []


@dataclass(frozen=True)
class Filter:
    """A query filter of a list operation and what it promises (`equals`, `oneOf`, `atOrAfter`, `before`) on which
    field (`oneOf`: the parameter may be repeated, any of its values matches)."""

    name: str
    field: str
    kind: str
    schema: dict[str, Any]


@dataclass
class Collection:
    """A resource collection `/v1/<name>` with its item path, schemas and filters."""

    name: str
    path: str
    item_path: str
    conformance_class: str
    operations: dict[str, Operation] = field(default_factory=dict)
    filters: list[Filter] = field(default_factory=list)
    record_schema: str = ""
    input_schema: str = ""
    patch_schema: str = ""

    def op(self, key: str) -> Operation | None:
        """Operation by key: `list`, `create`, `get`, `put`, `patch`, `delete`."""
        return self.operations.get(key)

    @property
    def has_delete(self) -> bool:
        return "delete" in self.operations

    def write_roles(self) -> tuple[str, ...]:
        put = self.op("put")
        return put.roles if put else ()


def bundled_spec_path() -> Path:
    """Where the bundled spec is installed (package data of `ispyb_common_models`), without importing the models."""
    spec = importlib.util.find_spec("ispyb_common_models")
    candidates: list[Path] = []
    if spec is not None and spec.submodule_search_locations:
        candidates += [Path(p) / "openapi.json" for p in spec.submodule_search_locations]
    candidates.append(Path(__file__).resolve().parent.parent / "generated" / "ispyb_common_models" / "openapi.json")
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    raise SpecError("the bundled spec openapi.json was not found; pass --spec FILE")


class SpecIndex:
    """The bundled spec plus indexes over it; built once per run."""

    def __init__(self, document: dict[str, Any], raw_bytes: bytes) -> None:
        self.document = document
        self.sha256 = hashlib.sha256(raw_bytes).hexdigest()
        self.version = str(document.get("info", {}).get("version", "?"))
        self.operations = list(self._operations())
        if not self.operations:
            raise SpecError("the spec has no operations")
        self.collections = self._collections()

    @classmethod
    def load(cls, path: Path | None = None) -> SpecIndex:
        target = path or bundled_spec_path()
        raw = target.read_bytes()
        try:
            document = json.loads(raw)
        except json.JSONDecodeError:
            import yaml

            document = yaml.safe_load(raw)
        if not isinstance(document, dict) or "paths" not in document:
            raise SpecError(f"{target} is not an OpenAPI document")
        return cls(document, raw)

    @property
    def schemas(self) -> dict[str, Any]:
        return self.document.get("components", {}).get("schemas", {})

    def _operations(self) -> list[Operation]:
        found = []
        for path, item in self.document["paths"].items():
            for method in HTTP_METHODS:
                raw = item.get(method)
                if raw is None:
                    continue
                found.append(
                    Operation(
                        method=method.upper(),
                        path=path,
                        operation_id=raw.get("operationId", f"{method} {path}"),
                        conformance_class=raw.get("x-conformance-class", "core"),
                        roles=tuple(raw.get("x-roles", [])),
                        raw=self._resolve_parameters(raw),
                    )
                )
        return found

    def _resolve_parameters(self, raw: dict[str, Any]) -> dict[str, Any]:
        params = [self.resolve(p) for p in raw.get("parameters", [])]
        return {**raw, "parameters": params}

    def resolve(self, node: dict[str, Any]) -> dict[str, Any]:
        """Follow local `$ref`s until a concrete node."""
        seen = 0
        while isinstance(node, dict) and "$ref" in node and seen < 20:
            pointer = node["$ref"].lstrip("#/").split("/")
            target: Any = self.document
            for part in pointer:
                target = target[part.replace("~1", "/").replace("~0", "~")]
            node = target
            seen += 1
        return node

    def classes(self) -> list[str]:
        """Conformance classes named in the spec, in dependency order."""
        named = {op.conformance_class for op in self.operations}
        return [c for c in CLASS_ORDER if c in named] + sorted(named - set(CLASS_ORDER))

    def operations_of(self, conformance_class: str) -> list[Operation]:
        return [op for op in self.operations if op.conformance_class == conformance_class]

    def collections_of(self, conformance_class: str) -> list[Collection]:
        return [c for c in self.collections.values() if c.conformance_class == conformance_class]

    def operation(self, method: str, path: str) -> Operation | None:
        for op in self.operations:
            if op.method == method.upper() and op.path == path:
                return op
        return None

    def _collections(self) -> dict[str, Collection]:
        result: dict[str, Collection] = {}
        by_path = {(op.path, op.method): op for op in self.operations}
        for path in self.document["paths"]:
            if not path.startswith("/v1/") or "{" in path or f"{path}/{{uuid}}" not in self.document["paths"]:
                continue
            item_path = f"{path}/{{uuid}}"
            name = path.removeprefix("/v1/")
            keys = {
                "list": (path, "GET"),
                "create": (path, "POST"),
                "get": (item_path, "GET"),
                "put": (item_path, "PUT"),
                "patch": (item_path, "PATCH"),
                "delete": (item_path, "DELETE"),
            }
            ops = {k: by_path[v] for k, v in keys.items() if v in by_path}
            if "get" not in ops:
                continue
            collection = Collection(
                name=name,
                path=path,
                item_path=item_path,
                conformance_class=ops["get"].conformance_class,
                operations=ops,
            )
            collection.record_schema = self._schema_name(ops["get"].raw["responses"]["200"])
            if "put" in ops:
                collection.input_schema = self._body_schema_name(ops["put"].raw)
            if "patch" in ops:
                collection.patch_schema = self._body_schema_name(ops["patch"].raw)
            if "list" in ops:
                collection.filters = self._filters(ops["list"])
            result[name] = collection
        return result

    def _schema_name(self, response: dict[str, Any]) -> str:
        response = self.resolve(response)
        schema = response.get("content", {}).get("application/json", {}).get("schema", {})
        return str(schema.get("$ref", "")).split("/")[-1]

    def _body_schema_name(self, raw: dict[str, Any]) -> str:
        content = raw.get("requestBody", {}).get("content", {})
        media: dict[str, Any] = content.get("application/json") or next(iter(content.values()), {})
        return str(media.get("schema", {}).get("$ref", "")).split("/")[-1]

    def _filters(self, op: Operation) -> list[Filter]:
        filters = []
        for param in op.raw.get("parameters", []):
            if param.get("in") != "query" or param["name"] in ("limit", "pageToken"):
                continue
            description = param.get("description", "")
            patterns = ((_EQUALS, "equals"), (_ONE_OF, "oneOf"), (_AT_OR_AFTER, "atOrAfter"), (_BEFORE, "before"))
            for pattern, kind in patterns:
                match = pattern.search(description)
                if match:
                    filters.append(Filter(param["name"], match.group(1), kind, param.get("schema", {})))
                    break
        return filters

    def schema(self, name: str) -> dict[str, Any]:
        return self.resolve(self.schemas[name])

    @cached_property
    def request_document(self) -> dict[str, Any]:
        """The document as a client writes requests (see `conformance.constraints.RequestView`)."""
        from conformance.constraints import request_document

        return request_document(self.document)

    @cached_property
    def class_uris(self) -> dict[str, str]:
        """Class URIs as the spec names them (`urn:ispyb:common-api:1:conf:<name>`)."""
        major = self.version.split(".")[0]
        return {c: f"urn:ispyb:common-api:{major}:conf:{c}" for c in self.classes()}
