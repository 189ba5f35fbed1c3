"""The `files` class: content as declared, byte ranges, conditional GET, reach, missing files, traversal, thumbnails.

What the suite knows comes from the spec: each operation's record (`x-file-of`) and the record members naming its
path (`x-file-path`), the media type of each extension (`x-file-media-types` at the root), the thumbnail's
bounds (the `size` parameter). Which records have files is the site's to say, in its fixture manifest:
`<record>WithFile` (`processingAttachmentWithFile`, `dataCollectionAttachmentWithFile`, `sampleImageWithFile`,
`imageWithFile`), `dataCollectionWithImageFiles` for thumbnails and `processingAttachmentWithoutFile` for the 404
of a missing file. Traversal is tried through records the suite writes itself (processing attachments in the
sandbox whose recorded path leads out of wherever the site's real file lies), so it needs writes in `processing`.
"""

from __future__ import annotations

import email.utils
import struct
from dataclasses import dataclass
from typing import Any

import httpx

from conformance.checks.common import item_path, json_body, random_uuid
from conformance.context import CheckContext
from conformance.registry import family
from conformance.results import Exchange
from conformance.sandbox import SetupFailed
from conformance.spec import Operation

FILE_NOT_FOUND = "https://ispyb.org/common-api/problems/file-not-found"
ANY = {"Accept": "*/*"}
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def files_class(conformance_class: str, spec: Any) -> bool:
    return conformance_class == "files"


def _lower_first(name: str) -> str:
    return name[0].lower() + name[1:]


@dataclass(frozen=True)
class Subject:
    """One content operation and the owner's record whose file the site serves."""

    op: Operation
    record_schema: str
    uuid: str

    @property
    def path(self) -> str:
        return self.op.path.replace("{uuid}", self.uuid)


def _collection_of(ctx: CheckContext, schema: str) -> Any:
    return next((c for c in ctx.spec.collections.values() if c.record_schema == schema), None)


def _content_ops(ctx: CheckContext) -> list[Operation]:
    return [op for op in ctx.spec.operations_of("files") if op.raw.get("x-file-of") and "{imageNumber}" not in op.path]


def _subjects(ctx: CheckContext) -> list[Subject]:
    found = []
    for op in _content_ops(ctx):
        schema = str(op.raw["x-file-of"])
        fixture = ctx.config.fixtures.get(f"{_lower_first(schema)}WithFile")
        if fixture:
            found.append(Subject(op, schema, fixture))
    if not found:
        names = ", ".join(f"{_lower_first(str(op.raw['x-file-of']))}WithFile" for op in _content_ops(ctx))
        ctx.not_verified(f"the fixture manifest names no record with a file ({names})")
    ctx.details["covered"] = [s.op.operation_id for s in found]
    ctx.details["uncovered"] = sorted(
        {op.operation_id for op in _content_ops(ctx)} - {s.op.operation_id for s in found}
    )
    return found


def _recorded_name(ctx: CheckContext, subject: Subject) -> str | None:
    """The file name the record states (last segment of its `x-file-path` members joined)."""
    collection = _collection_of(ctx, subject.record_schema)
    if collection is None:
        return None
    response, exchange = ctx.get(item_path(collection, subject.uuid), "owner")
    if not ctx.expect_status(response, exchange, {200}, f"the fixture {subject.record_schema} {subject.uuid}"):
        return None
    body = json_body(response) or {}
    parts = [str(body.get(name, "")) for name in subject.op.raw.get("x-file-path", [])]
    return "/".join(parts).rstrip("/").rpartition("/")[2] or None


def _expected_media(ctx: CheckContext, name: str) -> str:
    declared = ctx.spec.document.get("x-file-media-types", {})
    default = str(declared.get("default", "application/octet-stream"))
    _, dot, extension = name.rpartition(".")
    return str(declared.get("extensions", {}).get(extension.lower(), default)) if dot else default


def _media(response: httpx.Response) -> str:
    return response.headers.get("content-type", "").split(";")[0].strip().lower()


def _problem_type(response: httpx.Response) -> str | None:
    body = json_body(response)
    return str(body.get("type")) if isinstance(body, dict) else None


def _whole(ctx: CheckContext, subject: Subject) -> tuple[httpx.Response | None, Exchange]:
    response, exchange = ctx.request("GET", subject.path, "owner", headers=ANY)
    if not ctx.expect_status(response, exchange, {200}, f"GET {subject.op.path} of the fixture"):
        return None, exchange
    return response, exchange


