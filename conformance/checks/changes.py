"""The `changes` class: the feed lists every write the suite made, in order, and nothing out of reach.

The runner records the feed's end for staff and for the other proposal's user before the first write of the run
(`record_heads`); the HTTP client keeps every write the site acknowledged. When the class runs (after every class
that writes), the staff feed from that point must hold an entry for each acknowledged write that made a new
version (same UUID, kind and ETag as answered), in the order the suite made them; a write to a record of the
sandbox proposal must not be listed to the other user. A probe write then measures that a write is listed
within the spec's bound (`x-change-feed.visibilitySeconds`).
"""

from __future__ import annotations

import time
from typing import Any

from conformance.checks.common import item_path
from conformance.context import CheckContext, RunContext
from conformance.http import AckedWrite
from conformance.registry import family
from conformance.sandbox import SetupFailed
from conformance.spec import SpecIndex

PATH = "/v1/changes"
MAX_PAGES = 2000


def feed_class(conformance_class: str, spec: SpecIndex) -> bool:
    return conformance_class == "changes" and spec.operation("GET", PATH) is not None


def rules(spec: SpecIndex) -> dict[str, Any]:
    op = spec.operation("GET", PATH)
    found: dict[str, Any] = op.raw.get("x-change-feed", {}) if op else {}
    return found


def record_heads(run: RunContext) -> None:
    """The feed's current end for staff and the other proposal's user (before the run writes anything)."""
    for identity in ("staff", "otherUser"):
        if identity not in run.config.identities:
            continue
        response, _ = run.client.request("GET", PATH, identity=identity, params={"startAt": "LATEST"})
        if response.status_code == 200:
            token = response.json().get("nextPageToken")
            if isinstance(token, str):
                run.change_heads[identity] = token


def read_feed(ctx: CheckContext, identity: str, token: str | None) -> tuple[list[dict[str, Any]], str | None]:
    """Every entry after `token`; a finding (and what was read) when a page is not a valid feed page."""
    items: list[dict[str, Any]] = []
    for _ in range(MAX_PAGES):
        params: dict[str, Any] = {"limit": 1000, **({"pageToken": token} if token else {})}
        response, exchange = ctx.get(PATH, identity, params)
        if not ctx.expect_status(response, exchange, {200}, f"GET {PATH} as {identity}"):
            return items, None
        page = ctx.json(response, exchange, f"GET {PATH}")
        if not isinstance(page, dict) or not isinstance(page.get("nextPageToken"), str):
            ctx.fail(f"GET {PATH}: every page carries nextPageToken (the position after it)", exchange)
            return items, None
        entries = page.get("items") or []
        sequences = [e.get("sequence") for e in entries]
        if sequences != sorted(sequences) or len(set(sequences)) != len(sequences):
            ctx.fail(f"GET {PATH}: entries are not in growing sequence order", exchange)
        if items and entries and entries[0].get("sequence", 0) <= items[-1].get("sequence", 0):
            ctx.fail(f"GET {PATH}: a page repeats or precedes the previous one", exchange)
        items += entries
        if not entries:
            return items, page["nextPageToken"]
        token = page["nextPageToken"]
    ctx.fail(f"GET {PATH}: more than {MAX_PAGES} pages")
    return items, token


def expected_changes(writes: list[AckedWrite]) -> list[tuple[str, str, str | None, AckedWrite]]:
    """(uuid, kind, etag, write) the feed must hold, in order; a write that made no new version adds nothing."""
    last: dict[str, str | None] = {}
    out: list[tuple[str, str, str | None, AckedWrite]] = []
    for write in writes:
        if not write.path.startswith("/v1/") or write.uuid is None:
            continue
        if write.method == "DELETE":
            out.append((write.uuid, "DELETED", None, write))
            last[write.uuid] = None
            continue
        if write.etag is None or last.get(write.uuid) == write.etag:
            continue  # an identical replace: the same version, already listed
        out.append((write.uuid, "CREATED" if write.status == 201 else "UPDATED", write.etag, write))
        last[write.uuid] = write.etag
    return out


@family(
    "FEED-01",
    "The feed's pages, tokens and refusals",
    "`GET /v1/changes` answers pages whose entries grow in `sequence`, each page with a `nextPageToken`, also an "
    "empty one (`startAt=LATEST`); a token used with other `collections` answers 400 naming `/query/pageToken`, an "
    "unserved collection 422 naming `/query/collections`, no token 401; the spec states the retention and the "
    "visibility bound as data (`x-change-feed`).",
    applies=feed_class,
)
def feed_shape(ctx: CheckContext) -> None:
    bound = rules(ctx.spec)
    if not isinstance(bound.get("retentionSeconds"), int) or not isinstance(bound.get("visibilitySeconds"), int):
        ctx.fail("the spec's listChanges states no x-change-feed retentionSeconds and visibilitySeconds")
    response, exchange = ctx.get(PATH, "staff", {"startAt": "LATEST"})
    if not ctx.expect_status(response, exchange, {200}, "GET /v1/changes?startAt=LATEST"):
        return
    page = ctx.json(response, exchange, "the feed's end")
    if not isinstance(page, dict) or page.get("items") != [] or not page.get("nextPageToken"):
        ctx.fail("startAt=LATEST answers an empty page with a nextPageToken", exchange)
        return
    read_feed(ctx, "staff", page["nextPageToken"])
    collections = sorted(c.name for c in ctx.spec.collections.values() if c.conformance_class in ctx.run.claimed)
    if collections:
        response, exchange = ctx.get(PATH, "staff", {"startAt": "LATEST", "collections": collections[0]})
        token = response.json().get("nextPageToken") if response.status_code == 200 else None
        if token and len(collections) > 1:
            response, exchange = ctx.get(PATH, "staff", {"pageToken": token, "collections": collections[1]})
            if ctx.expect_status(response, exchange, {400}, "a token used with other collections"):
                _names(ctx, response, exchange, "/query/pageToken")
    response, exchange = ctx.get(PATH, "staff", {"collections": "no-such-collection"})
    if ctx.expect_status(response, exchange, {422}, "an unserved collection"):
        _names(ctx, response, exchange, "/query/collections")
    response, exchange = ctx.get(PATH, None)
    ctx.expect_status(response, exchange, {401}, "GET /v1/changes without a token")


