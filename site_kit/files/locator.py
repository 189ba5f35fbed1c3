"""The seam extension of the `files` class: where a record's file is, as the site recorded it.

The kit never asks the site for bytes. It reads the record through ``Storage.get`` (so reach is exactly the
record's: another user's attachment is a 404 before any file is looked at), asks a ``FileLocator`` for the path
the site recorded, resolves it inside the configured ``StorageRoots`` and serves it. The default locator,
``RecordPaths``, joins the record's own members the spec names in ``x-file-path`` (``filePath`` + ``fileName``…),
which is what every implementation here records; a site whose paths live elsewhere (another column, an archive
mapping) implements ``FileLocator`` itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any, Protocol

from site_kit import spec
from site_kit.caller import Caller
from site_kit.resources import Resource, registry


@dataclass(frozen=True)
class FileView:
    """One operation of the `files` class, as the spec declares it."""

    operation_id: str
    path: str
    #: the resource whose record owns the file (``x-file-of``)
    resource: Resource
    #: the record's members whose values, joined by ``/``, are the file's path (``x-file-path``)
    path_fields: tuple[str, ...]
    #: ``x-thumbnail`` of a thumbnail operation (the rendering's declared parameters), else None
    thumbnail: dict[str, Any] | None = None


@cache
def file_views() -> tuple[FileView, ...]:
    """Every operation of the `files` class in the spec."""
    resources = registry()
    views = []
    for op in spec.operations():
        of = op.raw.get("x-file-of")
        if op.conformance_class != "files" or not of:
            continue
        views.append(
            FileView(op.operation_id, op.path, resources[of], tuple(op.raw["x-file-path"]), op.raw.get("x-thumbnail"))
        )
    return tuple(views)


class FileLocator(Protocol):
    """What a site answers for the `files` class, beside its ``Storage``."""

    def recorded_path(self, caller: Caller, view: FileView, record: dict[str, Any]) -> str | None:
        """The path the site recorded for the file of ``record`` (its JSON body, already read within the caller's
        reach), or None when the record names no file. The kit resolves it inside the storage roots."""
        ...


class RecordPaths:
    """The default locator: the record's ``x-file-path`` members joined (``filePath`` / ``fileName``)."""

    def recorded_path(self, caller: Caller, view: FileView, record: dict[str, Any]) -> str | None:
        parts = [record.get(name) for name in view.path_fields]
        if not all(isinstance(part, str) and part for part in parts):
            return None
        # joined literally (not posixpath.join, which lets an absolute fileName replace the directory): every
        # `..` or absolute turn stays in the string and is judged where it resolves, by the roots
        return "/".join([str(parts[0]).rstrip("/") or "/"] + [str(p) for p in parts[1:]]).replace("//", "/", 1)