@family(
    "CONTENT-01",
    "File content and its headers",
    "The content of a record with a file answers 200 with the media type `x-file-media-types` gives the file's "
    "extension (one the operation declares), `Content-Length` equal to the body's length, a strong `ETag`, "
    "`Last-Modified` (an HTTP date), `Content-Disposition` naming the file and `Accept-Ranges: bytes`.",
    applies=files_class,
)
def content(ctx: CheckContext) -> None:
    for subject in _subjects(ctx):
        response, exchange = _whole(ctx, subject)
        if response is None:
            continue
        label = f"GET {subject.op.path}"
        name = _recorded_name(ctx, subject)
        declared = {m.lower() for m in _declared_media(ctx, subject.op)}
        media = _media(response)
        if media not in declared:
            ctx.fail(f"{label}: media type {media!r} is not one the operation declares", exchange)
        if name and media != _expected_media(ctx, name):
            ctx.fail(f"{label}: {name} answered as {media!r}, x-file-media-types says {_expected_media(ctx, name)!r}")
        if response.headers.get("content-length") != str(len(response.content)):
            ctx.fail(
                f"{label}: Content-Length {response.headers.get('content-length')} for {len(response.content)} bytes"
            )
        etag = response.headers.get("etag", "")
        if not etag.startswith('"'):
            ctx.fail(f"{label}: no strong ETag ({etag!r})")
        if _http_date(response.headers.get("last-modified")) is None:
            ctx.fail(f"{label}: Last-Modified {response.headers.get('last-modified')!r} is not an HTTP date")
        disposition = response.headers.get("content-disposition", "")
        if not disposition.startswith(("inline", "attachment")) or (
            name and name.isascii() and name not in disposition
        ):
            ctx.fail(f"{label}: Content-Disposition {disposition!r} does not name {name!r}")
        if response.headers.get("accept-ranges", "").strip().lower() != "bytes":
            ctx.fail(f"{label}: Accept-Ranges is not bytes")


def _declared_media(ctx: CheckContext, op: Operation) -> set[str]:
    response = ctx.spec.resolve(op.raw["responses"]["200"])
    return set(response.get("content", {}))


def _http_date(value: str | None) -> Any:
    if not value:
        return None
    try:
        return email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None


@family(
    "RANGE-01",
    "Byte ranges",
    "`Range: bytes=first-last`, `bytes=-n` and `bytes=first-` answer 206 with exactly those bytes of the file and "
    "`Content-Range: bytes first-last/length`; a range starting at or beyond the end answers 416 (problem+json, "
    "`Content-Range: bytes */length`); several ranges, or `If-Range` with another version's ETag, answer the "
    "whole file (200); `If-Range` with the current ETag honours the range.",
    applies=files_class,
    after=("CONTENT-01",),
)
def ranges(ctx: CheckContext) -> None:
    subject = _subjects(ctx)[0]
    whole, _ = _whole(ctx, subject)
    if whole is None:
        return
    full, etag = whole.content, whole.headers.get("etag", "")
    size = len(full)
    if size < 8:
        ctx.not_verified(f"the fixture's file has {size} bytes: too few to test ranges")
    cases = [
        ("bytes=0-4", 0, 4),
        (f"bytes=-{min(5, size)}", size - min(5, size), size - 1),
        (f"bytes={size - 3}-", size - 3, size - 1),
        (f"bytes=2-{size + 1000}", 2, size - 1),
    ]
    for header, first, last in cases:
        response, exchange = ctx.request("GET", subject.path, "owner", headers={**ANY, "Range": header})
        if not ctx.expect_status(response, exchange, {206}, f"Range {header}"):
            continue
        if response.content != full[first : last + 1]:
            ctx.fail(f"Range {header}: the body is not bytes {first}-{last} of the file", exchange)
        if response.headers.get("content-range") != f"bytes {first}-{last}/{size}":
            ctx.fail(f"Range {header}: Content-Range {response.headers.get('content-range')!r}", exchange)
    response, exchange = ctx.request("GET", subject.path, "owner", headers={**ANY, "Range": f"bytes={size}-"})
    if ctx.expect_status(response, exchange, {416}, f"Range bytes={size}- (beyond the end)"):
        if _media(response) != "application/problem+json":
            ctx.fail("416: not problem+json", exchange)
        if response.headers.get("content-range") != f"bytes */{size}":
            ctx.fail(f"416: Content-Range {response.headers.get('content-range')!r}, not bytes */{size}", exchange)
    response, exchange = ctx.request("GET", subject.path, "owner", headers={**ANY, "Range": "bytes=0-1,4-5"})
    if (
        ctx.expect_status(response, exchange, {200}, "several ranges (ignored: the whole file)")
        and response.content != full
    ):
        ctx.fail("several ranges: the body is not the whole file", exchange)
    stale = {**ANY, "Range": "bytes=0-4", "If-Range": '"conformance-another-version"'}
    response, exchange = ctx.request("GET", subject.path, "owner", headers=stale)
    if ctx.expect_status(response, exchange, {200}, "If-Range with another ETag") and response.content != full:
        ctx.fail("If-Range with another ETag: the body is not the whole file", exchange)
    current = {**ANY, "Range": "bytes=0-4", "If-Range": etag}
    response, exchange = ctx.request("GET", subject.path, "owner", headers=current)
    if ctx.expect_status(response, exchange, {206}, "If-Range with the current ETag") and response.content != full[:5]:
        ctx.fail("If-Range with the current ETag: the body is not bytes 0-4", exchange)


