"""The routes of the `files` class, one per operation the spec declares with ``x-file-of``.

Each handler is three hops: the record through ``Storage.get`` (its reach, its 404), the recorded path from the
site's ``FileLocator``, the file resolved inside the ``StorageRoots``; then ``content.file_response`` or a
thumbnail. A record without a file, a path outside the roots and a file that is gone answer the same 404 problem
(``file-not-found``), so a client learns nothing about the file system beyond "this record's file is not here".
"""

# No `from __future__ import annotations`: FastAPI reads these annotations at runtime.

import logging
from typing import Annotated, Any

import orjson
from fastapi import APIRouter, Header, Path, Query, Request
from fastapi.responses import Response

from site_kit.files.config import FilesOptions
from site_kit.files.content import CACHE_CONTROL, Conditions, file_response
from site_kit.files.frames import FrameUnavailable, locate, read_frame
from site_kit.files.locator import FileView, file_views
from site_kit.files.thumbnails import DEFAULT_PERCENTILES, ThumbnailKey, render
from site_kit.patch import none_match
from site_kit.problems import ProblemError
from site_kit.profile import SiteProfile
from site_kit.query import UuidPath
from site_kit.routes import CurrentCaller
from site_kit.seam import Storage

log = logging.getLogger("site_kit.files")

Range = Annotated[str | None, Header(alias="Range", max_length=200)]
IfRange = Annotated[str | None, Header(alias="If-Range", max_length=200)]
IfNoneMatch = Annotated[str | None, Header(alias="If-None-Match", max_length=2000)]
IfModifiedSince = Annotated[str | None, Header(alias="If-Modified-Since", max_length=64)]
ImageNumber = Annotated[int, Path(alias="imageNumber", ge=0, le=100_000_000)]
Size = Annotated[int, Query(ge=16, le=1024)]


def _label(view: FileView) -> str:
    return " ".join(part.lower() for part in _words(view.resource.name))


def _words(name: str) -> list[str]:
    out: list[str] = []
    for char in name:
        if char.isupper() and out:
            out.append(" ")
        out.append(char)
    return "".join(out).split()


def file_not_found(view: FileView, detail: str | None = None) -> ProblemError:
    return ProblemError(
        404,
        detail
        or f"The {_label(view)} exists but its file does not (absent, unreadable or outside this site's storage).",
        slug="file-not-found",
    )


def _record(storage: Storage, caller: Any, view: FileView, uuid: Any) -> dict[str, Any]:
    body: dict[str, Any] = orjson.loads(storage.get(caller, view.resource, uuid).body)
    return body


def _content_route(router: APIRouter, storage: Storage, files: FilesOptions, view: FileView) -> None:
    @router.get(view.path, operation_id=view.operation_id, response_class=Response)
    def content(
        caller: CurrentCaller,
        uuid: UuidPath,
        range_: Range = None,
        if_range: IfRange = None,
        if_none_match: IfNoneMatch = None,
        if_modified_since: IfModifiedSince = None,
    ) -> Response:
        record = _record(storage, caller, view, uuid)
        recorded = files.locator.recorded_path(caller, view, record)
        path = files.roots.resolve(recorded, what=f"{view.resource.name} {uuid}")
        missing = file_not_found(view)
        if path is None or recorded is None:
            raise missing
        name = recorded.rstrip("/").rpartition("/")[2] or path.name
        return file_response(path, name, Conditions(range_, if_range, if_none_match, if_modified_since), missing)


def _png_label(request: Request) -> str:
    """``image/png``, unless the client's Accept names only ``application/octet-stream`` of the two (declared)."""
    accept = request.headers.get("accept", "")
    if not accept or any(t in accept for t in ("image/png", "image/*", "*/*")):
        return "image/png"
    return "application/octet-stream" if "application/octet-stream" in accept else "image/png"


def _thumbnail_route(router: APIRouter, storage: Storage, files: FilesOptions, view: FileView) -> None:
    declared = view.thumbnail or {}
    percentiles = (
        float(declared.get("lowPercentile", DEFAULT_PERCENTILES[0])),
        float(declared.get("highPercentile", DEFAULT_PERCENTILES[1])),
    )

    @router.get(view.path, operation_id=view.operation_id, response_class=Response)
    def thumbnail(
        request: Request,
        caller: CurrentCaller,
        uuid: UuidPath,
        image_number: ImageNumber,
        size: Size = 256,
        if_none_match: IfNoneMatch = None,
    ) -> Response:
        record = _record(storage, caller, view, uuid)
        first = int(record.get("startImageNumber", 1))
        count = record.get("numberOfImages")
        if image_number < first or (isinstance(count, int) and image_number >= first + count):
            raise file_not_found(view, f"The data collection has no image {image_number}.")
        recorded = files.locator.recorded_path(caller, view, record)
        if recorded is None:
            raise file_not_found(view)
        try:
            source = locate(recorded, image_number - first, image_number, files.roots)
        except (FrameUnavailable, OSError):
            raise file_not_found(view) from None
        key = ThumbnailKey(source, size, percentiles)
        newest = max(source.versions, key=lambda v: v.mtime_ns)
        headers = {"ETag": key.etag, "Last-Modified": newest.last_modified, "Cache-Control": CACHE_CONTROL}
        if if_none_match is not None and none_match(if_none_match, key.etag):
            return Response(status_code=304, headers=headers)
        png = files.cache.get(key)
        if png is None:
            try:
                png = render(read_frame(source, files.roots), size, percentiles)
            except FrameUnavailable as exc:
                reason = "has no such image" if str(exc) == "image" else "is not readable as a diffraction image"
                raise file_not_found(view, f"The data collection's image file {reason}.") from None
            files.cache.put(key, png)
        return Response(png, media_type=_png_label(request), headers=headers)


def router(storage: Storage, profile: SiteProfile, files: FilesOptions) -> APIRouter:
    """The `files` routes of the operations whose record the profile serves."""
    out = APIRouter()
    for view in file_views():
        if not profile.serves(view.resource):
            continue
        if view.thumbnail is not None or "{imageNumber}" in view.path:
            _thumbnail_route(out, storage, files, view)
        else:
            _content_route(out, storage, files, view)
    return out