def _names(ctx: CheckContext, response: Any, exchange: Any, pointer: str) -> None:
    errors = ctx.json(response, exchange, "the problem") or {}
    if pointer not in [e.get("pointer") for e in errors.get("errors", []) if isinstance(e, dict)]:
        ctx.fail(f"the problem does not name {pointer}", exchange)


@family(
    "WRITES-01",
    "Every write of the run is listed, in order, within the bound; nothing of the sandbox to others",
    "Every write the site acknowledged during the run (201/200 with a new ETag, 204 DELETE) is in the staff feed "
    "after the position read before the run's first write, with the record's UUID, the kind (CREATED, UPDATED, "
    "DELETED) and the ETag answered, in the order the suite made them; none of the records of the sandbox "
    "proposal is listed to the other proposal's user, deletes included; a new write is listed within "
    "`x-change-feed.visibilitySeconds`.",
    needs_writes=True,
    applies=feed_class,
    after=("FEED-01",),
)
def writes_listed(ctx: CheckContext) -> None:
    start = ctx.run.change_heads.get("staff")
    if start is None:
        ctx.not_verified("the feed's end could not be read before the run's first write")
    _probe(ctx)
    writes = list(ctx.client.acknowledged)
    expected = expected_changes(writes)
    items, _ = read_feed(ctx, "staff", start)
    position = 0
    for entry in items:
        if position == len(expected):
            break
        uuid, kind, etag, _write = expected[position]
        same = str(entry.get("uuid", "")).lower() == uuid and entry.get("kind") == kind
        if same and (kind == "DELETED" or entry.get("etag") == etag):
            position += 1
    ctx.details.update(acknowledgedWrites=len(writes), expectedChanges=len(expected), feedEntries=len(items))
    if position < len(expected):
        uuid, kind, etag, write = expected[position]
        present = any(str(e.get("uuid", "")).lower() == uuid and e.get("kind") == kind for e in items)
        where = "listed out of order or with another ETag" if present else "not listed"
        ctx.fail(
            f"{write.method} {write.path} ({write.status}, ETag {etag}) is {where}: the feed must hold a {kind} "
            f"entry for it after the previous write's ({position} of {len(expected)} writes matched in order)"
        )
    other = ctx.run.change_heads.get("otherUser")
    proposal = ctx.config.writes.sandbox_proposal
    if other is None or not proposal:
        return
    sandbox = {w.uuid for w in writes if w.proposal == proposal and w.uuid}
    seen, _ = read_feed(ctx, "otherUser", other)
    leaked = sorted({str(e.get("uuid", "")).lower() for e in seen} & sandbox)
    if leaked:
        ctx.fail(f"the other proposal's user is listed {len(leaked)} change(s) of sandbox records, e.g. {leaked[0]}")


def _probe(ctx: CheckContext) -> None:
    """Create and delete one record; each change must be listed within the spec's bound."""
    bound = float(rules(ctx.spec).get("visibilitySeconds", 10))
    sandbox = ctx.run.current.sandbox
    claimed = [c for c in ctx.spec.collections.values() if c.conformance_class in ctx.run.claimed]
    usable = sandbox.chain(claimed)
    if not usable:
        ctx.details["probe"] = "no collection the suite may write"
        return
    collection = usable[0]
    response, exchange = ctx.get(PATH, "staff", {"startAt": "LATEST"})
    if response.status_code != 200:
        ctx.fail("GET /v1/changes?startAt=LATEST did not answer 200", exchange)
        return
    token = response.json()["nextPageToken"]
    try:
        created = sandbox.create(collection, sandbox.parents_for(collection))
    except SetupFailed as exc:
        ctx.not_verified(f"the probe record could not be created: {exc}")
    waited = _wait_for(ctx, token, created.uuid, "CREATED", bound)
    response, exchange = ctx.request("DELETE", item_path(collection, created.uuid), created.identity)
    if response.status_code == 204:
        sandbox.forget(created.uuid)
        waited = max(waited, _wait_for(ctx, token, created.uuid, "DELETED", bound))
    ctx.details["probeSecondsToListed"] = round(waited, 3)


def _wait_for(ctx: CheckContext, token: str, record: str, kind: str, bound: float) -> float:
    started = time.monotonic()
    while True:
        items, _ = read_feed(ctx, "staff", token)
        if any(str(e.get("uuid", "")).lower() == record.lower() and e.get("kind") == kind for e in items):
            return time.monotonic() - started
        if time.monotonic() - started > bound:
            ctx.fail(f"a {kind} change of {record} is not listed within {bound:.0f} s (x-change-feed)")
            return time.monotonic() - started
        time.sleep(0.2)
