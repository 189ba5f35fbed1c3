"""Storage roots: the directories a site serves files from, and the only places a recorded path may lead to.

A record's path is data someone wrote (a pipeline, a beamline, any user with write access to a processing
attachment), so it is never trusted: it is mapped onto a configured root, resolved by the operating system
(``os.path.realpath``: every ``..`` and every symbolic link followed) and served only when the result is still
inside that root. Nothing is URL-decoded (``%2e%2e`` is a file name like any other). Everything refused is logged
with the recorded path, so that an operator sees attempts; the client only ever sees the 404 of a missing file.

A root may serve recorded paths from elsewhere: ``StorageRoot(Path("/mnt/dls"), recorded_as="/dls")`` serves
``/dls/i03/data/…`` from ``/mnt/dls/i03/data/…`` (a site whose file system is mounted elsewhere on the API host;
the demo's generated file set).
"""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

log = logging.getLogger("site_kit.files")


@dataclass(frozen=True)
class StorageRoot:
    """One directory files are served from, and the recorded prefix it answers for (default: itself)."""

    directory: Path
    #: the prefix of recorded paths this root serves (``/dls``); None: paths are recorded as they are here
    recorded_as: str | None = None

    @classmethod
    def parse(cls, text: str) -> StorageRoot:
        """``DIR`` or ``RECORDED_PREFIX=DIR`` (the command-line and environment form)."""
        prefix, sep, directory = text.partition("=")
        if not sep:
            return cls(Path(text))
        if not prefix.startswith("/"):
            raise ValueError(f"{text!r}: the recorded prefix must be an absolute path")
        return cls(Path(directory), prefix)

    @cached_property
    def real(self) -> str:
        """The directory as the operating system resolves it (symbolic links of the root itself are allowed)."""
        return os.path.realpath(self.directory)

    @cached_property
    def prefix(self) -> str:
        return (self.recorded_as or os.path.abspath(self.directory)).rstrip("/") or "/"

    def candidate(self, recorded: str) -> str | None:
        """Where ``recorded`` lies below this root, before resolution; None when its prefix is not this root's."""
        prefix = self.prefix
        if prefix == "/":
            rest = recorded
        elif recorded == prefix or recorded.startswith(prefix + "/"):
            rest = recorded[len(prefix) :]
        else:
            return None
        return os.path.join(self.real, rest.lstrip("/"))

    def contains(self, real: str) -> bool:
        """Whether a resolved path is this root or below it."""
        return real == self.real or real.startswith(self.real.rstrip("/") + "/")


class StorageRoots:
    """The roots of one site; ``resolve`` turns a recorded path into a real file inside them, or None."""

    def __init__(self, roots: Iterable[StorageRoot]) -> None:
        self.roots = tuple(roots)

    def __bool__(self) -> bool:
        return bool(self.roots)

    def resolve(self, recorded: str | None, *, what: str = "file") -> Path | None:
        """The real path of the regular file ``recorded`` names, if it lies inside a root; else None (logged)."""
        if not recorded:
            return None
        if "\x00" in recorded or not recorded.startswith("/"):
            log.warning("refused %s path %r: not an absolute path", what, recorded)
            return None
        for root in self.roots:
            candidate = root.candidate(recorded)
            if candidate is None:
                continue
            real = os.path.realpath(candidate)
            if not root.contains(real):
                log.warning(
                    "refused %s path %r: resolves to %r, outside storage root %s", what, recorded, real, root.real
                )
                return None
            return Path(real) if _regular(real) else None
        log.warning("refused %s path %r: under no storage root", what, recorded)
        return None

    def inside(self, path: str | os.PathLike[str]) -> Path | None:
        """A path found inside a served file (an HDF5 master's data file): its real path if inside a root."""
        real = os.path.realpath(path)
        if any(root.contains(real) for root in self.roots):
            return Path(real) if _regular(real) else None
        log.warning("refused linked file %r: resolves to %r, outside every storage root", os.fspath(path), real)
        return None


def _regular(real: str) -> bool:
    try:
        return stat.S_ISREG(os.stat(real).st_mode)
    except OSError:
        return False
