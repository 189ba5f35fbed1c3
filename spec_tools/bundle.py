"""Bundle the multi-file specification into one self-contained OpenAPI document.

The spec is written as one file per module plus shared components (like GitHub's rest-api-description).
Tools such as code generators, schemathesis and SDK generators want one file, so the bundler:

* inlines external path items (``./modules/x.yaml#/paths/...``) into ``paths``;
* hoists every external component (``file#/components/<kind>/<Name>``) into the bundle's own
  ``components/<kind>`` under the same name and rewrites the reference to ``#/components/<kind>/<Name>``;
* includes every component of every file it visits, referenced or not, so that a schema added to any
  spec file reaches the generated models.

Two different components with the same name are an error: names are global in the bundle.
"""

from __future__ import annotations

import copy
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

COMPONENT_KINDS = (
    "schemas",
    "parameters",
    "headers",
    "responses",
    "requestBodies",
    "securitySchemes",
    "examples",
    "links",
)
#: libyaml when present: the spec is ~17k lines and pure-Python YAML takes seconds to read it
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class BundleError(ValueError):
    """The specification cannot be bundled (dangling reference, name clash…)."""


def _unescape(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


def resolve_pointer(doc: Any, pointer: str) -> Any:
    """Return the node of ``doc`` at JSON pointer ``pointer`` (RFC 6901)."""
    node = doc
    if pointer in ("", "/"):
        return node
    for token in pointer.lstrip("/").split("/"):
        key = _unescape(token)
        try:
            node = node[int(key)] if isinstance(node, list) else node[key]
        except (KeyError, IndexError, ValueError) as exc:
            raise BundleError(f"pointer {pointer!r} does not resolve") from exc
    return node


@dataclass
class _Bundler:
    root: Path
    docs: dict[Path, Any] = field(default_factory=dict)
    components: dict[str, dict[str, Any]] = field(default_factory=dict)
    origins: dict[tuple[str, str], tuple[Path, str]] = field(default_factory=dict)
    visited_files: list[Path] = field(default_factory=list)

    def load(self, path: Path) -> Any:
        path = path.resolve()
        if path not in self.docs:
            if not path.is_file():
                raise BundleError(f"referenced file not found: {path}")
            with path.open(encoding="utf-8") as fh:
                self.docs[path] = yaml.load(fh, Loader=_Loader)
            self.visited_files.append(path)
        return self.docs[path]

    def hoist(self, kind: str, name: str, path: Path) -> str:
        """Copy component ``name`` of ``path`` into the bundle (once) and return its local reference."""
        key = (kind, name)
        origin = (path, f"/components/{kind}/{name}")
        if key in self.origins:
            if self.origins[key] != origin:
                other = self.origins[key][0]
                raise BundleError(f"component name clash: {kind}/{name} is defined in {other} and in {path}")
            return f"#/components/{kind}/{name}"
        self.origins[key] = origin
        node = resolve_pointer(self.load(path), origin[1])
        self.components.setdefault(kind, {})[name] = None  # reserve before recursing (cycles)
        self.components[kind][name] = self.walk(copy.deepcopy(node), path)
        return f"#/components/{kind}/{name}"

    def walk(self, node: Any, path: Path) -> Any:
        if isinstance(node, list):
            return [self.walk(item, path) for item in node]
        if not isinstance(node, dict):
            return node
        ref = node.get("$ref")
        if isinstance(ref, str):
            return self.follow(node, ref, path)
        return {key: self.walk(value, path) for key, value in node.items()}

    def follow(self, node: dict[str, Any], ref: str, path: Path) -> Any:
        file_part, _, pointer = ref.partition("#")
        target = (path.parent / file_part).resolve() if file_part else path
        self.load(target)
        parts = pointer.lstrip("/").split("/")
        if len(parts) == 3 and parts[0] == "components" and parts[1] in COMPONENT_KINDS:
            siblings = {k: self.walk(v, path) for k, v in node.items() if k != "$ref"}
            return {"$ref": self.hoist(parts[1], _unescape(parts[2]), target), **siblings}
        if not file_part:
            raise BundleError(f"{path}: local reference {ref!r} must point at a component")
        # anything else (path items) is inlined
        return self.walk(copy.deepcopy(resolve_pointer(self.docs[target], pointer)), target)

    def include_all_components(self) -> None:
        """Hoist every component of every visited file (a schema need not be referenced to be published)."""
        index = 0
        while index < len(self.visited_files):
            path = self.visited_files[index]
            index += 1
            for kind, members in (self.docs[path].get("components") or {}).items():
                if kind not in COMPONENT_KINDS:
                    continue
                for name in members or {}:
                    self.hoist(kind, name, path)


def bundle(root: Path) -> dict[str, Any]:
    """Return the whole specification rooted at ``root`` as one self-contained document."""
    bundler = _Bundler(root=root.resolve())
    doc = bundler.load(bundler.root)
    out: dict[str, Any] = {}
    for key, value in doc.items():
        if key == "components":
            continue
        out[key] = bundler.walk(copy.deepcopy(value), bundler.root)
    bundler.include_all_components()
    components: dict[str, Any] = {}
    for kind in COMPONENT_KINDS:
        members = bundler.components.get(kind)
        if members:
            components[kind] = {name: members[name] for name in sorted(members)}
    out["components"] = components
    return out


def dumps(doc: dict[str, Any], suffix: str) -> str:
    """Serialise ``doc`` as JSON or YAML, chosen by a file suffix; stable byte for byte."""
    if suffix in (".yaml", ".yml"):
        return yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=120)
    if suffix == ".json":
        return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
    raise BundleError(f"unknown output format {suffix!r}: use .json, .yaml or .yml")


def sha256(doc: dict[str, Any]) -> str:
    """Digest of the bundled document (canonical JSON), recorded in conformance reports."""
    canonical = json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()
