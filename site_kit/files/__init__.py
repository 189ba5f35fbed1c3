"""The `files` class: the content of the files records point to, and thumbnails of diffraction images.

A site opts in with ``KitOptions(files=FilesOptions(StorageRoots([...])))``; the kit then registers the spec's
`files` operations and claims the class at ``/conformance``. What the site implements is small and optional:
its ``Storage`` already answers who may read each record, and the default ``RecordPaths`` locator reads the path
from the record itself; a ``FileLocator`` of its own only when its paths are recorded elsewhere.

Modules: ``roots`` (where paths may lead), ``locator`` (the seam extension), ``content`` (validators, conditional
GET, byte ranges, streaming), ``frames`` (Eiger HDF5 and CBF), ``thumbnails`` (rendering, cache), ``routes``.
"""

from site_kit.files.config import ROOTS_ENV, FilesOptions, roots_from_env
from site_kit.files.locator import FileLocator, FileView, RecordPaths
from site_kit.files.roots import StorageRoot, StorageRoots

__all__ = [
    "ROOTS_ENV",
    "FileLocator",
    "FileView",
    "FilesOptions",
    "RecordPaths",
    "StorageRoot",
    "StorageRoots",
    "roots_from_env",
]
