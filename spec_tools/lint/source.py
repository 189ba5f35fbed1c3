"""The specification's source files, loaded with the line of every node.

Findings must point at the YAML a person edits (``spec/modules/samples.yaml:812``), not at the bundle, so
the linter reads each file with PyYAML's ``compose()`` (which keeps node marks), records the line of every
JSON pointer, and follows ``$ref`` across files itself instead of bundling.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml


def escape(token: str) -> str:
    """Escape one JSON-pointer token (RFC 6901)."""
    return token.replace("~", "~0").replace("/", "~1")


def unescape(token: str) -> str:
    """Undo :func:`escape`."""
    return token.replace("~1", "/").replace("~0", "~")


@dataclass(frozen=True)
class Loc:
    """A place in the source: a file and a JSON pointer into it."""

    file: Path
    pointer: str = ""

    def child(self, *keys: str | int) -> Loc:
        """The location of a descendant, one key (or list index) per level."""
        suffix = "".join("/" + escape(str(key)) for key in keys)
        return Loc(self.file, self.pointer + suffix)


class SourceError(ValueError):
    """A file is missing, is not YAML, or a ``$ref`` does not resolve."""


#: libyaml's loader when PyYAML was built with it (30x faster on the spec), else the pure-Python one.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _line_map(node: yaml.Node, pointer: str, lines: dict[str, int]) -> None:
    """Record, for every pointer under ``node``, the 1-based line where it starts (its key, for a mapping entry)."""
    lines.setdefault(pointer, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            child = f"{pointer}/{escape(str(key_node.value))}"
            lines[child] = key_node.start_mark.line + 1
            _line_map(value_node, child, lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _line_map(item, f"{pointer}/{index}", lines)


class SourceSet:
    """Every file of a multi-file spec reachable from its root, with line marks and cross-file ``$ref``."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self._docs: dict[Path, Any] = {}
        self._lines: dict[Path, dict[str, int]] = {}
        self._load_reachable()

    # -- loading --------------------------------------------------------------------------------------------
    def _load(self, path: Path) -> Any:
        path = path.resolve()
        if path not in self._docs:
            if not path.is_file():
                raise SourceError(f"file not found: {path}")
            text = path.read_text(encoding="utf-8")
            try:
                loader = _Loader(text)
                try:
                    node = loader.get_single_node()
                    data = loader.construct_document(node) if node is not None else None
                finally:
                    loader.dispose()
            except yaml.YAMLError as exc:
                raise SourceError(f"{path}: not valid YAML: {exc}") from exc
            lines: dict[str, int] = {}
            if node is not None:
                _line_map(node, "", lines)
            self._docs[path] = data
            self._lines[path] = lines
        return self._docs[path]

    def _load_reachable(self) -> None:
        """Load the root and, transitively, every file a ``$ref`` names."""
        pending = [self.root]
        while pending:
            path = pending.pop()
            if path in self._docs:
                continue
            doc = self._load(path)
            for ref in _refs(doc):
                file_part = ref.partition("#")[0]
                if file_part:
                    target = (path.parent / file_part).resolve()
                    if target not in self._docs:
                        pending.append(target)

    # -- reading --------------------------------------------------------------------------------------------
    @property
    def files(self) -> list[Path]:
        """Every loaded file, root first."""
        return list(self._docs)

    def doc(self, path: Path) -> Any:
        return self._docs[path.resolve()]

    def get(self, loc: Loc) -> Any:
        """The value at ``loc``; :class:`SourceError` when the pointer does not resolve."""
        node = self.doc(loc.file)
        if loc.pointer:
            for token in loc.pointer.lstrip("/").split("/"):
                key = unescape(token)
                try:
                    node = node[int(key)] if isinstance(node, list) else node[key]
                except (KeyError, IndexError, ValueError, TypeError) as exc:
                    raise SourceError(f"{loc.file}: pointer {loc.pointer!r} does not resolve") from exc
        return node

    def line(self, loc: Loc) -> int:
        """The line of ``loc`` in its file, or of its nearest ancestor that has one."""
        lines = self._lines.get(loc.file.resolve(), {})
        pointer = loc.pointer
        while pointer not in lines and pointer:
            pointer = pointer.rsplit("/", 1)[0]
        return lines.get(pointer, 1)

    def target(self, loc: Loc, ref: str) -> Loc:
        """Where ``ref``, written in the file of ``loc``, points."""
        file_part, _, pointer = ref.partition("#")
        path = (loc.file.parent / file_part).resolve() if file_part else loc.file.resolve()
        if path not in self._docs:
            self._load(path)
        return Loc(path, pointer.rstrip("/") if pointer != "/" else "")

    def resolve(self, loc: Loc) -> tuple[Loc, Any]:
        """Follow ``$ref`` from ``loc`` (across files) to the node that holds the content."""
        seen: set[Loc] = set()
        value = self.get(loc)
        while isinstance(value, dict) and isinstance(value.get("$ref"), str):
            if loc in seen:
                raise SourceError(f"{loc.file}: circular $ref at {loc.pointer}")
            seen.add(loc)
            loc = self.target(loc, value["$ref"])
            value = self.get(loc)
        return loc, value


def _refs(node: Any) -> Iterator[str]:
    """Every ``$ref`` string under ``node``."""
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str):
            yield ref
        for value in node.values():
            yield from _refs(value)
    elif isinstance(node, list):
        for item in node:
            yield from _refs(item)