@family(
    "CONDITIONAL-01",
    "Conditional GET of file content",
    "`If-None-Match` with the current ETag answers 304 without a body (with the ETag), another ETag answers 200; "
    "`If-Modified-Since` with the `Last-Modified` answers 304 unless `If-None-Match` is sent and does not match.",
    applies=files_class,
    after=("CONTENT-01",),
)
def conditional(ctx: CheckContext) -> None:
    for subject in _subjects(ctx):
        whole, _ = _whole(ctx, subject)
        if whole is None:
            continue
        etag, modified = whole.headers.get("etag", ""), whole.headers.get("last-modified", "")
        label = f"GET {subject.op.path}"
        response, exchange = ctx.request("GET", subject.path, "owner", headers={**ANY, "If-None-Match": etag})
        if ctx.expect_status(response, exchange, {304}, f"{label} If-None-Match: current ETag"):
            if response.content:
                ctx.fail(f"{label}: 304 with a body", exchange)
            if response.headers.get("etag") != etag:
                ctx.fail(f"{label}: 304 without the current ETag", exchange)
        other = {**ANY, "If-None-Match": '"conformance-other"'}
        response, exchange = ctx.request("GET", subject.path, "owner", headers=other)
        ctx.expect_status(response, exchange, {200}, f"{label} If-None-Match: another ETag")
        if modified:
            since = {**ANY, "If-Modified-Since": modified}
            response, exchange = ctx.request("GET", subject.path, "owner", headers=since)
            ctx.expect_status(response, exchange, {304}, f"{label} If-Modified-Since: Last-Modified")
            both = {**other, "If-Modified-Since": modified}
            response, exchange = ctx.request("GET", subject.path, "owner", headers=both)
            ctx.expect_status(response, exchange, {200}, f"{label} If-None-Match (no match) beats If-Modified-Since")


@family(
    "REACH-01",
    "File content has the record's reach",
    "Another user's file (content or thumbnail of a record outside the caller's reach) answers exactly as a "
    "record that does not exist (404, the same problem type, never the file-not-found of an existing record), "
    "and a request without credentials answers 401.",
    applies=files_class,
)
def reach(ctx: CheckContext) -> None:
    targets = [s.path for s in _subjects(ctx)]
    dc = ctx.config.fixtures.get("dataCollectionWithImageFiles")
    thumbnail = next((op for op in ctx.spec.operations_of("files") if "{imageNumber}" in op.path), None)
    if dc and thumbnail is not None:
        targets.append(thumbnail.path.replace("{uuid}", dc).replace("{imageNumber}", "1"))
    for path in targets:
        ghost = path.replace(path.split("/")[3], random_uuid(ctx, f"files-reach:{path.split('/')[2]}"), 1)
        absent, _ = ctx.request("GET", ghost, "otherUser", headers=ANY)
        response, exchange = ctx.request("GET", path, "otherUser", headers=ANY)
        if ctx.expect_status(response, exchange, {404}, f"otherUser GET {path}"):
            if _problem_type(response) == FILE_NOT_FOUND or _problem_type(response) != _problem_type(absent):
                ctx.fail(
                    f"otherUser GET {path}: the 404 differs from a missing record's (reveals the record)", exchange
                )
            if b"root:" in response.content or len(response.content) > 4000:
                ctx.fail(f"otherUser GET {path}: the 404 carries content", exchange)
        response, exchange = ctx.request("GET", path, None, headers=ANY)
        ctx.expect_status(response, exchange, {401}, f"GET {path} without a token")


