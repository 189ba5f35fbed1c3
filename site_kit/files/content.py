"""Serving one file over HTTP as the `files` class declares it: validators, conditional GET, one byte range.

The body is streamed from an open descriptor with ``os.pread`` in chunks of ``CHUNK`` bytes, never read whole,
so a Range request into a multi-gigabyte HDF5 file costs the range and one chunk of memory (bench/ measures it).
The validators come from the file, not from the record: the ``ETag`` changes when the file is rewritten even
if its record does not. Media types are the spec's (``x-file-media-types``), chosen from the file's name.
"""

from __future__ import annotations

import email.utils
import hashlib
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from urllib.parse import quote

from fastapi.responses import Response, StreamingResponse

from site_kit import spec
from site_kit.patch import none_match
from site_kit.problems import ProblemError

CHUNK = 256 * 1024
CACHE_CONTROL = "private, max-age=0, must-revalidate"
_RANGE = re.compile(r"^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class FileVersion:
    """What identifies one version of a file: its size, modification time and inode."""

    size: int
    mtime_ns: int
    inode: int

    @classmethod
    def of(cls, fd_or_path: int | Path) -> FileVersion:
        st = os.fstat(fd_or_path) if isinstance(fd_or_path, int) else os.stat(fd_or_path)
        return cls(st.st_size, st.st_mtime_ns, st.st_ino)

    @property
    def etag(self) -> str:
        digest = hashlib.blake2b(f"{self.size}:{self.mtime_ns}:{self.inode}".encode(), digest_size=16).hexdigest()
        return f'"{digest}"'

    @property
    def modified(self) -> datetime:
        return datetime.fromtimestamp(self.mtime_ns // 1_000_000_000, UTC)

    @property
    def last_modified(self) -> str:
        return email.utils.format_datetime(self.modified, usegmt=True)


@cache
def media_types() -> tuple[str, dict[str, str]]:
    """The spec's ``x-file-media-types``: the default and the media type of each extension."""
    declared = spec.bundle().get("x-file-media-types", {})
    return str(declared.get("default", "application/octet-stream")), dict(declared.get("extensions", {}))


def media_type(name: str) -> str:
    default, by_extension = media_types()
    _, dot, extension = name.rpartition(".")
    return by_extension.get(extension.lower(), default) if dot else default


def disposition(name: str, media: str) -> str:
    """RFC 6266: inline for what a browser shows (images, text), attachment otherwise; the name in both forms."""
    kind = "inline" if media.startswith(("image/", "text/")) else "attachment"
    ascii_name = "".join(c if 32 <= ord(c) < 127 and c not in '"\\' else "_" for c in name) or "file"
    header = f'{kind}; filename="{ascii_name}"'
    if ascii_name != name:
        header += f"; filename*=UTF-8''{quote(name, safe='')}"
    return header


def http_date(value: str) -> datetime | None:
    try:
        parsed = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return parsed if parsed.tzinfo is not None else None


def byte_range(header: str | None, size: int) -> tuple[int, int] | None:
    """The one range asked for, as (first, last) inclusive; None to send the whole file (no or unusable header).

    Raises the 416 problem when the range is syntactically one range but starts beyond the end of the file.
    """
    if not header:
        return None
    match = _RANGE.match(header)
    if match is None:
        return None  # another unit, several ranges, garbage: RFC 9110 lets a server ignore Range
    first, last = match.groups()
    if not first and not last:
        return None
    if not first:  # suffix: the last N bytes
        length = int(last)
        if length == 0 or size == 0:
            raise unsatisfiable(size)
        return max(0, size - length), size - 1
    start = int(first)
    if last and int(last) < start:
        return None  # invalid range-spec: ignored
    if start >= size:
        raise unsatisfiable(size)
    return start, min(int(last) if last else size - 1, size - 1)


def unsatisfiable(size: int) -> ProblemError:
    return ProblemError(
        416,
        f"The range starts beyond the end of the file ({size} bytes).",
        slug="range-not-satisfiable",
        headers={"Content-Range": f"bytes */{size}"},
    )


@dataclass(frozen=True)
class Conditions:
    """The conditional and range headers of a content request, as sent."""

    range: str | None = None
    if_range: str | None = None
    if_none_match: str | None = None
    if_modified_since: str | None = None


def not_modified(conditions: Conditions, version: FileVersion) -> bool:
    """RFC 9110 §13.2.2: If-None-Match decides when sent, else If-Modified-Since (a valid date)."""
    if conditions.if_none_match is not None:
        return none_match(conditions.if_none_match, version.etag)
    if conditions.if_modified_since:
        since = http_date(conditions.if_modified_since)
        return since is not None and version.modified <= since
    return False


def range_applies(conditions: Conditions, version: FileVersion) -> bool:
    """If-Range: the range is honoured only while the file is the version the client holds (strong match)."""
    if conditions.if_range is None:
        return True
    value = conditions.if_range.strip()
    if value.startswith(('"', "W/")):
        return value == version.etag
    since = http_date(value)
    return since is not None and since == version.modified


def _chunks(fd: int, start: int, length: int) -> Iterator[bytes]:
    try:
        offset, end = start, start + length
        while offset < end:
            data = os.pread(fd, min(CHUNK, end - offset), offset)
            if not data:  # the file shrank under us: end the body (the client sees a short read)
                return
            offset += len(data)
            yield data
    finally:
        os.close(fd)


def file_response(path: Path, name: str, conditions: Conditions, missing: ProblemError) -> Response:
    """The response for the file at ``path`` (resolved inside the roots), served under the recorded ``name``."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        raise missing from None
    try:
        version = FileVersion.of(fd)
        media = media_type(name)
        headers = {
            "ETag": version.etag,
            "Last-Modified": version.last_modified,
            "Accept-Ranges": "bytes",
            "Cache-Control": CACHE_CONTROL,
        }
        if not_modified(conditions, version):
            os.close(fd)
            return Response(
                status_code=304,
                headers={"ETag": version.etag, "Last-Modified": version.last_modified, "Cache-Control": CACHE_CONTROL},
            )
        wanted = byte_range(conditions.range, version.size) if range_applies(conditions, version) else None
    except BaseException:
        os.close(fd)
        raise
    headers["Content-Disposition"] = disposition(name, media)
    headers["Content-Type"] = media  # as is: Starlette would add a charset to text/*, which a log may not be in
    if wanted is None:
        headers["Content-Length"] = str(version.size)
        return StreamingResponse(_chunks(fd, 0, version.size), status_code=200, headers=headers)
    first, last = wanted
    headers["Content-Range"] = f"bytes {first}-{last}/{version.size}"
    headers["Content-Length"] = str(last - first + 1)
    return StreamingResponse(_chunks(fd, first, last - first + 1), status_code=206, headers=headers)
