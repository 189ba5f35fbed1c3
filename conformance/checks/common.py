"""Helpers the checks share: walking pages, reading records, knowing which records to test with.

"Subjects" are the records a read check works on: the site's fixtures (read-only mode and both modes) and, in
write mode, the records the suite created in the sandbox at the start of the class. A check that tries to change
or delete a record (as a caller who must be refused) takes `own_subjects`: only records the suite created.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import httpx

from conformance.context import CheckContext, RunContext
from conformance.results import Exchange
from conformance.sandbox import Sandbox
from conformance.spec import Collection

PROBLEM_JSON = "application/problem+json"


def fixture_key(collection: Collection) -> str:
    """The fixture-manifest role of one record of this collection (`dataCollectionGroup`, `scalingStatistics`…)."""
    name = collection.record_schema or collection.name
    return name[0].lower() + name[1:]


def sandbox(run: RunContext) -> Sandbox:
    """The sandbox of the class being run."""
    return run.current.sandbox


def subjects(ctx: CheckContext, collection: Collection) -> list[str]:
    """Records of the owner's reach to read: the fixture, then records created for this class."""
    found = []
    fixture = ctx.config.fixtures.get(fixture_key(collection))
    if fixture:
        found.append(fixture)
    found += own_subjects(ctx, collection)
    return list(dict.fromkeys(found))[: max(1, ctx.profile.max_subjects)]


def own_subjects(ctx: CheckContext, collection: Collection) -> list[str]:
    """Records the suite created for this class: the only ones a check may try to change or delete."""
    return ctx.run.current.world.get(collection.name, [])[: max(1, ctx.profile.max_subjects)]


def parent_filter(
    box: Sandbox, collection: Collection, parents: dict[str, str], body: dict[str, Any]
) -> dict[str, str]:
    """A list filter that narrows to the new record's siblings (parent UUID, else the sandbox proposal)."""
    names = {f.name for f in collection.filters}
    for name in box.spec.schema(collection.input_schema).get("required", []):
        if name in names and name.endswith("Uuid") and body.get(name):
            return {name: str(body[name])}
    if "proposalUuid" in names:
        return {"proposalUuid": str(box.run.config.writes.sandbox_proposal)}
    return {}


def world_problem(ctx: CheckContext) -> str:
    errors = ctx.run.current.world_errors
    return f" (creating sandbox records failed: {errors[0]})" if errors else ""


def item_path(collection: Collection, record_uuid: str) -> str:
    return collection.item_path.replace("{uuid}", record_uuid)


def random_uuid(ctx: CheckContext, salt: str) -> str:
    """A UUID no site has: drawn from the seed and the salt, so that a certification run is repeatable."""
    return ctx.run.mint(salt)


@dataclass
class Listing:
    """All pages of one list request, followed by `nextPageToken`."""

    items: list[dict[str, Any]] = field(default_factory=list)
    pages: list[list[dict[str, Any]]] = field(default_factory=list)
    exchanges: list[Exchange] = field(default_factory=list)
    complete: bool = True
    next_links: list[str] = field(default_factory=list)
    error: str | None = None

    def uuids(self) -> list[str]:
        return [str(item.get("uuid")) for item in self.items]


def list_all(
    ctx: CheckContext,
    collection: Collection,
    identity: str | None,
    params: dict[str, Any] | None = None,
    *,
    limit: int | None = None,
    max_pages: int | None = None,
) -> Listing:
    """Walk every page (bounded by `max_pages`); `error` says why the walk stopped early."""
    listing = Listing()
    query: dict[str, Any] = dict(params or {})
    if limit is not None:
        query["limit"] = limit
    pages_left = max_pages or ctx.profile.max_pages
    token: str | None = None
    while True:
        page_query = {**query, **({"pageToken": token} if token else {})}
        response, exchange = ctx.get(collection.path, identity, page_query)
        listing.exchanges.append(exchange)
        if response.status_code != 200:
            listing.error = f"listing answered {response.status_code}"
            listing.complete = False
            return listing
        body = _json(response)
        items = body.get("items") if isinstance(body, dict) else None
        if not isinstance(items, list):
            listing.error = "the page has no `items` array"
            listing.complete = False
            return listing
        listing.pages.append(items)
        listing.items.extend(i for i in items if isinstance(i, dict))
        token = body.get("nextPageToken")
        if body.get("next"):
            listing.next_links.append(str(body["next"]))
        if not token:
            return listing
        pages_left -= 1
        if pages_left <= 0:
            listing.complete = False
            listing.error = "stopped after the page bound"
            return listing