@family(
    "MISSING-01",
    "A record whose file is gone",
    "The content of a record within reach whose file does not exist answers 404 with the problem type "
    "`file-not-found` (the record exists, its file does not); a record that does not exist answers 404 with "
    "another type.",
    applies=files_class,
)
def missing(ctx: CheckContext) -> None:
    op = next((o for o in _content_ops(ctx) if o.raw.get("x-file-of") == "ProcessingAttachment"), None)
    fixture = ctx.config.fixtures.get("processingAttachmentWithoutFile")
    if op is None or not fixture:
        ctx.not_verified("the fixture manifest names no processingAttachmentWithoutFile")
    assert op is not None and fixture
    response, exchange = ctx.request("GET", op.path.replace("{uuid}", fixture), "owner", headers=ANY)
    if (
        ctx.expect_status(response, exchange, {404}, "the content of a record whose file does not exist")
        and _problem_type(response) != FILE_NOT_FOUND
    ):
        ctx.fail(f"a missing file answers the problem type {_problem_type(response)!r}, not {FILE_NOT_FOUND}")
    ghost = op.path.replace("{uuid}", random_uuid(ctx, "files-missing"))
    response, exchange = ctx.request("GET", ghost, "owner", headers=ANY)
    if (
        ctx.expect_status(response, exchange, {404}, "the content of a record that does not exist")
        and _problem_type(response) == FILE_NOT_FOUND
    ):
        ctx.fail("a record that does not exist answers file-not-found (as if it existed)", exchange)


def _escapes(directory: str, name: str) -> list[tuple[str, str]]:
    """Recorded (filePath, fileName) pairs leading from the fixture's real directory to /etc/passwd."""
    up = "/".join([".."] * 24)
    encoded = "/".join(["%2e%2e"] * 24)
    return [
        (f"{directory}/{up}/etc", "passwd"),  # .. out of the roots
        ("/etc", "passwd"),  # absolute, elsewhere
        (directory, f"{up}/etc/passwd"),  # .. in the file name
        (f"{directory}/{encoded}/etc", "passwd"),  # percent-encoded (a literal name: no such file)
        (directory, "..%2f..%2f..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd"),  # encoded slashes in the name
        (f"{directory}/./", name),  # control: resolves to the fixture's own file, inside the roots
    ]


