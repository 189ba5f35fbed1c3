"""The contract, as the server reads it: the bundled spec generated from ``spec/``.

The server derives its routes, filters and role lists from this document rather than restating them, so
code and contract cannot disagree; ``/openapi.json`` serves this very document.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from ispyb_common_models import BUNDLE_PATH

HTTP_METHODS = ("get", "put", "post", "patch", "delete")


@dataclass(frozen=True)
class Operation:
    path: str
    method: str
    operation_id: str
    conformance_class: str
    roles: frozenset[str]
    raw: dict[str, Any]


@cache
def bundle() -> dict[str, Any]:
    with BUNDLE_PATH.open(encoding="utf-8") as fh:
        doc: dict[str, Any] = json.load(fh)
    return doc


@cache
def bundle_bytes() -> bytes:
    return BUNDLE_PATH.read_bytes()


def operations() -> list[Operation]:
    ops = []
    for path, item in bundle()["paths"].items():
        for method in HTTP_METHODS:
            if method in item:
                op = item[method]
                ops.append(
                    Operation(
                        path, method, op["operationId"], op["x-conformance-class"], frozenset(op.get("x-roles", ())), op
                    )
                )
    return ops


def deref(node: dict[str, Any]) -> dict[str, Any]:
    """Follow local ``$ref`` chains inside the bundle."""
    doc = bundle()
    while "$ref" in node:
        target: Any = doc
        for part in node["$ref"].lstrip("#/").split("/"):
            target = target[part]
        node = target
    return node


def schema(name: str) -> dict[str, Any]:
    result: dict[str, Any] = bundle()["components"]["schemas"][name]
    return result


def api_version() -> str:
    return str(bundle()["info"]["version"])


def path_pattern(path: str) -> re.Pattern[str]:
    """A regex matching the concrete paths of a spec path template (``/v1/sessions/{uuid}``)."""
    return re.compile("^" + re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(path)) + "$")


@cache
def _path_patterns() -> list[tuple[re.Pattern[str], frozenset[str]]]:
    return [
        (path_pattern(path), frozenset(m.upper() for m in HTTP_METHODS if m in item))
        for path, item in bundle()["paths"].items()
    ]


def allowed_methods(path: str) -> frozenset[str] | None:
    """Methods the spec defines on the path a request was sent to (for 405's ``Allow``); None if no path."""
    for pattern, methods in _path_patterns():
        if pattern.match(path):
            return methods
    return None


@cache
def conformance_classes() -> tuple[str, ...]:
    """The conformance classes of the API, in the spec's order (``ConformanceClass.name``), core first.

    This is the one list every implementation and the suite read: the classes the operations name
    (``x-conformance-class``) must all be in it.
    """
    declared = schema("ConformanceClass")["properties"]["name"]
    classes = tuple(str(c) for c in declared.get("x-extensible-enum", declared.get("enum", ())))
    used = {op.conformance_class for op in operations()}
    if not used <= set(classes):
        raise RuntimeError(f"operations name classes the spec does not list: {sorted(used - set(classes))}")
    return classes
