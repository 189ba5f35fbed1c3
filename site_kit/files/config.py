"""What a site configures to serve the `files` class: its storage roots, its locator, the thumbnail cache."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from site_kit.files.locator import FileLocator, RecordPaths
from site_kit.files.roots import StorageRoot, StorageRoots
from site_kit.files.thumbnails import ThumbnailCache

#: environment variable of the roots, for every CLI of this repository (``ROOT`` or ``PREFIX=ROOT``, ``:``-separated)
ROOTS_ENV = "ISPYB_FILES_ROOTS"


@dataclass(frozen=True)
class FilesOptions:
    """``KitOptions.files``: with it the kit serves the `files` class (without it, the class is not claimed)."""

    roots: StorageRoots
    locator: FileLocator = field(default_factory=RecordPaths)
    cache: ThumbnailCache = field(default_factory=ThumbnailCache)

    @classmethod
    def from_texts(cls, texts: Iterable[str], locator: FileLocator | None = None) -> FilesOptions | None:
        """From ``--files-root`` values (``DIR`` or ``RECORDED_PREFIX=DIR``); None when there is none."""
        roots = [StorageRoot.parse(t) for t in texts if t]
        if not roots:
            return None
        return cls(StorageRoots(roots), locator or RecordPaths())


def roots_from_env(value: str | None) -> list[str]:
    """``ISPYB_FILES_ROOTS``: roots separated by ``:`` (a ``PREFIX=DIR`` pair keeps its ``=``)."""
    return [part for part in (value or "").split(":") if part]
