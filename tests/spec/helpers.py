"""Small readers over a bundled spec, shared by the spec tests."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

HTTP_METHODS = ("get", "put", "post", "patch", "delete", "head", "options")
CLASSES = (
    "core",
    "proposals",
    "samples",
    "shipping",
    "acquisition",
    "processing",
    "beamline-events",
    "changes",
    "files",
)
#: optional classes without writes of their own: `changes` lists the writes of the others, `files` reads the
#: files other classes' records point to
READ_ONLY_CLASSES = ("changes", "files")


def operations(spec: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, item in spec["paths"].items():
        for method, op in item.items():
            if method in HTTP_METHODS:
                yield path, method, op


def deref(spec: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        parts = node["$ref"].lstrip("#/").split("/")
        target: Any = spec
        for part in parts:
            target = target[part]
        node = target
    return node