@family(
    "TRAVERSAL-01",
    "Paths outside the storage roots",
    "A processing attachment whose recorded path leads outside the site's storage roots (`..` in its directory "
    "or name, an absolute path elsewhere, percent-encoded variants) answers 404 file-not-found and never the "
    "file, while one whose path resolves to a served file through `./` is served; path parameters with encoded "
    "traversal answer 4xx.",
    applies=files_class,
    needs_writes=True,
)
def traversal(ctx: CheckContext) -> None:
    op = next((o for o in _content_ops(ctx) if o.raw.get("x-file-of") == "ProcessingAttachment"), None)
    fixture = ctx.config.fixtures.get("processingAttachmentWithFile")
    collection = _collection_of(ctx, "ProcessingAttachment")
    if op is None or not fixture or collection is None:
        ctx.not_verified("the fixture manifest names no processingAttachmentWithFile")
    assert op is not None and fixture
    if not ctx.run.writes_allowed_in(collection.conformance_class):
        ctx.not_applicable(f"the suite does not write {collection.conformance_class} at this site (writes.classes)")
    response, exchange = ctx.get(item_path(collection, fixture), "owner")
    if not ctx.expect_status(response, exchange, {200}, "the processingAttachmentWithFile fixture"):
        return
    record = json_body(response) or {}
    directory, name = str(record.get("filePath", "")), str(record.get("fileName", ""))
    reference, _ = ctx.request("GET", op.path.replace("{uuid}", fixture), "owner", headers=ANY)
    box = ctx.run.current.sandbox
    try:
        parents = box.parents_for(collection)
    except SetupFailed as exc:
        ctx.not_verified(f"cannot create a processing attachment in the sandbox: {exc}")
        return
    tried = 0
    for file_path, file_name in _escapes(directory, name):
        body = {**box.payload(collection, parents), "filePath": file_path[:255], "fileName": file_name[:255]}
        try:
            created = box.create(collection, parents, body=body)
        except SetupFailed as exc:
            ctx.fail(f"a processing attachment with filePath {file_path!r} could not be written: {exc}")
            continue
        tried += 1
        path = op.path.replace("{uuid}", created.uuid)
        response, exchange = ctx.request("GET", path, "owner", headers=ANY)
        what = f"content of an attachment recorded as {file_path}/{file_name}"
        if file_name == name and file_path.endswith("/./"):
            if ctx.expect_status(response, exchange, {200}, what) and response.content != reference.content:
                ctx.fail(f"{what}: not the fixture's file", exchange)
            continue
        if ctx.expect_status(response, exchange, {404}, what) and _problem_type(response) != FILE_NOT_FOUND:
            ctx.fail(f"{what}: answers {_problem_type(response)!r}, not file-not-found", exchange)
        if b"root:" in response.content:
            ctx.fail(f"{what}: the answer carries /etc/passwd", exchange)
    base = op.path.split("{uuid}")[0]
    for raw in ("..%2F..%2F..%2F..%2Fetc%2Fpasswd", "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "..%252f..%252fetc%252fpasswd"):
        response, exchange = ctx.request("GET", f"{base}{raw}/content", "owner", headers=ANY)
        if not 400 <= response.status_code < 500 or b"root:" in response.content:
            ctx.fail(f"GET {base}{raw}/content answered {response.status_code}", exchange)
    ctx.details["recordsTried"] = tried


def _png_size(data: bytes) -> tuple[int, int] | None:
    if not data.startswith(PNG_SIGNATURE) or data[12:16] != b"IHDR":
        return None
    width, height = struct.unpack(">II", data[16:24])
    return int(width), int(height)


@family(
    "THUMBNAIL-01",
    "Thumbnails of diffraction images",
    "The thumbnail of the first image of a data collection with image files is a PNG (`image/png`, or "
    "`application/octet-stream` for a client accepting only that) whose longer side is the `size` asked for, "
    "with an ETag that answers 304 on `If-None-Match`; a `size` outside the declared bounds answers 422 naming "
    "`/query/size`; an image number beyond the collection's images answers 404.",
    applies=files_class,
)
def thumbnails(ctx: CheckContext) -> None:
    op = next((o for o in ctx.spec.operations_of("files") if "{imageNumber}" in o.path), None)
    fixture = ctx.config.fixtures.get("dataCollectionWithImageFiles")
    collection = _collection_of(ctx, "DataCollection")
    if op is None or not fixture or collection is None:
        ctx.not_verified("the fixture manifest names no dataCollectionWithImageFiles")
    assert op is not None and fixture
    response, exchange = ctx.get(item_path(collection, fixture), "owner")
    if not ctx.expect_status(response, exchange, {200}, "the dataCollectionWithImageFiles fixture"):
        return
    record = json_body(response) or {}
    first = int(record.get("startImageNumber", 1))
    size_param = next(p for p in op.raw["parameters"] if p.get("name") == "size")
    bounds = size_param["schema"]
    path = op.path.replace("{uuid}", fixture).replace("{imageNumber}", str(first))
    response, exchange = ctx.get(path, "owner", {"size": 64})
    if ctx.expect_status(response, exchange, {200}, f"thumbnail of image {first}"):
        dims = _png_size(response.content)
        if _media(response) != "image/png" or dims is None:
            ctx.fail(f"thumbnail of image {first}: not a PNG ({_media(response)})", exchange)
        elif max(dims) != 64:
            ctx.fail(f"thumbnail of image {first}: {dims[0]}×{dims[1]}, the longer side is not 64", exchange)
        etag = response.headers.get("etag", "")
        again, exchange = ctx.request("GET", path, "owner", params={"size": 64}, headers={"If-None-Match": etag})
        ctx.expect_status(again, exchange, {304}, "thumbnail If-None-Match: its ETag")
    octet, exchange = ctx.request("GET", path, "owner", headers={"Accept": "application/octet-stream"})
    if ctx.expect_status(octet, exchange, {200}, "thumbnail for Accept: application/octet-stream") and (
        _media(octet) != "application/octet-stream" or _png_size(octet.content) is None
    ):
        ctx.fail("thumbnail for Accept: application/octet-stream: not labelled so, or not a PNG", exchange)
    for size in (int(bounds["minimum"]) - 1, int(bounds["maximum"]) + 1):
        response, exchange = ctx.get(path, "owner", {"size": size})
        if ctx.expect_status(response, exchange, {422}, f"thumbnail size={size}"):
            pointers = [e.get("pointer") for e in (json_body(response) or {}).get("errors", [])]
            if "/query/size" not in pointers:
                ctx.fail(f"thumbnail size={size}: errors do not point at /query/size", exchange)
    count = record.get("numberOfImages")
    if isinstance(count, int):
        beyond = op.path.replace("{uuid}", fixture).replace("{imageNumber}", str(first + count))
        response, exchange = ctx.get(beyond, "owner")
        ctx.expect_status(response, exchange, {404}, f"thumbnail of image {first + count} (beyond the collection)")