def read(ctx: CheckContext, collection: Collection, record_uuid: str, identity: str) -> tuple[httpx.Response, Exchange]:
    return ctx.get(item_path(collection, record_uuid), identity)


def _json(response: httpx.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return None


def json_body(response: httpx.Response) -> Any:
    return _json(response)


def is_problem(response: httpx.Response) -> str | None:
    """None when the response is a valid RFC 9457 problem for its status; otherwise what is wrong."""
    media = response.headers.get("content-type", "").split(";")[0].strip()
    if media != PROBLEM_JSON:
        return f"content type is {media or 'missing'}, not {PROBLEM_JSON}"
    body = _json(response)
    if not isinstance(body, dict):
        return "the body is not a JSON object"
    missing = [k for k in ("type", "title", "status") if k not in body]
    if missing:
        return "missing " + ", ".join(missing)
    if body.get("status") != response.status_code:
        return f"`status` is {body.get('status')!r} but the HTTP status is {response.status_code}"
    return None


#: The spec's precision guarantee (info.description, "Units and precision"): instants are kept at least to the
#: second, numbers at least to single precision; ISPyB's own DATETIME and FLOAT columns keep no more.
SECOND = 1.0
RELATIVE = 1e-5  # 6 significant digits: what MariaDB returns of a FLOAT column
TINY = 1e-37  # below float32's smallest normal number a value may read back as 0


def _instant(value: Any) -> float | None:
    from datetime import datetime

    if isinstance(value, str) and len(value) >= 19 and value[4:5] == "-" and value[10:11] in "Tt":
        try:
            return datetime.fromisoformat(value.replace("z", "Z").replace("Z", "+00:00")).timestamp()
        except ValueError:
            return None
    return None


def same(sent: Any, stored: Any) -> bool:
    """Whether a stored value is the value written, within the precision the spec guarantees."""
    import math

    if isinstance(sent, bool) or isinstance(stored, bool):
        return sent is stored
    if isinstance(sent, int) and isinstance(stored, int):
        return sent == stored
    if isinstance(sent, int | float) and isinstance(stored, int | float):
        return math.isclose(sent, stored, rel_tol=RELATIVE, abs_tol=TINY)
    sent_instant, stored_instant = _instant(sent), _instant(stored)
    if sent_instant is not None and stored_instant is not None:
        return abs(sent_instant - stored_instant) < SECOND
    if isinstance(sent, list) and isinstance(stored, list):
        if len(sent) != len(stored):
            return False
        if all(isinstance(item, dict) for item in sent):
            # records in an array (strategies, events) are ordered by a key of their own (rank, offset):
            # a site may return them in that order rather than as sent, so match them as a multiset
            left = list(stored)
            for item in sent:
                match = next((i for i, candidate in enumerate(left) if same(item, candidate)), None)
                if match is None:
                    return False
                left.pop(match)
            return True
        return all(same(a, b) for a, b in zip(sent, stored, strict=True))
    if isinstance(sent, dict) and isinstance(stored, dict):
        # what was written must read back; the site may add what it derives (e.g. a strategy's rank)
        return all(k in stored and same(v, stored[k]) for k, v in sent.items() if v is not None)
    return bool(sent == stored)


def differences(sent: dict[str, Any], stored: dict[str, Any]) -> list[str]:
    """Fields whose stored value differs from the value written (beyond the precision the spec guarantees)."""
    found = []
    for name, value in sent.items():
        if value is None:
            continue
        if name not in stored:
            found.append(f"`{name}` was written as {value!r} but is absent")
        elif not same(value, stored[name]):
            found.append(f"`{name}` was written as {value!r} but reads {stored[name]!r}")
    return found
